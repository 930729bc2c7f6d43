"""The demo's congresses: establishment rates that rise over the review period (non-enterprise
units nearly all by 2016), representatives, sessions, proposals and assessments from 2015, and
a live session where the demo member can vote."""

import random

import pytest

from gonghui.accounts.models import User
from gonghui.congress.models import Item, Proposal, Representative, Seat, Session
from gonghui.demo.congress import seed_congress
from gonghui.demo.congress.live import demo_member
from gonghui.demo.spine import Generator, create_accounts
from gonghui.lib.figures import Period
from gonghui.organizations.models import Node
from gonghui.results.registry import figure_set

pytestmark = pytest.mark.django_db

SCALE = 0.03


def test_seed_congress_builds_a_history_and_a_live_session():
    generator = Generator(scale=SCALE, seed=11)
    district, streets, middles = generator.build_tree()
    drafts, unions = generator.build_units(streets, middles)
    generator.save_members(drafts, generator.save_units(drafts))
    create_accounts(district, streets, unions)
    summary = seed_congress(random.Random(11), scale=SCALE, actor=User.objects.get(username="district"))
    assert "live session open" in summary, summary
    compute, root = figure_set("congress").compute, Node.objects.get(pk=district.pk)
    start, end = compute(root, Period.year(2011)), compute(root, Period.years(2012, 2016))
    assert start["establishment_rate"] < end["establishment_rate"] <= 1
    assert end["non_enterprise_establishment_rate"] >= 0.85
    assert end["representatives"] > 0 and end["sessions_held"] > 0 and end["proposals"] > 0
    assert (
        compute(root, Period.year(2014))["representative_performance_rate"] is None
    )  # not assessed before 2015
    assert 0.7 < compute(root, Period.year(2016))["representative_performance_rate"] < 0.95
    assert 0.8 < end["proposals_answered_rate"] <= 1
    now = compute(root, None)
    assert now["representatives"] == Representative.unscoped.filter(status=Seat.ACTIVE).count()
    chair_union = Node.objects.filter(kind=Node.Kind.GRASSROOTS).order_by("path").first()
    me = demo_member(chair_union)
    assert Representative.unscoped.filter(member=me, status=Seat.ACTIVE).exists()
    sitting = Session.unscoped.get(congress__node=chair_union, status=Session.Status.OPEN)
    assert Item.unscoped.filter(session=sitting, status=Item.Status.VOTING).count() == 1
    assert Proposal.unscoped.filter(congress__node=chair_union, status=Proposal.Status.ANSWERED).exists()
