"""The review's id-taking routes: a review job's progress page and its two files. District staff
and street cadres reach the jobs of their subtree; no other role opens the review at all."""

from gonghui.results.review.files import REVIEW_PDF, REVIEW_XLSX, folder_of
from gonghui.results.review.models import ReviewJob
from gonghui.results.review.services import review_job_start
from gonghui.testing.district import District

from .base import TREE, Group, Objects, Place, Target, ids

REVIEWERS = {role: relations for role, relations in TREE.items() if role != "chair"}
ROUTES = {
    "results:review_job": Target("review_job", REVIEWERS),
    "results:review_pdf": Target("review_job", REVIEWERS),
    "results:review_xlsx": Target("review_job", REVIEWERS),
}


def done_job(place: Place, d: District) -> ReviewJob:
    """A job started through the service, its files in place as the task leaves them (the task
    itself is tested on its own: writing five real reviews here would slow the walk)."""
    job = review_job_start(
        node=place.node,
        kind=ReviewJob.Kind.REVIEW,
        first_year=2012,
        last_year=2016,
        actor=d.users["district"],
    )
    folder = folder_of(job.stored_as)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / REVIEW_PDF).write_bytes(b"%PDF-1.7\n")
    (folder / REVIEW_XLSX).write_bytes(b"PK\x03\x04")
    ReviewJob.unscoped.filter(pk=job.pk).update(status=ReviewJob.Status.DONE, progress=100)
    return job


def build(d: District, places: dict[str, Place]) -> Objects:
    return {"review_job": ids({relation: done_job(place, d) for relation, place in places.items()})}


REVIEW = Group(ROUTES, build)
