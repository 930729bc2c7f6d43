from typing import Any, Self

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from gonghui.lib.scoping import (
    DistrictKeyed,
    DistrictKeyField,
    ScopedQuerySet,
    district_key_constraint,
    scope_of,
)


class NodeQuerySet(MP_NodeQuerySet):
    def visible_to(self, user: Any) -> Self:
        prefix = scope_of(user)
        return self.none() if prefix is None else self.filter(path__startswith=prefix)


class NodeManager(MP_NodeManager.from_queryset(NodeQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> NodeQuerySet:
        return NodeQuerySet(self.model, using=self._db).order_by("path")


class Node(MP_Node):
    """A node of the organization tree: the district, a street, an intermediate
    union (industry, park, building, regional) or a grassroots union."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("区总工会")
        STREET = "street", _("街镇工会")
        INDUSTRY = "industry", _("行业工会")
        PARK = "park", _("园区工会")
        BUILDING = "building", _("楼宇工会")
        REGIONAL = "regional", _("区域联合工会")
        GRASSROOTS = "grassroots", _("基层工会")

    UNION_KINDS = (Kind.INDUSTRY, Kind.PARK, Kind.BUILDING, Kind.REGIONAL, Kind.GRASSROOTS)

    steplen = 4
    name = models.CharField(_("名称"), max_length=120)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind)
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    chair_name = models.CharField(_("工会主席"), max_length=40, blank=True)

    objects = NodeManager()

    class Meta:
        verbose_name = _("组织")
        verbose_name_plural = _("组织")
        indexes = [models.Index(fields=["kind", "path"], name="node_kind_path")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_union(self) -> bool:
        return self.kind in self.UNION_KINDS


def validate_uscc(value: str) -> None:
    from django.core.exceptions import ValidationError

    if not uscc.is_valid(value):
        raise ValidationError(_("统一社会信用代码无效"))


class Unit(DistrictKeyed, models.Model):
    """An employer unit (单位). It exists whether or not it has a union, which is
    what makes the union establishment rate computable."""

    class Ownership(models.TextChoices):
        STATE = "110", _("国有")
        COLLECTIVE = "120", _("集体")
        JOINT_STOCK_COOP = "130", _("股份合作")
        JOINT = "140", _("联营")
        STATE_SOLE = "151", _("国有独资公司")
        OTHER_LLC = "159", _("其他有限责任公司")
        STATE_HOLDING = "161", _("国有控股股份")
        OTHER_STOCK = "169", _("其他股份")
        PRIVATE = "170", _("私营")
        OTHER_DOMESTIC = "190", _("其他内资")
        HK_MACAO_TW = "200", _("港澳台")
        FOREIGN = "300", _("外商")
        INSTITUTION = "400", _("事业")
        ORGAN = "500", _("机关")
        INDIVIDUAL = "600", _("个体")
        PRIVATE_NON_ENTERPRISE = "700", _("民办非企业")

    NON_ENTERPRISE = (Ownership.INSTITUTION, Ownership.ORGAN, Ownership.PRIVATE_NON_ENTERPRISE)

    class Industry(models.TextChoices):  # GB/T 4754 sections
        A = "A", _("农、林、牧、渔业")
        B = "B", _("采矿业")
        C = "C", _("制造业")
        D = "D", _("电力、热力、燃气及水生产和供应业")
        E = "E", _("建筑业")
        F = "F", _("批发和零售业")
        G = "G", _("交通运输、仓储和邮政业")
        H = "H", _("住宿和餐饮业")
        I = "I", _("信息传输、软件和信息技术服务业")  # noqa: E741
        J = "J", _("金融业")
        K = "K", _("房地产业")
        L = "L", _("租赁和商务服务业")
        M = "M", _("科学研究和技术服务业")
        N = "N", _("水利、环境和公共设施管理业")
        O = "O", _("居民服务、修理和其他服务业")  # noqa: E741
        P = "P", _("教育")
        Q = "Q", _("卫生和社会工作")
        R = "R", _("文化、体育和娱乐业")
        S = "S", _("公共管理、社会保障和社会组织")
        T = "T", _("国际组织")

    name = models.CharField(_("单位名称"), max_length=120)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc])
    industry = models.CharField(_("行业"), max_length=1, choices=Industry)
    ownership = models.CharField(_("单位类别"), max_length=3, choices=Ownership)
    workforce = models.PositiveIntegerField(_("职工人数"), default=0)
    street = models.ForeignKey(
        Node,
        on_delete=models.PROTECT,
        related_name="street_units",
        verbose_name=_("所在街镇"),
        limit_choices_to={"kind": Node.Kind.STREET},
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    must_have_union = models.BooleanField(_("应建会"), default=True)
    union = models.ForeignKey(
        Node,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="covered_units",
        verbose_name=_("所属基层工会"),
        limit_choices_to={"kind": Node.Kind.GRASSROOTS},
    )
    covered_on = models.DateField(_("建会时间"), null=True, blank=True)
    # The path of the union covering the unit, or of its street while it has none.
    path = models.CharField(max_length=255, db_index=True, editable=False)
    district = DistrictKeyField()

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(
                condition=Q(union__isnull=True) | Q(covered_on__isnull=False), name="unit_covered_has_date"
            ),
            district_key_constraint("unit_district_key"),
        ]
        indexes = [
            models.Index(
                fields=["path", "must_have_union"],
                name="unit_path_eligible",
                opclasses=["varchar_pattern_ops", "bool_ops"],
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.path = (self.union or self.street).path
        super().save(*args, **kwargs)

    @property
    def is_enterprise(self) -> bool:
        return self.ownership not in self.NON_ENTERPRISE


class Referral(models.Model):
    """A matter one module puts to a body another module runs, and that body's decision: a
    collective-bargaining draft put to the unit's workers' congress for its vote. The module
    that refers names its record in `source` ("bargaining.offer:12") and links its page in
    `url`; the deciding one names the record that decided in `decided_by` ("congress.item:34").
    Neither imports the other: both read and write this row through the spine's services."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审议")
        ADOPTED = "adopted", _("已通过")
        REJECTED = "rejected", _("未通过")
        WITHDRAWN = "withdrawn", _("已撤回")

    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("审议组织"))
    source = models.CharField(max_length=80, unique=True)
    title = models.CharField(_("事项"), max_length=200)
    url = models.CharField(max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.PENDING)
    referred_at = models.DateTimeField(auto_now_add=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decided_by = models.CharField(max_length=80, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("提请审议事项")
        verbose_name_plural = _("提请审议事项")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending") | Q(status="withdrawn") | Q(decided_on__isnull=False),
                name="referral_decision_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.path = self.node.path
        super().save(*args, **kwargs)
