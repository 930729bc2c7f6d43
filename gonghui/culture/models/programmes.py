"""The published service menu and the social organizations that deliver it."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.organizations.models import Node

from .venues import Circle


class Provider(models.Model):
    """A social organization that delivers purchased programmes (社会组织)."""

    name = models.CharField(_("社会组织名称"), max_length=120, unique=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    contact = models.CharField(_("联系人"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("社会组织")
        verbose_name_plural = _("社会组织")

    def __str__(self) -> str:
        return self.name


class Programme(PathFromMixin, models.Model):
    """An item of the published service menu (服务菜单)."""

    class Category(models.TextChoices):
        ACTIVITY = "activity", _("文体活动")
        SALON = "salon", _("沙龙")
        CONTEST = "contest", _("赛事")
        CLASS = "class", _("培训班")
        FILM = "film", _("电影")
        VENUE = "venue", _("场馆开放")

    title = models.CharField(_("名称"), max_length=120)
    category = models.CharField(_("类别"), max_length=10, choices=Category)
    description = models.TextField(_("简介"), blank=True)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("发布组织"))
    circle = models.CharField(_("服务圈"), max_length=10, choices=Circle)
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("承接社会组织")
    )
    cost = models.DecimalField(_("采购金额（元）"), max_digits=12, decimal_places=2, default=0)
    per_member_limit = models.PositiveSmallIntegerField(
        _("每人限约场次"), default=0, help_text=_("0 表示不限")
    )
    published = models.BooleanField(_("已发布"), default=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("服务项目")
        verbose_name_plural = _("服务项目")
        default_manager_name = "unscoped"
        constraints = [models.CheckConstraint(condition=Q(cost__gte=0), name="culture_programme_cost_ok")]

    def __str__(self) -> str:
        return self.title

    path_from = "node"
