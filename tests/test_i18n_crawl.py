"""Every page of the demo, read by a Russian user, is in Russian.

A small demo (the demo builder at a small scale, history included, so the feedback and funnel
pages have content) is crawled as its admin with Russian chosen: every page the top navigation
reaches, then one page of each kind linked from those (a list's first detail page, a journey's
forms, a feedback sub-page...), three clicks deep, and one htmx partial of each kind those pages
load (``hx-get``: the inline edit forms, the new-touchpoint box). The visible text of each
page (text nodes outside scripts and styles, plus the titles, placeholders, labels and alt texts
a reader meets) fails the test when it holds

- a msgid of the Russian catalogues (locale/ and feedback/locale/) shown as it is, although the
  catalogue translates it (a string that was not marked for translation, or a label Django made
  from a field name: exactly how the review and response filters stayed English);
- a known English UI word (a short list for words the catalogue may lack: field labels made
  from field names, "Any", month names in dates).

Text typed by people (the demo's English map, names, answers, reviews) is not UI: every name and
text stored in the demo is left out of the comparison, except the default names of standard
lanes (the demo's English map keeps them: a Russian reader must see them in Russian).
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import get_language_info

from cjm.accounts.models import UserPreference
from cjm.choices import lane_default_names
from cjm.models import Lane
from tests.cjm.demo_helpers import seeded_demo
from tests.test_i18n import ROOT, parse_po

CATALOGUES = [
    ROOT / "locale" / "ru" / "LC_MESSAGES" / "django.po",
    ROOT / "feedback" / "locale" / "ru" / "LC_MESSAGES" / "django.po",
]
# Words a Russian page must not show even if no catalogue has them (whole text of an element,
# e.g. a form label Django made from a field name).
KNOWN_ENGLISH = {
    "Any", "Kind", "Survey", "Source", "Grade", "Sentiment", "Touchpoint", "Stage", "Journey",
    "Channel", "Segment", "Persona", "Status", "Name", "Title", "Description", "Owner", "Team",
    "Save", "Cancel", "Delete", "Edit", "Filter", "Search", "Apply", "Reset", "Next", "Previous",
    "Download", "Export", "Import", "Customer", "Date", "From", "To", "Trust level", "Score",
}  # fmt: skip
# Each language is offered under its own name ("English", "Русский"): people look for their own.
SELF_NAMED = {get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES}
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
ENGLISH_DATE = re.compile(
    rf"\b\d{{1,2}} (?:{MONTHS})[a-z]*\.? \d{{4}}\b|\b(?:{MONTHS})[a-z]*\.? \d"
)
# Attributes whose text a reader meets (screen readers included).
READ_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "data-confirm"}
SKIP_TAGS = {"script", "style", "textarea", "code", "pre"}
# Not pages of the product, or not HTML (downloads), or links that change state by GET.
SKIP_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/accounts/logout", "/i18n/")
SKIP_SUFFIXES = (".csv", ".json", ".xlsx", ".pdf", "/export/", "/download/")
MAX_PAGES = 80
# Pages for respondents, not members: in the survey's language unless ?lang= asks for one.
PUBLIC_ROUTES = {"feedback:public_answer"}


class Texts(HTMLParser):
    """Visible text nodes and read attributes of a page, whitespace collapsed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[str] = []
        self.partials: list[str] = []  # hx-get: drawers, inline forms, menus loaded on demand
        self.skipping = 0
        self.foreign: list[str] = []  # open elements marked lang="en" (the language switch)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if values.get("hx-get"):
            self.partials.append(values["hx-get"])
        if values.get("lang") and not values["lang"].startswith("ru"):
            self.foreign.append(tag)  # English on purpose, and said so
            self.skipping += 1
            return
        if tag in SKIP_TAGS:
            self.skipping += 1
        for name, value in attrs:
            if value and name in READ_ATTRIBUTES:
                self.texts.append(value)
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.texts.append(values["value"])

    def handle_endtag(self, tag):
        if self.foreign and self.foreign[-1] == tag:
            self.foreign.pop()
            self.skipping -= 1
        elif tag in SKIP_TAGS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.texts.append(data)


def clean(text: str) -> str:
    return " ".join(text.split()).strip(" :*·•—–|")


def catalogue_msgids() -> set[str]:
    """Msgids the Russian catalogues translate into something else."""
    found = set()
    for path in CATALOGUES:
        for entry in parse_po(path):
            if "msgid_plural" in entry or entry["msgstr"].get(0) == entry["msgid"]:
                continue
            if "%" in entry["msgid"] or "{" in entry["msgid"]:
                continue  # placeholders: the page never shows the msgid as it is
            found.add(clean(entry["msgid"]))
    return {text for text in found if len(text) > 1}


def stored_texts(workspace) -> set[str]:
    """Every short text the demo stored (names, titles, answers...): what people typed."""
    texts = set()
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        if not fields or model._meta.app_label in ("admin", "sessions", "contenttypes", "auth"):
            continue
        for row in model.objects.values_list(*fields)[:5000]:
            texts.update(clean(value) for value in row if isinstance(value, str))
    for first, last, username in get_user_model().objects.values_list(
        "first_name", "last_name", "username"
    ):
        texts.update({clean(f"{first} {last}"), first, last, username})
    # A standard lane that kept its default name is UI, not typed text: it must read in Russian.
    defaults = {
        name for kind, name in Lane.objects.values_list("kind", "name")
        if name in lane_default_names(kind)
    }  # fmt: skip
    return texts - defaults


def page_problems(texts: list[str], msgids: set[str], typed: set[str]) -> list[str]:
    problems = []
    for raw in texts:
        text = clean(raw)
        if not text or text in typed or text in SELF_NAMED:
            continue
        if text in msgids or text in KNOWN_ENGLISH:
            problems.append(text)
        elif ENGLISH_DATE.search(text):
            problems.append(f"date: {text}")
    return problems


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with seeded_demo(django_db_blocker, "--scale", "0.02") as workspace:
        yield workspace


def route_of(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def crawl(client, start: str) -> dict[str, list[str]]:
    """Visit ``start``, the links of its navigation, then one URL per kind of page (view name)
    found on those pages, three levels deep; returns the pages read, by URL."""
    seen_routes: set[str] = set()
    found: dict[str, Texts] = {}
    level = [start]
    for depth in range(4):
        next_level = []
        for url in level:
            if len(found) >= MAX_PAGES or url in found:
                continue
            response = client.get(url, follow=True)
            assert response.status_code == 200, (url, response.status_code)
            if "text/html" not in response["Content-Type"]:
                continue
            assert response["Content-Language"] == "ru", url
            parser = Texts()
            parser.feed(response.content.decode())
            found[url] = parser
            for href in parser.links:
                parts = urlsplit(href)
                path = parts.path
                if parts.netloc not in ("", "testserver") or "lang=en" in parts.query:
                    continue  # another site, or the English version asked for on purpose
                if not path.startswith("/") or path.startswith(SKIP_PREFIXES):
                    continue
                if path.endswith(SKIP_SUFFIXES):
                    continue
                route = route_of(path)
                if route is None or route in seen_routes:
                    continue
                seen_routes.add(route)
                query = parts.query
                if route in PUBLIC_ROUTES and "lang=" not in query:
                    query = "lang=ru"  # a respondent's page speaks the survey's language
                next_level.append(path + (f"?{query}" if query else ""))
        level = next_level
        if depth == 0:
            assert len(level) >= 7, f"the navigation was not found: {level}"
    return found


def crawl_partials(client, pages: dict[str, Texts]) -> dict[str, Texts]:
    """One htmx partial (``hx-get``) of each kind found on the pages, fetched as htmx does."""
    seen_routes = {route_of(urlsplit(url).path) for url in pages}
    found = {}
    for parser in list(pages.values()):
        for href in parser.partials:
            parts = urlsplit(href)
            route = route_of(parts.path)
            if route is None or route in seen_routes or parts.path.startswith(SKIP_PREFIXES):
                continue
            seen_routes.add(route)
            response = client.get(href, headers={"HX-Request": "true"})
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue  # e.g. a search box's endpoint that needs what was typed
            partial = Texts()
            partial.feed(response.content.decode())
            found[href] = partial
    return found


@pytest.mark.django_db
def test_every_page_of_the_demo_is_russian_for_a_russian_reader(client, demo):
    from cjm.demo.loader import demo_users

    admin = demo_users().get(username="demo")
    UserPreference.objects.update_or_create(user=admin, defaults={"language": "ru"})
    client.force_login(admin)
    msgids = catalogue_msgids()
    assert {"Any", "Survey", "Sentiment"} <= msgids | KNOWN_ENGLISH
    typed = stored_texts(demo)
    pages = crawl(client, reverse("cjm:workspace_detail", kwargs={"workspace_id": demo.pk}))
    # Every map of the demo (one of them made with English lane names), not only the first.
    for journey in demo.journeys.all():
        url = reverse("cjm:journey_detail", kwargs={"journey_id": journey.pk})
        if url not in pages:
            parser = Texts()
            parser.feed(client.get(url).content.decode())
            pages[url] = parser
    pages.update(crawl_partials(client, pages))
    routes = {route_of(urlsplit(url).path) for url in pages}
    # The crawl reached the pages the issue names (so a silent crawl cannot pass).
    for route in (
        "cjm:journey_detail",
        "touchpoints:touchpoint_list",
        "feedback:review_list",
        "feedback:response_list",
        "cjm:customer_detail",
        "personas:persona_detail",
        "feedback:survey_detail",
        "feedback:public_answer",
    ):
        assert route in routes, f"{route} not reached; reached {sorted(routes)}"
    problems = {
        url: sorted(set(found))
        for url, parser in pages.items()
        if (found := page_problems(parser.texts, msgids, typed))
    }
    assert not problems, "English on Russian pages:\n" + "\n".join(
        f"{url}: {texts}" for url, texts in problems.items()
    )


def test_the_check_catches_english_filter_labels():
    """The review filters as they were (labels made from field names) fail the check."""
    page = Texts()
    page.feed('<form><label for="s">Sentiment</label><option value="">Any</option></form>')
    msgids = catalogue_msgids()
    assert page_problems(page.texts, msgids, set()) == ["Sentiment", "Any"]
    page = Texts()
    page.feed("<p>Обновлено 3 Dec 2026</p><script>var x = 'Any';</script>")
    assert page_problems(page.texts, msgids, set()) == ["date: Обновлено 3 Dec 2026"]


@pytest.mark.django_db
def test_an_empty_workspace_is_russian_too(client, workspace, ws_admin):
    """The empty states (no maps, no answers, no customers yet) are read as well."""
    UserPreference.objects.create(user=ws_admin, language="ru")
    client.force_login(ws_admin)
    msgids = catalogue_msgids()
    pages = crawl(client, reverse("cjm:workspace_detail", kwargs={"workspace_id": workspace.pk}))
    pages.update(crawl_partials(client, pages))
    problems = {
        url: sorted(set(found))
        for url, parser in pages.items()
        if (found := page_problems(parser.texts, msgids, stored_texts(workspace)))
    }
    assert not problems, "English on Russian pages:\n" + "\n".join(
        f"{url}: {texts}" for url, texts in problems.items()
    )
