"""The demo's honours roll: every count the seed gives for the end of 2016, and more since."""

import datetime
import random

import pytest

from gonghui.demo.honours import seed_honours
from gonghui.lib.figures import Period
from gonghui.organizations.models import Node
from gonghui.results.registry import figures_for
from gonghui.testing.demo_district import small_demo_district

pytestmark = pytest.mark.django_db
SEED = {
    "national_model_workers": 3,
    "city_model_workers": 18,
    "city_model_collectives": 5,
    "national_mayday_award_collectives": 2,
    "national_mayday_medal_individuals": 3,
    "city_mayday_award_collectives": 12,
    "city_mayday_medal_individuals": 14,
    "city_pioneer_teams": 19,
    "innovation_studios": 28,
    "national_model_homes": 1,
    "national_model_small_homes": 2,
    "city_model_homes": 18,
    "city_model_small_homes": 13,
}


def test_seed_honours_reproduces_every_seed_figure_and_goes_on():
    actor = small_demo_district()
    assert seed_honours(random.Random(7), scale=0.01, actor=actor).startswith("honours:")
    root = Node.objects.get(depth=1)
    assert figures_for(root, Period.as_of(datetime.date(2016, 12, 31)))["honours"] == SEED
    now = figures_for(root)["honours"]
    assert all(now[key] > value for key, value in SEED.items()), now
