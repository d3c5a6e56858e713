"""OpenAPI pieces of the feedback endpoints (the errors of every endpoint are cjm.core.api's)."""

from cjm.core.api.schema import bulk_errors

BULK_400 = bulk_errors(
    'Nothing was stored: `rows` lists every invalid row as `{"index", "errors"}` '
    "(0-based); `rows_by_index` repeats them keyed by index, as these endpoints answered before "
    '(deprecated). Or `{"field": ["message"]}` for the body itself.',
    legacy=True,
)
