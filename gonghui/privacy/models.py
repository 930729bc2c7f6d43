from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.lib.crypto import EncryptedTextField
from gonghui.lib.scoping import PathFromMixin, scoped_queryset
from gonghui.members.models import Member
from gonghui.organizations.models import Node


class RequestKind(models.TextChoices):
    CORRECTION = "correction", _("更正")
    DELETION = "deletion", _("删除")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("待处理")
    DONE = "done", _("已办理")
    REFUSED = "refused", _("不予办理")


class DataRequest(PathFromMixin, models.Model):
    """A member's request to correct or delete their personal information (PIPL art. 46-47),
    answered by the union that holds their record, by `due_on`."""

    kind = models.CharField(_("类型"), max_length=12, choices=RequestKind)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("会员"))
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    union = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("受理工会"))
    path = models.CharField(max_length=255, editable=False, db_index=True)
    field = models.CharField(_("更正项目"), max_length=40, blank=True)
    # What it should be: may be an ID number or a phone, so stored encrypted like the record.
    value = EncryptedTextField(_("更正为"), blank=True, default="")
    note = models.CharField(_("说明"), max_length=500, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=RequestStatus, default=RequestStatus.PENDING)
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    due_on = models.DateField(_("答复期限"))
    resolved_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("答复"), max_length=500, blank=True)

    objects = scoped_queryset(owner="requester").as_manager()
    unscoped = models.Manager()

    path_from = "union"

    class Meta:
        verbose_name = _("个人信息更正/删除申请")
        verbose_name_plural = _("个人信息更正/删除申请")
        default_manager_name = "unscoped"
        ordering = ["due_on", "id"]
        constraints = [
            # One open request of a kind per member: a second click does not queue a second one.
            models.UniqueConstraint(
                fields=["member", "kind"], condition=Q(status="pending"), name="privacy_one_open_request"
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(reason=""), name="privacy_refusal_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(kind="correction") | ~Q(field=""), name="privacy_correction_names_field"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def field_label(self) -> str:
        found = Member._meta.get_field(self.field) if self.field else None
        return str(getattr(found, "verbose_name", ""))

    @property
    def overdue(self) -> bool:
        return self.status == RequestStatus.PENDING and self.due_on < timezone.localdate()


class Erasure(models.Model):
    """A member whose personal details were erased: by their request, or by retention once
    they had left long enough. One row per member, so erasing twice does nothing."""

    class Cause(models.TextChoices):
        REQUEST = "request", _("本人申请")
        RETENTION = "retention", _("保存期满")

    member = models.OneToOneField(Member, on_delete=models.PROTECT, related_name="+", primary_key=True)
    cause = models.CharField(max_length=10, choices=Cause)
    at = models.DateTimeField()


class DownloadClock(models.Model):
    """When a member last downloaded their data, per format: a conditional UPDATE on this row
    lets one download a minute through, however many requests arrive at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    fmt = models.CharField(max_length=8)
    last_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "fmt"], name="privacy_one_clock_per_format")]
