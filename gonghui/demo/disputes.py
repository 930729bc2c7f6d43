"""The demo's mediation network and a year of its work.

At scale 1: 2,215 mediation organizations (the district's legal-aid centre, the
court's union mediation room, a centre in each of the 12 streets, a committee in
each industry union, a committee in ~90% of grassroots unions, and the rest as
committees of larger enterprises in joint unions), the court room's 10 invited
mediators, two lawyers of the expert panel matched to each street, and a few
hundred cases over the last twelve months with their outcomes, the weekly
Wednesday inspections, the pre-Spring-Festival wage checks and 一函两书 letters.
"""

import datetime
import random
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.disputes import services
from gonghui.disputes.models import (
    CHECKLISTS,
    AidStatus,
    Case,
    CaseEvent,
    CaseParty,
    CaseStatus,
    Category,
    Channel,
    EventKind,
    Inspection,
    InspectionKind,
    InspectionStatus,
    InspectionVisit,
    Lawyer,
    LawyerAssignment,
    LegalAidApplication,
    MediationOrg,
    Mediator,
    OrgKind,
    Outcome,
    PartyKind,
)
from gonghui.lib.bulk import insert_rows
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node, Unit

from . import people

TARGET_ORGS = 2215
COMMITTEE_SHARE = 0.90
CASES_PER_YEAR = 300
COURT_MEDIATORS = 10
DEMO_PASSWORD = "gonghui-demo-2026"
FIRMS = [
    "申江律师事务所",
    "杨浦律师事务所",
    "复兴律师事务所",
    "东方明珠律师事务所",
    "同济律师事务所",
    "五角场律师事务所",
]
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


def _pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def seed_network(rng: random.Random, *, scale: float) -> dict[str, Any]:
    root = Node.objects.get_first_root_node()
    streets = list(Node.objects.filter(kind=Node.Kind.STREET).order_by("path"))
    industries = list(Node.objects.filter(kind=Node.Kind.INDUSTRY).order_by("path"))
    unions = list(Node.objects.filter(kind=Node.Kind.GRASSROOTS).order_by("path"))
    established = datetime.date(2013, 6, 1)
    rows: list[tuple[Any, ...]] = [
        (f"{root.name}法律援助中心", OrgKind.DISTRICT_CENTRE, root.pk, None, established, True, root.path),
        (f"{root.name}区人民法院工会调解室", OrgKind.COURT_ROOM, root.pk, None, established, True, root.path),
    ]
    rows += [
        (f"{s.name}法律援助工作站", OrgKind.STREET_CENTRE, s.pk, None, established, True, s.path)
        for s in streets
    ]
    rows += [
        (f"{n.name}劳动争议调解委员会", OrgKind.INDUSTRY_COMMITTEE, n.pk, None, established, True, n.path)
        for n in industries
    ]
    with_committee = [u for u in unions if rng.random() < COMMITTEE_SHARE]
    rows += [
        (f"{u.name}劳动争议调解委员会", OrgKind.ENTERPRISE_COMMITTEE, u.pk, None, u.founded_on, True, u.path)
        for u in with_committee
    ]
    # The rest: enterprises of joint unions with a committee of their own, the largest first.
    wanted = max(0, round(TARGET_ORGS * scale) - len(rows))
    committee_unions = {u.pk: u for u in with_committee}
    big_units = (
        Unit.unscoped.filter(union_id__in=list(committee_unions))
        .order_by("-workforce", "id")
        .values_list("pk", "name", "union_id", "covered_on")[:wanted]
    )
    rows += [
        (
            f"{name}劳动争议调解委员会",
            OrgKind.ENTERPRISE_COMMITTEE,
            union_id,
            pk,
            covered,
            True,
            committee_unions[union_id].path,
        )
        for pk, name, union_id, covered in big_units
    ]
    columns = ["name", "kind", "node_id", "unit_id", "established_on", "active", "path"]
    insert_rows(MediationOrg._meta.db_table, columns, rows)
    return {"root": root, "streets": streets, "orgs": len(rows), "committee_unions": len(with_committee)}


def seed_people(rng: random.Random, streets: list[Node]) -> dict[str, Any]:
    """Mediator accounts for the centres and the court room, and the lawyers' panel."""
    password = make_password(DEMO_PASSWORD)
    orgs = {
        o.pk: o for o in MediationOrg.unscoped.exclude(kind=OrgKind.ENTERPRISE_COMMITTEE, unit__isnull=False)
    }
    court = next(o for o in orgs.values() if o.kind == OrgKind.COURT_ROOM)
    centre = next(o for o in orgs.values() if o.kind == OrgKind.DISTRICT_CENTRE)
    chair = User.objects.filter(username="chair").first()
    chair_committee = (
        MediationOrg.unscoped.filter(node_id=chair.node_id, unit__isnull=True).first()
        if chair and chair.node_id
        else None
    )
    seats: list[tuple[str, MediationOrg, bool]] = [
        (f"court{i + 1}", court, True) for i in range(COURT_MEDIATORS)
    ]
    seats += [(f"legal{i + 1}", centre, False) for i in range(3)]
    for org in orgs.values():
        if org.kind == OrgKind.STREET_CENTRE:
            seats += [(f"street{org.node_id}m{i + 1}", org, False) for i in range(2)]
    if chair_committee:
        seats.append(("mediator", chair_committee, False))
    users = User.objects.bulk_create(
        [
            User(username=name, role=Role.MEDIATOR, password=password, first_name=people.person_name(rng))
            for name, _org, _invited in seats
        ]
    )
    by_name = {u.username: u for u in User.objects.filter(username__in=[s[0] for s in seats])}
    Mediator.unscoped.bulk_create(
        [
            Mediator(user=by_name[name], org=org, invited=invited, path=org.path)
            for name, org, invited in seats
        ]
    )
    lawyers = []
    root_path = Node.objects.get_first_root_node().path
    for n in range(len(streets)):
        for k in range(2):
            lawyers.append(
                Lawyer(
                    name=people.person_name(rng),
                    firm=rng.choice(FIRMS),
                    license_no=f"131012019{n:03d}{k:05d}",
                    phone=people.mobile(rng),
                    path=root_path,
                )
            )
    lawyers = Lawyer.unscoped.bulk_create(lawyers)
    LawyerAssignment.unscoped.bulk_create(
        [
            LawyerAssignment(lawyer=lawyer, street=streets[i // 2], path=streets[i // 2].path)
            for i, lawyer in enumerate(lawyers)
        ]
    )
    return {"mediators": len(users), "lawyers": len(lawyers), "chair_committee": chair_committee}


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(rng.randrange(9, 17), rng.randrange(60)))
    return timezone.make_aware(moment)


def seed_inspections(
    rng: random.Random, streets: list[Node], today: datetime.date
) -> list[tuple[Unit, datetime.date]]:
    """Weekly Wednesday joint inspections over six months and the pre-Spring-Festival checks;
    returns the findings that became cases."""
    findings: list[tuple[Unit, datetime.date]] = []
    units_by_street: dict[int, list[Unit]] = {}
    for unit in Unit.unscoped.order_by("id").only("id", "street_id", "name", "union_id", "path")[:4000]:
        units_by_street.setdefault(unit.street_id, []).append(unit)
    dates = [
        (InspectionKind.WEEKLY, d)
        for d in services.wednesdays(today - datetime.timedelta(weeks=26), 26)
        if d <= today
    ]
    spring = datetime.date(today.year, 1, 20) if today.month > 1 else datetime.date(today.year - 1, 1, 20)
    dates += [
        (InspectionKind.SPRING_FESTIVAL, spring + datetime.timedelta(days=i)) for i in range(len(streets))
    ]
    for n, (kind, day) in enumerate(dates):
        street = streets[n % len(streets)]
        inspection = Inspection.unscoped.create(
            kind=kind, date=day, street=street, status=InspectionStatus.DONE, summary="联合人社局检查"
        )
        items = [key for key, _label in CHECKLISTS[kind]]
        for unit in rng.sample(
            units_by_street.get(street.pk, []), min(4, len(units_by_street.get(street.pk, [])))
        ):
            answers = {key: rng.random() > 0.08 for key in items}
            issue = not all(answers.values())
            visit = InspectionVisit(
                inspection=inspection,
                unit=unit,
                checklist=answers,
                finding="发现工资支付、加班等问题，责令整改" if issue else "",
                has_issue=issue,
            )
            visit.save()
            if issue and rng.random() < 0.5:
                findings.append((unit, day))
    return findings


def seed_cases(
    rng: random.Random,
    *,
    scale: float,
    today: datetime.date,
    findings: list[tuple[Unit, datetime.date]],
    chair_committee: Any,
) -> int:
    units = list(Unit.unscoped.order_by("id").only("id", "name", "street_id", "union_id", "uscc")[:6000])
    specs: list[tuple[Unit, str, datetime.date]] = []
    for _ in range(max(20, round(CASES_PER_YEAR * scale))):
        specs.append(
            (
                rng.choice(units),
                _pick(rng, CHANNEL_WEIGHTS),
                today - datetime.timedelta(days=rng.randrange(365)),
            )
        )
    specs += [(unit, Channel.INSPECTION, day) for unit, day in findings]
    if chair_committee:  # a queue for the demo mediator
        own_units = [u for u in units if u.union_id == chair_committee.node_id] or units[:1]
        specs += [
            (rng.choice(own_units), Channel.WALK_IN, today - datetime.timedelta(days=d))
            for d in (1, 4, 9, 13, 40)
        ]
    seats: dict[int, list[Mediator]] = {}
    for seat in Mediator.unscoped.filter(active=True):
        seats.setdefault(seat.org_id, []).append(seat)
    cases, parties, events, aid = [], [], [], []
    lawyers_by_street: dict[int, list[Lawyer]] = {}
    for assignment in LawyerAssignment.unscoped.select_related("lawyer"):
        lawyers_by_street.setdefault(assignment.street_id, []).append(assignment.lawyer)
    for seq, (unit, channel, day) in enumerate(sorted(specs, key=lambda s: s[2]), start=1):
        org = services.route(unit=unit, channel=channel)
        category = Category.WAGES if channel == Channel.INSPECTION else _pick(rng, CATEGORY_WEIGHTS)
        received = _at(day, rng)
        case = Case(
            number=f"TJ{day.year}D{seq:06d}",
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
            case.mediator = rng.choice(seats[org.pk]) if org.pk in seats else None
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
    agreements = [c for c in cases if c.outcome == Outcome.AGREEMENT]
    for case in agreements:
        case.agreement_text = services.agreement_document(case)
    Case.unscoped.bulk_update(agreements, ["agreement_text"], batch_size=200)
    return len(cases)


def seed_letters(rng: random.Random, *, scale: float, today: datetime.date, actor: Any) -> int:
    units = list(Unit.unscoped.filter(union__isnull=False).select_related("street").order_by("id")[:3000])
    issued = 0
    for _ in range(max(6, round(30 * scale))):
        unit = rng.choice(units)
        day = today - datetime.timedelta(days=rng.randrange(20, 300))
        subject = rng.choice(
            ["未按时足额支付工资", "未依法缴纳社会保险", "超时加班且未支付加班费", "未签订书面劳动合同"]
        )
        letter = services.letter_issue(
            unit=unit, issuer=unit.street, subject=subject, actor=actor, issued_on=day
        )
        issued += 1
        roll = rng.random()
        if roll < 0.45:
            services.letter_reply(
                letter=letter,
                reply="已按要求整改",
                resolved=True,
                actor=actor,
                replied_on=day + datetime.timedelta(days=10),
            )
            continue
        if roll < 0.6:
            services.letter_reply(
                letter=letter,
                reply="正在整改中",
                resolved=False,
                actor=actor,
                replied_on=day + datetime.timedelta(days=12),
            )
        while letter.kind < 3 and rng.random() < 0.55:
            day = letter.reply_due + datetime.timedelta(days=2)
            if day > today:
                break
            letter = services.letter_issue(
                unit=unit, issuer=unit.street, subject="", previous=letter, actor=actor, issued_on=day
            )
            issued += 1
        if rng.random() < 0.5:
            services.letter_follow_up(letter=letter, note="已电话跟踪，单位表示将于月底前整改", actor=actor)
    return issued


def seed_disputes(rng: random.Random, *, scale: float, actor: Any) -> str:
    today = timezone.localdate()
    network = seed_network(rng, scale=scale)
    staff = seed_people(rng, network["streets"])
    findings = seed_inspections(rng, network["streets"], today)
    cases = seed_cases(
        rng, scale=scale, today=today, findings=findings, chair_committee=staff["chair_committee"]
    )
    letters = seed_letters(rng, scale=scale, today=today, actor=actor)
    return (
        f"disputes: {network['orgs']} mediation organizations "
        f"({network['committee_unions']} union committees), "
        f"{staff['mediators']} mediator accounts (password {DEMO_PASSWORD}), {staff['lawyers']} lawyers, "
        f"{cases} cases, {Inspection.unscoped.count()} inspections, {letters} letters"
    )
