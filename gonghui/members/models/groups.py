"""Named lists of members that one module keeps and another reads: a competition's front-line
participants, whom a care campaign then serves. The keeping module names itself in `source`;
the group hangs on the node whose staff may see it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.organizations.models import Node

from .people import Member


class MemberGroup(PathFromMixin, models.Model):
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("所属组织"))
    # Which module keeps the list and which of its records it is, e.g. "competitions.team:12".
    source = models.CharField(max_length=80, unique=True)
    name = models.CharField(_("名称"), max_length=120)
    members = models.ManyToManyField(Member, related_name="groups", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        verbose_name = _("会员名单")
        verbose_name_plural = _("会员名单")
        default_manager_name = "unscoped"

    def __str__(self) -> str:
        return self.name
