"""The 一函两书 letters of the last months, issued and escalated through the services."""

import datetime
import random

from gonghui.accounts.models import User
from gonghui.disputes import services
from gonghui.organizations.models import Unit


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
