"""Contention on real PostgreSQL with real threads: 50 parallel payouts of one reward pay it
once; 50 parallel applications for one grade make one; a class's places are never over-filled."""

from functools import partial

import pytest

from gonghui.skills import services
from gonghui.skills.models import Enrolment, Grade, RewardPayout, TechnicianReward
from gonghui.testing import add_member
from gonghui.testing import run_together as run_all
from gonghui.testing.skills import approved_reward, training_class

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
run_together = partial(run_all, refused=(services.SkillsError,))


def test_fifty_parallel_payouts_pay_once(district, flushable_append_only_tables):
    reward = approved_reward(district, district.members["own"])
    staff = district.users["district"]
    results = run_together(
        lambda i: services.reward_pay(reward=reward, key=f"race-key-{i:04d}", actor=staff) and "ok", 50
    )
    assert results.count("ok") == 1
    assert all(r.startswith("refused") for r in results if r != "ok")
    assert RewardPayout.unscoped.count() == 1
    reward.refresh_from_db()
    assert reward.status == TechnicianReward.Status.PAID


def test_fifty_retries_of_one_payout_request_give_one_payout(district, flushable_append_only_tables):
    reward = approved_reward(district, district.members["own"])
    staff = district.users["district"]
    results = run_together(
        lambda i: services.reward_pay(reward=reward, key="one-request-key", actor=staff).pk, 50
    )
    assert len(set(results)) == 1 and RewardPayout.unscoped.count() == 1


def test_fifty_parallel_applications_for_one_grade_make_one(district, flushable_append_only_tables):
    import datetime

    member, staff = district.members["own"], district.users["district"]
    results = run_together(
        lambda i: (
            services.reward_apply(
                member=member,
                grade=Grade.TECHNICIAN,
                certificate_no=f"C{i}",
                certified_on=datetime.date(2026, 1, 5),
                actor=staff,
            )
            and "ok"
        ),
        50,
    )
    assert results.count("ok") == 1 and results.count("refused:duplicate") == 49
    assert TechnicianReward.unscoped.filter(member=member).count() == 1


def test_parallel_enrolments_fill_exactly_the_places(district, flushable_append_only_tables):
    training = training_class(district, capacity=7)
    members = [add_member(district.dinghai_union, district.units["dinghai_a"], f"学员{i}") for i in range(40)]
    staff = district.users["district"]
    results = run_together(
        lambda i: services.enrolment_create(training=training, member=members[i], actor=staff) and "ok", 40
    )
    assert results.count("ok") == 7 and results.count("refused:full") == 33
    training.refresh_from_db()
    assert training.enrolled == 7 == Enrolment.unscoped.filter(training=training).count()
