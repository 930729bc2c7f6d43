"""Contention on real PostgreSQL with real threads: a period closes once and its flag is awarded
once; a team's parallel reports of one period make one report; parallel checks confirm once."""

from functools import partial

import pytest

from gonghui.competitions import services
from gonghui.competitions.models import IndicatorScore, ProgressReport, RedFlag, Round
from gonghui.testing import run_together as run_all
from gonghui.testing.competitions import Contest

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
run_together = partial(run_all, refused=(services.CompetitionError,))


def test_thirty_parallel_closes_award_the_flag_once(district, flushable_append_only_tables):
    world = Contest(district)
    current = world.open()
    world.confirm(world.report(world.team_a, "12", district.users["member"]))
    results = run_together(lambda i: services.round_close(round=current, actor=world.organizer) and "ok", 30)
    assert results.count("ok") == 1 and results.count("refused:closed") == 29
    assert RedFlag.unscoped.filter(round=current).count() == 1
    assert Round.unscoped.get(pk=current.pk).status == Round.Status.CLOSED


def test_thirty_parallel_reports_of_one_period_make_one(district, flushable_append_only_tables):
    world = Contest(district)
    world.open()
    member = district.users["member"]
    results = run_together(lambda i: world.report(world.team_a, str(10 + i), member) and "ok", 30)
    assert results.count("ok") == 30  # each a correction of the one report while it waits
    assert ProgressReport.unscoped.filter(team=world.team_a).count() == 1


def test_parallel_checks_confirm_once(district, flushable_append_only_tables):
    world = Contest(district)
    world.open()
    report = world.report(world.team_a, "12", district.users["member"])
    results = run_together(lambda i: world.confirm(report) and "ok", 20)
    assert results.count("ok") == 1 and results.count("refused:state") == 19
    assert IndicatorScore.objects.filter(report=report).count() == 2
