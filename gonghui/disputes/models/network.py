"""The mediation network: organizations, their mediators and the lawyers' panel."""

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.crypto import EncryptedTextField
from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet, scope_of
from gonghui.organizations.models import Node, Unit


def _is_mediator(user: Any) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "role", "") == "mediator"
    )


class NetworkQuerySet(ScopedQuerySet):
    """Staff read by subtree; a mediator reads what belongs to their own organizations."""

    mediator_lookup = "org__mediators__user"

    def visible_to(self, user: Any) -> Self:
        if scope_of(user) is None and _is_mediator(user):
            qs = self.filter(
                **{self.mediator_lookup: user, self.mediator_lookup.replace("__user", "__active"): True}
            ).distinct()
            qs._scoped = True
            return qs
        return super().visible_to(user)


class OrgKind(models.TextChoices):
    DISTRICT_CENTRE = "district_centre", _("区法律援助中心")
    STREET_CENTRE = "street_centre", _("街镇法律援助工作站")
    COURT_ROOM = "court_room", _("法院工会调解室")
    INDUSTRY_COMMITTEE = "industry_committee", _("行业劳动争议调解委员会")
    ENTERPRISE_COMMITTEE = "enterprise_committee", _("企业劳动争议调解委员会")


class MediationOrgQuerySet(NetworkQuerySet):
    mediator_lookup = "mediators__user"


class MediationOrg(PathFromMixin, models.Model):
    """A node-scoped mediation organization. An enterprise committee belongs to a
    grassroots union; where a joint union covers several enterprises, an enterprise
    may have a committee of its own (`unit`)."""

    name = models.CharField(_("名称"), max_length=120)
    kind = models.CharField(_("类型"), max_length=24, choices=OrgKind)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, verbose_name=_("所属组织"))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("所属企业")
    )
    # In the network from `established_on` (unknown: all along) until the day before
    # `closed_on`; `active` is today's switch, and closing sets both.
    established_on = models.DateField(_("成立日期"), null=True, blank=True)
    closed_on = models.DateField(_("撤销日期"), null=True, blank=True)
    active = models.BooleanField(_("有效"), default=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = MediationOrgQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("调解组织")
        verbose_name_plural = _("调解组织")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(
                fields=["node", "kind"], condition=Q(unit__isnull=True), name="mediation_org_one_per_node"
            ),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(unit__isnull=False), name="mediation_org_one_per_unit"
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=True) | Q(kind="enterprise_committee"),
                name="mediation_org_unit_only_for_enterprise",
            ),
            models.CheckConstraint(
                condition=Q(established_on__isnull=True)
                | Q(closed_on__isnull=True)
                | Q(closed_on__gte=F("established_on")),
                name="mediation_org_closes_after_founding",
            ),
        ]
        indexes = [models.Index(fields=["kind", "path"], name="mediation_org_kind_path")]

    def __str__(self) -> str:
        return self.name

    path_from = "node"


class Mediator(PathFromMixin, models.Model):
    """A user with role MEDIATOR serving in one organization (one row per organization)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mediator_seats"
    )
    org = models.ForeignKey(MediationOrg, on_delete=models.PROTECT, related_name="mediators")
    invited = models.BooleanField(_("特邀调解员"), default=False)
    # Serving from `appointed_on` (unknown: all along) until the day before `left_on`.
    appointed_on = models.DateField(_("聘任日期"), null=True, blank=True)
    left_on = models.DateField(_("离任日期"), null=True, blank=True)
    active = models.BooleanField(_("在任"), default=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = NetworkQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("调解员")
        verbose_name_plural = _("调解员")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=["user", "org"], name="mediator_one_seat_per_org"),
            models.CheckConstraint(
                condition=Q(appointed_on__isnull=True)
                | Q(left_on__isnull=True)
                | Q(left_on__gte=F("appointed_on")),
                name="mediator_leaves_after_appointment",
            ),
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    path_from = "org"


class Lawyer(models.Model):
    """A lawyer of the district's expert panel (律师专家团)."""

    name = models.CharField(_("姓名"), max_length=40)
    firm = models.CharField(_("律师事务所"), max_length=120)
    license_no = models.CharField(_("执业证号"), max_length=20, unique=True)
    phone = EncryptedTextField(_("手机"), blank=True)
    active = models.BooleanField(_("在册"), default=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)  # the district's path

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("律师")
        verbose_name_plural = _("律师")
        default_manager_name = "unscoped"

    def __str__(self) -> str:
        return f"{self.name}（{self.firm}）"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.path:  # the panel is the district's
            root = Node.objects.get_first_root_node()
            self.path = root.path if root else ""
        super().save(*args, **kwargs)


class LawyerAssignment(PathFromMixin, models.Model):
    lawyer = models.ForeignKey(Lawyer, on_delete=models.CASCADE, related_name="assignments")
    street = models.ForeignKey(Node, on_delete=models.PROTECT, limit_choices_to={"kind": Node.Kind.STREET})
    # Matched from `since` (unknown: all along) until the day before `until`.
    since = models.DateField(_("结对日期"), null=True, blank=True)
    until = models.DateField(_("解除日期"), null=True, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        constraints = [models.UniqueConstraint(fields=["lawyer", "street"], name="lawyer_one_per_street")]

    path_from = "street"
