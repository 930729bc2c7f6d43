"""The cases since the network began in mid-2013, a little more each year, with their
parties, timeline, legal aid and outcomes; the last weeks' still open."""

import datetime
import random
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from gonghui.disputes import services
from gonghui.disputes.models import (
    AidStatus,
    Case,
    CaseEvent,
    CaseParty,
    CaseStatus,
    Category,
    Channel,
    EventKind,
    Lawyer,
    LawyerAssignment,
    LegalAidApplication,
    MediationOrg,
    Mediator,
    OrgKind,
    Outcome,
    PartyKind,
)
from gonghui.lib.numbers import CASE, record_number
from gonghui.organizations.models import Unit

from .. import people

CASES_PER_YEAR = 300
CHANNEL_WEIGHTS = {Channel.WALK_IN: 35, Channel.HOTLINE: 25, Channel.PORTAL: 15, Channel.COURT: 15}
CATEGORY_WEIGHTS = {
    Category.WAGES: 40,
    Category.TERMINATION: 20,
    Category.SOCIAL_INSURANCE: 12,
    Category.WORK_INJURY: 8,
    Category.OVERTIME: 12,
    Category.OTHER: 8,
}
NARRATIVES = {
    Category.WAGES: "单位拖欠{n}个月工资，多次催要未果。",
    Category.TERMINATION: "单位未提前通知即解除劳动合同，未支付经济补偿。",
    Category.SOCIAL_INSURANCE: "单位未依法缴纳社会保险费{n}个月。",
    Category.WORK_INJURY: "工作中受伤，单位拒绝申报工伤、支付停工留薪期工资。",
    Category.OVERTIME: "长期安排延长工作时间，未支付加班工资。",
    Category.OTHER: "对单位调岗降薪有异议。",
}


FIRST_CASE = datetime.date(2013, 7, 1)  # the network took cases from mid-2013
CASE_GROWTH = 0.03  # a year: fewer cases in the early years


def _in_force(start: datetime.date | None, end: datetime.date | None, day: datetime.date) -> bool:
    return (start is None or start <= day) and (end is None or day < end)


def _serving(seat: Mediator, day: datetime.date) -> bool:
    return _in_force(seat.appointed_on, seat.left_on, day)


class Router:
    """The routing rule of services.route, as the network stood on the day a case came in:
    the court room for the court's cases; else the enterprise's committee, its union's
    committee, the street's centre, the district's centre, whichever was in force then."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, int | None, int | None], MediationOrg] = {}
        for org in MediationOrg.unscoped.order_by("id"):
            self.by_key.setdefault((org.kind, org.node_id, org.unit_id), org)
        self.court = next(o for (kind, _n, _u), o in self.by_key.items() if kind == OrgKind.COURT_ROOM)
        self.centre = next(o for (kind, _n, _u), o in self.by_key.items() if kind == OrgKind.DISTRICT_CENTRE)

    def route(self, unit: Unit, channel: str, day: datetime.date) -> MediationOrg:
        if channel == Channel.COURT:
            return self.court
        for key in (
            (OrgKind.ENTERPRISE_COMMITTEE, unit.union_id, unit.pk),
            (OrgKind.ENTERPRISE_COMMITTEE, unit.union_id, None),
            (OrgKind.STREET_CENTRE, unit.street_id, None),
        ):
            org = self.by_key.get(key)
            if org is not None and _in_force(org.established_on, org.closed_on, day):
                return org
        return self.centre


def _pick[T](rng: random.Random, weights: dict[T, int]) -> T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(rng.randrange(9, 17), rng.randrange(60)))
    return timezone.make_aware(moment)


def seed_cases(
    rng: random.Random,
    *,
    scale: float,
    today: datetime.date,
    findings: list[tuple[Unit, datetime.date]],
    chair_committee: MediationOrg | None,
) -> int:
    units = list(Unit.unscoped.order_by("id").only("id", "name", "street_id", "union_id", "uscc")[:6000])
    specs: list[tuple[Unit, str, datetime.date]] = []
    for year in range(FIRST_CASE.year, today.year + 1):
        first, last = max(FIRST_CASE, datetime.date(year, 1, 1)), min(today, datetime.date(year, 12, 31))
        per_year = CASES_PER_YEAR * (1 + CASE_GROWTH) ** (year - today.year)
        for _ in range(max(20, round(per_year * scale * ((last - first).days + 1) / 365))):
            day = first + datetime.timedelta(days=rng.randrange((last - first).days + 1))
            specs.append((rng.choice(units), _pick(rng, CHANNEL_WEIGHTS), day))
    specs += [(unit, Channel.INSPECTION, day) for unit, day in findings]
    if chair_committee:  # a queue for the demo mediator
        own_units = [u for u in units if u.union_id == chair_committee.node_id] or units[:1]
        specs += [
            (rng.choice(own_units), Channel.WALK_IN, today - datetime.timedelta(days=d))
            for d in (1, 4, 9, 13, 40)
        ]
    seats: dict[int, list[Mediator]] = {}
    for seat in Mediator.unscoped.all():
        seats.setdefault(seat.org_id, []).append(seat)
    router = Router()
    cases, parties, events, aid = [], [], [], []
    lawyers_by_street: dict[int, list[Lawyer]] = {}
    for assignment in LawyerAssignment.unscoped.select_related("lawyer"):
        lawyers_by_street.setdefault(assignment.street_id, []).append(assignment.lawyer)
    for seq, (unit, channel, day) in enumerate(sorted(specs, key=lambda s: s[2]), start=1):
        org = router.route(unit, channel, day)
        category = Category.WAGES if channel == Channel.INSPECTION else _pick(rng, CATEGORY_WEIGHTS)
        received = _at(day, rng)
        case = Case(
            number=f"t{seq:019d}",  # renumbered below, once the case has its id
            channel=channel,
            category=category,
            org=org,
            unit=unit,
            narrative=NARRATIVES[category].format(n=rng.randrange(2, 7)),
            received_at=received,
            path=org.path,
        )
        if channel == Channel.HOTLINE:
            case.hotline_order_no = f"12351-{day:%Y%m%d}-{seq:04d}"
            case.hotline_deadline = day + datetime.timedelta(days=10)
        if channel == Channel.COURT:
            case.court_case_no = f"({day.year})沪0110民初{1000 + seq}号"
            case.court_deadline = day + datetime.timedelta(days=30)
        age = (today - day).days
        roll = rng.random()
        if roll < 0.05 and age > 2:
            case.status, case.refusal_reason = CaseStatus.REFUSED, "不属于劳动争议受理范围"
        elif age > 2:
            case.status, case.accepted_at = CaseStatus.ACCEPTED, received + datetime.timedelta(days=1)
            case.due_on = services.legal_due(case, day + datetime.timedelta(days=1))
            serving = [m for m in seats.get(org.pk, []) if _serving(m, day)]
            case.mediator = rng.choice(serving) if serving else None
            if age > 25 or (age > 5 and rng.random() < 0.6):
                took = rng.randrange(2, 15 if channel != Channel.COURT else 28)
                if age > 25 and rng.random() < 0.03:
                    took = rng.randrange(16, 25)  # now and then one overruns
                case.closed_at = min(case.accepted_at + datetime.timedelta(days=took), timezone.now())
                case.status = CaseStatus.CLOSED
                case.outcome = _pick(
                    rng, {Outcome.AGREEMENT: 66, Outcome.NO_AGREEMENT: 24, Outcome.WITHDRAWN: 10}
                )
                if case.outcome == Outcome.AGREEMENT:
                    case.amount_recovered = Decimal(rng.randrange(1500, 60000)).quantize(Decimal("0.01"))
                elif case.outcome == Outcome.NO_AGREEMENT:
                    case.guidance = "可依法向劳动人事争议仲裁委员会申请仲裁，或向人民法院起诉。"
                if rng.random() < 0.7:
                    case.satisfaction = rng.choices([5, 4, 3, 2], weights=[60, 28, 9, 3])[0]
        cases.append(case)
    Case.unscoped.bulk_create(cases, batch_size=500)
    cases = list(
        Case.unscoped.filter(number__in=[c.number for c in cases]).select_related(
            "unit", "org", "mediator__user"
        )
    )
    for case in cases:  # the numbers the service gives: TJ, the year received, the id
        case.number = record_number(CASE, case.received_at, case.pk)
    Case.unscoped.bulk_update(cases, ["number"], batch_size=500)
    for case in cases:
        for _ in range(rng.choice([1, 1, 1, 2, 3]) if case.category == Category.WAGES else 1):
            parties.append(
                CaseParty(
                    case=case, kind=PartyKind.WORKER, name=people.person_name(rng), phone=people.mobile(rng)
                )
            )
        parties.append(CaseParty(case=case, kind=PartyKind.EMPLOYER, name=case.unit.name, unit=case.unit))
        events.append(
            CaseEvent(
                case=case, kind=EventKind.REGISTERED, at=case.received_at, note=case.get_channel_display()
            )
        )
        events.append(CaseEvent(case=case, kind=EventKind.ROUTED, at=case.received_at, note=case.org.name))
        if case.status == CaseStatus.REFUSED:
            events.append(
                CaseEvent(case=case, kind=EventKind.REFUSED, at=case.received_at, note=case.refusal_reason)
            )
        if case.accepted_at:
            events.append(CaseEvent(case=case, kind=EventKind.ACCEPTED, at=case.accepted_at))
            if case.mediator:
                events.append(
                    CaseEvent(
                        case=case, kind=EventKind.ASSIGNED, at=case.accepted_at, note=str(case.mediator)
                    )
                )
        if case.closed_at:
            events.append(
                CaseEvent(
                    case=case, kind=EventKind.CLOSED, at=case.closed_at, note=case.get_outcome_display()
                )
            )
        street_lawyers = lawyers_by_street.get(case.unit.street_id, [])
        if case.accepted_at and rng.random() < 0.1 and street_lawyers:
            aid.append(
                LegalAidApplication(
                    case=case,
                    low_income=True,
                    migrant=rng.random() < 0.5,
                    eligible=True,
                    status=AidStatus.GRANTED,
                    lawyer=rng.choice(street_lawyers),
                    applied_at=case.accepted_at,
                    decided_at=case.accepted_at + datetime.timedelta(days=1),
                    path=case.path,
                )
            )
    CaseParty.objects.bulk_create(parties, batch_size=1000)
    CaseEvent.objects.bulk_create(events, batch_size=1000)
    LegalAidApplication.unscoped.bulk_create(aid)
    field = Case._meta.get_field("agreement_text")
    agreed = (
        # The printable agreements of the last three years (rendering is what costs here).
        Case.unscoped.filter(
            pk__in=[
                c.pk for c in cases if c.outcome == Outcome.AGREEMENT and c.received_at.year >= today.year - 2
            ]
        )
        .select_related("unit")
        .prefetch_related("parties")
    )
    texts = [
        (field.get_db_prep_save(services.agreement_document(case), connection), case.pk) for case in agreed
    ]
    with connection.cursor() as cursor:  # plain UPDATEs: bulk_update's CASE is slow here
        cursor.executemany(f"UPDATE {Case._meta.db_table} SET agreement_text = %s WHERE id = %s", texts)
    return len(cases)
