"""The 12351 hotline: registering a work order (routed by its category: 分级负责、归口办理), reading
it (audited: it holds the caller's account), the answer, the follow-up call with the caller's
satisfaction, and handing a dispute on to mediation, keeping the link (the order's number)."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.ids import InvalidPhone, normalize_phone
from gonghui.lib.workdays import add_working_days
from gonghui.organizations.models import Node, Unit

from ..errors import FederationError
from ..models import HotlineCategory, OrderStatus, WorkOrder

STEP = Node.steplen
# The mediation module's dispute category for each hotline category that may become a case.
DISPUTE_CATEGORY = {"0101": "wages", "0102": "termination", "0103": "social_insurance", "0104": "work_injury"}


def order_route(category: HotlineCategory, unit: Unit | None, actor: User | None) -> Node:
    """District-level categories go to the district; street-level ones to the employer's
    street, or the street of the clerk who took the call, or the district when neither is known."""
    basis = unit.path if unit is not None else (actor.node.path if actor is not None and actor.node else "")
    if not basis:
        raise FederationError(_("无法确定承办工会，请填写用人单位。"), "route")
    depth = 2 if category.level == HotlineCategory.Level.STREET and len(basis) >= 2 * STEP else 1
    node: Node = Node.objects.get(path=basis[: depth * STEP])
    return node


def _number(day: datetime.date) -> str:
    prefix = f"12351-{day:%Y%m%d}-"
    last = (
        WorkOrder.unscoped.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
    )
    seq = int(last[0].rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:04d}"


@transaction.atomic
def order_register(
    *,
    channel: str,
    category: HotlineCategory,
    caller_name: str,
    caller_phone: str,
    content: str,
    unit: Unit | None = None,
    received_at: datetime.datetime | None = None,
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> WorkOrder:
    if category.parent_id is None:
        raise FederationError(_("请选择二级分类。"), "category")
    if not content.strip():
        raise FederationError(_("请填写诉求内容。"), "content")
    try:
        phone = normalize_phone(caller_phone) if caller_phone.strip() else ""
    except InvalidPhone as error:
        raise FederationError(str(error), "phone") from None
    at = received_at or timezone.now()
    day = timezone.localdate(at)
    routed = order_route(category, unit, actor)
    for _attempt in range(5):  # two clerks may take the same next number: the constraint decides
        order = WorkOrder(
            number=_number(day),
            channel=channel,
            received_at=at,
            category=category,
            caller_name=caller_name.strip()[:40] or _("匿名"),
            caller_phone=phone,
            content=content.strip(),
            unit=unit,
            routed_to=routed,
            due_on=add_working_days(day, category.deadline_days),
        )
        try:
            with transaction.atomic():
                order.save()
            break
        except IntegrityError:
            continue
    else:
        raise FederationError(_("工单号生成冲突，请重试。"), "number")
    audit_record(actor=actor, action="federation.order.register", target=order, audit=audit)
    return order


def order_read(*, order: WorkOrder, actor: User, audit: AuditContext = NO_REQUEST) -> None:
    """Opening an order shows the caller's account: every read is audited."""
    audit_record(actor=actor, action="federation.order.read", target=order, audit=audit)


@transaction.atomic
def order_answer(
    *, order: WorkOrder, answer: str, actor: User, audit: AuditContext = NO_REQUEST
) -> WorkOrder:
    if not answer.strip():
        raise FederationError(_("请填写答复内容。"), "answer")
    order = WorkOrder.unscoped.select_for_update().get(pk=order.pk)
    if order.status != OrderStatus.OPEN:
        raise FederationError(_("该工单已答复或已转办。"), "state")
    order.status, order.answer = OrderStatus.ANSWERED, answer.strip()
    order.answered_on, order.answered_by = timezone.localdate(), actor
    order.save(update_fields=["status", "answer", "answered_on", "answered_by"])
    audit_record(actor=actor, action="federation.order.answer", target=order, audit=audit)
    return order


@transaction.atomic
def order_follow_up(
    *, order: WorkOrder, satisfaction: int, actor: User, audit: AuditContext = NO_REQUEST
) -> WorkOrder:
    if not 1 <= satisfaction <= 5:
        raise FederationError(_("满意度应为 1 至 5 分。"), "range")
    order = WorkOrder.unscoped.select_for_update().get(pk=order.pk)
    if order.status != OrderStatus.ANSWERED:
        raise FederationError(_("工单答复后才能回访。"), "state")
    order.status, order.satisfaction, order.followed_up_on = (
        OrderStatus.CLOSED,
        satisfaction,
        timezone.localdate(),
    )
    order.save(update_fields=["status", "satisfaction", "followed_up_on"])
    audit_record(
        actor=actor,
        action="federation.order.follow_up",
        target=order,
        audit=audit,
        detail={"satisfaction": satisfaction},
    )
    return order


@transaction.atomic
def order_to_mediation(*, order: WorkOrder, actor: User, audit: AuditContext = NO_REQUEST) -> WorkOrder:
    """A dispute goes on to mediation: the order keeps the reference that the mediation case
    carries too (its 12351 order number), and stops here."""
    order = WorkOrder.unscoped.select_for_update().select_related("category").get(pk=order.pk)
    if not order.category.dispute:
        raise FederationError(_("该类诉求不属于劳动争议，不能转调解。"), "category")
    if order.status != OrderStatus.OPEN:
        raise FederationError(_("该工单已答复或已转办。"), "state")
    order.status, order.mediation_ref = OrderStatus.MEDIATION, order.number
    order.save(update_fields=["status", "mediation_ref"])
    audit_record(actor=actor, action="federation.order.to_mediation", target=order, audit=audit)
    return order


def mediation_prefill(order: WorkOrder) -> dict[str, str]:
    """The fields the mediation module's case form is opened with (no narrative or phone in a
    URL: the clerk copies the account from the order's page)."""
    return {
        "channel": "hotline",
        "category": DISPUTE_CATEGORY.get(order.category.code, "other"),
        "hotline_order_no": order.number,
        "hotline_deadline": order.due_on.isoformat(),
        "unit": order.unit.uscc if order.unit else "",
        "workers": order.caller_name,
    }
