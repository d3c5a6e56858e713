"""Reads of share links and templates, scoped by workspace membership (another workspace's
object is a 404); a shared map is found by its token alone."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from cjm.core.scoping import member_workspace_ids
from cjm.core.typing import Reader
from cjm.models import Journey
from cjm.selectors.journeys import map_prefetches

from . import builtin
from .models import JourneyTemplate, ShareLink


def share_link_list(*, user: Reader, journey: Journey) -> QuerySet[ShareLink]:
    """The links of one map (revoked ones included), newest first, with who made them."""
    return ShareLink.objects.filter(
        journey=journey, journey__workspace_id__in=member_workspace_ids(user)
    ).select_related("created_by", "revoked_by")


def share_link_get(*, user: Reader, pk: int) -> ShareLink:
    link = (
        ShareLink.objects.filter(journey__workspace_id__in=member_workspace_ids(user), pk=pk)
        .select_related("journey")
        .first()
    )
    if link is None:
        raise Http404("No such share link.")
    return link


def live_share_link_get(*, token: str) -> ShareLink:
    """The link of ``token`` when it is neither revoked nor expired (else 404)."""
    link = (
        ShareLink.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("journey")
        .first()
    )
    if link is None or not link.is_live(timezone.now()):
        raise Http404("No such share link.")
    return link


def share_link_unlocked(*, session, link: ShareLink) -> bool:
    """True when ``link`` has no password, or ``session`` holds the proof that it was given
    (what the share page stores once the password was right; void when the password changes)."""
    if not link.has_password:
        return True
    stored = session.get(f"cjm_share_unlocked_{link.pk}", "") if session is not None else ""
    expected = salted_hmac("cjm.sharing.unlock", f"{link.token}:{link.password}").hexdigest()
    return constant_time_compare(stored, expected)


def shared_journey_get(*, link: ShareLink) -> Journey:
    """The whole map of a live link in a constant number of queries (the map's own
    prefetches), whoever asks: the token is the permission."""
    return (
        Journey.objects.filter(pk=link.journey_id)
        .select_related("workspace")
        .prefetch_related(*map_prefetches())
        .get()
    )


def journey_template_list(*, user: Reader, workspace_id: int | None = None) -> QuerySet:
    """The saved templates of the user's workspaces (or of one of them)."""
    templates = JourneyTemplate.objects.filter(workspace_id__in=member_workspace_ids(user))
    if workspace_id is not None:
        templates = templates.filter(workspace_id=workspace_id)
    return templates


def builtin_template_list(language: str | None = None) -> list[dict]:
    """The built-in templates as the API lists them (both languages, or one)."""
    languages = [language] if language in builtin.LANGUAGES else list(builtin.LANGUAGES)
    return [
        {
            "id": f"{key}:{lang}",
            "key": key,
            "name": builtin.builtin_name(key, lang),
            "language": lang,
            "builtin": True,
            "workspace": None,
            "stages": [s["name"] for s in builtin.builtin_structure(key, lang)["stages"]],
        }
        for key in builtin.TEMPLATES
        for lang in languages
    ]


def template_item(template: JourneyTemplate) -> dict:
    return {
        "id": str(template.pk),
        "key": str(template.pk),
        "name": template.name,
        "language": template.language,
        "builtin": False,
        "workspace": template.workspace_id,
        "stages": [s.get("name", "") for s in template.structure.get("stages", [])],
    }


def template_choices(*, workspace_id: int, language: str) -> list:
    """The new-map form's choices: blank, the built-in templates (their content in
    ``language``) and the workspace's own templates."""
    language = language if language in builtin.LANGUAGES else "en"
    choices: list = [("", _("Blank map with the standard lanes"))]
    choices.append(
        (
            _("Built-in templates"),
            [(key, builtin.builtin_name(key, language)) for key in builtin.TEMPLATES],
        )
    )
    own = list(JourneyTemplate.objects.filter(workspace_id=workspace_id).values_list("pk", "name"))
    if own:
        choices.append((_("This workspace's templates"), [(str(pk), name) for pk, name in own]))
    return choices
