"""Exported cells are never formulas (FX-2)."""

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# xlsxwriter writes text that starts with "=" as a formula unless told not to;
# constant memory keeps a 200k-row export flat.
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "constant_memory": True}


def csv_safe(value: Any) -> str:
    """A CSV cell a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
