"""Skill contests and 五比五赛: the event, its entries and their results."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.members.models import Member
from gonghui.organizations.models import Node

from ..errors import SkillsError
from ..models import Contest, ContestEntry
from .common import require_scope


@transaction.atomic
def contest_create(
    *,
    node: Node,
    title: str,
    kind: str,
    held_on: datetime.date,
    actor: User,
    theme: str = "",
    trade: str = "",
    audit: AuditContext = NO_REQUEST,
) -> Contest:
    require_scope(actor, node.path)
    if kind != Contest.Kind.FIVE_FIVE:
        theme = ""
    contest = Contest(
        node=node, title=title.strip(), kind=kind, theme=theme, trade=trade.strip(), held_on=held_on
    )
    contest.full_clean(exclude=["path"])
    contest.save()
    audit_record(actor=actor, action="skills.contest.create", target=contest, audit=audit)
    return contest


@transaction.atomic
def entry_add(
    *,
    contest: Contest,
    actor: User,
    member: Member | None = None,
    team_name: str = "",
    audit: AuditContext = NO_REQUEST,
) -> ContestEntry:
    require_scope(actor, contest.path)
    if contest.status != Contest.Status.OPEN:
        raise SkillsError(_("比赛已结束。"), "finished")
    if member is None and not team_name.strip():
        raise SkillsError(_("请填写选手会员编号或参赛团队。"), "who")
    if member is not None and not member.path.startswith(contest.path):
        raise SkillsError(_("选手应为主办工会范围内的会员。"), "scope")
    try:
        with transaction.atomic():
            entry = ContestEntry(contest=contest, member=member, team_name=team_name.strip())
            entry.save()
    except IntegrityError:
        raise SkillsError(_("该选手已报名。"), "duplicate") from None
    audit_record(actor=actor, action="skills.entry.add", target=entry, audit=audit)
    return entry


@transaction.atomic
def entry_result(
    *, entry: ContestEntry, score: Decimal, prize: str, actor: User, audit: AuditContext = NO_REQUEST
) -> ContestEntry:
    require_scope(actor, entry.path)
    if not (Decimal(0) <= score <= Decimal(1000)):
        raise SkillsError(_("成绩应在 0 到 1000 之间。"), "score")
    entry.score, entry.prize = score, prize
    entry.save(update_fields=["score", "prize"])
    audit_record(
        actor=actor,
        action="skills.entry.result",
        target=entry,
        audit=audit,
        detail={"score": str(score), "prize": prize},
    )
    return entry


@transaction.atomic
def contest_finish(*, contest: Contest, actor: User, audit: AuditContext = NO_REQUEST) -> Contest:
    require_scope(actor, contest.path)
    if not Contest.unscoped.filter(pk=contest.pk, status=Contest.Status.OPEN).update(
        status=Contest.Status.FINISHED
    ):
        raise SkillsError(_("比赛已结束。"), "finished")
    contest.refresh_from_db()
    audit_record(actor=actor, action="skills.contest.finish", target=contest, audit=audit)
    return contest
