"""The demo's federation work reproduces the seed's figures for 2012-2016 (the programme-sized
ones exactly, the district-sized ones scaled) and goes on to today, read through the registry."""

import datetime
import random

import pytest
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.demo.federation import seed_federation
from gonghui.demo.spine import Generator, create_accounts
from gonghui.federation.models import Assessment, FoundingApplication, Problem, WorkOrder
from gonghui.lib.figures import Period
from gonghui.organizations.models import Node
from gonghui.results.registry import figure_set, figures_for

pytestmark = pytest.mark.django_db

SCALE = 0.02


def test_the_demo_gives_the_seeds_figures_for_2012_2016_and_goes_on_to_today():
    generator = Generator(scale=SCALE, seed=7)
    district, streets, middles = generator.build_tree()
    drafts, unions = generator.build_units(streets, middles)
    unit_ids = generator.save_units(drafts)
    generator.save_members(drafts, unit_ids)
    create_accounts(district, streets, unions)
    summary = seed_federation(random.Random(7), scale=SCALE, actor=User.objects.get(username="district"))
    assert summary.startswith("federation:")
    root = Node.objects.get(pk=district.pk)
    five = figures_for(root, Period.years(2012, 2016))
    seed = five["federation"]
    assert set(seed) == set(figure_set("federation").keys())
    # programme-sized: exactly the seed's
    assert (seed["reform_tasks"], seed["reform_measures"]) == (35, 125)
    assert seed["research_reports"] == 337 and seed["cadre_training_person_times"] == 8000
    assert seed["professional_union_workers"] == 80 and seed["top_ten"] == 10
    assert 480 <= seed["problems"] <= 520 and seed["problems_solved_rate"] > 0.95
    # district-sized: the seed's per year, scaled
    assert seed["visits_units"] == round(2000 * SCALE) * 5
    # about 10,000 workers a year at scale 1
    assert 4.5 <= seed["visits_workers"] / seed["visits_units"] <= 5.5
    assert seed["unions_founded"] == five["new_unions"]  # the spine's unions of 2012-2016 came through here
    assert seed["model_unions"] >= 20 and seed["stations"] == 60 >= seed["stations_meeting_six_haves"] > 40
    assert seed["hotline_orders"] > 0 and 0.85 < seed["hotline_answered_in_time_rate"] < 1
    assert seed["contest_entries"] > 0 and seed["contest_votes"] > 0
    # ... and on to today: more unions founded (the coverage moves), open items on every page
    now = figures_for(root)
    assert now["unions"] > figures_for(root, Period.as_of(datetime.date(2016, 12, 31)))["unions"]
    assert now["federation"]["unions_founded"] > seed["unions_founded"]
    this_year = figures_for(root, Period.year(timezone.localdate().year))["federation"]
    assert this_year["visits_units"] > 0 and this_year["hotline_orders"] > 0
    assert FoundingApplication.unscoped.filter(status__in=["submitted", "accepted"]).exists()
    assert Problem.unscoped.filter(status="open").exists()
    assert WorkOrder.unscoped.filter(status="open").exists()
    assert Assessment.unscoped.filter(status="assigned", assessor__username="assessor").exists()
