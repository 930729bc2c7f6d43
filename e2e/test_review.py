import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from gonghui.testing import build_district

from .logins import staff_login


def run_worker() -> None:
    """One pass of the real database task worker, as `make demo` runs it (it wants the main thread)."""
    call_command("db_worker", "--batch", "--no-startup-delay")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_street_cadre_writes_the_review_and_downloads_it(live_server, page, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.REPORTS_DIR = tmp_path
    build_district()

    staff_login(page, live_server.url, "dinghai_cadre")
    page.click("header.top >> text=工作回顾")
    page.fill("input[name=first_year]", "2012")
    page.fill("input[name=last_year]", "2016")
    with page.expect_navigation():
        page.click("#start-review")
    assert page.locator("#review-progress").is_visible()  # queued: the bar waits for the worker
    run_worker()
    page.wait_for_selector('#review-job[data-status="done"]', timeout=30_000)  # htmx swapped in the files

    with page.expect_download() as download:
        page.click("#download-pdf")
    assert download.value.suggested_filename == "定海路街道-2012-2016-工作回顾.pdf"
    pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in pdf.pages))
    assert "定海路街道2012—2016年工作回顾" in text and "平凉" not in text
    with page.expect_download() as download:
        page.click("#download-xlsx")
    assert download.value.path().read_bytes().startswith(b"PK")
