"""Competitive election of representatives (职工代表竞选): constituencies, candidates
nominated and published, one secret ballot per voter (a constraint on who voted; the ballot
carries no name), the count, and the published result, sealed and then immutable."""

import hashlib
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin
from gonghui.members.models import Member
from gonghui.organizations.models import Unit

from .congresses import Congress, Reach, scoped


class Election(PathFromMixin, models.Model):
    class Status(models.TextChoices):
        NOMINATING = "nominating", _("提名中")
        PUBLISHED = "published", _("候选人已公示")
        VOTING = "voting", _("投票中")
        ANNOUNCED = "announced", _("结果已公布")

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="elections")
    term_no = models.PositiveSmallIntegerField(_("届次"))
    title = models.CharField(_("名称"), max_length=160)
    status = models.CharField(_("状态"), max_length=12, choices=Status, default=Status.NOMINATING)
    published_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    announced_at = models.DateTimeField(null=True, blank=True)
    voters_cast = models.PositiveIntegerField(_("投票人数"), default=0)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = scoped("congress", Reach.WORKERS).as_manager()
    unscoped = models.Manager()

    path_from = "congress"

    class Meta:
        verbose_name = _("代表选举")
        verbose_name_plural = _("代表选举")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=["congress", "term_no"], name="congress_one_election_per_term"),
        ]

    def __str__(self) -> str:
        return self.title

    def sealed_content(self) -> dict[str, Any]:
        candidates = [
            [c.pk, c.member_id, c.constituency_id, c.votes, c.elected]
            for c in Candidate.objects.filter(constituency__election=self).order_by("pk")
        ]
        ballots = ";".join(
            f"{pk}:{constituency}:{choices}"
            for pk, constituency, choices in self.ballots.order_by("pk").values_list(
                "pk", "constituency_id", "choices"
            )
        )
        return {
            "election": self.pk,
            "status": self.status,
            "announced_at": self.announced_at.isoformat() if self.announced_at else None,
            "voters_cast": self.voters_cast,
            "candidates": candidates,
            "ballots": hashlib.sha256(ballots.encode()).hexdigest(),
        }


class Constituency(models.Model):
    """A constituency (选区): the units whose workers vote in it, and its seats."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="constituencies")
    name = models.CharField(_("选区"), max_length=80)
    seats = models.PositiveIntegerField(_("应选名额"))
    units = models.ManyToManyField(Unit, related_name="+", verbose_name=_("单位"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "name"], name="congress_constituency_named"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="congress_constituency_has_seats"),
        ]

    def __str__(self) -> str:
        return self.name


class Candidate(models.Model):
    class Status(models.TextChoices):
        NOMINATED = "nominated", _("已提名")
        PUBLISHED = "published", _("已公示")
        WITHDRAWN = "withdrawn", _("已退出")

    constituency = models.ForeignKey(Constituency, on_delete=models.CASCADE, related_name="candidates")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("候选人"))
    nominated_by = models.CharField(_("提名方式"), max_length=80)
    statement = models.TextField(_("竞选陈述"), blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.NOMINATED)
    votes = models.PositiveIntegerField(_("得票"), default=0)
    elected = models.BooleanField(_("当选"), default=False)

    class Meta:
        ordering = ["constituency", "id"]
        constraints = [
            models.UniqueConstraint(fields=["constituency", "member"], name="congress_candidate_once"),
        ]


class ElectionVote(models.Model):
    """That a worker voted in an election: once, by constraint."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="votes")
    voter = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    cast_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "voter"], name="congress_one_election_ballot"),
        ]


class ElectionBallot(models.Model):
    """A ballot's content: the candidates chosen (their ids), without the voter."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="ballots")
    constituency = models.ForeignKey(Constituency, on_delete=models.PROTECT, related_name="+")
    choices = models.JSONField(default=list)
