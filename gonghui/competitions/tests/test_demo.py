"""The demo's competitions: the seed's five of 2012-2016 and the ones since, a period open now,
scores and flags that recompute from the records, participants published for care."""

import datetime
import random

import pytest

from gonghui.competitions import selectors
from gonghui.competitions.models import Competition, ProgressReport, RedFlag, Round, TeamReporter
from gonghui.demo.competitions import seed_competitions
from gonghui.lib.figures import Period
from gonghui.members.models import MemberGroup
from gonghui.organizations.models import Node
from gonghui.results.registry import figures_for
from gonghui.testing.demo_district import small_demo_district

pytestmark = pytest.mark.django_db


def test_seed_competitions_tells_the_seed_s_story_and_goes_on():
    actor = small_demo_district()
    summary = seed_competitions(random.Random(7), scale=0.01, actor=actor)
    assert summary.startswith("competitions:")
    root = Node.objects.get(depth=1)
    seed = figures_for(root, Period.as_of(datetime.date(2016, 12, 31)))["competitions"]
    assert seed["competitions"] == 5 and seed["teams"] > 40 and seed["participants"] >= seed["teams"]
    assert seed["red_flags_awarded"] > 100 and seed["awards"] > 0
    now = figures_for(root)["competitions"]
    assert now["competitions"] == Competition.unscoped.count() == 10
    # A period is open now with reports waiting for the check; one competition is still to come.
    assert Round.unscoped.filter(status=Round.Status.OPEN).count() == 2
    assert ProgressReport.unscoped.filter(status=ProgressReport.Status.SUBMITTED).exists()
    assert Competition.unscoped.filter(started_on__gt=datetime.date.today()).count() == 1
    assert TeamReporter.objects.filter(team__competition__status="running").exists()
    # Every stored score and flag is what the records give again.
    for report in ProgressReport.unscoped.filter(status=ProgressReport.Status.CONFIRMED).order_by("?")[:300]:
        assert selectors.recompute_report(report) == (report.progress, report.score)
    for current in Round.unscoped.filter(status=Round.Status.CLOSED).order_by("?")[:60]:
        stored = dict(RedFlag.unscoped.filter(round=current).values_list("section", "team_id"))
        assert stored == selectors.recompute_flags(current)
    assert MemberGroup.unscoped.filter(source__startswith="competitions.team:").count() == now["teams"]
