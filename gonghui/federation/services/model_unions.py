"""Model unions: an assessment assigned to a third-party assessor, scored item by item with
evidence, confirmed by the district (a second person); the title and the top ten; the chair
allowance, which continues only while the assessment passes (incentive and elimination)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node

from ..errors import FederationError
from ..models import (
    AllowanceTier,
    Assessment,
    AssessmentScore,
    AssessmentStatus,
    ChairAllowance,
    ModelTitle,
    StandardItem,
)

TOP_TEN = 10
INCENTIVE = Decimal("1.50")  # a top-ten chair's allowance is half as much again


@dataclass(frozen=True)
class ItemScore:
    item: int  # StandardItem id
    score: int
    evidence: str


@transaction.atomic
def assessment_assign(
    *, union: Node, year: int, assessor: User, actor: User, audit: AuditContext = NO_REQUEST
) -> Assessment:
    if union.kind != Node.Kind.GRASSROOTS:
        raise FederationError(_("只能评估基层工会。"), "union")
    if assessor.role != Role.ASSESSOR or not assessor.is_active:
        raise FederationError(_("请选择第三方评估员。"), "assessor")
    try:
        with transaction.atomic():
            assessment = Assessment.unscoped.create(union=union, year=year, assessor=assessor)
    except IntegrityError:
        raise FederationError(_("该工会本年度已安排评估。"), "duplicate") from None
    audit_record(actor=actor, action="federation.assessment.assign", target=assessment, audit=audit)
    return assessment


@transaction.atomic
def assessment_score(
    *, assessment: Assessment, scores: list[ItemScore], actor: User, audit: AuditContext = NO_REQUEST
) -> Assessment:
    """The assessor scores every item of the standard, each with its evidence."""
    assessment = Assessment.unscoped.select_for_update().get(pk=assessment.pk)
    if assessment.assessor_id != actor.pk:
        raise FederationError(_("只有受托的评估员可以评分。"), "assessor")
    if assessment.status == AssessmentStatus.CONFIRMED:
        raise FederationError(_("评估结果已确认，不能再修改。"), "state")
    items = {item.pk: item for item in StandardItem.objects.all()}
    given = {s.item: s for s in scores}
    if set(given) != set(items):
        raise FederationError(_("请为标准的每一项评分。"), "incomplete")
    for pk, entry in given.items():
        if not 0 <= entry.score <= items[pk].max_score:
            raise FederationError(
                _("%(code)s 的得分应在 0 至 %(max)s 之间。")
                % {"code": items[pk].code, "max": items[pk].max_score},
                "range",
            )
        if not entry.evidence.strip():
            raise FederationError(_("%(code)s 缺少佐证材料。") % {"code": items[pk].code}, "evidence")
    AssessmentScore.unscoped.filter(assessment=assessment).delete()
    AssessmentScore.unscoped.bulk_create(
        AssessmentScore(
            assessment=assessment,
            item_id=pk,
            score=e.score,
            evidence=e.evidence.strip()[:300],
            path=assessment.path,
        )
        for pk, e in given.items()
    )
    assessment.total = sum(e.score for e in given.values())
    assessment.passed = assessment.total >= assessment.pass_mark
    assessment.status = AssessmentStatus.SCORED
    assessment.scored_at = timezone.now()
    assessment.save(update_fields=["total", "passed", "status", "scored_at"])
    audit_record(
        actor=actor,
        action="federation.assessment.score",
        target=assessment,
        audit=audit,
        detail={"total": assessment.total, "passed": assessment.passed},
    )
    return assessment


@transaction.atomic
def assessment_confirm(
    *,
    assessment: Assessment,
    title: bool,
    top_ten: bool = False,
    confirmed_on: datetime.date | None = None,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> Assessment:
    """The district confirms a scored assessment (not the assessor who scored it). Passed: the
    union may be named a model union (and one of the top ten, which raises its chair's
    allowance). Failed: its title is revoked and its chair's allowance ends."""
    assessment = Assessment.unscoped.select_for_update().get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.SCORED:
        raise FederationError(_("评估尚未评分或已确认。"), "state")
    if actor.pk == assessment.assessor_id or not actor.is_backoffice:
        raise FederationError(_("评估结果须由区总工会另一人确认。"), "checker")
    day = confirmed_on or timezone.localdate()
    if assessment.passed:
        if top_ten and not title:
            raise FederationError(_("十佳须先命名为示范工会。"), "title")
        if top_ten and ModelTitle.unscoped.filter(year=assessment.year, top_ten=True).count() >= TOP_TEN:
            raise FederationError(_("本年度十佳已满十家。"), "top_ten")
        if title:
            ModelTitle.unscoped.create(
                union=assessment.union,
                year=assessment.year,
                top_ten=top_ten,
                awarded_on=day,
                assessment=assessment,
            )
            if top_ten:
                _raise_allowance(assessment.union, day)
    else:
        if title or top_ten:
            raise FederationError(_("评估不合格，不能命名。"), "failed")
        ModelTitle.unscoped.filter(union=assessment.union, revoked_on__isnull=True).update(revoked_on=day)
        _end_allowance(assessment.union, day, _("%(y)s年度评估不合格") % {"y": assessment.year})
    assessment.status = AssessmentStatus.CONFIRMED
    assessment.confirmed_on = day
    assessment.save(update_fields=["status", "confirmed_on"])
    audit_record(
        actor=actor,
        action="federation.assessment.confirm",
        target=assessment,
        audit=audit,
        detail={"passed": assessment.passed, "title": title, "top_ten": top_ten},
    )
    return assessment


def _end_allowance(union: Node, day: datetime.date, reason: str) -> None:
    ChairAllowance.unscoped.filter(union=union, ends_on__isnull=True).update(ends_on=day, end_reason=reason)


def _raise_allowance(union: Node, day: datetime.date) -> None:
    running = ChairAllowance.unscoped.filter(union=union, ends_on__isnull=True).first()
    if running is None or running.tier == AllowanceTier.INCENTIVE:
        return
    _end_allowance(union, day, _("评为十佳，转为激励津贴"))
    ChairAllowance.unscoped.create(
        union=union,
        chair_name=running.chair_name,
        tier=AllowanceTier.INCENTIVE,
        monthly=(running.monthly * INCENTIVE).quantize(Decimal("0.01")),
        starts_on=day,
    )


def latest_confirmed(union: Node) -> Assessment | None:
    return (
        Assessment.unscoped.filter(union=union, status=AssessmentStatus.CONFIRMED).order_by("-year").first()
    )


@transaction.atomic
def allowance_grant(
    *,
    union: Node,
    chair_name: str,
    monthly: Decimal,
    starts_on: datetime.date,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> ChairAllowance:
    latest = latest_confirmed(union)
    if latest is None or not latest.passed:
        raise FederationError(_("该工会最近一次评估未合格，不能发放津贴。"), "assessment")
    if monthly <= 0 or monthly != monthly.quantize(Decimal("0.01")):
        raise FederationError(_("津贴金额应为正数，最多两位小数。"), "amount")
    if not chair_name.strip():
        raise FederationError(_("请填写工会主席。"), "chair")
    top = ModelTitle.unscoped.filter(
        union=union, year=latest.year, top_ten=True, revoked_on__isnull=True
    ).exists()
    try:
        with transaction.atomic():
            allowance = ChairAllowance.unscoped.create(
                union=union,
                chair_name=chair_name.strip()[:40],
                tier=AllowanceTier.INCENTIVE if top else AllowanceTier.BASIC,
                monthly=(monthly * INCENTIVE).quantize(Decimal("0.01")) if top else monthly,
                starts_on=starts_on,
            )
    except IntegrityError:
        raise FederationError(_("该工会主席津贴正在发放中。"), "duplicate") from None
    audit_record(actor=actor, action="federation.allowance.grant", target=allowance, audit=audit)
    return allowance


@transaction.atomic
def allowance_end(
    *,
    allowance: ChairAllowance,
    ends_on: datetime.date,
    reason: str,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> ChairAllowance:
    allowance = ChairAllowance.unscoped.select_for_update().get(pk=allowance.pk)
    if allowance.ends_on is not None:
        raise FederationError(_("该津贴已终止。"), "state")
    if not reason.strip():
        raise FederationError(_("请填写终止原因。"), "reason")
    if ends_on < allowance.starts_on:
        raise FederationError(_("终止日期不能早于起始日期。"), "dates")
    allowance.ends_on, allowance.end_reason = ends_on, reason.strip()[:200]
    allowance.save(update_fields=["ends_on", "end_reason"])
    audit_record(actor=actor, action="federation.allowance.end", target=allowance, audit=audit)
    return allowance
