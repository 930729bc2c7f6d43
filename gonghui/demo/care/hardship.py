"""A few hundred hardship files since 2012, against each year's standard: opened by the street,
approved by the district, reviewed every year, aided (living, festival, medical, schooling aid,
each paid once and signed for) and closed when the family is out of hardship. Today a few files
and aids wait in the queues of the street and the district."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.care import services
from gonghui.care.models import (
    AidGrant,
    FamilyFile,
    FileCause,
    FileReview,
    FileStatus,
    GrantStatus,
    Payout,
    Standard,
)
from gonghui.members.models import Member
from gonghui.organizations.models import Node

from .common import FIRST_YEAR, Pool, at, years

PDF = b"%PDF-1.4\n% demo income proof\n"
CAUSES = ["illness", "illness", "disability", "schooling", "unemployment", "disaster", "accident"]
ILLNESSES = ["尿毒症透析", "恶性肿瘤术后化疗", "重度脑梗后遗症", "白血病", "慢性肾衰竭", "重症肝炎"]
SITUATIONS = {
    "illness": "家庭成员患重病，医疗支出大，收入难以维持基本生活。",
    "disability": "本人或家庭成员残疾，劳动能力受限。",
    "schooling": "子女在读，学费和生活费负担重。",
    "unemployment": "配偶失业，家庭仅靠一人工资维持。",
    "disaster": "家中遭遇火灾，财物损失严重。",
    "accident": "家庭成员意外受伤，长期休养。",
}


def line(year: int) -> Decimal:
    """The demo's line: 1,140 yuan a head a month in 2012, about 6% more each year."""
    return (Decimal("1140") * Decimal("1.06") ** (year - FIRST_YEAR)).quantize(Decimal("1"))


def seed_standards(root: Node) -> None:
    Standard.unscoped.bulk_create(
        [
            Standard(node=root, path=root.path, year=y, income_line=line(y))
            for y in [*years(), years()[-1] + 1]
        ]
    )


def _cadres(pool: Pool) -> dict[str, User]:
    cadres = {
        u.node.path: u for u in User.objects.filter(role="street_cadre").select_related("node") if u.node
    }
    return {street.path: cadres[street.path] for street in pool.streets if street.path in cadres}


def _grants(
    rng: random.Random,
    file: FamilyFile,
    causes: list[FileCause],
    year: int,
    today: datetime.date,
    cadre: User,
    checker: User,
) -> list[AidGrant]:
    illness = next((c for c in causes if c.cause == "illness"), None)
    kinds = [("festival", Decimal(500)), ("living", Decimal(rng.randrange(1200, 3601, 100)))]
    if illness and rng.random() < 0.7:
        kinds.append(("medical", Decimal(rng.randrange(2000, 8001, 500))))
    if any(c.cause == "schooling" for c in causes):
        kinds.append(("schooling", Decimal(rng.randrange(2000, 4001, 500))))
    grants = []
    for kind, amount in kinds:
        day = (
            datetime.date(year, 1, 15)
            if kind == "festival"
            else datetime.date(year, rng.randint(3, 11), rng.randint(1, 28))
        )
        if day > today or (file.opened_on and day < file.opened_on):
            continue
        grants.append(
            AidGrant(
                file=file,
                kind=kind,
                amount=amount,
                cause=illness if kind == "medical" else None,
                year=year,
                status=GrantStatus.PAID,
                proposed_by=cadre,
                proposed_at=at(day, rng),
                approved_by=checker,
                approved_at=at(day + datetime.timedelta(days=3), rng),
                path=file.path,
            )
        )
    return grants


def seed_hardship(rng: random.Random, pool: Pool, *, scale: float, checker: User) -> str:
    today = timezone.localdate()
    seed_standards(pool.root)
    cadres = _cadres(pool)
    standards = {s.year: s for s in Standard.unscoped.filter(node=pool.root)}
    taken: set[int] = set()
    files: list[FamilyFile] = []
    plans: list[tuple[FamilyFile, list[str], int | None]] = []
    for year in years():
        for _ in range(max(3, round(30 * scale))):
            member_id, path, _street, _joined = rng.choice(pool.everyone)
            street = next((p for p in cadres if path.startswith(p)), None)
            if member_id in taken or street is None:
                continue
            taken.add(member_id)
            opened = datetime.date(year, rng.randint(2, 11), rng.randint(1, 28))
            if opened > today:
                continue
            size = rng.randint(2, 5)
            income = (line(year) * size * Decimal(rng.uniform(0.45, 0.95))).quantize(Decimal("1"))
            lasts = rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 8, 20])  # years until out of hardship
            closed = (
                datetime.date(year + lasts, rng.randint(1, 12), 10) if year + lasts <= today.year else None
            )
            closed = closed if closed and closed <= today else None
            file = FamilyFile(
                number=f"KN{year}{len(files) + 1:07d}",
                member_id=member_id,
                path=path,
                status=FileStatus.CLOSED if closed else FileStatus.OPEN,
                household_size=size,
                monthly_income=str(income),
                situation="",
                bank_account="",
                standard=standards[year],
                below_line=True,
                created_by=cadres[street],
                created_at=at(opened - datetime.timedelta(days=25), rng),
                reviewed_by=cadres[street],
                reviewed_at=at(opened - datetime.timedelta(days=12), rng),
                approved_by=checker,
                opened_on=opened,
                closed_on=closed,
                decision_note="年审收入超过标准，脱困销档" if closed else "",
            )
            causes = rng.sample(CAUSES, rng.choice([1, 1, 2]))
            file.situation = "".join(SITUATIONS[c] for c in dict.fromkeys(causes))
            files.append(file)
            plans.append((file, list(dict.fromkeys(causes)), closed.year if closed else None))
    FamilyFile.unscoped.bulk_create(files, batch_size=500)
    cause_rows = [
        FileCause(file=f, cause=c, detail=rng.choice(ILLNESSES) if c == "illness" else "")
        for f, causes, _closed in plans
        for c in causes
    ]
    FileCause.objects.bulk_create(cause_rows, batch_size=1000)
    by_file: dict[int, list[FileCause]] = {}
    for cause in cause_rows:
        by_file.setdefault(cause.file_id, []).append(cause)
    grants: list[AidGrant] = []
    reviews: list[FileReview] = []
    for file, _causes, closed_year in plans:
        assert file.opened_on is not None
        last = closed_year or today.year
        cadre = file.created_by
        for year in range(file.opened_on.year, last + 1):
            if year > file.opened_on.year:
                reviews.append(
                    FileReview(
                        file=file,
                        year=year,
                        household_size=file.household_size,
                        monthly_income=str(line(year) * file.household_size * Decimal("1.3"))
                        if year == closed_year
                        else file.monthly_income,
                        below_line=year != closed_year,
                        result="close" if year == closed_year else "continue",
                        reviewed_by=cadre,
                        reviewed_on=datetime.date(year, 3, 1),
                    )
                )
            if year != closed_year:
                grants += _grants(rng, file, by_file[file.pk], year, today, cadre, checker)
    FileReview.objects.bulk_create([r for r in reviews if r.reviewed_on <= today], batch_size=1000)
    AidGrant.unscoped.bulk_create(grants, batch_size=1000)
    members = dict(FamilyFile.unscoped.filter(pk__in=[f.pk for f in files]).values_list("pk", "member_id"))
    Payout.unscoped.bulk_create(
        [
            Payout(
                grant=g,
                voucher_no=services.voucher_number(g),
                key=f"demo-{g.pk}",
                member_id=members[g.file_id],
                kind=g.kind,
                amount=g.amount,
                receipt="pass",
                paid_at=g.approved_at + datetime.timedelta(days=2),
                paid_by=g.proposed_by,
                path=g.path,
            )
            for g in grants
            if g.approved_at is not None
        ],
        batch_size=1000,
    )
    live = _live(rng, pool, cadres, checker, files)
    still_open = sum(1 for f in files if f.status == FileStatus.OPEN)
    return f"{len(files)} hardship files ({still_open} open), {len(grants)} aids paid, {live}"


def _live(
    rng: random.Random, pool: Pool, cadres: dict[str, User], checker: User, files: list[FamilyFile]
) -> str:
    """Through the services: files waiting for the street and for the district, aids waiting for
    approval and for payment."""
    filed = {f.member_id for f in files}
    waiting = 0
    for member_id, path, _street, _joined in rng.sample(pool.everyone, min(40, len(pool.everyone))):
        street = next((p for p in cadres if path.startswith(p)), None)
        if member_id in filed or street is None or waiting >= 6:
            continue
        cadre = cadres[street]
        size = rng.randint(2, 4)
        file = services.file_open(
            member=Member.unscoped.get(pk=member_id),
            household_size=size,
            monthly_income=line(timezone.localdate().year) * size * Decimal("0.6"),
            situation=SITUATIONS["illness"],
            causes=[("illness", rng.choice(ILLNESSES))],
            actor=cadre,
        )
        services.document_upload(file=file, kind="income", filename="收入证明.pdf", data=PDF, actor=cadre)
        if waiting % 2:
            services.file_review(file=file, passed=True, note="情况属实", actor=cadre)
        waiting += 1
    open_files = [f for f in files if f.status == FileStatus.OPEN][:3]
    for file in open_files:
        services.grant_propose(file=file, kind="living", amount=Decimal("1500"), actor=file.created_by)
    if open_files:
        grant = services.grant_propose(
            file=open_files[0], kind="schooling", amount=Decimal("2000"), actor=open_files[0].created_by
        )
        services.grant_approve(grant=grant, actor=checker)
    return f"{waiting} files and {len(open_files) + 1} aids in the queues"
