"""From an uploaded file (or a JSON body) to an imported journey: the one entry point of the
API endpoint and the browser page."""

from pathlib import Path

from cjm.core.permissions import require_role
from cjm.core.roles import Role
from cjm.core.tenancy import Workspace
from cjm.core.typing import Actor

from .services import ImportResult, journey_import
from .tables_read import locate, table_document
from .validation import ImportRejected, parse_json

TABLE_SUFFIXES = (".csv", ".xlsx")


def upload_kind(filename: str) -> str:
    """The content a file of this name must have (``cjm.core.uploads.sniff``)."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return "xlsx"
    if name.endswith(".csv"):
        return "text"
    return "json"


def import_upload(
    *, actor: Actor, workspace: Workspace, raw: bytes, filename: str, title: str = ""
) -> ImportResult:
    """Import a ``.json`` exchange document or a ``.csv`` / ``.xlsx`` table; a table's
    problems are named by row and column. Raises ``ImportRejected``."""
    require_role(actor, workspace.pk, Role.EDITOR)  # before reading: a viewer learns nothing
    if not filename.lower().endswith(TABLE_SUFFIXES):
        return journey_import(actor=actor, workspace=workspace, document=parse_json(raw))
    document, places = table_document(raw, filename, title or Path(filename).stem or "Imported")
    try:
        return journey_import(actor=actor, workspace=workspace, document=document)
    except ImportRejected as rejected:
        raise ImportRejected(locate(rejected.problems, places)) from None
