"""The demo's care records: five years of campaigns from 2012 (a Spring Festival and a summer each
year), a few hundred hardship files at scale 1, going on to today; the figures come from the rows
through the registry."""

import random

import pytest
from django.db.models import Count
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.care.models import Campaign, Delivery, FamilyFile, MoneyRule, Payout, Site, Stay
from gonghui.demo.care import seed_care
from gonghui.demo.spine import Generator, create_accounts
from gonghui.lib.figures import Period
from gonghui.organizations.models import Node
from gonghui.results.registry import figures_for

pytestmark = pytest.mark.django_db
SCALE = 0.02


def test_seed_care_gives_the_years_of_campaigns_and_files():
    generator = Generator(scale=SCALE, seed=7)
    district, streets, middles = generator.build_tree()
    drafts, unions = generator.build_units(streets, middles)
    generator.save_members(drafts, generator.save_units(drafts))
    create_accounts(district, streets, unions)
    summary = seed_care(random.Random(7), scale=SCALE, actor=User.objects.get(username="district"))
    assert summary.startswith("care:")
    root = Node.objects.get(pk=district.pk)
    five_years = figures_for(root, Period.years(2012, 2016))["care"]
    # A Spring Festival and a summer each year, and from 2015 the four other deliveries.
    assert five_years["campaigns"] == 5 * 2 + 2 * 4
    for year in range(2012, 2017):
        kinds = set(Campaign.unscoped.filter(starts_on__year=year).values_list("kind", flat=True))
        assert {"warmth", "cooling"} <= kinds
    assert five_years["person_times"] == Delivery.unscoped.filter(delivered_at__year__lte=2016).count() > 0
    assert five_years["health_checks"] > 0 and five_years["rest_home_stays"] > 0
    assert five_years["hardship_files_open"] > 0 and float(five_years["hardship_aid_paid_yuan"]) > 0
    today = figures_for(root)["care"]
    assert today["hardship_files_closed"] > 0 and today["person_times"] > five_years["person_times"]
    # Going on to today: a campaign running with sites today, one waiting for approval, offers ahead.
    assert Site.unscoped.filter(campaign__status="approved", on_day=timezone.localdate()).exists()
    assert Campaign.unscoped.filter(status="draft").exists()
    assert Stay.unscoped.filter(status__in=["booked", "assigned"]).exists()
    assert FamilyFile.unscoped.filter(status__in=["submitted", "reviewed"]).exists()
    # The rules are rows with validity periods: the festival cap has two versions.
    assert MoneyRule.unscoped.filter(code="festival-yearly-cap").count() == 2
    # Once per person and campaign; one payout per grant.
    twice = Delivery.unscoped.values("campaign", "member").annotate(n=Count("id")).filter(n__gt=1)
    assert not twice.exists()
    assert Payout.unscoped.values("grant").annotate(n=Count("id")).filter(n__gt=1).count() == 0
