"""Online contests (a logo contest, a photo contest): members submit images, the organizer
reviews them, members vote (one vote per member per entry, by constraint; a daily limit per
member and contest, by a conditional update; none after the close)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet, scoped_queryset
from gonghui.members.models import Member
from gonghui.organizations.models import Node


class Contest(PathFromMixin, models.Model):
    class Kind(models.TextChoices):
        LOGO = "logo", _("标识征集")
        PHOTO = "photo", _("摄影随手拍")

    title = models.CharField(_("名称"), max_length=120)
    kind = models.CharField(_("类型"), max_length=8, choices=Kind)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("主办"))
    description = models.TextField(_("说明"), blank=True)
    submit_opens_at = models.DateTimeField(_("征集开始"))
    submit_closes_at = models.DateTimeField(_("征集截止"))
    vote_opens_at = models.DateTimeField(_("投票开始"))
    vote_closes_at = models.DateTimeField(_("投票截止"))
    daily_votes = models.PositiveSmallIntegerField(_("每人每日票数"), default=5)
    max_entries = models.PositiveSmallIntegerField(_("每人限投稿"), default=3)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "node"

    class Meta:
        verbose_name = _("网上竞赛")
        verbose_name_plural = _("网上竞赛")
        default_manager_name = "unscoped"
        ordering = ["-vote_closes_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(submit_closes_at__gt=F("submit_opens_at")), name="fed_contest_submit_ordered"
            ),
            models.CheckConstraint(
                condition=Q(vote_closes_at__gt=F("vote_opens_at")), name="fed_contest_vote_ordered"
            ),
            models.CheckConstraint(condition=Q(daily_votes__gt=0), name="fed_contest_votes_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class EntryStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    ACCEPTED = "accepted", _("已入围")
    REJECTED = "rejected", _("未通过")


class Entry(PathFromMixin, models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.PROTECT, related_name="entries")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("作品名称"), max_length=80)
    image = models.CharField(max_length=40, editable=False)  # the stored, re-encoded image's name
    content_type = models.CharField(max_length=20, editable=False)
    size = models.PositiveIntegerField(editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    status = models.CharField(_("状态"), max_length=10, choices=EntryStatus, default=EntryStatus.SUBMITTED)
    review_note = models.CharField(_("审核意见"), max_length=200, blank=True)
    votes = models.PositiveIntegerField(_("票数"), default=0)
    submitted_at = models.DateTimeField()
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = scoped_queryset(owner="member__user").as_manager()
    unscoped = models.Manager()
    path_from = "contest"

    class Meta:
        verbose_name = _("参赛作品")
        verbose_name_plural = _("参赛作品")
        default_manager_name = "unscoped"
        ordering = ["-votes", "id"]
        indexes = [models.Index(fields=["path", "submitted_at"], name="fed_entry_path_submitted")]

    def __str__(self) -> str:
        return self.title


class Vote(PathFromMixin, models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="+")
    contest = models.ForeignKey(Contest, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    at = models.DateTimeField()
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = scoped_queryset(owner="member__user").as_manager()
    unscoped = models.Manager()
    path_from = "contest"

    class Meta:
        verbose_name = _("投票")
        verbose_name_plural = _("投票")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=["entry", "member"], name="fed_one_vote_per_member_entry")
        ]
        indexes = [models.Index(fields=["path", "at"], name="fed_vote_path_at")]


class VoteDay(models.Model):
    """A member's votes in a contest on a day: the daily limit is a conditional UPDATE on it."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    used = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contest", "member", "day"], name="fed_vote_day_once")]
