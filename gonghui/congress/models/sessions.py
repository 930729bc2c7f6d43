"""Sessions of a congress, sign-in, the items put to it (the congress's five powers) and the
votes on them. A representative votes once per item (a constraint); the ballot itself carries
no name (secret ballot): who voted and what was chosen are two rows written together. A
closed item's result is sealed into the audit chain (see sealed_content)."""

import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin
from gonghui.organizations.models import Referral

from .congresses import Congress, Reach, Representative, scoped


class Session(PathFromMixin, models.Model):
    """A meeting of the congress (第N届第M次会议), in the room, online, or both."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("例会")
        EXTRAORDINARY = "extraordinary", _("临时会议")

    class Status(models.TextChoices):
        PLANNED = "planned", _("筹备中")
        OPEN = "open", _("会议中")
        CLOSED = "closed", _("已闭会")

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="sessions")
    term_no = models.PositiveSmallIntegerField(_("届次"))
    number = models.PositiveSmallIntegerField(_("会次"))
    kind = models.CharField(_("类型"), max_length=16, choices=Kind, default=Kind.REGULAR)
    title = models.CharField(_("会议名称"), max_length=160)
    starts_at = models.DateTimeField(_("开会时间"))
    place = models.CharField(_("地点"), max_length=120, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.PLANNED)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    minutes = models.TextField(_("会议纪要"), blank=True)
    resolutions = models.TextField(_("会议决议"), blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = scoped("congress", Reach.REPRESENTATIVES).as_manager()
    unscoped = models.Manager()

    path_from = "congress"

    class Meta:
        verbose_name = _("职代会会议")
        verbose_name_plural = _("职代会会议")
        default_manager_name = "unscoped"
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "term_no", "number"], name="congress_session_numbered"
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="congress_session_close_dated",
            ),
        ]
        indexes = [models.Index(fields=["path", "starts_at"], name="congress_session_path")]

    def __str__(self) -> str:
        return self.title


class SignIn(models.Model):
    """A representative present at a session: once per session (a constraint)."""

    class Channel(models.TextChoices):
        DOOR = "door", _("扫码签到")
        ONLINE = "online", _("线上签到")
        STAFF = "staff", _("工作人员代签")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="sign_ins")
    representative = models.ForeignKey(Representative, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("方式"), max_length=8, choices=Channel)
    at = models.DateTimeField(_("签到时间"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "representative"], name="congress_sign_in_once"),
        ]


class Power(models.TextChoices):
    """The five powers of the congress, as the kinds of item put to it."""

    REVIEW = "review", _("听取审议报告")
    APPROVE = "approve", _("审查通过")
    WELFARE = "welfare", _("审议决定福利事项")
    APPRAISE = "appraise", _("民主评议管理人员")
    ELECT = "elect", _("选举")


class Choice(models.TextChoices):
    FOR = "for", _("赞成")
    AGAINST = "against", _("反对")
    ABSTAIN = "abstain", _("弃权")
    SATISFIED = "satisfied", _("满意")
    FAIR = "fair", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


APPRAISAL_CHOICES = (Choice.SATISFIED, Choice.FAIR, Choice.UNSATISFIED)
MOTION_CHOICES = (Choice.FOR, Choice.AGAINST, Choice.ABSTAIN)


class Item(PathFromMixin, models.Model):
    """An item of a session's agenda, voted on online or in the room."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("待表决")
        VOTING = "voting", _("表决中")
        CLOSED = "closed", _("已表决")

    class Outcome(models.TextChoices):
        NONE = "", _("—")
        ADOPTED = "adopted", _("通过")
        REJECTED = "rejected", _("未通过")
        NO_QUORUM = "no_quorum", _("不足法定人数")

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="items")
    order = models.PositiveSmallIntegerField(_("序号"), default=1)
    kind = models.CharField(_("职权"), max_length=10, choices=Power)
    title = models.CharField(_("议题"), max_length=200)
    material = models.TextField(_("材料"), blank=True)
    referral = models.ForeignKey(
        Referral,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("提请审议事项"),
    )
    status = models.CharField(_("状态"), max_length=8, choices=Status, default=Status.DRAFT)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    votes_cast = models.PositiveIntegerField(_("已投票"), default=0)
    # Fixed at the close: representatives seated and present, the count, the outcome.
    seated = models.PositiveIntegerField(_("应到代表"), default=0)
    present = models.PositiveIntegerField(_("实到代表"), default=0)
    tally = models.JSONField(_("计票"), default=dict, blank=True)
    outcome = models.CharField(_("结果"), max_length=10, choices=Outcome, blank=True, default="")
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = scoped("session__congress", Reach.REPRESENTATIVES).as_manager()
    unscoped = models.Manager()

    path_from = "session"

    class Meta:
        verbose_name = _("议题")
        verbose_name_plural = _("议题")
        default_manager_name = "unscoped"
        ordering = ["session", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | (Q(closed_at__isnull=False) & ~Q(outcome="")),
                name="congress_item_closed_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def choices(self) -> tuple[Choice, ...]:
        return APPRAISAL_CHOICES if self.kind == Power.APPRAISE else MOTION_CHOICES

    @property
    def choices_list(self) -> list[tuple[str, str]]:
        return [(c.value, str(c.label)) for c in self.choices]

    @property
    def tally_display(self) -> list[tuple[str, int]]:
        return [(str(Choice(k).label), n) for k, n in self.tally.items() if k in Choice.values]

    def sealed_content(self) -> dict[str, Any]:
        """What the seal of a closed vote covers: the count, its outcome and every ballot."""
        ballots = ",".join(
            f"{pk}:{choice}" for pk, choice in self.ballots.order_by("pk").values_list("pk", "choice")
        )
        voters = ",".join(
            str(r)
            for r in self.votes.order_by("representative_id").values_list("representative_id", flat=True)
        )
        return {
            "item": self.pk,
            "session": self.session_id,
            "title": self.title,
            "kind": self.kind,
            "status": self.status,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "seated": self.seated,
            "present": self.present,
            "votes_cast": self.votes_cast,
            "tally": self.tally,
            "outcome": self.outcome,
            "ballots": hashlib.sha256(ballots.encode()).hexdigest(),
            "voters": hashlib.sha256(voters.encode()).hexdigest(),
        }


class Vote(models.Model):
    """That a representative voted on an item: one per item and representative, by constraint."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("线上")
        ROOM = "room", _("会场")

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="votes")
    representative = models.ForeignKey(Representative, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=8, choices=Channel, default=Channel.ONLINE)
    cast_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "representative"], name="congress_one_ballot_per_voter"),
        ]


class Ballot(models.Model):
    """What was chosen, without who chose it."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="ballots")
    choice = models.CharField(max_length=12, choices=Choice)
