"""Writes on a competition: launching it with its indicators, opening and closing periods
(the red flag passes at the close), closing the competition and its awards."""

import calendar
import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.members.models import Member
from gonghui.organizations.models import Node

from .. import scoring, selectors
from ..errors import CompetitionError
from ..models import Award, Competition, Indicator, Participant, ProgressReport, RedFlag, Round, Team
from .common import require_organizer, require_running, within_scope


@transaction.atomic
def competition_create(
    *,
    node: Node,
    title: str,
    partner: str,
    category: str,
    started_on: datetime.date,
    ends_on: datetime.date,
    actor: User,
    period: str = Competition.Period.MONTH,
    flag_rule: str = Competition.FlagRule.HIGHEST_SCORE,
    rules: str = "",
    public: bool = True,
    audit: AuditContext = NO_REQUEST,
) -> Competition:
    if not within_scope(actor, node.path):
        raise CompetitionError(_("只能在本级或下级工会发起竞赛。"), "scope")
    if ends_on <= started_on:
        raise CompetitionError(_("结束日期应晚于开始日期。"), "dates")
    competition = Competition(
        node=node,
        title=title.strip(),
        partner=partner.strip(),
        category=category,
        started_on=started_on,
        ends_on=ends_on,
        period=period,
        flag_rule=flag_rule,
        rules=rules,
        public=public,
    )
    competition.full_clean(exclude=["path"])
    competition.save()
    audit_record(actor=actor, action="competitions.competition.create", target=competition, audit=audit)
    return competition


@transaction.atomic
def indicator_add(
    *,
    competition: Competition,
    name: str,
    kind: str,
    weight: Decimal,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> Indicator:
    """Indicators are set before the first period opens: a score is only comparable with
    the scores made under the same weights."""
    require_organizer(actor, competition)
    require_running(competition)
    if Round.unscoped.filter(competition=competition).exists():
        raise CompetitionError(_("评比已开始，不能再修改指标。"), "started")
    if not (Decimal(0) < weight <= Decimal(100)) or weight != weight.quantize(Decimal("0.01")):
        raise CompetitionError(_("权重应在 0 到 100 之间，最多两位小数。"), "weight")
    try:
        with transaction.atomic():
            indicator = Indicator.objects.create(
                competition=competition, name=name.strip(), kind=kind, weight=weight
            )
    except IntegrityError:
        raise CompetitionError(_("指标名称重复，或已有进度指标。"), "duplicate") from None
    audit_record(
        actor=actor,
        action="competitions.indicator.add",
        target=competition,
        audit=audit,
        detail={"indicator": indicator.name, "weight": str(weight)},
    )
    return indicator


def period_after(
    competition: Competition, last_end: datetime.date | None
) -> tuple[datetime.date, datetime.date]:
    """The next period's first and last day: a calendar month or quarter, within the
    competition's dates."""
    start = competition.started_on if last_end is None else last_end + datetime.timedelta(days=1)
    month = start.month
    if competition.period == Competition.Period.QUARTER:
        month = ((start.month - 1) // 3) * 3 + 3
    end = datetime.date(start.year, month, calendar.monthrange(start.year, month)[1])
    return start, min(end, competition.ends_on)


@transaction.atomic
def round_open(*, competition: Competition, actor: User, audit: AuditContext = NO_REQUEST) -> Round:
    require_organizer(actor, competition)
    competition = Competition.unscoped.select_for_update().get(pk=competition.pk)
    require_running(competition)
    last = Round.unscoped.filter(competition=competition).order_by("-number").first()
    if last is not None and last.status == Round.Status.OPEN:
        raise CompetitionError(_("本期尚未结束，请先结束本期。"), "open")
    start, end = period_after(competition, last.ends_on if last else None)
    if start > competition.ends_on:
        raise CompetitionError(_("竞赛周期内的各期均已结束。"), "over")
    try:
        with transaction.atomic():
            opened = Round(competition=competition, number=(last.number + 1) if last else 1)
            opened.starts_on, opened.ends_on = start, end
            opened.save()
    except IntegrityError:
        raise CompetitionError(_("本期已开启。"), "open") from None
    audit_record(actor=actor, action="competitions.round.open", target=opened, audit=audit)
    return opened


@transaction.atomic
def round_close(*, round: Round, actor: User, audit: AuditContext = NO_REQUEST) -> list[RedFlag]:
    """Close the period and pass the flag: in each section, to the team leading under the
    competition's rule among the confirmed reports. Reports still waiting for a check hold
    the close back, so no team loses the flag to an unread report."""
    competition = round.competition
    require_organizer(actor, competition)
    # The period's row is the lock that submits, checks and the close take in turn.
    round = Round.unscoped.select_for_update().get(pk=round.pk)
    pending = ProgressReport.unscoped.filter(round=round, status=ProgressReport.Status.SUBMITTED).count()
    if pending:
        raise CompetitionError(
            _("还有 %(n)d 份进度上报待审核，请审核后再结束本期。") % {"n": pending}, "pending"
        )
    if not Round.unscoped.filter(pk=round.pk, status=Round.Status.OPEN).update(
        status=Round.Status.CLOSED, closed_at=timezone.now(), closed_by=actor
    ):
        raise CompetitionError(_("本期已结束。"), "closed")
    winners = scoring.leaders(selectors.round_standings(round), competition.flag_rule)
    flags = RedFlag.unscoped.bulk_create(
        [
            RedFlag(
                competition=competition,
                round=round,
                section=section,
                team_id=s.team_id,
                score=s.score,
                progress=s.progress,
                awarded_on=round.ends_on,
                path=Team.unscoped.get(pk=s.team_id).path,
            )
            for section, s in sorted(winners.items())
        ]
    )
    audit_record(
        actor=actor,
        action="competitions.round.close",
        target=round,
        audit=audit,
        detail={"flags": {f.section: f.team_id for f in flags}},
    )
    return flags


@transaction.atomic
def competition_close(
    *,
    competition: Competition,
    actor: User,
    on: datetime.date | None = None,
    audit: AuditContext = NO_REQUEST,
) -> Competition:
    require_organizer(actor, competition)
    if Round.unscoped.filter(competition=competition, status=Round.Status.OPEN).exists():
        raise CompetitionError(_("请先结束进行中的一期。"), "open")
    if not Competition.unscoped.filter(pk=competition.pk, status=Competition.Status.RUNNING).update(
        status=Competition.Status.CLOSED, closed_on=on or timezone.localdate()
    ):
        raise CompetitionError(_("竞赛已结束。"), "closed")
    competition.refresh_from_db()
    audit_record(actor=actor, action="competitions.competition.close", target=competition, audit=audit)
    return competition


@transaction.atomic
def award_give(
    *,
    competition: Competition,
    kind: str,
    actor: User,
    team: Team | None = None,
    member: Member | None = None,
    citation: str = "",
    awarded_on: datetime.date | None = None,
    audit: AuditContext = NO_REQUEST,
) -> Award:
    """An individual award goes to a front-line participant of the competition; a collective
    one to one of its teams."""
    require_organizer(actor, competition)
    if kind == Award.Kind.INDIVIDUAL:
        if (
            member is None
            or not Participant.unscoped.filter(team__competition=competition, member=member).exists()
        ):
            raise CompetitionError(_("立功个人须是本竞赛的一线参赛职工。"), "member")
        team = None
    elif team is None or team.competition_id != competition.pk:
        raise CompetitionError(_("请选择本竞赛的参赛班组。"), "team")
    else:
        member = None
    try:
        with transaction.atomic():
            award = Award(
                competition=competition,
                kind=kind,
                team=team,
                member=member,
                citation=citation.strip(),
                awarded_on=awarded_on or timezone.localdate(),
            )
            award.save()
    except IntegrityError:
        raise CompetitionError(_("已授予过该奖项。"), "duplicate") from None
    audit_record(actor=actor, action="competitions.award.give", target=award, audit=audit)
    return award
