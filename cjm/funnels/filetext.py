"""How an uploaded events file is written: its encoding and, for CSV, its delimiter.

Spreadsheet software writes CSV in several ways: UTF-8 with or without a byte order mark,
Windows-1251 (Excel on a Russian Windows), and with ``;`` as the delimiter where the decimal
separator is a comma (tab for "Text (tab delimited)"). The first 64 KB of the file decide:

- a UTF-8 byte order mark, or bytes that are valid UTF-8: UTF-8;
- otherwise Windows-1251 if the text reads as Russian (nearly every non-ASCII character is a
  Cyrillic letter or common typographic punctuation);
- otherwise (UTF-16, another code page, a binary file) we do not guess: ``UnsureEncoding``.

The delimiter is the most frequent of ``,``, ``;`` and tab in the header row (column names
contain none of them); ``,`` when the header has none.
"""

import codecs
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

SAMPLE_BYTES = 64 * 1024
DELIMITERS = (",", ";", "\t")
CP1251 = "cp1251"
UTF8 = "utf-8-sig"  # reads UTF-8 with or without the byte order mark
# Non-ASCII characters a Russian text in Windows-1251 consists of: Cyrillic letters and the
# typographic signs of the code page (quotes, dashes, numero, ellipsis, no-break space).
_RUSSIAN = re.compile(r"[А-Яа-яЁё«»„“”‘’–—№…\u00a0]")


class UnsureEncoding(ValueError):
    """The file is neither UTF-8 nor Windows-1251 text (the message says what to do)."""


@dataclass(frozen=True)
class TextFormat:
    encoding: str
    delimiter: str


def _utf8(sample: bytes, complete: bool) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def _russian_cp1251(sample: bytes) -> bool:
    try:
        text = sample.decode(CP1251)
    except UnicodeDecodeError:  # 0x98 is not a character in Windows-1251
        return False
    other = [char for char in text if ord(char) > 127]
    russian = sum(1 for char in other if _RUSSIAN.match(char))
    return bool(other) and russian >= 0.95 * len(other)


def detect_encoding(sample: bytes, *, complete: bool = False) -> str:
    """The encoding of a file starting with ``sample`` (``complete``: the sample is the whole
    file, so a multi-byte character cut at its end is an error)."""
    if sample.startswith(codecs.BOM_UTF8):
        return UTF8
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnsureEncoding(
            _("The file is UTF-16 text; save it as CSV UTF-8 (or CSV in Windows-1251).")
        )
    if sample.count(b"\x00") > len(sample) // 10:  # UTF-16 without a mark, or a binary file
        raise UnsureEncoding(_("This does not look like a text file."))
    if _utf8(sample, complete):
        return UTF8
    if _russian_cp1251(sample):
        return CP1251
    raise UnsureEncoding(
        _(
            "Cannot tell the file's encoding: it is neither UTF-8 nor Windows-1251 text. "
            "Save it as CSV UTF-8 and upload it again."
        )
    )


def detect_delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def detect(sample: bytes, *, complete: bool = False) -> TextFormat:
    """Encoding and delimiter of a file starting with ``sample``."""
    encoding = detect_encoding(sample, complete=complete)
    text = sample.decode(encoding, errors="ignore")  # a character cut at the end is dropped
    header_line = text.lstrip("\ufeff").split("\n", 1)[0]
    return TextFormat(encoding=encoding, delimiter=detect_delimiter(header_line))
