"""Cadres' visits (a problem is never closed without an answer; the resolution rate) and the
reform list (its history cannot be rewritten: the table refuses it and every report is audited)."""

import datetime

import pytest
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from gonghui.audit.models import AuditRecord
from gonghui.federation import services
from gonghui.federation.models import MeasureStatus, Problem, ProblemStatus, ProgressReport, ReformMeasure
from gonghui.federation.selectors import federation_figures

pytestmark = pytest.mark.django_db


def test_a_visit_records_its_problems_as_tickets_with_owner_and_deadline(district, fed):
    visit = fed.visit(district.units["dinghai_a"], problems=2, actor=district.users["dinghai_cadre"])
    problems = list(visit.problems.order_by("id"))
    assert [p.status for p in problems] == [ProblemStatus.OPEN, ProblemStatus.OPEN]
    assert all(
        p.owner_name == "王干事" and p.due_on == visit.visited_on + datetime.timedelta(days=30)
        for p in problems
    )
    assert visit.path == district.dinghai_union.path and problems[0].path == visit.path
    with pytest.raises(services.FederationError, match="责任人"):
        services.visit_record(
            unit=district.units["dinghai_a"],
            visited_on=timezone.localdate(),
            people_met=3,
            problems=[services.ProblemDraft("无人负责的问题", "")],
            actor=district.users["dinghai_cadre"],
        )


def test_a_problem_cannot_be_closed_without_an_answer(district, fed):
    problem = fed.visit(district.units["dinghai_a"], problems=1).problems.get()
    for blank in ("", "   "):
        with pytest.raises(services.FederationError, match="答复"):
            services.problem_close(problem=problem, status="solved", answer=blank, actor=fed.staff)
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.OPEN
    # Nor behind the service's back: the database refuses it.
    with pytest.raises(IntegrityError), transaction.atomic():
        Problem.unscoped.filter(pk=problem.pk).update(status="solved", closed_on=timezone.localdate())
    services.problem_close(problem=problem, status="explained", answer="已向职工解释政策", actor=fed.staff)
    with pytest.raises(services.FederationError, match="已办结"):
        services.problem_close(problem=problem, status="solved", answer="再次", actor=fed.staff)


def test_the_close_page_keeps_what_was_typed_and_refuses_an_empty_answer(client, district, fed):
    problem = fed.visit(district.units["dinghai_a"], problems=1).problems.get()
    client.force_login(district.users["dinghai_cadre"])
    url = reverse("federation:problem", args=[problem.pk])
    response = client.post(url, {"status": "solved", "answer": ""})
    assert response.status_code == 400 and "办结问题须填写答复" in response.content.decode()
    assert Problem.unscoped.get(pk=problem.pk).status == ProblemStatus.OPEN
    response = client.post(url, {"status": "solved", "answer": "单位已补发加班费"})
    assert response.status_code == 302
    assert Problem.unscoped.get(pk=problem.pk).answer == "单位已补发加班费"


def test_the_resolution_rate_moves_when_a_problem_is_solved(district, fed):
    visit = fed.visit(district.units["dinghai_a"], problems=2, people=8)
    figures = federation_figures(district.root)
    assert (figures["visits_units"], figures["visits_workers"], figures["problems"]) == (1, 8, 2)
    assert figures["problems_solved_rate"] == 0.0
    services.problem_close(problem=visit.problems.first(), status="solved", answer="已解决", actor=fed.staff)
    assert federation_figures(district.root)["problems_solved_rate"] == 0.5
    assert federation_figures(district.pingliang)["problems"] == 0


def test_progress_reports_cannot_be_rewritten_and_are_audited(district, fed):
    measure = fed.measure(district.root)
    report = services.progress_report(
        measure=measure, progress=60, note="已在6个街镇推开", evidence="会议纪要", actor=fed.staff
    )
    record = AuditRecord.objects.get(action="federation.reform.progress", object_id=str(report.pk))
    assert record.detail["progress"] == 60 and len(record.detail["digest"]) == 64
    with pytest.raises(DatabaseError), transaction.atomic():
        ProgressReport.unscoped.filter(pk=report.pk).update(progress=100)
    with pytest.raises(DatabaseError), transaction.atomic():
        ProgressReport.unscoped.filter(pk=report.pk).delete()
    assert ProgressReport.unscoped.get(pk=report.pk).progress == 60
    with pytest.raises(services.FederationError, match="佐证"):
        services.progress_report(measure=measure, progress=80, note="进展", evidence=" ", actor=fed.staff)
    services.progress_report(
        measure=measure, progress=100, note="全部完成", evidence="验收报告", actor=fed.staff
    )
    measure = ReformMeasure.unscoped.get(pk=measure.pk)
    assert measure.status == MeasureStatus.DONE and measure.done_on == timezone.localdate()
    assert list(measure.reports.values_list("progress", flat=True)) == [100, 60]


def test_the_board_flags_overdue_measures_and_counts_as_of_a_day(client, district, fed):
    measure = fed.measure(district.root)  # due 2016-06-30, not done: overdue today
    client.force_login(district.users["district"])
    page = client.get(reverse("federation:reform")).content.decode()
    assert "1 项超期" in page and measure.title in page
    from gonghui.lib.figures import Period

    figures = federation_figures(district.root, Period.as_of(datetime.date(2015, 12, 31)))
    assert (figures["reform_tasks"], figures["reform_measures"], figures["reform_measures_done"]) == (1, 1, 0)
    assert federation_figures(district.root, Period.as_of(datetime.date(2015, 1, 1)))["reform_tasks"] == 0
