"""Writing the review and the yearbook into a folder, and where a job's folder is: under
VAR_DIR/reports, outside the web root (FX-1), read back only through the scoped download view."""

import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from gonghui.lib.figures import Period
from gonghui.organizations.models import Node

from ..registry import figure_sets
from .data import gather, steps_for
from .pdf import render_pdf
from .report import build
from .workbook import write_workbook
from .yearbook import gather_yearbook
from .yearbook_xlsx import write_yearbook

REVIEW_PDF, REVIEW_XLSX, YEARBOOK_XLSX = "review.pdf", "review.xlsx", "yearbook.xlsx"
type Progress = Callable[[int, int, str], None]


def reports_dir() -> Path:
    return Path(getattr(settings, "REPORTS_DIR", None) or Path(settings.VAR_DIR) / "reports")


def new_folder() -> str:
    return uuid.uuid4().hex


def folder_of(stored_as: str) -> Path:
    if not stored_as or not stored_as.isalnum():
        raise FileNotFoundError(stored_as)
    return reports_dir() / stored_as


def write_review(node: Node, period: Period, out: Path, progress: Progress | None = None) -> list[Path]:
    """review.pdf and review.xlsx of the node's subtree for the period, into `out`."""
    total = steps_for(node, period) + 2

    def step(done: int, what: str) -> None:
        if progress is not None:
            progress(done, total, what)

    data = gather(node, period, lambda done, _total, what: step(done, what))
    review = build(data)
    out.mkdir(parents=True, exist_ok=True)
    pdf, xlsx = out / REVIEW_PDF, out / REVIEW_XLSX
    pdf.write_bytes(render_pdf(review))
    step(total - 1, "pdf")
    write_workbook(review, xlsx)
    step(total, "xlsx")
    return [pdf, xlsx]


def write_yearbook_file(node: Node, year: int, out: Path, progress: Progress | None = None) -> list[Path]:
    data = gather_yearbook(node, year, figure_sets())
    if progress is not None:
        progress(1, 2, "yearbook")
    out.mkdir(parents=True, exist_ok=True)
    path = out / YEARBOOK_XLSX
    write_yearbook(data, path)
    if progress is not None:
        progress(2, 2, "xlsx")
    return [path]
