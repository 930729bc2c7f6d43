"""The demo's skills: the seed's technician rewards of 2012-2016 (168 workers, 241,000 yuan),
classes and contests every year, applications still waiting for their checks."""

import datetime
import random
from decimal import Decimal

import pytest

from gonghui.demo.skills import seed_skills
from gonghui.lib.figures import Period
from gonghui.organizations.models import Node
from gonghui.results.registry import figures_for
from gonghui.skills.models import RewardPayout, TechnicianReward, TrainingClass
from gonghui.testing.demo_district import small_demo_district

pytestmark = pytest.mark.django_db


def test_seed_skills_reproduces_the_seed_and_goes_on():
    actor = small_demo_district()
    assert seed_skills(random.Random(7), scale=0.01, actor=actor).startswith("skills:")
    root = Node.objects.get(depth=1)
    seed = figures_for(root, Period.as_of(datetime.date(2016, 12, 31)))["skills"]
    assert (seed["technician_rewards"], seed["technician_reward_yuan"]) == (168, "241000.00")
    assert seed["classes"] > 20 and seed["trainees"] > 0 and 0 < seed["completions"] <= seed["trainees"] * 5
    now = figures_for(root)["skills"]
    assert now["technician_rewards"] > 168 and Decimal(now["technician_reward_yuan"]) > Decimal("241000.00")
    assert now["technician_rewards"] == RewardPayout.unscoped.count()
    waiting = set(TechnicianReward.unscoped.exclude(status="paid").values_list("status", flat=True))
    assert waiting == {"applied", "verified", "approved"}
    assert TrainingClass.unscoped.filter(starts_on__gt=datetime.date.today(), status="open").exists()
