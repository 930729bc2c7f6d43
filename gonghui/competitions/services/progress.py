"""Progress each period: a team's reporter reports it (only for their own team), the
organizer confirms it with the judged indicators' scores, or returns it to be reported again."""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.roles import Role

from .. import scoring
from ..errors import CompetitionError
from ..models import Indicator, IndicatorScore, ProgressReport, Round, Team, TeamReporter
from .common import require_organizer, require_running

MAX_QUANTITY = Decimal("999999999999.99")


def quantity(value: object) -> Decimal:
    """A reported quantity: a decimal string or Decimal, not negative, two places at most."""
    if isinstance(value, float):
        raise TypeError("quantities are Decimal or decimal strings")
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation:
        raise CompetitionError(_("请填写数字。"), "number") from None
    if not amount.is_finite() or amount < 0 or amount > MAX_QUANTITY:
        raise CompetitionError(_("完成量应为不小于 0 的数字。"), "number")
    if amount != amount.quantize(Decimal("0.01")):
        raise CompetitionError(_("完成量最多保留两位小数。"), "number")
    return amount.quantize(Decimal("0.01"))


def open_round(team: Team, *, lock: bool = False) -> Round:
    rounds = Round.unscoped.filter(competition_id=team.competition_id, status=Round.Status.OPEN)
    found = (rounds.select_for_update() if lock else rounds).first()
    if found is None:
        raise CompetitionError(_("当前没有进行中的评比期。"), "no_round")
    return found


def is_reporter(actor: User, team: Team) -> bool:
    return (
        actor.role == Role.MEMBER
        and actor.member_id is not None
        and TeamReporter.objects.filter(team=team, member_id=actor.member_id).exists()
    )


def progress_report_submit(
    *, team: Team, actual: Decimal | str, actor: User, note: str = "", audit: AuditContext = NO_REQUEST
) -> ProgressReport:
    """The team's cumulative progress for the open period. Only the team's own reporters may
    report it (a refused attempt stays on the record); while it waits for the check it may be
    corrected, once confirmed it stands."""
    if not is_reporter(actor, team):
        audit_record(
            actor=actor, action="competitions.report.submit", target=team, audit=audit, result="denied"
        )
        raise CompetitionError(_("只能填报本班组的进度。"), "not_reporter")
    return _submit(team=team, actual=actual, actor=actor, note=note, audit=audit)


@transaction.atomic
def _submit(
    *, team: Team, actual: Decimal | str, actor: User, note: str, audit: AuditContext
) -> ProgressReport:
    require_running(team.competition)
    amount = quantity(actual)
    current = open_round(team, lock=True)
    last = ProgressReport.unscoped.filter(team=team, status=ProgressReport.Status.CONFIRMED).aggregate(
        m=Max("actual")
    )["m"]
    if last is not None and amount < last:
        raise CompetitionError(_("累计完成量不能少于已确认的 %(last)s。") % {"last": last}, "decreasing")
    now = timezone.now()
    mine = ProgressReport.unscoped.filter(team=team, round=current).exclude(
        status=ProgressReport.Status.RETURNED
    )
    existing = mine.first()
    if existing is not None and existing.status == ProgressReport.Status.CONFIRMED:
        raise CompetitionError(_("本期进度已审核确认，不能再修改。"), "confirmed")
    if existing is not None:
        mine.filter(status=ProgressReport.Status.SUBMITTED).update(
            actual=amount, note=note.strip()[:300], reported_by=actor, reported_at=now
        )
        existing.refresh_from_db()
        report = existing
    else:
        try:
            with transaction.atomic():
                report = ProgressReport(
                    team=team,
                    round=current,
                    actual=amount,
                    note=note.strip()[:300],
                    reported_by=actor,
                    reported_at=now,
                )
                report.save()
        except IntegrityError:
            raise CompetitionError(_("本期进度已上报，请刷新后重试。"), "duplicate") from None
    audit_record(
        actor=actor,
        action="competitions.report.submit",
        target=report,
        audit=audit,
        detail={"actual": str(amount)},
    )
    return report


def judged_indicators(report: ProgressReport) -> list[Indicator]:
    return [
        i
        for i in Indicator.objects.filter(competition_id=report.team.competition_id)
        if i.kind != Indicator.Kind.PROGRESS
    ]


@transaction.atomic
def progress_report_confirm(
    *,
    report: ProgressReport,
    values: dict[int, Decimal],
    actor: User,
    note: str = "",
    audit: AuditContext = NO_REQUEST,
) -> ProgressReport:
    """The organizer checks a report: scores each judged indicator (0–100); the progress
    indicator is computed against plan, and the score is the weighted mean (scoring.py)."""
    team = report.team
    competition = team.competition
    require_organizer(actor, competition)
    current = Round.unscoped.select_for_update().get(pk=report.round_id)
    if current.status != Round.Status.OPEN:
        raise CompetitionError(_("该期已结束，不能再审核。"), "closed")
    indicators = list(Indicator.objects.filter(competition=competition))
    judged = {i.pk: i for i in indicators if i.kind != Indicator.Kind.PROGRESS}
    if set(values) != set(judged):
        raise CompetitionError(_("请为每一项评分指标打分。"), "values")
    for value in values.values():
        if not (Decimal(0) <= value <= Decimal(100)) or value != value.quantize(Decimal("0.01")):
            raise CompetitionError(_("评分应在 0 到 100 之间，最多两位小数。"), "values")
    share = scoring.plan_share(competition.started_on, competition.ends_on, current.ends_on)
    progress = scoring.progress_value(report.actual, team.planned, share)
    pairs = [(i.weight, progress if i.kind == Indicator.Kind.PROGRESS else values[i.pk]) for i in indicators]
    score = scoring.weighted_score(pairs) if indicators else progress
    if not ProgressReport.unscoped.filter(pk=report.pk, status=ProgressReport.Status.SUBMITTED).update(
        status=ProgressReport.Status.CONFIRMED,
        checked_by=actor,
        checked_at=timezone.now(),
        check_note=note.strip()[:300],
        progress=progress,
        score=score,
    ):
        raise CompetitionError(_("该上报的状态已变化，请刷新后重试。"), "state")
    IndicatorScore.objects.bulk_create(
        [IndicatorScore(report=report, indicator_id=pk, value=v) for pk, v in values.items()]
    )
    report.refresh_from_db()
    audit_record(
        actor=actor,
        action="competitions.report.confirm",
        target=report,
        audit=audit,
        detail={"score": str(score), "progress": str(progress)},
    )
    return report


@transaction.atomic
def progress_report_return(
    *, report: ProgressReport, note: str, actor: User, audit: AuditContext = NO_REQUEST
) -> ProgressReport:
    require_organizer(actor, report.team.competition)
    if not note.strip():
        raise CompetitionError(_("退回时请填写理由。"), "note")
    if not ProgressReport.unscoped.filter(pk=report.pk, status=ProgressReport.Status.SUBMITTED).update(
        status=ProgressReport.Status.RETURNED,
        checked_by=actor,
        checked_at=timezone.now(),
        check_note=note.strip()[:300],
    ):
        raise CompetitionError(_("该上报的状态已变化，请刷新后重试。"), "state")
    report.refresh_from_db()
    audit_record(actor=actor, action="competitions.report.return", target=report, audit=audit)
    return report
