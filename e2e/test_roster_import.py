import io

import pytest
from django.core.management import call_command
from python_calamine import CalamineWorkbook

from gonghui.members.models import Member, RosterImport
from gonghui.members.tests.rosters import good_rows, xlsx
from gonghui.members.tests.test_roster_import import messy_rows
from gonghui.testing import build_district

from .logins import staff_login

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def run_worker() -> None:
    """One pass of the real database task worker, as `make demo` runs it (it wants the main thread)."""
    call_command("db_worker", "--batch", "--no-startup-delay")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_chair_uploads_watches_the_progress_downloads_errors_and_confirms(live_server, page, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    district = build_district()
    unit = district.units["dinghai_a"].name
    data = xlsx(messy_rows(district, unit) + good_rows(20_000, 4000, unit))

    staff_login(page, live_server.url, "chair")
    page.goto(live_server.url + "/members/import/")
    page.select_option("select[name=union]", str(district.dinghai_union.pk))
    page.set_input_files("input[name=file]", {"name": "花名册.xlsx", "mimeType": XLSX, "buffer": data})
    with page.expect_navigation():
        page.click("#upload-form button[type=submit]")

    assert page.locator("#import-progress").is_visible()  # queued: the bar waits for the worker
    run_worker()
    page.wait_for_selector('#import-job[data-status="ready"]', timeout=30_000)  # htmx swapped in the preview
    assert page.locator('[data-count="new"]').inner_text() == f"{6 + 4000:,}"
    assert page.locator('[data-count="error"]').inner_text() == "6"

    with page.expect_download() as download:
        page.click("#error-workbook")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(download.value.path().read_bytes())).get_sheet_by_index(
        0
    )
    table = rows.to_python()
    assert table[0][:2] == ["原行号", "错误原因"] and len(table) == 7

    before = Member.unscoped.count()
    with page.expect_navigation():
        page.click("#confirm-import")
    run_worker()
    page.wait_for_selector('#import-job[data-status="done"]', timeout=30_000)
    assert Member.unscoped.count() == before + 4006
    assert RosterImport.unscoped.get().status == "done"
