"""Model unions: assessments from 2014 (scored item by item, with evidence), the titles (118
unions by the end of 2016 at scale 1, a top ten each year), the elimination of a few each year
from 2017 and the chairs' allowances that follow; this year's assessments are under way."""

import datetime
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from gonghui.accounts.models import User
from gonghui.federation.models import (
    AllowanceTier,
    Assessment,
    AssessmentScore,
    AssessmentStatus,
    ChairAllowance,
    ModelTitle,
    StandardItem,
)
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node

from ..people import person_name
from ..spine import DEMO_PASSWORD
from .common import SEED_END, World, split

MODEL_UNIONS_2016 = 118
TOP_TEN = 10
BASIC = Decimal("500.00")
INCENTIVE = Decimal("750.00")


def assessor_account() -> User:
    user, _created = User.objects.get_or_create(
        username="assessor",
        defaults={
            "role": Role.ASSESSOR,
            "password": make_password(DEMO_PASSWORD),
            "first_name": "方玉平工会创新工作室",
        },
    )
    return user


def seed_model_unions(w: World) -> tuple[int, User]:
    assessor = assessor_account()
    items = list(StandardItem.objects.all())
    unions = list(
        Node.objects.filter(
            path__startswith=w.district.path,
            kind=Node.Kind.GRASSROOTS,
            founded_on__lte=datetime.date(2013, 12, 31),
        ).order_by("path")
    )
    w.rng.shuffle(unions)
    wanted = min(len(unions) - 20, max(20, round(MODEL_UNIONS_2016 * w.scale)))
    pool, current, rest = unions[:wanted], unions[wanted : wanted + 6], unions[wanted + 6 :]
    later = w.scaled(8)
    assessments, titles, allowances = [], [], []
    named: list[Node] = []
    revoked: dict[int, datetime.date] = {}
    plan = dict(zip((2014, 2015, 2016), split(wanted, 3, w.rng), strict=True))
    for year in range(2014, w.today.year):
        fresh = [pool.pop() for _ in range(plan.get(year, 0))] if year <= 2016 else rest[:later]
        if year > 2016:
            rest = rest[later:]
        day = datetime.date(year, 11, 20)
        for union in fresh:
            assessments.append(_assessment(w, union, year, assessor, items, passed=True, day=day))
            titles.append(ModelTitle(union=union, year=year, awarded_on=day, path=union.path))
            allowances.append(
                ChairAllowance(
                    union=union,
                    chair_name=union.chair_name or person_name(w.rng),
                    monthly=BASIC,
                    starts_on=day + datetime.timedelta(days=41),
                    path=union.path,
                )
            )
            named.append(union)
        if year > 2016:  # the elimination rule: a few titled unions fail the year's assessment
            standing = [u for u in named if u.pk not in revoked and u not in fresh]
            for union in w.rng.sample(standing, min(w.scaled(4), len(standing))):
                assessments.append(_assessment(w, union, year, assessor, items, passed=False, day=day))
                revoked[union.pk] = day
        standing = [u for u in named if u.pk not in revoked]
        for union in w.rng.sample(standing, min(TOP_TEN, len(standing))):
            title = next((t for t in titles if t.union is union and t.year == year), None)
            if title is None:
                title = ModelTitle(union=union, year=year, awarded_on=day, path=union.path)
                titles.append(title)
            title.top_ten = True
    for title in titles:
        title.revoked_on = revoked.get(title.union.pk)
    for allowance in allowances:
        if allowance.union.pk in revoked:
            allowance.ends_on = revoked[allowance.union.pk]
            allowance.end_reason = "评估不合格，终止津贴"
        elif any(t.top_ten and t.union is allowance.union for t in titles):
            allowance.tier, allowance.monthly = AllowanceTier.INCENTIVE, INCENTIVE
    Assessment.unscoped.bulk_create([a for a, _s in assessments])
    AssessmentScore.unscoped.bulk_create([s for _a, scores in assessments for s in scores], batch_size=5000)
    ModelTitle.unscoped.bulk_create(titles)
    ChairAllowance.unscoped.bulk_create(allowances)
    _this_year(w, assessor, current, items)
    held = {t.union.pk for t in titles if t.awarded_on <= SEED_END}
    return len(held), assessor


def _assessment(
    w: World,
    union: Node,
    year: int,
    assessor: User,
    items: list[StandardItem],
    *,
    passed: bool,
    day: datetime.date,
) -> tuple[Assessment, list[AssessmentScore]]:
    assessment = Assessment(
        union=union,
        year=year,
        assessor=assessor,
        status=AssessmentStatus.CONFIRMED,
        confirmed_on=day,
        path=union.path,
        scored_at=w.moment(day - datetime.timedelta(days=20)),
    )
    scores = []
    for item in items:
        low = 0.85 if passed else 0.4
        score = min(item.max_score, round(item.max_score * w.rng.uniform(low, 1.0)))
        scores.append(
            AssessmentScore(
                assessment=assessment,
                item=item,
                score=score,
                path=union.path,
                evidence="查阅台账、现场查看、职工座谈",
            )
        )
    assessment.total = sum(s.score for s in scores)
    assessment.passed = assessment.total >= assessment.pass_mark
    return assessment, scores


def _this_year(w: World, assessor: User, unions: list[Node], items: list[StandardItem]) -> None:
    """Assignments of this year: most await the assessor, one is scored and awaits the district."""
    for i, union in enumerate(unions):
        if i == 0:
            assessment, scores = _assessment(
                w, union, w.today.year, assessor, items, passed=True, day=w.today - datetime.timedelta(days=3)
            )
            assessment.status, assessment.confirmed_on = AssessmentStatus.SCORED, None
            assessment.save()
            for score in scores:
                score.assessment = assessment
            AssessmentScore.unscoped.bulk_create(scores)
        else:
            Assessment.unscoped.create(union=union, year=w.today.year, assessor=assessor)
