"""Union cadres: their training (person-times) and the professional union workers (职业化工会
工作者) employed by the social-work centre and assigned to the streets as union chairs."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.organizations.models import Node


class Training(PathFromMixin, models.Model):
    class Kind(models.TextChoices):
        CADRE = "cadre", _("工会干部培训")
        CHAIR = "chair", _("基层工会主席培训")
        PROFESSIONAL = "professional", _("职业化工作者培训")

    title = models.CharField(_("培训班"), max_length=120)
    kind = models.CharField(_("类别"), max_length=12, choices=Kind)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("主办"))
    starts_on = models.DateField(_("开班日期"))
    ends_on = models.DateField(_("结业日期"))
    hours = models.PositiveSmallIntegerField(_("学时"), default=0)
    attendees = models.PositiveIntegerField(_("培训人次"))
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "node"

    class Meta:
        verbose_name = _("干部培训")
        verbose_name_plural = _("干部培训")
        default_manager_name = "unscoped"
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="fed_training_ordered")
        ]

    def __str__(self) -> str:
        return self.title


class Grade(models.TextChoices):
    """Professional titles (职称) of social workers."""

    NONE = "none", _("未评定")
    ASSISTANT = "assistant", _("助理社会工作师")
    SOCIAL_WORKER = "social_worker", _("社会工作师")
    SENIOR = "senior", _("高级社会工作师")


class UnionWorker(PathFromMixin, models.Model):
    """A professional union worker. `node` is where they serve now (their street, or the
    district while unassigned), so a street sees the workers it has."""

    name = models.CharField(_("姓名"), max_length=40)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("派驻"))
    grade = models.CharField(_("职称"), max_length=14, choices=Grade, default=Grade.NONE)
    graded_on = models.DateField(_("职称评定日期"), null=True, blank=True)
    hired_on = models.DateField(_("入职日期"))
    left_on = models.DateField(_("离职日期"), null=True, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "node"

    class Meta:
        verbose_name = _("职业化工会工作者")
        verbose_name_plural = _("职业化工会工作者")
        default_manager_name = "unscoped"
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("hired_on")), name="fed_worker_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Assignment(PathFromMixin, models.Model):
    """Where a worker served and as what, from when to when (the history of `node`)."""

    worker = models.ForeignKey(UnionWorker, on_delete=models.PROTECT, related_name="assignments")
    street = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("街镇"))
    post = models.CharField(_("职务"), max_length=40)
    starts_on = models.DateField(_("起始日期"))
    ends_on = models.DateField(_("终止日期"), null=True, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "street"

    class Meta:
        verbose_name = _("派驻记录")
        verbose_name_plural = _("派驻记录")
        default_manager_name = "unscoped"
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker"], condition=Q(ends_on__isnull=True), name="fed_one_current_assignment"
            )
        ]
