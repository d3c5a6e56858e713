"""The API's only parser: JSON with a size limit and no NUL characters or lone surrogates.

The limit is ``DATA_UPLOAD_MAX_MEMORY_SIZE`` unless the view allows more with a ``max_body_size``
attribute (bulk endpoints): a body over it is a 413, also without a ``Content-Length``.

PostgreSQL text cannot hold NUL, and a lone surrogate cannot be encoded as UTF-8: a string with
either anywhere in the body is a 400 (not a 500 from the database driver). From a UTF-8 body,
parsed JSON can only hold them when the text has a ``\u0000`` or ``\ud800``-``\udfff`` escape
(raw control characters are invalid JSON, and strict UTF-8 decoding never yields a surrogate), so
the parsed data is walked only then: a bulk body of 10,000 events is not walked string by string.
Bodies in another charset are always walked.
"""

import codecs
import json
import re

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser

from cjm.core.api.exceptions import RequestTooLarge

# The escapes that can put NUL or a surrogate into a parsed string (a "\\u0000" that is really
# an escaped backslash also matches: then the walk decides).
SUSPECT_ESCAPE = re.compile(r"\\u(?:0000|[dD][89abcdefABCDEF])")


def max_body_size(view) -> int:
    return getattr(view, "max_body_size", None) or settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def bad_string(value: str) -> bool:
    if "\x00" in value:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def find_bad_string(data) -> bool:
    """True when a key or string anywhere in parsed JSON holds NUL or a lone surrogate."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if bad_string(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class JSONParser(BaseParser):
    """Not a subclass of DRF's JSONParser on purpose: DRF hands those ``request.body``, which
    Django caps at ``DATA_UPLOAD_MAX_MEMORY_SIZE`` for every view; this one reads the stream and
    applies the view's own limit."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        limit = max_body_size(parser_context.get("view"))
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge(
                _("The request body is larger than %(limit)d bytes.") % {"limit": limit}
            )
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = raw.decode(encoding)
            data = json.loads(text, parse_constant=self._reject_constant)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise ParseError(_("JSON parse error - %s") % exc) from exc
        suspect = codecs.lookup(encoding).name != "utf-8" or SUSPECT_ESCAPE.search(text)
        if suspect and find_bad_string(data):
            raise ParseError(_("Strings must not contain NUL characters or lone surrogates."))
        return data

    @staticmethod
    def _reject_constant(name: str):
        raise ValueError(f"{name} is not valid JSON")
