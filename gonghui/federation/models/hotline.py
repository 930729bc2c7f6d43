"""The 12351 hotline: every call, message or walk-in is a work order with a category of a
two-level catalogue, a deadline by category, routing to the union that answers for it
(分级负责、归口办理), the answer, a follow-up call and the caller's satisfaction. A dispute goes
on to the mediation module as a case that carries the order's number."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.crypto import EncryptedTextField
from gonghui.lib.masking import MaskedCopyField, mask_phone
from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.organizations.models import Node, Unit


class HotlineCategory(models.Model):
    """The catalogue: a first level (e.g. 劳动关系) and its second level, which carries the
    deadline and who answers (the district, or the street of the employer)."""

    class Level(models.TextChoices):
        DISTRICT = "district", _("区总工会")
        STREET = "street", _("街镇工会")

    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    code = models.CharField(_("编码"), max_length=8, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    deadline_days = models.PositiveSmallIntegerField(_("办理时限（天）"), default=5)
    level = models.CharField(_("归口"), max_length=10, choices=Level, default=Level.STREET)
    dispute = models.BooleanField(_("可转调解"), default=False)

    class Meta:
        verbose_name = _("热线分类")
        verbose_name_plural = _("热线分类")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(deadline_days__gt=0), name="fed_category_has_deadline")
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} / {self.name}" if self.parent_id and self.parent else self.name


class OrderChannel(models.TextChoices):
    CALL = "call", _("来电")
    MESSAGE = "message", _("留言")
    WALK_IN = "walk_in", _("来访")


class OrderStatus(models.TextChoices):
    OPEN = "open", _("办理中")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已回访")
    MEDIATION = "mediation", _("已转调解")


class WorkOrder(PathFromMixin, models.Model):
    number = models.CharField(_("工单号"), max_length=20, unique=True)
    channel = models.CharField(_("来源"), max_length=10, choices=OrderChannel)
    received_at = models.DateTimeField(_("受理时间"))
    category = models.ForeignKey(
        HotlineCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("分类")
    )
    caller_name = models.CharField(_("来电人"), max_length=40)
    caller_phone = EncryptedTextField(_("联系电话"), blank=True)
    caller_phone_masked = MaskedCopyField(source="caller_phone", mask=mask_phone)
    content = EncryptedTextField(_("诉求内容"))  # a narrative: encrypted, and every read audited
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    routed_to = models.ForeignKey(
        Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("承办工会")
    )
    due_on = models.DateField(_("办理期限"))
    status = models.CharField(_("状态"), max_length=10, choices=OrderStatus, default=OrderStatus.OPEN)
    answer = models.TextField(_("答复"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    followed_up_on = models.DateField(_("回访日期"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)
    # The reference the mediation case carries too (its 12351 order number), kept on both sides.
    mediation_ref = models.CharField(_("调解案件关联"), max_length=30, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "routed_to"

    class Meta:
        verbose_name = _("12351工单")
        verbose_name_plural = _("12351工单")
        default_manager_name = "unscoped"
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "mediation"])
                | (~Q(answer="") & Q(answered_on__isnull=False)),
                name="fed_order_answered_has_answer",
            ),
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True) | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="fed_order_satisfaction_range",
            ),
            models.CheckConstraint(
                condition=~Q(status="mediation") | ~Q(mediation_ref=""), name="fed_order_mediation_linked"
            ),
        ]
        indexes = [models.Index(fields=["path", "received_at"], name="fed_order_path_received")]

    def __str__(self) -> str:
        return self.number
