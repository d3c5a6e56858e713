"""Dates are written one way per language: en "3 Dec 2026" / "3 Dec 2026, 14:05", ru
"3 декабря 2026" / "3 декабря 2026, 14:05", on every page (cjm/formats, docs/dates.md)."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import formats, translation

from feedback.services.reviews import review_create

ROOT = Path(__file__).resolve().parents[1]
DAY = datetime.date(2026, 12, 3)
MOMENT = datetime.datetime(2026, 12, 3, 14, 5, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("language", "date", "moment"),
    [("en", "3 Dec 2026", "3 Dec 2026, 14:05"), ("ru", "3 декабря 2026", "3 декабря 2026, 14:05")],
)
def test_one_date_format_per_language(language, date, moment):
    with translation.override(language):
        assert formats.date_format(DAY) == date
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == date
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == moment
        assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == moment


def test_templates_use_only_the_named_formats():
    """A literal format ("d.m.Y", "j E"...) in a template is a second way of writing dates;
    only machine-readable attributes (``datetime="..."``) may spell one out."""
    named = {"DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"}
    named |= {"TIME_FORMAT", "MONTH_DAY_FORMAT"}
    wrong = []
    for path in (ROOT / "templates").rglob("*.*"):
        text = re.sub(r'datetime="[^"]*"', "", path.read_text(encoding="utf-8"))
        for found in re.findall(r"\|(?:date|time):[\"']([^\"']*)[\"']", text):
            if found not in named:
                wrong.append(f"{path.relative_to(ROOT)}: {found}")
    assert not wrong, wrong


def test_scripts_draw_no_dates_of_their_own():
    """Charts get their date labels written by the server (the funnel's weekly trend)."""
    for path in (ROOT / "static" / "js").glob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert "toLocaleDateString" not in text and "toISOString" not in text, path


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "written"), [("en", "3 Dec 2026"), ("ru", "3 декабря 2026")])
def test_review_list_writes_dates_in_the_readers_format(
    client, workspace, editor, language, written
):
    review_create(
        actor=editor, workspace=workspace, source="own_site", text="Fine", published_at=MOMENT
    )
    client.force_login(editor)
    url = reverse("feedback:review_list", args=[workspace.pk])
    html = client.get(url, headers={"accept-language": language}).content.decode()
    assert written in html
    assert "03.12.2026" not in html
