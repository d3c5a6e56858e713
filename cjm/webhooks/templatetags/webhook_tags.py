from django import template

from cjm.core.permissions import has_role
from cjm.core.roles import Role

register = template.Library()


@register.filter
def manages_webhooks(user, workspace) -> bool:
    """``{% if user|manages_webhooks:workspace %}``: the workspace's admins only."""
    return workspace is not None and has_role(user, workspace.pk, Role.ADMIN)
