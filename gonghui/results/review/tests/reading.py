"""Reading what the review wrote, as a person's tools would: the PDF's text (pypdf) and the
workbooks' cells (python-calamine), plus the raw sheet XML for FX-2."""

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from python_calamine import CalamineWorkbook


def pdf_text(path: Path) -> str:
    """The PDF's text with all white space taken out (typst spaces CJK from digits)."""
    reader = PdfReader(path)
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def sheets(path: Path) -> dict[str, list[list[Any]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def sheet_xml(path: Path) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        return [
            archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/")
        ]


def figure_value(text: str, label: str, period: str) -> str:
    """The value printed after a figure's label and period in the chapters (not the summary)."""
    found = re.findall(re.escape(label) + re.escape(period) + r"([\d,.]+%?)", text)
    assert found, f"{label} {period} not in the PDF"
    return found[-1]
