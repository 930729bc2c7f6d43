"""Culture service circles: venues, the service menu, sessions, bookings, lottery draws,
no-shows, notices and funding. Every record hangs on a node of the tree through `path`.

Rules that must always hold are database constraints: a session never holds more places
than its capacity, a member has at most one active booking per session, a lottery is drawn
once, a no-show is recorded once per booking, money is never negative.
"""

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.roles import Role
from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.members.models import Member
from gonghui.organizations.models import Node


class Circle(models.TextChoices):
    CORE = "core", _("核心（文化宫）")
    EAST = "east", _("东圈")
    WEST = "west", _("西圈")
    SOUTH = "south", _("南圈")
    NORTH = "north", _("北圈")
    CENTRE = "centre", _("中圈")


class VenueScopedQuerySet(ScopedQuerySet):
    """Back-office roles see their subtree; venue staff see exactly the venues they run
    (and what happens there); members see what they own."""

    venue_lookup = ""  # the way from this model to its Venue; "" for Venue itself

    def visible_to(self, user: Any) -> Self:
        if getattr(user, "role", None) != Role.VENUE_STAFF:
            return super().visible_to(user)
        if getattr(user, "is_authenticated", False) and user.is_active:
            prefix = f"{self.venue_lookup}__" if self.venue_lookup else ""
            qs = self.filter(**{f"{prefix}staff_links__user": user})
        else:
            qs = self.none()
        qs._scoped = True
        return qs


class Venue(PathFromMixin, models.Model):
    class Kind(models.TextChoices):
        CORE = "core", _("文化宫（核心）")
        CIRCLE = "circle", _("文化服务圈")
        BASE = "base", _("文体活动基地")
        POINT = "point", _("文体活动示范点")

    name = models.CharField(_("名称"), max_length=120)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind)
    circle = models.CharField(_("所属服务圈"), max_length=10, choices=Circle)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("所属组织"))
    address = models.CharField(_("地址"), max_length=200, blank=True)
    opening_hours = models.CharField(_("开放时间"), max_length=120, blank=True)
    facilities = models.TextField(_("设施"), blank=True)
    capacity = models.PositiveIntegerField(_("容纳人数"), default=0)
    active = models.BooleanField(_("启用"), default=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = VenueScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("场馆")
        verbose_name_plural = _("场馆")
        default_manager_name = "unscoped"
        ordering = ["circle", "kind", "name"]

    def __str__(self) -> str:
        return self.name

    path_from = "node"


class VenueStaff(models.Model):
    """Who runs a venue: accounts with role VENUE_STAFF."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="staff_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="venue_links")
    since = models.DateField(auto_now_add=True)

    class Meta:
        verbose_name = _("场馆工作人员")
        verbose_name_plural = _("场馆工作人员")
        constraints = [models.UniqueConstraint(fields=["venue", "user"], name="culture_one_staff_link")]


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


class SessionQuerySet(VenueScopedQuerySet):
    venue_lookup = "venue"


class Session(models.Model):
    """One dated occurrence of a programme at a venue (场次)."""

    class Mode(models.TextChoices):
        FIRST_COME = "fcfs", _("先到先得")
        LOTTERY = "lottery", _("报名抽签")

    class Eligibility(models.TextChoices):
        MEMBERS = "members", _("在册会员")
        STREET = "street", _("限本街镇会员")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("已排期")
        CANCELLED = "cancelled", _("已取消")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="sessions")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    capacity = models.PositiveIntegerField(_("名额"))
    booked = models.PositiveIntegerField(_("已占名额"), default=0)
    mode = models.CharField(_("预约方式"), max_length=10, choices=Mode, default=Mode.FIRST_COME)
    eligibility = models.CharField(
        _("参与对象"), max_length=10, choices=Eligibility, default=Eligibility.MEMBERS
    )
    street = models.ForeignKey(
        Node,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("限定街镇"),
        limit_choices_to={"kind": Node.Kind.STREET},
    )
    opens_at = models.DateTimeField(_("预约开始"))
    closes_at = models.DateTimeField(_("预约截止"))
    cancel_by = models.DateTimeField(_("取消截止"))
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.SCHEDULED)
    version = models.PositiveIntegerField(default=1)  # bumped on every change members are told about
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = SessionQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("场次")
        verbose_name_plural = _("场次")
        default_manager_name = "unscoped"
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(booked__lte=F("capacity")), name="culture_never_overbooked"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="culture_session_ends_after"
            ),
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="culture_window_ordered"),
            models.CheckConstraint(
                condition=~Q(eligibility="street") | Q(street__isnull=False), name="culture_street_named"
            ),
        ]
        indexes = [models.Index(fields=["path", "starts_at"], name="culture_session_path_start")]

    def __str__(self) -> str:
        return f"{self.programme.title} {self.starts_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.path = self.venue.path  # a session hangs where it happens: the venue's node
        super().save(*args, **kwargs)

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.booked, 0)


class BookingStatus(models.TextChoices):
    ENTERED = "entered", _("已报名待抽签")
    WAITING = "waiting", _("候补中")
    OFFERED = "offered", _("候补递补待确认")
    CONFIRMED = "confirmed", _("预约成功")
    CHECKED_IN = "checked_in", _("已签到")
    NO_SHOW = "no_show", _("爽约")
    CANCELLED = "cancelled", _("已取消")
    EXPIRED = "expired", _("递补逾期")


# A member holds at most one booking per session in these states (BK-2).
ACTIVE_STATUSES = (
    BookingStatus.ENTERED,
    BookingStatus.WAITING,
    BookingStatus.OFFERED,
    BookingStatus.CONFIRMED,
    BookingStatus.CHECKED_IN,
)
# These take a place: Session.booked always equals their count (BK-1).
PLACE_STATUSES = (
    BookingStatus.OFFERED,
    BookingStatus.CONFIRMED,
    BookingStatus.CHECKED_IN,
    BookingStatus.NO_SHOW,
)


class BookingQuerySet(VenueScopedQuerySet):
    venue_lookup = "session__venue"
    owner_field = "member__user"


class Booking(models.Model):
    class Channel(models.TextChoices):
        PORTAL = "portal", _("会员自助")
        STAFF = "staff", _("工作人员代约")

    # Each index is paid for by every booking, and a flash sale writes hundreds a second: the
    # keys' own indexes are the composite ones below, whose first column they are.
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="bookings", db_index=False)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", db_index=False)
    status = models.CharField(_("状态"), max_length=12, choices=BookingStatus)
    channel = models.CharField(_("渠道"), max_length=8, choices=Channel, default=Channel.PORTAL)
    # NULL, not "": bookings made without a key must not collide under the unique constraint.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Waiting list order: earlier waiting_since first, then the draw's rank.
    waiting_since = models.DateTimeField(null=True, blank=True)
    queue_rank = models.PositiveIntegerField(default=0)
    lost_draw = models.BooleanField(_("未中签"), default=False)
    offered_at = models.DateTimeField(null=True, blank=True)
    hold_until = models.DateTimeField(_("确认期限"), null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    path = models.CharField(max_length=255, editable=False)

    objects = BookingQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("预约")
        verbose_name_plural = _("预约")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member"],
                condition=Q(status__in=[s.value for s in ACTIVE_STATUSES]),
                name="culture_one_active_booking",
            ),
            # Compared whole, never by prefix: a unique constraint without unique=True's LIKE index.
            models.UniqueConstraint(fields=["idempotency_key"], name="culture_booking_key_once"),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(hold_until__isnull=False), name="culture_offer_has_hold"
            ),
        ]
        indexes = [
            models.Index(fields=["session", "status"], name="culture_booking_session"),
            models.Index(fields=["member", "status"], name="culture_booking_member"),
            # Scoped reads ask for a subtree: a prefix match.
            models.Index(fields=["path"], name="culture_booking_path", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.member_id} {self.status}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.path:
            self.path = self.session.path
        super().save(*args, **kwargs)


class Standing(models.Model):
    """A member's booking standing: open bookings (the quota counter, moved only by
    conditional UPDATEs) and a temporary restriction after repeated no-shows."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="+", primary_key=True)
    open_bookings = models.PositiveIntegerField(default=0)
    restricted_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(open_bookings__gte=0), name="culture_open_ge0")]


class LotteryDraw(models.Model):
    """One draw per session, ever (the OneToOne is the guard). Everything needed to
    replay it is recorded: the seed, the entries in order, each one's priority."""

    session = models.OneToOneField(Session, on_delete=models.PROTECT, related_name="draw")
    seed = models.BigIntegerField()
    places = models.PositiveIntegerField()
    entries = models.JSONField()  # [[booking_id, priority], ...] in booking id order
    winners = models.JSONField()  # booking ids, in draw order
    ranking = models.JSONField()  # every booking id, in draw order
    digest = models.CharField(max_length=64)
    drawn_at = models.DateTimeField()
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = _("抽签记录")
        verbose_name_plural = _("抽签记录")


class NoShow(models.Model):
    """A no-show is recorded, never deleted; staff may excuse it (it then stops counting)."""

    booking = models.OneToOneField(Booking, on_delete=models.PROTECT, related_name="no_show")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    excused = models.BooleanField(_("已免责"), default=False)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = _("爽约记录")
        verbose_name_plural = _("爽约记录")
        indexes = [models.Index(fields=["member", "at"], name="culture_noshow_member")]


class Notice(models.Model):
    """What was sent to whom: one row per (booking, kind, key), so a retried task sends once."""

    class Kind(models.TextChoices):
        CONFIRMED = "confirmed", _("预约成功")
        PROMOTED = "promoted", _("候补递补")
        CHANGED = "changed", _("场次变更")
        REMINDER = "reminder", _("活动提醒")
        RESULT = "result", _("抽签结果")

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=10, choices=Kind)
    key = models.CharField(max_length=40, default="")
    text = models.CharField(max_length=300)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["booking", "kind", "key"], name="culture_notice_once"),
        ]


class Funding(PathFromMixin, models.Model):
    """Money spent on a programme in a circle (经费补助、项目补贴、购买服务)."""

    class Kind(models.TextChoices):
        SUBSIDY = "subsidy", _("经费补助")
        PROJECT = "project", _("项目补贴")
        PURCHASE = "purchase", _("购买服务")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="funding")
    circle = models.CharField(_("服务圈"), max_length=10, choices=Circle)
    kind = models.CharField(_("方式"), max_length=10, choices=Kind)
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("经费")
        verbose_name_plural = _("经费")
        default_manager_name = "unscoped"
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="culture_funding_positive")]

    path_from = "programme"
