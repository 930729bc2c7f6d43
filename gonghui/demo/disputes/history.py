"""The network's years: committees that closed since 2017, the court room's invited mediators
changing over, the yearly funding the district enters, the Wednesday joint inspections and the
pre-Spring-Festival wage checks since 2013, and the 一函两书 reminders of the years before the
last one."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.disputes import services
from gonghui.disputes.models import (
    CHECKLISTS,
    Inspection,
    InspectionKind,
    InspectionStatus,
    InspectionVisit,
    Letter,
    LetterKind,
    LetterStatus,
    MediationFunding,
    MediationOrg,
    Mediator,
    OrgKind,
)
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node, Unit

from .. import people
from .network import DEMO_PASSWORD, ESTABLISHED

CLOSING_PER_YEAR = 0.005  # of the enterprise committees
COURT_FUNDING = Decimal("120000.00")  # the seed: 12万 a year for the court room's mediators
FUNDING = {
    OrgKind.COURT_ROOM: COURT_FUNDING,
    OrgKind.DISTRICT_CENTRE: Decimal("200000.00"),
    OrgKind.STREET_CENTRE: Decimal("30000.00"),
}
LETTERS_PER_YEAR = 30


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange(max(1, (end - start).days)))


def close_committees(rng: random.Random) -> int:
    """A few enterprise committees closed each year since 2017 (the enterprise moved or closed)."""
    today = timezone.localdate()
    committees = list(
        MediationOrg.unscoped.filter(
            kind=OrgKind.ENTERPRISE_COMMITTEE, established_on__lt=datetime.date(2017, 1, 1)
        )
        .order_by("id")
        .values_list("pk", flat=True)
    )
    years = today.year - 2016
    closing = rng.sample(committees, min(len(committees), round(len(committees) * CLOSING_PER_YEAR * years)))
    for pk in closing:
        day = _day(rng, datetime.date(2017, 1, 1), today)
        MediationOrg.unscoped.filter(pk=pk).update(active=False, closed_on=day)
        Mediator.unscoped.filter(org_id=pk).update(active=False, left_on=day)
    return len(closing)


def rotate_court_mediators(rng: random.Random) -> None:
    """Every few years two invited mediators of the court room hand over to new ones: always ten."""
    today = timezone.localdate()
    court = MediationOrg.unscoped.get(kind=OrgKind.COURT_ROOM)
    password = make_password(DEMO_PASSWORD)
    serial = 0
    for year in range(2018, today.year + 1, 3):
        day = _day(rng, datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), today))
        serving = list(Mediator.unscoped.filter(org=court, active=True, invited=True).order_by("id"))
        for seat in rng.sample(serving, 2):
            Mediator.unscoped.filter(pk=seat.pk).update(active=False, left_on=day)
            serial += 1
            user = User.objects.create(
                username=f"court{10 + serial}",
                role=Role.MEDIATOR,
                password=password,
                first_name=people.person_name(rng),
            )
            Mediator.unscoped.create(user=user, org=court, invited=True, path=court.path, appointed_on=day)


def seed_funding(actor: User) -> int:
    """The yearly funding the district enters for the court room and the legal-aid centres."""
    today = timezone.localdate()
    rows = []
    for org in MediationOrg.unscoped.filter(kind__in=list(FUNDING)).order_by("id"):
        for year in range(ESTABLISHED.year, today.year + 1):
            amount = FUNDING[OrgKind(org.kind)]
            if year == ESTABLISHED.year:
                amount = (amount / 2).quantize(Decimal("0.01"))  # from June
            entered = timezone.make_aware(
                datetime.datetime(year, 1 if year > ESTABLISHED.year else 6, 15, 10)
            )
            note = "特邀调解员补贴" if org.kind == OrgKind.COURT_ROOM else "工作经费"
            rows.append(
                MediationFunding(
                    org=org,
                    year=year,
                    amount=amount,
                    note=note,
                    entered_by=actor,
                    entered_at=entered,
                    path=org.path,
                )
            )
    MediationFunding.unscoped.bulk_create(rows, batch_size=1000)
    return len(rows)


def seed_inspections(
    rng: random.Random, streets: list[Node], today: datetime.date
) -> list[tuple[Unit, datetime.date]]:
    """Weekly Wednesday joint inspections since mid-2013 and the pre-Spring-Festival checks of
    each year; returns the findings that became cases."""
    units_by_street: dict[int, list[Unit]] = {}
    for unit in Unit.unscoped.order_by("id").only("id", "street_id", "name", "union_id", "path")[:4000]:
        units_by_street.setdefault(unit.street_id, []).append(unit)
    weeks = (today - ESTABLISHED).days // 7 + 1
    dates = [(InspectionKind.WEEKLY, d) for d in services.wednesdays(ESTABLISHED, weeks) if d <= today]
    for year in range(ESTABLISHED.year + 1, today.year + 1):
        spring = datetime.date(year, 1, 20)
        dates += [
            (InspectionKind.SPRING_FESTIVAL, spring + datetime.timedelta(days=i)) for i in range(len(streets))
        ]
    inspections = []
    for n, (kind, day) in enumerate(dates):
        street = streets[n % len(streets)]
        inspections.append(
            Inspection(
                kind=kind,
                date=day,
                street=street,
                status=InspectionStatus.DONE,
                summary="联合人社局检查",
                path=street.path,
            )
        )
    inspections = Inspection.unscoped.bulk_create(inspections, batch_size=1000)
    visits, findings = [], []
    for inspection in inspections:
        items = [key for key, _label in CHECKLISTS[InspectionKind(inspection.kind)]]
        pool = units_by_street.get(inspection.street_id, [])
        for unit in rng.sample(pool, min(4, len(pool))):
            answers = {key: rng.random() > 0.08 for key in items}
            issue = not all(answers.values())
            visits.append(
                InspectionVisit(
                    inspection=inspection,
                    unit=unit,
                    checklist=answers,
                    finding="发现工资支付、加班等问题，责令整改" if issue else "",
                    has_issue=issue,
                )
            )
            if issue and rng.random() < 0.5:
                findings.append((unit, inspection.date))
    InspectionVisit.objects.bulk_create(visits, batch_size=1000)
    return findings


def seed_past_letters(rng: random.Random, *, scale: float, today: datetime.date) -> int:
    """Reminder letters of the years before the last one, nearly all answered."""
    units = list(Unit.unscoped.filter(union__isnull=False).select_related("street").order_by("id")[:3000])
    last = today - datetime.timedelta(days=330)
    letters = []
    n = 0
    for year in range(ESTABLISHED.year, last.year + 1):
        for _ in range(max(3, round(LETTERS_PER_YEAR * scale))):
            unit = rng.choice(units)
            day = _day(
                rng, max(datetime.date(year, 1, 1), ESTABLISHED), min(datetime.date(year, 12, 31), last)
            )
            due = day + datetime.timedelta(days=services.LETTER_REPLY_DAYS[LetterKind.REMINDER])
            subject = rng.choice(
                ["未按时足额支付工资", "未依法缴纳社会保险", "超时加班且未支付加班费", "未签订书面劳动合同"]
            )
            resolved = rng.random() < 0.75
            n += 1
            letters.append(
                Letter(
                    kind=LetterKind.REMINDER,
                    number=f"工提示〔{year}〕H{n:05d}号",
                    unit=unit,
                    issuer=unit.street,
                    subject=subject,
                    body=services.letter_body(
                        kind=LetterKind.REMINDER,
                        unit=unit,
                        issuer=unit.street,
                        subject=subject,
                        issued_on=day,
                        reply_due=due,
                        previous=None,
                    ),
                    issued_on=day,
                    reply_due=due,
                    status=LetterStatus.RESOLVED if resolved else LetterStatus.ANSWERED,
                    replied_on=day + datetime.timedelta(days=rng.randrange(3, 14)),
                    reply="已按要求整改" if resolved else "正在整改中",
                    path=unit.street.path,
                )
            )
    Letter.unscoped.bulk_create(letters, batch_size=500)
    return len(letters)
