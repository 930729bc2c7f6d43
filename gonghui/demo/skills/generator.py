"""Generates the skills records in bulk; a few live applications go through the services."""

import datetime
import random
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.lib.bulk import insert_rows
from gonghui.lib.roles import Role
from gonghui.members.models import Member, MemberStatus
from gonghui.organizations.models import Node
from gonghui.skills import services
from gonghui.skills.models import (
    REWARD_YUAN,
    Attendance,
    Contest,
    ContestEntry,
    Enrolment,
    Grade,
    RewardPayout,
    TechnicianReward,
    TrainingClass,
)

from ..spine import DEMO_PASSWORD

# The seed's technician rewards of 2012-2016: (technicians, senior technicians) paid each year.
SEED_REWARDS = {2012: (15, 9), 2013: (17, 12), 2014: (19, 14), 2015: (21, 17), 2016: (23, 21)}
LATER_REWARDS = (18, 12)  # about as many each year since, before scaling
CLASSES = (
    # kind, title, partner, sessions, places, per year
    ("eba", "农民工EBA初级工商管理培训班", "上海开放大学", 12, 40, 1),
    ("team_leader", "企事业班组长培训班", "上海市职业技术中心", 8, 50, 3),
    ("skill", "职工职业技能提升培训班", "沪东工人文化宫", 10, 40, 2),
    ("safety", "安全生产与职业健康培训班", "区安全生产协会", 6, 60, 1),
)
FIVE_THEMES = ("breakthrough", "application", "innovation", "management", "cooperation", "talent")
TRADES = ("电工", "焊工", "数控车工", "钳工", "护理", "中式烹调", "汽车维修", "计算机程序设计")


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _day(rng: random.Random, year: int, first_month: int = 1, last_month: int = 12) -> datetime.date:
    return datetime.date(year, rng.randint(first_month, last_month), rng.randint(1, 28))


def checker_account() -> User:
    """A second district clerk: approvals are another person's than the verification."""
    root = Node.objects.filter(kind=Node.Kind.DISTRICT).order_by("path").first()
    user, _created = User.objects.get_or_create(
        username="checker",
        defaults={
            "role": Role.DISTRICT_STAFF,
            "node": root,
            "password": make_password(DEMO_PASSWORD),
            "first_name": "区总工会复核",
        },
    )
    return user


def seed_classes(
    rng: random.Random, scale: float, root: Node, streets: list[Node], pool: list[int]
) -> tuple[int, int]:
    today = timezone.localdate()
    drafts = []
    for year in range(2012, today.year + 2):
        for kind, title, partner, sessions, places, per_year in CLASSES:
            if kind == "eba" and year < 2013:
                continue
            for n in range(per_year):
                starts = _day(rng, year, 2, 11)
                if year > today.year:
                    starts = datetime.date(year, 1, 10 + 5 * n)  # next year's classes, open for enrolment
                node = root if n == 0 else rng.choice(streets)
                drafts.append(
                    TrainingClass(
                        node=node,
                        path=node.path,
                        title=f"{year}年{title}" + (f"（第{n + 1}期）" if per_year > 1 else ""),
                        kind=kind,
                        partner=partner,
                        starts_on=starts,
                        ends_on=starts + datetime.timedelta(days=7 * sessions),
                        sessions=sessions,
                        hours=sessions * 3,
                        capacity=places,
                        fee=Decimal("600.00") if kind == "eba" else Decimal("0.00"),
                        free_for_card_holders=True,
                        status=TrainingClass.Status.OPEN
                        if starts >= today - datetime.timedelta(days=60)
                        else TrainingClass.Status.FULL,
                    )
                )
    classes = TrainingClass.unscoped.bulk_create(drafts)
    enrolments = []
    for training in classes:
        if training.starts_on > today:
            continue
        size = min(
            training.capacity, max(4, round(training.capacity * rng.uniform(0.7, 1.0) * min(1.0, scale * 4)))
        )
        for member_id in rng.sample(pool, min(size, len(pool))):
            enrolments.append((training, member_id))
    rows = []
    for seq, (training, member_id) in enumerate(enrolments):
        finished = training.ends_on < today
        attended = min(training.sessions, max(0, round(training.sessions * rng.uniform(0.6, 1.05))))
        if not finished:
            attended = min(attended, max(0, (today - training.starts_on).days // 7))
        completed = finished and attended >= training.needed
        rows.append(
            Enrolment(
                training=training,
                member_id=member_id,
                path=training.path,
                enrolled_on=training.starts_on - datetime.timedelta(days=10),
                fee_due=training.fee if rng.random() < 0.3 else Decimal("0.00"),
                attended=attended,
                status=Enrolment.Status.COMPLETED if completed else Enrolment.Status.ENROLLED,
                completed_on=training.ends_on if completed else None,
                certificate_no=f"JN{training.ends_on:%Y}{training.pk:05d}S{seq:06d}" if completed else None,
            )
        )
    made = Enrolment.unscoped.bulk_create(rows, batch_size=2000)
    for training in classes:
        training.enrolled = sum(1 for t, _m in enrolments if t.pk == training.pk)
    TrainingClass.unscoped.bulk_update(classes, ["enrolled"], batch_size=1000)
    register = (
        (e.pk, n, n <= e.attended)
        for e in made
        for n in range(1, min(e.training.sessions, e.attended + (0 if e.status == "completed" else 1)) + 1)
    )
    insert_rows(Attendance._meta.db_table, ["enrolment_id", "session_no", "present"], register)
    return len(classes), len(made)


def seed_contests(rng: random.Random, scale: float, root: Node, pool: list[int]) -> int:
    today = timezone.localdate()
    drafts = []
    for year in range(2012, today.year + 1):
        for _ in range(2):
            trade = rng.choice(TRADES)
            drafts.append(
                Contest(
                    node=root,
                    path=root.path,
                    title=f"{year}年杨浦区职工{trade}技能竞赛",
                    kind=Contest.Kind.SKILL,
                    trade=trade,
                    held_on=_day(rng, year, 4, 11),
                )
            )
        if year >= 2013:
            theme = FIVE_THEMES[year % len(FIVE_THEMES)]
            drafts.append(
                Contest(
                    node=root,
                    path=root.path,
                    title=f"{year}年科技行业“五比五赛”",
                    kind=Contest.Kind.FIVE_FIVE,
                    theme=theme,
                    trade="科技行业",
                    held_on=_day(rng, year, 5, 10),
                )
            )
    for contest in drafts:
        if contest.held_on >= today:
            contest.status = Contest.Status.OPEN
        else:
            contest.status = Contest.Status.FINISHED
    contests = Contest.unscoped.bulk_create(drafts)
    entries = []
    prizes = ["first", "second", "second", "third", "third", "third"]
    for contest in contests:
        size = max(6, round(rng.randint(15, 40) * min(1.0, scale * 4)))
        scored = contest.status == Contest.Status.FINISHED
        scores = sorted((Decimal(rng.randint(600, 990)) / 10 for _ in range(size)), reverse=True)
        for n, member_id in enumerate(rng.sample(pool, min(size, len(pool)))):
            prize = (prizes[n] if n < len(prizes) else ("merit" if n < 10 else "")) if scored else ""
            entries.append(
                ContestEntry(
                    contest=contest,
                    member_id=member_id,
                    path=contest.path,
                    score=scores[n] if scored else None,
                    prize=prize,
                )
            )
    ContestEntry.unscoped.bulk_create(entries, batch_size=2000)
    return len(contests)


def seed_rewards(
    rng: random.Random, scale: float, pool: list[int], actor: Any, checker: User
) -> tuple[int, Decimal]:
    today = timezone.localdate()
    plan = dict(SEED_REWARDS)
    for year in range(2017, today.year + 1):
        plan[year] = tuple(max(1, round(n * max(scale, 0.2))) for n in LATER_REWARDS)  # type: ignore[assignment]
    people = iter(rng.sample(pool, min(len(pool), sum(a + b for a, b in plan.values()) + 12)))
    paths = dict(Member.unscoped.filter(pk__in=pool).values_list("id", "path"))
    rewards, payouts = [], []
    for year, (technicians, seniors) in sorted(plan.items()):
        for grade, n in ((Grade.TECHNICIAN, technicians), (Grade.SENIOR_TECHNICIAN, seniors)):
            for _ in range(n):
                member_id = next(people)
                paid_on = _day(rng, year, 3, 12 if year < today.year else today.month)
                paid_on = min(paid_on, today)
                certified = paid_on - datetime.timedelta(days=rng.randint(40, 200))
                rewards.append(
                    TechnicianReward(
                        member_id=member_id,
                        grade=grade,
                        certificate_no=f"{certified:%Y}0{rng.randint(10**9, 10**10 - 1)}",
                        certified_on=certified,
                        applied_at=_at(certified + datetime.timedelta(days=20)),
                        applied_by=actor,
                        status=TechnicianReward.Status.PAID,
                        amount=REWARD_YUAN[grade],
                        verified_by=actor,
                        verified_at=_at(paid_on - datetime.timedelta(days=14)),
                        approved_by=checker,
                        approved_at=_at(paid_on - datetime.timedelta(days=7)),
                        path=paths[member_id],
                    )
                )
                payouts.append(paid_on)
    made = TechnicianReward.unscoped.bulk_create(rewards, batch_size=2000)
    RewardPayout.unscoped.bulk_create(
        [
            RewardPayout(
                reward=r,
                member_id=r.member_id,
                grade=r.grade,
                amount=REWARD_YUAN[Grade(r.grade)],
                paid_on=day,
                paid_at=_at(day, 15),
                paid_by=actor,
                key=f"demo-payout-{r.pk:07d}",
                reference=f"JS{day:%Y%m}{r.pk:05d}",
                path=r.path,
            )
            for r, day in zip(made, payouts, strict=True)
        ],
        batch_size=2000,
    )
    # Live items: applications waiting for the certificate check, for approval and for payout.
    members = Member.unscoped.in_bulk([next(people) for _ in range(6)])
    for n, member in enumerate(members.values()):
        reward = services.reward_apply(
            member=member,
            grade=Grade.TECHNICIAN if n % 2 else Grade.SENIOR_TECHNICIAN,
            certificate_no=f"2026{n:02d}1031000{n}",
            certified_on=today - datetime.timedelta(days=30 + n),
            actor=actor,
        )
        if n >= 2:
            services.reward_verify(reward=reward, actor=actor, note="证书已在职业技能鉴定中心查验")
        if n >= 4:
            services.reward_approve(reward=reward, actor=checker)
    return len(made), sum((r.amount for r in made if r.amount), Decimal("0.00"))


def seed_skills(rng: random.Random, *, scale: float, actor: Any) -> str:
    root = Node.objects.filter(kind=Node.Kind.DISTRICT).order_by("path").first()
    if root is None or TrainingClass.unscoped.exists():
        return "skills: nothing to do"
    streets = list(Node.objects.filter(kind=Node.Kind.STREET, path__startswith=root.path).order_by("path"))
    ids = list(
        Member.unscoped.filter(status=MemberStatus.ACTIVE, id_problem="", path__startswith=root.path)
        .order_by("id")
        .values_list("id", flat=True)
    )
    pool = rng.sample(ids, min(len(ids), 20_000))
    checker = checker_account()
    classes, trainees = seed_classes(rng, scale, root, streets or [root], pool)
    contests = seed_contests(rng, scale, root, pool)
    rewards, yuan = seed_rewards(rng, scale, pool, actor, checker)
    return (
        f"skills: {classes} training classes, {trainees} enrolments, {contests} contests, "
        f"{rewards} technician rewards paid ({yuan} yuan); maker-checker login 'checker'"
    )
