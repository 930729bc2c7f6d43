"""Money the district puts into the mediation network: one record per organization and year
(the seed: 12万 yuan a year for the court mediation room's invited mediators)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet

from .network import MediationOrg


class MediationFunding(PathFromMixin, models.Model):
    org = models.ForeignKey(
        MediationOrg, on_delete=models.PROTECT, related_name="funding", verbose_name=_("调解组织")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    amount = models.DecimalField(_("经费（元）"), max_digits=12, decimal_places=2)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("录入时间"))
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("调解经费")
        verbose_name_plural = _("调解经费")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="mediation_funding_once_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="mediation_funding_not_negative"),
            models.CheckConstraint(
                condition=Q(year__gte=1949) & Q(year__lte=2100), name="mediation_funding_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org} {self.year}"

    path_from = "org"
