"""AZ-3: a street cadre's review and yearbook hold nothing of the sibling street, in the PDF's
text and in every cell of the workbooks; the page offers and lists nothing of it either."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from gonghui.results.review.models import ReviewJob
from gonghui.results.review.services import review_job_start
from gonghui.testing.culture import Culture

pytestmark = pytest.mark.django_db


def markers(district) -> list[str]:
    return [
        "平凉",  # 平凉路街道, 平凉标记丙公司工会, 孙平凉, 周平凉
        district.members["sibling"].member_no,
        district.units["pingliang_c"].uscc,
    ]


def files_of(client: Client, job: ReviewJob) -> str:
    """Everything the job's downloads hold, as text."""
    texts = []
    names = ["results:review_xlsx"] + (["results:review_pdf"] if job.kind == ReviewJob.Kind.REVIEW else [])
    for name in names:
        response = client.get(reverse(name, args=[job.pk]))
        assert response.status_code == 200
        data = b"".join(response.streaming_content)
        if name == "results:review_pdf":
            texts += [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
        else:
            book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            for sheet in book.sheet_names:
                texts += [str(cell) for row in book.get_sheet_by_name(sheet).to_python() for cell in row]
    return "\n".join(texts)


def run(client: Client, node, kind: str, capture) -> ReviewJob:
    with capture(execute=True):
        response = client.post(
            reverse("results:review"), {"node": node.pk, "first_year": 2012, "last_year": 2016, "kind": kind}
        )
    assert response.status_code == 302
    return ReviewJob.unscoped.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def test_a_street_cadre_s_review_and_yearbook_hold_nothing_of_the_sibling_street(
    district, django_capture_on_commit_callbacks
):
    Culture(district)  # venues and sessions in both streets, with marker names
    cadre = Client()
    cadre.force_login(district.users["dinghai_cadre"])
    everything = ""
    for kind in ("review", "yearbook"):
        job = run(cadre, district.dinghai, kind, django_capture_on_commit_callbacks)
        text = files_of(cadre, job)
        assert "定海路街道" in text
        everything += text
    for marker in markers(district):
        assert marker not in everything, marker
    # The same files of the whole district do show the sibling street: the check can see it.
    staff = Client()
    staff.force_login(district.users["district"])
    district_text = files_of(staff, run(staff, district.root, "review", django_capture_on_commit_callbacks))
    district_text += files_of(
        staff, run(staff, district.root, "yearbook", django_capture_on_commit_callbacks)
    )
    assert "平凉路街道" in district_text


def test_the_page_offers_and_lists_nothing_of_the_sibling_street(
    district, django_capture_on_commit_callbacks
):
    review_job_start(
        node=district.pingliang,
        kind="review",
        first_year=2012,
        last_year=2016,
        actor=district.users["district"],
    )
    cadre = Client()
    cadre.force_login(district.users["dinghai_cadre"])
    page = cadre.get(reverse("results:review")).content.decode()
    assert "定海路街道" in page
    for marker in markers(district):
        assert marker not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = cadre.post(
            reverse("results:review"),
            {"node": district.pingliang.pk, "first_year": 2012, "last_year": 2016, "kind": "review"},
        )
    assert response.status_code == 400
    assert ReviewJob.unscoped.filter(created_by=district.users["dinghai_cadre"]).count() == 0
