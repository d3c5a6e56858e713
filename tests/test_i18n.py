"""The Russian and English catalogues (locale/): complete, compiled, and used by the pages.

- every msgid of locale/ru is translated (each plural form too) and none is fuzzy;
- the committed .mo files say what the .po files say (``compilemessages`` was run);
- when gettext's xgettext is installed, ``makemessages`` over the source finds no string that
  the catalogue lacks (so a new translatable string fails here until it is translated);
- a user who chose Russian gets the dashboard in Russian, with Russian dates.

Catalogue upkeep (needs gettext: ``apt-get install gettext``)::

    django-admin makemessages -l ru -l en --add-location=file --no-obsolete \\
        --ignore='.venv/*' --ignore='static/vendor/*' --ignore='feedback/*' \\
        --ignore='templates/feedback/*' --ignore='tests/*' --ignore='docs/*' \\
        --ignore='staticfiles/*'
    # translate every new msgid in locale/ru/LC_MESSAGES/django.po, then
    django-admin compilemessages -l ru -l en --ignore='.venv/*' --ignore='feedback/*'

The feedback app keeps its own catalogue in feedback/locale (its code and templates/feedback).
"""

import ast
import datetime
import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale"
IGNORED = [".venv/*", "static/vendor/*", "feedback/*", "templates/feedback/*", "tests/*"]
IGNORED += ["docs/*", "staticfiles/*"]


def parse_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgctxt, msgid, msgid_plural, msgstr {index: text}, flags.
    Obsolete (#~) entries are skipped; the header (msgid "") is left out."""
    entries: list[dict] = []
    entry: dict = {}
    flags: set[str] = set()
    field = None  # (key, plural index) that a continuation line "..." extends

    def finish() -> None:
        if entry.get("msgid"):
            entries.append(entry)

    for line in (raw.strip() for raw in path.read_text(encoding="utf-8").splitlines()):
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            key, index = field
            if key == "msgstr":
                entry["msgstr"][index] += ast.literal_eval(line)
            else:
                entry[key] += ast.literal_eval(line)
            continue
        word, _space, rest = line.partition(" ")
        value = ast.literal_eval(rest)
        # An entry starts at its msgctxt, or at its msgid when it has no msgctxt.
        if word == "msgctxt" or (word == "msgid" and ("msgid" in entry or not entry)):
            finish()
            entry, flags = {"msgstr": {}, "flags": flags}, set()
        if word.startswith("msgstr"):
            index = int(word[7:-1]) if "[" in word else 0
            entry["msgstr"][index] = value
            field = ("msgstr", index)
        else:
            entry[word] = value
            field = (word, None)
    finish()
    return entries


@pytest.fixture(scope="module")
def ru_entries():
    return parse_po(LOCALE / "ru" / "LC_MESSAGES" / "django.po")


def test_every_russian_msgid_is_translated_and_none_is_fuzzy(ru_entries):
    assert len(ru_entries) > 300
    fuzzy = [e["msgid"] for e in ru_entries if "fuzzy" in e["flags"]]
    empty = [e["msgid"] for e in ru_entries if not all(e["msgstr"].values())]
    assert not fuzzy, f"fuzzy entries in locale/ru: {fuzzy[:20]}"
    assert not empty, f"untranslated entries in locale/ru: {empty[:20]}"


def test_russian_plurals_have_all_four_forms(ru_entries):
    plurals = [e for e in ru_entries if "msgid_plural" in e]
    assert plurals
    short = [e["msgid"] for e in plurals if sorted(e["msgstr"]) != [0, 1, 2, 3]]
    assert not short, f"plural entries without four Russian forms: {short}"


def test_english_catalogue_is_complete():
    entries = parse_po(LOCALE / "en" / "LC_MESSAGES" / "django.po")
    assert not [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not [e["msgid"] for e in entries if not all(e["msgstr"].values())]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_compiled_catalogue_matches_the_po_file(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with open(folder / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in parse_po(folder / "django.po"):
        msgid = entry["msgid"]
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if "msgid_plural" in entry:
            got = compiled._catalog.get((msgid, 0))
        else:
            got = compiled._catalog.get(msgid)
        if got != entry["msgstr"][0]:
            stale.append(entry["msgid"])
    assert not stale, f"django.mo is older than django.po; run compilemessages. {stale[:10]}"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext is not installed")
def test_catalogue_has_every_string_of_the_source(tmp_path, ru_entries):
    """makemessages over a copy of the source finds nothing that locale/ru lacks."""
    source = tmp_path / "src"
    ignore = shutil.ignore_patterns(".venv", "node_modules", "__pycache__", "*.pyc", "locale")
    for name in ("cjm", "personas", "touchpoints", "templates"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    (source / "locale").mkdir()
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    command = [sys.executable, "-m", "django", "makemessages", "-l", "ru", "--no-obsolete"]
    command += [f"--ignore={pattern}" for pattern in IGNORED]
    subprocess.run(command, cwd=source, env=env, check=True, capture_output=True)
    found = {
        (e.get("msgctxt"), e["msgid"])
        for e in parse_po(source / "locale" / "ru" / "LC_MESSAGES" / "django.po")
    }
    known = {(e.get("msgctxt"), e["msgid"]) for e in ru_entries}
    missing = sorted(msgid for _ctx, msgid in found - known)
    assert not missing, (
        f"{len(missing)} strings are not in locale/ru yet (see this module's docstring): "
        f"{missing[:15]}"
    )


# --- the pages ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_russian_dashboard(client, workspace, editor):
    from cjm.accounts.models import UserPreference
    from tests.factories import ActionFactory, StageFactory, TouchpointFactory
    from touchpoints.choices import Rating

    stage = StageFactory(journey__workspace=workspace, journey__title="Онлайн-заказ")
    touchpoint = TouchpointFactory(stage=stage, name="Корзина", rating=Rating.AWFUL)
    due = timezone.localdate() - datetime.timedelta(days=5)
    ActionFactory(touchpoint=touchpoint, title="Упростить корзину", due_date=due)
    UserPreference.objects.create(user=editor, language="ru")
    client.force_login(editor)
    response = client.get(reverse("cjm:workspace_detail", kwargs={"workspace_id": workspace.pk}))
    assert response.status_code == 200
    assert response["Content-Language"] == "ru"
    html = response.content.decode()
    for text in (
        'lang="ru"',
        "Обзор",
        "Реестр",
        "Мои задачи",
        "Карты пути клиента",
        "Просроченные действия",
        "Точки контакта без ответственного",
        "Ужасно",
        "Так себе",
        "просрочено на 5 дней",
        "1 карта пути",
    ):
        assert text in html, text
    for english in ("Journey maps", "Overdue actions", "Touchpoints without an owner", "Awful<"):
        assert english not in html, english
    months = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа"]
    months += ["сентября", "октября", "ноября", "декабря"]
    assert f"{due.day} {months[due.month - 1]}" in html


@pytest.mark.django_db
def test_russian_register_and_numbers(client, workspace, editor):
    from tests.factories import StageFactory, TouchpointFactory
    from touchpoints.choices import Rating

    stage = StageFactory(journey__workspace=workspace)
    for rating in (Rating.EXCELLENT, Rating.AWFUL, Rating.AWFUL):
        TouchpointFactory(stage=stage, rating=rating, owner=editor)
    client.force_login(editor)
    url = reverse("touchpoints:touchpoint_list", kwargs={"workspace_id": workspace.pk})
    html = client.get(url, headers={"accept-language": "ru"}).content.decode()
    for text in ("Реестр точек контакта", "Сколько точек контакта и какие?", "Кто отвечает?"):
        assert text in html, text
    assert "3 точки контакта" in html  # the Russian plural of the table's heading
