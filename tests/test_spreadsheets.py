"""The formula guard shared by every CSV and XLSX we write (register, map tables, the funnel's
dropped customers)."""

import pytest

from cjm.core.spreadsheets import safe_cell, unsafe_cell


@pytest.mark.parametrize("text", ["=HYPERLINK(1)", "+7 900", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_formula_looking_text_is_written_as_text_and_comes_back_unchanged(text):
    assert safe_cell(text) == "'" + text
    assert unsafe_cell(safe_cell(text)) == text


@pytest.mark.parametrize("value", ["Checkout", "'quoted", "", 5, -3, 2.5, None, True])
def test_other_values_pass_unchanged(value):
    assert safe_cell(value) == value
