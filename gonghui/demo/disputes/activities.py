"""The joint inspections and the 一函两书 letters of the last months."""

import datetime
import random

from gonghui.accounts.models import User
from gonghui.disputes import services
from gonghui.disputes.models import (
    CHECKLISTS,
    Inspection,
    InspectionKind,
    InspectionStatus,
    InspectionVisit,
)
from gonghui.organizations.models import Node, Unit


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


def seed_letters(rng: random.Random, *, scale: float, today: datetime.date, actor: User) -> int:
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
