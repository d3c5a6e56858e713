"""Uploaded files: one size cap and one check of the type by content, for every upload.

``CJM_UPLOAD_MAX_MB`` (default 20) caps every uploaded file (a door may allow less: journey and
review imports are read whole into memory, at most 5 MB). The type is told from the bytes, never
from the name alone: ``xlsx`` is a ZIP (``PK\\x03\\x04``), ``json`` starts with ``{`` or ``[``,
``text`` is CSV/TSV (decodes, no NUL bytes, not markup). An HTML page renamed ``events.csv`` is
refused before anything is stored.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SNIFF_BYTES = 8192
KIND_LABELS = {"text": "CSV/TSV", "json": "JSON", "xlsx": "XLSX"}


def upload_max_bytes() -> int:
    return int(getattr(settings, "CJM_UPLOAD_MAX_MB", 20)) * 1024 * 1024


def sniff(sample: bytes) -> str:
    """``xlsx``, ``json``, ``text``, ``markup`` or ``binary``: what the first bytes say."""
    if sample.startswith(b"PK\x03\x04"):
        return "xlsx"
    body = sample.removeprefix(b"\xef\xbb\xbf").lstrip()
    if b"\x00" in sample:
        return "binary"
    if body[:1] in (b"{", b"["):
        return "json"
    if body.startswith(b"<"):
        return "markup"  # HTML, XML, SVG: never an import
    if body.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8")):
        return "binary"
    for encoding in ("utf-8", "cp1251"):
        try:
            sample.decode(encoding)
        except UnicodeDecodeError as error:
            if encoding == "utf-8" and error.start >= len(sample) - 3:
                return "text"  # a character cut at the end of the sample
            continue
        return "text"
    return "binary"


def check_upload(uploaded_file, *, kinds: set[str], max_bytes: int | None = None) -> str:
    """Raise ``ValidationError({"file": [...]})`` when the file is too large or its content is
    none of ``kinds``; else return the kind found. Leaves the file at its start."""
    limit = min(max_bytes or upload_max_bytes(), upload_max_bytes())
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            {"file": [_("The file is too large: at most %(mb)s MB.") % {"mb": limit // 2**20}]}
        )
    uploaded_file.seek(0)
    sample = uploaded_file.read(SNIFF_BYTES)
    uploaded_file.seek(0)
    kind = sniff(sample)
    if kind not in kinds:
        expected = ", ".join(sorted(KIND_LABELS.get(name, name) for name in kinds))
        raise ValidationError(
            {"file": [_("This file's content is not %(expected)s.") % {"expected": expected}]}
        )
    return kind
