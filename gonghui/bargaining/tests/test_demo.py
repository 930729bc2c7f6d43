"""The demo's bargaining reproduces the seed: 9,840 enterprises covered at the end of 2016 after
17.5 % a year (here at a small scale: the same growth), and goes on to today."""

import datetime
import random

import pytest

from gonghui.accounts.models import User
from gonghui.bargaining.models import Agreement, Alert, Offer
from gonghui.demo.bargaining import seed_bargaining
from gonghui.demo.bargaining.plan import targets
from gonghui.demo.spine import Generator, create_accounts
from gonghui.lib.figures import Period
from gonghui.organizations.models import Node, Referral
from gonghui.results.registry import figure_set

pytestmark = pytest.mark.django_db

SCALE = 0.05


def test_seed_bargaining_reproduces_the_coverage_and_its_growth():
    generator = Generator(scale=SCALE, seed=7)
    district, streets, middles = generator.build_tree()
    drafts, unions = generator.build_units(streets, middles)
    generator.save_units(drafts)
    create_accounts(district, streets, unions)
    summary = seed_bargaining(random.Random(7), scale=SCALE, actor=User.objects.get(username="district"))
    assert summary.startswith("bargaining:")
    root = Node.objects.get(pk=district.pk)
    compute = figure_set("bargaining").compute
    goal = targets(SCALE, 10**6, datetime.date(2026, 12, 6))
    seed = compute(root, Period.years(2012, 2016))
    assert seed["enterprises_covered"] == goal[2016] == round(9840 * SCALE)
    assert compute(root, Period.as_of(datetime.date(2011, 12, 31)))["enterprises_covered"] == goal[2011]
    assert abs(seed["coverage_growth_avg"] - 0.175) < 0.002
    now = compute(root, None)
    assert now["enterprises_covered"] >= seed["enterprises_covered"] and now["agreements_in_force"] > 0
    assert 0.8 < seed["offers_answered_in_time_rate"] < 0.97 and seed["offers"] > 0
    assert now["agreements_overdue_filing"] >= 1  # the live agreement filed late
    assert Referral.unscoped.filter(
        status=Referral.Status.PENDING, source__startswith="bargaining.offer:"
    ).exists()
    assert Alert.unscoped.exists() and Offer.unscoped.filter(status=Offer.Status.SENT).exists()
    assert Agreement.unscoped.filter(level="regional").exists()
