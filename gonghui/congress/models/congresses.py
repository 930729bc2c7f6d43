"""Congresses, the units they cover and their representatives; and who reads what of them.

The back office reads its subtree. A member reads by their place in the congress: every
worker of a unit the congress covers sees the congress, its representatives, its elections
and the proposals board; only a sitting representative sees its sessions, the drafts put to
the vote and the ballot."""

from typing import Any, Self

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.roles import Role
from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet, scope_of
from gonghui.members.models import Member, MemberStatus
from gonghui.organizations.models import Node, Unit


class Reach(models.TextChoices):
    WORKERS = "workers"
    REPRESENTATIVES = "representatives"
    NOBODY = "nobody"


def _is_member_account(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "role", "") == Role.MEMBER
    )


def worker_congresses(user: Any) -> models.QuerySet[Any]:
    """The ids of the congresses covering the member's unit."""
    units = Member.unscoped.filter(user=user, status=MemberStatus.ACTIVE, id_problem="").values("unit_id")
    return CongressUnit.unscoped.filter(unit_id__in=units).values("congress_id")


def sitting_congresses(user: Any) -> models.QuerySet[Any]:
    """The ids of the congresses where the member sits as a representative now."""
    return Representative.unscoped.filter(
        member__user=user, member__status=MemberStatus.ACTIVE, member__id_problem="", status=Seat.ACTIVE
    ).values("congress_id")


class CongressScopedQuerySet(ScopedQuerySet):
    congress_field = "congress"  # the way from this model to its Congress ("pk" for Congress)
    member_reach = Reach.WORKERS

    def visible_to(self, user: Any) -> Self:
        if scope_of(user) is not None or not _is_member_account(user) or self.member_reach == Reach.NOBODY:
            return super().visible_to(user)
        ids = worker_congresses(user) if self.member_reach == Reach.WORKERS else sitting_congresses(user)
        qs = self.filter(**{f"{self.congress_field}__in": ids})
        qs._scoped = True
        return qs


def scoped(congress_field: str, reach: Reach) -> type[CongressScopedQuerySet]:
    return type(
        "CongressScopedQuerySet",
        (CongressScopedQuerySet,),
        {"congress_field": congress_field, "member_reach": reach},
    )


class Congress(PathFromMixin, models.Model):
    """The workers' congress of a unit (职工代表大会), or the joint congress of the units of a
    joint or regional union (联合职代会). It hangs on the union's node."""

    class Kind(models.TextChoices):
        UNIT = "unit", _("单位职代会")
        JOINT = "joint", _("联合职代会")

    class Status(models.TextChoices):
        ACTIVE = "active", _("运行中")
        DISSOLVED = "dissolved", _("已撤销")

    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("所属工会"))
    kind = models.CharField(_("类型"), max_length=8, choices=Kind, default=Kind.UNIT)
    name = models.CharField(_("名称"), max_length=160)
    established_on = models.DateField(_("建制日期"))
    term_no = models.PositiveSmallIntegerField(_("届次"), default=1)
    term_started_on = models.DateField(_("本届起始"))
    term_years = models.PositiveSmallIntegerField(_("每届年限"), default=3)
    seats = models.PositiveIntegerField(_("代表名额"))
    frontline_share = models.DecimalField(
        _("一线职工代表比例下限"), max_digits=3, decimal_places=2, default=0.5
    )
    women_share = models.DecimalField(_("女职工代表比例下限"), max_digits=3, decimal_places=2, default=0)
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.ACTIVE)
    dissolved_on = models.DateField(_("撤销日期"), null=True, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = scoped("pk", Reach.WORKERS).as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        verbose_name = _("职工代表大会")
        verbose_name_plural = _("职工代表大会")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=3), name="congress_at_least_three_seats"),
            models.CheckConstraint(
                condition=Q(
                    frontline_share__gte=0, frontline_share__lte=1, women_share__gte=0, women_share__lte=1
                ),
                name="congress_shares_are_fractions",
            ),
            models.CheckConstraint(
                condition=Q(status="active") | Q(dissolved_on__isnull=False), name="congress_dissolved_dated"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CongressUnit(models.Model):
    """A unit the congress covers: one for a unit's congress, several for a joint one. A unit
    takes part in one congress at most (a constraint)."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="unit_links")
    unit = models.OneToOneField(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("单位"))
    since = models.DateField(_("纳入日期"))
    path = models.CharField(max_length=255, db_index=True, editable=False)  # the unit's

    objects = scoped("congress", Reach.WORKERS).as_manager()
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.path = self.unit.path
        super().save(*args, **kwargs)


class Seat(models.TextChoices):
    ACTIVE = "active", _("在任")
    ENDED = "ended", _("届满")
    RECALLED = "recalled", _("已罢免")
    LEFT = "left", _("已离任")


class Representative(PathFromMixin, models.Model):
    """A member elected to the congress for one term (职工代表)."""

    Status = Seat

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="representatives")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("会员"))
    term_no = models.PositiveSmallIntegerField(_("届次"))
    constituency = models.CharField(_("选区"), max_length=80, blank=True)
    frontline = models.BooleanField(_("一线职工"), default=True)
    woman = models.BooleanField(_("女职工"), default=False)
    elected_on = models.DateField(_("当选日期"))
    ended_on = models.DateField(_("离任日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Seat, default=Seat.ACTIVE)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = scoped("congress", Reach.WORKERS).as_manager()
    unscoped = models.Manager()

    path_from = "congress"

    class Meta:
        verbose_name = _("职工代表")
        verbose_name_plural = _("职工代表")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "member"],
                condition=Q(status="active"),
                name="congress_one_seat_per_member",
            ),
            models.CheckConstraint(
                condition=Q(status="active", ended_on__isnull=True)
                | (~Q(status="active") & Q(ended_on__isnull=False)),
                name="congress_seat_end_dated",
            ),
        ]
        indexes = [models.Index(fields=["member", "status"], name="congress_rep_member")]

    def __str__(self) -> str:
        return self.member.name
