"""Types the services and selectors of every slice share."""

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User

#: Who makes a write: a signed-in user, or None for the system itself (management commands,
#: Celery tasks, migrations), which no role check stops.
Actor: TypeAlias = User | None

#: Whose reads: the request's user; an anonymous user is a member of no workspace and sees
#: nothing.
Reader: TypeAlias = User | AnonymousUser
