"""Founding a union online (建会申请) and the collective joining drives for migrant workers
(农民工集中入会行动)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.crypto import EncryptedTextField
from gonghui.lib.masking import MaskedCopyField, mask_phone
from gonghui.lib.scoping import PathFromMixin, scoped_queryset
from gonghui.organizations.models import Node, Unit


class FoundingStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待受理")
    ACCEPTED = "accepted", _("筹建中")
    FOUNDED = "founded", _("已建会")
    REJECTED = "rejected", _("不予受理")


OPEN_FOUNDING = (FoundingStatus.SUBMITTED, FoundingStatus.ACCEPTED)


class FoundingApplication(PathFromMixin, models.Model):
    """An employer unit, or its workers, asks to found a union. It is routed to the street or
    park union of the unit, which answers by `due_on`; the founding (first members' meeting,
    chair elected) creates the grassroots union through the spine."""

    class Applicant(models.TextChoices):
        EMPLOYER = "employer", _("用人单位")
        WORKERS = "workers", _("职工")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("单位"))
    applicant_kind = models.CharField(_("申请方"), max_length=10, choices=Applicant)
    contact_name = models.CharField(_("联系人"), max_length=40)
    contact_phone = EncryptedTextField(_("联系电话"), blank=True)
    contact_phone_masked = MaskedCopyField(source="contact_phone", mask=mask_phone)
    workers = models.PositiveIntegerField(_("职工人数"), default=0)
    routed_to = models.ForeignKey(
        Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("受理工会")
    )
    submitted_on = models.DateField(_("申请日期"))
    due_on = models.DateField(_("答复期限"))
    status = models.CharField(
        _("状态"), max_length=10, choices=FoundingStatus, default=FoundingStatus.SUBMITTED
    )
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    first_meeting_on = models.DateField(_("会员大会日期"), null=True, blank=True)
    founded_on = models.DateField(_("建会日期"), null=True, blank=True)
    chair_name = models.CharField(_("工会主席"), max_length=40, blank=True)
    founding_members = models.PositiveIntegerField(_("首批会员"), default=0)
    union = models.ForeignKey(
        Node, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("新建工会")
    )
    reason = models.CharField(_("理由"), max_length=200, blank=True)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = scoped_queryset(owner="applicant").as_manager()
    unscoped = models.Manager()
    path_from = "routed_to"

    class Meta:
        verbose_name = _("建会申请")
        verbose_name_plural = _("建会申请")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(status__in=["submitted", "accepted"]),
                name="federation_one_open_founding_per_unit",
            ),
            models.CheckConstraint(
                condition=~Q(status="founded") | Q(union__isnull=False, founded_on__isnull=False),
                name="federation_founding_has_union",
            ),
        ]
        indexes = [models.Index(fields=["path", "founded_on"], name="fed_founding_path_day")]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_status_display()}"


class JoiningDrive(PathFromMixin, models.Model):
    """A collective joining drive (集中入会行动): its batches count the workers who joined."""

    name = models.CharField(_("名称"), max_length=120)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("组织"))
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    target = models.PositiveIntegerField(_("目标人数"), default=0)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = scoped_queryset(None).as_manager()
    unscoped = models.Manager()
    path_from = "node"

    class Meta:
        verbose_name = _("集中入会行动")
        verbose_name_plural = _("集中入会行动")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="fed_drive_ordered")
        ]

    def __str__(self) -> str:
        return self.name


class DriveJoining(PathFromMixin, models.Model):
    """One batch of a drive: the workers of a unit who joined on a day."""

    drive = models.ForeignKey(JoiningDrive, on_delete=models.PROTECT, related_name="joinings")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    held_on = models.DateField(_("日期"))
    joined = models.PositiveIntegerField(_("入会人数"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = scoped_queryset(None).as_manager()
    unscoped = models.Manager()
    path_from = "drive"

    class Meta:
        verbose_name = _("集中入会批次")
        verbose_name_plural = _("集中入会批次")
        default_manager_name = "unscoped"
        constraints = [models.CheckConstraint(condition=Q(joined__gt=0), name="fed_joining_positive")]
        indexes = [models.Index(fields=["path", "held_on"], name="fed_joining_path_day")]
