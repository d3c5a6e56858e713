"""``{% unread_notifications as n %}``: the signed-in user's unread count, for the bell (cached
per person: at most one query per page)."""

from django import template

from cjm.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None:
        return 0
    if request is not None:
        cached = getattr(request, "_unread_notifications", None)
        if cached is None:
            cached = request._unread_notifications = unread_count(user=user)
        return cached
    return unread_count(user=user)
