"""The staff page: district and street staff start a review or a yearbook as a task, follow its
progress (htmx) and download the files as attachments, audited; bad input answers 400 in Chinese
and starts nothing; other roles get a 404."""

import pytest
from django.test import Client
from django.urls import reverse

from gonghui.audit.models import AuditRecord
from gonghui.results.review.files import folder_of
from gonghui.results.review.models import ReviewJob
from gonghui.results.review.services import run_review_job

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def start(client: Client, node, kind: str, capture=None, first: int = 2012, last: int = 2016):
    """POST the form; with `capture`, the task queued on commit runs (the immediate backend)."""
    data = {"node": node.pk, "first_year": first, "last_year": last, "kind": kind}
    if capture is None:
        return client.post(reverse("results:review"), data)
    with capture(execute=True):
        return client.post(reverse("results:review"), data)


@pytest.mark.parametrize("role", ["chair", "member", "mediator", "cashier"])
def test_only_district_and_street_staff_open_the_page(district, role):
    assert login(district.users[role]).get(reverse("results:review")).status_code == 404


def test_a_review_runs_as_a_task_and_offers_its_two_files(
    district, django_capture_on_commit_callbacks, settings
):
    client = login(district.users["dinghai_cadre"])
    page = client.get(reverse("results:review"))
    assert page.status_code == 200 and "生成工作回顾" in page.content.decode()
    response = start(client, district.dinghai, "review", django_capture_on_commit_callbacks)
    job = ReviewJob.unscoped.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "results:review_job", args=[job.pk]
    )
    assert (job.status, job.progress, job.node, job.created_by) == (
        ReviewJob.Status.DONE,
        100,
        district.dinghai,
        district.users["dinghai_cadre"],
    )
    assert AuditRecord.objects.filter(action="results.review.start", object_id=str(job.pk)).exists()
    detail = client.get(reverse("results:review_job", args=[job.pk])).content.decode()
    assert reverse("results:review_pdf", args=[job.pk]) in detail
    pdf = client.get(reverse("results:review_pdf", args=[job.pk]))
    assert pdf["Content-Type"] == "application/pdf" and "no-store" in pdf["Cache-Control"]
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    xlsx = client.get(reverse("results:review_xlsx", args=[job.pk]))
    assert b"".join(xlsx.streaming_content).startswith(b"PK")
    assert AuditRecord.objects.filter(action="results.review.download").count() == 2
    folder = folder_of(job.stored_as)
    assert folder.parent == settings.REPORTS_DIR and (folder / "review.pdf").is_file()  # outside the web root


def test_the_progress_polls_while_the_task_runs(district):
    client = login(district.users["district"])
    start(client, district.root, "review")  # the task is not run
    job = ReviewJob.unscoped.get()
    partial = client.get(reverse("results:review_job", args=[job.pk]), headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert 'hx-trigger="every 1s"' in body and "<progress" in body and "<html" not in body
    assert client.get(reverse("results:review_pdf", args=[job.pk])).status_code == 404  # not written yet
    run_review_job.call(job.pk)
    run_review_job.call(job.pk)  # queued twice: the second run finds it done and does nothing
    job.refresh_from_db()
    assert job.status == ReviewJob.Status.DONE
    body = client.get(reverse("results:review_job", args=[job.pk]), headers={"HX-Request": "true"}).content
    assert b"hx-trigger" not in body and b"download-pdf" in body


def test_a_yearbook_offers_its_workbook_only(district, django_capture_on_commit_callbacks):
    client = login(district.users["district"])
    start(client, district.root, "yearbook", django_capture_on_commit_callbacks)
    job = ReviewJob.unscoped.get()
    assert (job.kind, job.first_year, job.last_year, job.status) == ("yearbook", 2016, 2016, "done")
    assert client.get(reverse("results:review_pdf", args=[job.pk])).status_code == 404
    xlsx = client.get(reverse("results:review_xlsx", args=[job.pk]))
    assert "attachment" in xlsx["Content-Disposition"] and "2016" in xlsx["Content-Disposition"]


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        (2016, 2012, "截止年度不能早于起始年度"),
        (1900, 2016, "1949"),
        (2012, 9999, "2026"),
        ("x", 2016, "整数"),
    ],
)
def test_bad_years_answer_400_in_chinese_and_start_nothing(
    district, django_capture_on_commit_callbacks, first, last, message
):
    client = login(district.users["district"])
    response = start(client, district.root, "review", django_capture_on_commit_callbacks, first, last)
    assert response.status_code == 400 and message in response.content.decode()
    assert not ReviewJob.unscoped.exists()


def test_an_unknown_kind_is_refused(district, django_capture_on_commit_callbacks):
    client = login(district.users["district"])
    response = start(client, district.root, "payroll", django_capture_on_commit_callbacks)
    assert response.status_code == 400 and "未知的生成类型" in response.content.decode()
    assert not ReviewJob.unscoped.exists()


def test_a_failed_task_says_so(district, monkeypatch):
    from gonghui.results.review import services

    def broken(*args, **kwargs):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(services, "write_review", broken)
    job = services.review_job_start(
        node=district.root, kind="review", first_year=2012, last_year=2016, actor=district.users["district"]
    )
    with pytest.raises(RuntimeError):
        run_review_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == ReviewJob.Status.FAILED and "磁盘已满" in job.message
