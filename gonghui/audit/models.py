import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

CHAINS = 16


class AuditRecord(models.Model):
    """One row per audited action, chained by hash so an edit or a deletion shows (AU-3).
    There are CHAINS parallel chains and each write picks one at random, so concurrent
    writers rarely queue on the same head and never on a single global lock."""

    class Result(models.TextChoices):
        OK = "ok", _("成功")
        DENIED = "denied", _("拒绝")
        FAILED = "failed", _("失败")

    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    actor_label = models.CharField(max_length=150, blank=True)
    actor_path = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    result = models.CharField(max_length=8, choices=Result, default=Result.OK)
    ip = models.GenericIPAddressField(null=True)
    request_id = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict)
    chain = models.PositiveSmallIntegerField(default=1)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        ordering = ["id"]
        # Two rows of a chain can never claim the same predecessor: writers cannot fork it.
        constraints = [models.UniqueConstraint(fields=["chain", "prev_hash"], name="audit_single_successor")]

    def payload(self) -> str:
        return json.dumps(
            [
                self.at.isoformat(),
                self.actor_id,
                self.actor_label,
                self.actor_path,
                self.action,
                self.object_type,
                self.object_id,
                self.result,
                self.ip,
                self.request_id,
                self.detail,
                self.chain,
                self.prev_hash,
            ],
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )

    def compute_hash(self) -> str:
        return hashlib.sha256(self.payload().encode()).hexdigest()


class AuditHead(models.Model):
    """One row per chain (pk = chain number) with its latest hash; locking it serialises the chain.
    `previous_hash` is the hash the last append replaced: on PostgreSQL one UPDATE moves the head
    and hands both hashes to the INSERT of the record (see audit.services)."""

    last_hash = models.CharField(max_length=64)
    previous_hash = models.CharField(max_length=64, blank=True, default="")


GENESIS = "0" * 64
