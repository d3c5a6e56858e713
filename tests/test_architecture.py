"""The shape of the code: the import contract holds, and it can fail (pyproject.toml's
[tool.importlinter]; docs/architecture.md); the slices' moved models need no migration."""

import copy
from pathlib import Path

import grimp
import pytest
from django.core.management import call_command
from importlinter import api
from importlinter.cli import lint_imports
from importlinter.contracts.forbidden import ForbiddenContract

from tests.import_contracts import AcyclicContract

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def contracts() -> dict:
    configuration = api.read_configuration(str(ROOT / "pyproject.toml"))
    return {
        "session": configuration["session_options"],
        "contracts": {options["id"]: options for options in configuration["contracts_options"]},
    }


@pytest.fixture
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("cjm", "touchpoints", "personas", "feedback", cache_dir=None)


def check(contract_class, options: dict, graph, session: dict) -> bool:
    contract = contract_class(
        name=options["name"], session_options=session, contract_options=options
    )
    return contract.check(copy.deepcopy(graph), verbose=False).kept


def test_the_import_contract_holds(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(no_cache=True, no_logo=True) == 0


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        # The cycle of old: journeys' selectors need touchpoints', which scoped through the
        # journeys' selectors package.
        ("touchpoints.selectors", "cjm.selectors"),
        # A service that queued its task while the task imported the service.
        ("cjm.funnels.services.runs", "cjm.funnels.tasks"),
        # The map page needing the dashboard needing the map page.
        ("cjm.views.dashboard", "cjm.views.pages"),
    ],
)
def test_a_new_cycle_breaks_the_contract(contracts, graph, importer, imported):
    modules = contracts["contracts"]["no-cycle-between-modules"]
    assert check(AcyclicContract, modules, graph, contracts["session"])
    graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="")
    assert not check(AcyclicContract, modules, graph, contracts["session"])


def test_a_cycle_between_slices_breaks_the_contract(contracts, graph):
    """Two modules of two slices, each importing a module of the other slice that is not in a
    cycle itself: only the squashed graph sees it."""
    slices = contracts["contracts"]["no-cycle-between-slices"]
    assert check(AcyclicContract, slices, graph, contracts["session"])
    graph.add_import(
        importer="cjm.funnels.choices",
        imported="touchpoints.views.register",
        line_number=1,
        line_contents="",
    )
    assert not check(AcyclicContract, slices, graph, contracts["session"])


@pytest.mark.parametrize(
    ("contract_id", "importer", "imported"),
    [
        ("core-imports-no-feature", "cjm.core.display", "touchpoints.models"),
        ("core-imports-no-feature", "cjm.core.scoping", "cjm.models"),
        ("funnels-face", "cjm.map.render", "cjm.funnels.selectors.funnels"),
        ("feedback-face", "cjm.map.cards", "feedback.selectors.evidence"),
    ],
)
def test_a_forbidden_import_breaks_the_contract(contracts, graph, contract_id, importer, imported):
    options = contracts["contracts"][contract_id]
    assert check(ForbiddenContract, options, graph, contracts["session"])
    graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="")
    assert not check(ForbiddenContract, options, graph, contracts["session"])


@pytest.mark.django_db
def test_moved_models_need_no_migration():
    """Events, funnels, tenancy and preferences moved to their slices' modules; their tables,
    app label and migrations stay as they were."""
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
