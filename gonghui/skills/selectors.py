"""Read queries of the skills module and `skills_figures` for the KPI registry."""

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum

from gonghui.lib.figures import Period
from gonghui.members.models import Member
from gonghui.organizations.models import Node

from .models import Enrolment, RewardPayout, TrainingClass


def skills_figures(node: Node, period: Period | None = None) -> dict[str, Any]:
    """Classes of the node's subtree starting in the period (not cancelled) and the distinct
    members enrolled in them (withdrawals left out); completions dated in the period;
    technician rewards paid in the period and their total, counted where the worker is."""
    classes = TrainingClass.unscoped.filter(path__startswith=node.path).exclude(
        status=TrainingClass.Status.CANCELLED
    )
    completions = Enrolment.unscoped.filter(path__startswith=node.path, status=Enrolment.Status.COMPLETED)
    payouts = RewardPayout.unscoped.filter(path__startswith=node.path)
    if period is not None:
        classes = classes.filter(starts_on__gte=period.start, starts_on__lte=period.end)
        completions = completions.filter(completed_on__gte=period.start, completed_on__lte=period.end)
        payouts = payouts.filter(paid_on__gte=period.start, paid_on__lte=period.end)
    trainees = (
        Enrolment.unscoped.filter(training__in=classes)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .values("member")
        .distinct()
    )
    total = payouts.aggregate(s=Sum("amount"))["s"] or Decimal("0.00")
    return {
        "classes": classes.count(),
        "trainees": trainees.count(),
        "completions": completions.count(),
        "technician_rewards": payouts.count(),
        "technician_reward_yuan": f"{total:.2f}",
    }


def open_classes_for(member: Member | None) -> QuerySet[TrainingClass]:
    """Classes a member may join: open, not over, organized at the member's union or above.
    The offer is public to members, so it reads with the explicit unscoped manager."""
    if member is None:
        return TrainingClass.unscoped.none()
    ancestors = [member.path[: 4 * depth] for depth in range(1, len(member.path) // 4 + 1)]
    return TrainingClass.unscoped.filter(status=TrainingClass.Status.OPEN, path__in=ancestors).order_by(
        "starts_on"
    )
