"""``{% unread_notifications as n %}``: the signed-in user's unread count for the bell, from the
cache only: a page makes no query for it. ``None`` when not cached: the bell then loads its
figure once with htmx (``notifications:bell``), which counts and caches it."""

from django import template

from cjm.notifications.selectors import unread_count_cached

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int | None:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None:
        return 0
    return unread_count_cached(user=user)
