"""The one guard against formula injection (CSV injection) in every CSV or XLSX cell we write."""

# A spreadsheet runs a cell that starts with one of these as a formula.
DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A text that a spreadsheet would run as a formula gets a leading apostrophe; numbers,
    booleans and None pass unchanged."""
    if isinstance(value, str) and value.startswith(DANGEROUS_FIRST):
        return "'" + value
    return value


def unsafe_cell(value: str) -> str:
    """Undo ``safe_cell`` when a file we wrote comes back."""
    if value.startswith("'") and value[1:].startswith(DANGEROUS_FIRST):
        return value[1:]
    return value
