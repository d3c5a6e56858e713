"""Invitations: an admin invites people by e-mail; whoever opens the link in time joins.

``invitation_create`` / ``invitation_resend`` send the mail after the commit; accepting
(``invitation_accept``, or ``invitation_signup`` for someone new) sends ``invitation_accepted``
(``cjm.accounts.signals``) after the commit too.
"""

import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cjm.accounts.models import Invitation, UserPreference
from cjm.accounts.signals import invitation_accepted
from cjm.core import positions
from cjm.core.changes import CREATED, record_object
from cjm.core.mail import mail_subject
from cjm.core.permissions import forget_roles, require_role
from cjm.core.roles import Role
from cjm.core.tenancy import Membership, Workspace
from cjm.core.typing import Actor


class InvitationGone(Exception):
    """The invitation was accepted, revoked or has expired (410)."""

    def __init__(self, invitation: Invitation):
        self.invitation = invitation
        super().__init__(invitation.status)


def split_emails(text: str) -> list[str]:
    """Addresses separated by commas, semicolons, spaces or new lines; duplicates dropped."""
    seen: dict[str, None] = {}
    for part in re.split(r"[,;\s]+", text or ""):
        if part:
            seen.setdefault(part.strip().lower(), None)
    return list(seen)


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def invitation_url(invitation: Invitation, base_url: str = "") -> str:
    base = (settings.CJM_SITE_URL or base_url).rstrip("/")
    return base + reverse("cjm:invitation_detail", kwargs={"token": invitation.token})


def _mail_language(invitation: Invitation) -> str:
    """The invitee's saved language if they have an account, else the inviter's, else the
    site's default."""
    invitee = UserPreference.objects.filter(
        user__email__iexact=invitation.email, user__is_active=True
    ).exclude(language="")
    language = invitee.values_list("language", flat=True).first()
    if not language and invitation.invited_by_id is not None:
        inviter = UserPreference.objects.filter(user_id=invitation.invited_by_id)
        language = inviter.exclude(language="").values_list("language", flat=True).first()
    return language or settings.LANGUAGE_CODE


def _send(invitation: Invitation, base_url: str) -> None:
    url = invitation_url(invitation, base_url)
    with translation.override(_mail_language(invitation)):
        context = {"invitation": invitation, "url": url, "workspace": invitation.workspace}
        body = render_to_string("accounts/email/invitation.txt", context)
        subject = _("Invitation to the workspace “%(name)s”") % {"name": invitation.workspace.name}
    send_mail(mail_subject(subject), body, None, [invitation.email], fail_silently=False)


def _mail_on_commit(invitation: Invitation, base_url: str) -> None:
    # robust: the invitation is stored; a mail server that fails is logged, not a 500 (resend).
    transaction.on_commit(lambda: _send(invitation, base_url), robust=True)


@transaction.atomic
def invitation_create(
    *, actor: Actor, workspace: Workspace, emails, role: str, base_url: str = ""
) -> list[Invitation]:
    """Invite one or many addresses (a list, or text separated by commas or new lines) with
    ``role``. Each is validated; none is invited unless all are valid. A pending invitation to the
    same address is replaced (the old link stops working)."""
    require_role(actor, workspace.pk, Role.ADMIN)
    addresses = split_emails(emails) if isinstance(emails, str) else split_emails(" ".join(emails))
    if not addresses:
        raise ValidationError({"email": [_("Enter at least one e-mail address.")]})
    if role not in Role.values:
        raise ValidationError({"role": [_("Choose one of the offered roles.")]})
    errors = []
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            errors.append(_("“%(email)s” is not a valid e-mail address.") % {"email": address})
    members = set()
    if not errors:
        members = set(
            workspace.memberships.annotate(address=Lower("user__email"))
            .filter(address__in=addresses)
            .values_list("address", flat=True)
        )
    for address in sorted(members):
        errors.append(_("%(email)s is already a member of this workspace.") % {"email": address})
    if errors:
        raise ValidationError({"email": errors})
    now = timezone.now()
    Invitation.objects.filter(
        workspace=workspace, email__in=addresses, accepted_at=None, revoked_at=None
    ).update(revoked_at=now, updated_at=now)
    created = []
    for address in addresses:
        invitation = Invitation(
            workspace=workspace, email=address, role=role, token=_new_token(), invited_by=actor
        )
        invitation.full_clean()
        invitation.save()
        _mail_on_commit(invitation, base_url)
        created.append(invitation)
    return created


def _require_pending_for_admin(actor: Actor, invitation: Invitation) -> None:
    require_role(actor, invitation.workspace_id, Role.ADMIN)
    if invitation.accepted_at or invitation.revoked_at:
        raise ValidationError({"invitation": [_("This invitation was already used or revoked.")]})


@transaction.atomic
def invitation_resend(*, actor: Actor, invitation: Invitation, base_url: str = "") -> Invitation:
    """Mail the invitation again with a new link and a new expiry (the old link stops working)."""
    _require_pending_for_admin(actor, invitation)
    invitation.token = _new_token()
    invitation.expires_at = timezone.now() + timedelta(days=settings.CJM_INVITATION_DAYS)
    invitation.save(update_fields=["token", "expires_at", "updated_at"])
    _mail_on_commit(invitation, base_url)
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: Actor, invitation: Invitation) -> Invitation:
    _require_pending_for_admin(actor, invitation)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    return invitation


def _lock_pending(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("workspace", "invited_by")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise Invitation.DoesNotExist
    if invitation.status != "pending":
        raise InvitationGone(invitation)
    return invitation


def _join(invitation: Invitation, user: User) -> Membership:
    positions.lock(Workspace, invitation.workspace_id)
    membership = Membership.objects.filter(workspace_id=invitation.workspace_id, user=user).first()
    if membership is None:
        membership = Membership.objects.create(
            workspace_id=invitation.workspace_id, user=user, role=invitation.role
        )
        forget_roles(user)
        record_object(
            user,
            membership,
            CREATED,
            workspace_id=invitation.workspace_id,
            object_repr=f"{user.get_username()} ({membership.role})",
            fields={"role": {"old": None, "new": membership.role}},
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    transaction.on_commit(
        lambda: invitation_accepted.send(
            sender=Invitation,
            invitation=invitation,
            user=user,
            workspace=invitation.workspace,
            inviter=invitation.invited_by,
        )
    )
    return membership


@transaction.atomic
def invitation_accept(*, user: User, token: str) -> Membership:
    """``user`` (signed in) joins with the invitation's role. Someone already a member keeps
    their role. Raises ``Invitation.DoesNotExist`` for an unknown token, ``InvitationGone`` for a
    used, revoked or expired one."""
    if user is None or not user.is_authenticated:
        raise ValidationError(_("Sign in first."))
    return _join(_lock_pending(token), user)


@transaction.atomic
def invitation_signup(
    *, token: str, username: str, password: str, first_name: str = "", last_name: str = ""
) -> tuple[User, Membership]:
    """Someone new: create their account (with the invited e-mail) and join."""
    invitation = _lock_pending(token)
    user = user_signup(
        username=username,
        password=password,
        email=invitation.email,
        first_name=first_name,
        last_name=last_name,
    )
    return user, _join(invitation, user)


@transaction.atomic
def user_signup(
    *, username: str, password: str, email: str, first_name: str = "", last_name: str = ""
) -> User:
    """A new account (an invitation's, or the open sign-up page's when ``CJM_OPEN_SIGNUP``)."""
    model = get_user_model()
    user = model(username=username, email=email, first_name=first_name, last_name=last_name)
    errors: dict[str, list] = {}
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if model.objects.filter(username__iexact=username).exists():
        errors.setdefault("username", [_("This username is taken.")])
    try:
        validate_password(password, user)
    except ValidationError as error:
        errors["password"] = error.messages
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    return user
