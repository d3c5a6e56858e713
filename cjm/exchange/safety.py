"""The guard against formula injection lives in ``cjm.core.spreadsheets``, shared by every slice
that writes CSV or XLSX; this slice uses it from here."""

from cjm.core.spreadsheets import DANGEROUS_FIRST, safe_cell, unsafe_cell

__all__ = ["DANGEROUS_FIRST", "safe_cell", "unsafe_cell"]
