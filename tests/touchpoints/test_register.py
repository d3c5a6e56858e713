"""The touchpoint register: one table of a workspace's touchpoints, filters, sorting, the four
answers of seed 000, CSV export, permissions and query counts."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from tests.factories import (
    ActionFactory,
    ChannelFactory,
    JourneyFactory,
    StageFactory,
    TeamFactory,
    TouchpointFactory,
)
from tests.page_helpers import build_journey, count_queries
from touchpoints.choices import ActionStatus, Rating

pytestmark = pytest.mark.django_db


def register_url(workspace, query: str = "") -> str:
    url = reverse("touchpoints:touchpoint_list", kwargs={"workspace_id": workspace.pk})
    return f"{url}?{query}" if query else url


def export_url(workspace, query: str = "") -> str:
    url = reverse("touchpoints:touchpoint_export", kwargs={"workspace_id": workspace.pk})
    return f"{url}?{query}" if query else url


def names(response) -> list[str]:
    assert response.status_code == 200
    return [t.name for t in response.context["page"].object_list]


@pytest.fixture
def register(workspace, editor, viewer):
    """Two journeys, a team, two channels, five touchpoints with every kind of answer."""
    web = ChannelFactory(workspace=workspace, name="Website")
    phone = ChannelFactory(workspace=workspace, name="Phone")
    team = TeamFactory(workspace=workspace, name="Logistics")
    order = JourneyFactory(workspace=workspace, title="Online order")
    visit = JourneyFactory(workspace=workspace, title="Store visit")
    search = StageFactory(journey=order, name="Search", position=0)
    pay = StageFactory(journey=order, name="Pay", position=1)
    shop = StageFactory(journey=visit, name="Shop", position=0)
    late = timezone.localdate() - datetime.timedelta(days=5)
    soon = timezone.localdate() + datetime.timedelta(days=5)
    tps = {
        "catalogue": TouchpointFactory(
            stage=search,
            name="Catalogue",
            rating=Rating.EXCELLENT,
            channel=web,
            owner=editor,
            importance=4,
        ),
        "checkout": TouchpointFactory(
            stage=pay,
            name="Checkout",
            rating=Rating.AWFUL,
            channel=web,
            owner=editor,
            is_critical=True,
            importance=10,
        ),
        "hotline": TouchpointFactory(
            stage=pay,
            name="Hotline",
            rating=Rating.SO_SO,
            channel=phone,
            team=team,
            importance=7,
        ),
        "queue": TouchpointFactory(
            stage=shop,
            name="Queue at the till",
            rating=Rating.AWFUL,
            owner=viewer,
            importance=8,
        ),
        "leaflet": TouchpointFactory(stage=shop, name="Leaflet", importance=2),
    }
    ActionFactory(touchpoint=tps["checkout"], title="Fix card errors", due_date=late)
    ActionFactory(touchpoint=tps["hotline"], title="Shorter menu", due_date=soon)
    ActionFactory(touchpoint=tps["queue"], title="Old idea", status=ActionStatus.CANCELLED)
    TouchpointFactory(name="Foreign touchpoint")  # another workspace
    return {"team": team, "web": web, "order": order, "pay": pay, **tps}


# --- permissions ------------------------------------------------------------------------------


def test_anonymous_goes_to_login(client, workspace):
    for url in (register_url(workspace), export_url(workspace)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_outsider_gets_404(client, workspace, outsider):
    client.force_login(outsider)
    assert client.get(register_url(workspace)).status_code == 404
    assert client.get(export_url(workspace)).status_code == 404


def test_viewer_sees_every_touchpoint_of_the_workspace_only(client, viewer, workspace, register):
    client.force_login(viewer)
    response = client.get(register_url(workspace))
    assert names(response) == ["Catalogue", "Checkout", "Hotline", "Queue at the till", "Leaflet"]
    html = response.content.decode()
    assert "Foreign touchpoint" not in html
    map_url = reverse("cjm:journey_detail", kwargs={"journey_id": register["order"].pk})
    assert f'href="{map_url}?touchpoint={register["checkout"].pk}"' in html


# --- filters and sorting ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rating=awful", ["Checkout", "Queue at the till"]),
        ("rating=awful&rating=so_so", ["Checkout", "Hotline", "Queue at the till"]),
        ("owner=me", ["Catalogue", "Checkout"]),
        ("owner=none", ["Hotline", "Leaflet"]),
        ("owner=none&team=none", ["Leaflet"]),
        ("critical=yes", ["Checkout"]),
        ("overdue=yes", ["Checkout"]),
        ("overdue=no&rating=awful", ["Queue at the till"]),
        ("actions=none&rating=awful", ["Queue at the till"]),
        ("actions=open", ["Checkout", "Hotline"]),
        ("q=till", ["Queue at the till"]),
        ("category=service", ["Catalogue", "Checkout", "Hotline", "Queue at the till", "Leaflet"]),
        ("sort=importance", ["Checkout", "Queue at the till", "Hotline", "Catalogue", "Leaflet"]),
        ("sort=rating", ["Checkout", "Queue at the till", "Hotline", "Catalogue", "Leaflet"]),
        # The names the register shares with the touchpoints API (the ones above are its older
        # names, still understood).
        ("is_critical=true", ["Checkout"]),
        ("has_overdue_action=true", ["Checkout"]),
        ("has_overdue_action=false&rating=awful", ["Queue at the till"]),
        ("open_actions=none&rating=awful", ["Queue at the till"]),
        ("search=till", ["Queue at the till"]),
        (
            "ordering=-importance",
            ["Checkout", "Queue at the till", "Hotline", "Catalogue", "Leaflet"],
        ),
        ("ordering=rating", ["Checkout", "Queue at the till", "Hotline", "Catalogue", "Leaflet"]),
    ],
)
def test_filters(client, editor, workspace, register, query, expected):
    client.force_login(editor)
    assert names(client.get(register_url(workspace, query))) == expected


@pytest.mark.parametrize(
    "query",
    [
        "owner=me&rating=awful",
        "owner=none&team=none",
        "is_critical=true",
        "has_overdue_action=false&rating=awful",
        "open_actions=open",
        "search=till",
        "ordering=-importance",
        "ordering=rating",
    ],
)
def test_the_api_and_the_register_filter_alike(client, editor, workspace, register, query):
    """One FilterSet: the touchpoints API answers a query with the register's touchpoints (also
    once the OpenAPI schema has built the FilterSet's fields)."""
    SchemaGenerator().get_schema(request=None, public=True)
    client.force_login(editor)
    page = names(client.get(register_url(workspace, query)))
    api = client.get(f"/api/v1/touchpoints/?workspace={workspace.pk}&page_size=100&{query}")
    assert api.status_code == 200, api.json()
    assert [row["name"] for row in api.json()["results"]] == page


def test_filters_by_related_rows(client, editor, workspace, register):
    client.force_login(editor)
    assert names(client.get(register_url(workspace, f"journey={register['order'].pk}"))) == [
        "Catalogue",
        "Checkout",
        "Hotline",
    ]
    assert names(client.get(register_url(workspace, f"stage={register['pay'].pk}"))) == [
        "Checkout",
        "Hotline",
    ]
    assert names(client.get(register_url(workspace, f"team={register['team'].pk}"))) == ["Hotline"]
    assert names(client.get(register_url(workspace, f"channel={register['web'].pk}"))) == [
        "Catalogue",
        "Checkout",
    ]
    owner = register["queue"].owner_id
    assert names(client.get(register_url(workspace, f"owner={owner}"))) == ["Queue at the till"]


def test_bad_filter_values_are_shown_and_ignored(client, editor, workspace, register):
    foreign = JourneyFactory(title="Foreign")
    client.force_login(editor)
    response = client.get(register_url(workspace, f"journey={foreign.pk}&rating=bogus&owner=999"))
    assert len(names(response)) == 5
    assert set(response.context["form"].errors) == {"journey", "rating", "owner"}
    assert "field__error" in response.content.decode()


def test_four_answers(client, editor, workspace, register):
    client.force_login(editor)
    answers = client.get(register_url(workspace)).context["answers"]
    assert answers["overview"]["total"] == 5
    assert answers["overview"]["journeys"] == 2
    assert answers["overview"]["stages"] == 3
    assert answers["overview"]["critical"] == 1
    assert answers["overview"]["team_only"] == 1
    assert answers["overview"]["nobody"] == 1
    assert answers["owned_percent"] == 60
    assert [(o["name"], o["count"], o["awful"]) for o in answers["owners"]][0][1:] == (2, 1)
    counts = {r["value"]: r["count"] for r in answers["ratings"]}
    assert counts == {"excellent": 1, "so_so": 1, "awful": 2, "unrated": 1}
    assert answers["work"]["open"] == 2
    assert answers["work"]["overdue"] == 1
    assert [a.title for a in answers["upcoming"]] == ["Fix card errors", "Shorter menu"]
    assert answers["unfixed"] == 1  # the queue: its only action was cancelled


def test_rating_counts_ignore_the_rating_filter(client, editor, workspace, register):
    client.force_login(editor)
    response = client.get(register_url(workspace, f"rating=awful&journey={register['order'].pk}"))
    answers = response.context["answers"]
    counts = {r["value"]: r["count"] for r in answers["ratings"]}
    assert counts == {"excellent": 1, "so_so": 1, "awful": 1, "unrated": 0}
    assert answers["overview"]["total"] == 1
    assert response.context["selected_ratings"] == {"awful"}
    assert 'value="awful" checked' in response.content.decode()


def test_htmx_gets_the_results_only(client, editor, workspace, register):
    client.force_login(editor)
    response = client.get(register_url(workspace, "rating=awful"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="register-form"' in html
    assert "Checkout" in html and "Catalogue" not in html


def test_pages(client, editor, workspace):
    build_journey(workspace, editor, stages=6, per_stage=10, title="Big")
    client.force_login(editor)
    first = client.get(register_url(workspace))
    assert len(first.context["page"].object_list) == 50
    second = client.get(register_url(workspace, "page=2"))
    assert len(second.context["page"].object_list) == 10


def test_query_count_does_not_grow(client, editor, workspace):
    build_journey(workspace, editor, title="Small")
    client.force_login(editor)
    query = "rating=awful&rating=so_so&owner=me&sort=importance"
    small = count_queries(client, register_url(workspace, query))
    for n in range(3):
        build_journey(workspace, editor, stages=5, per_stage=5, title=f"Big {n}")
    assert count_queries(client, register_url(workspace, query)) == small
    assert count_queries(client, register_url(workspace)) <= small


# --- CSV --------------------------------------------------------------------------------------


def test_csv_export_of_the_filtered_table(client, editor, workspace, register):
    client.force_login(editor)
    response = client.get(export_url(workspace, "rating=awful&sort=importance"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Journey", "Stage", "Touchpoint"]
    assert [row[2] for row in rows[1:]] == ["Checkout", "Queue at the till"]
    checkout = rows[1]
    assert checkout[5] == "Awful"
    assert checkout[7] == "yes"
    assert checkout[11] == "yes"


def test_csv_link_carries_the_filters_also_after_an_htmx_update(client, editor, workspace):
    client.force_login(editor)
    page = client.get(register_url(workspace, "rating=awful&page=2")).content.decode()
    assert f'href="{export_url(workspace, "rating=awful")}"' in page
    htmx = client.get(register_url(workspace, "rating=so_so"), headers={"HX-Request": "true"})
    html = htmx.content.decode()
    # The results come with the link again, swapped out of band over the page header's.
    assert 'id="register-export"' in html and 'hx-swap-oob="true"' in html
    assert f'href="{export_url(workspace, "rating=so_so")}"' in html
    xlsx = reverse("cjm:touchpoint_export_xlsx", kwargs={"workspace_id": workspace.pk})
    assert f'href="{xlsx}?rating=so_so"' in html
    full = client.get(register_url(workspace, "rating=so_so")).content.decode()
    assert 'hx-swap-oob="true"' not in full.split('id="register"')[0]


def test_csv_neutralises_formulas(client, editor, workspace):
    stage = StageFactory(journey=JourneyFactory(workspace=workspace, title="=HYPERLINK(1)"))
    for name in ("+cmd", "-2+3", "@SUM(A1)", "Plain - text", "=1+1"):
        TouchpointFactory(stage=stage, name=name)
    client.force_login(editor)
    response = client.get(export_url(workspace, "sort=name"))
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert sorted(row[2] for row in rows) == sorted(
        ["'+cmd", "'-2+3", "'@SUM(A1)", "Plain - text", "'=1+1"]
    )
    assert {row[0] for row in rows} == {"'=HYPERLINK(1)"}
