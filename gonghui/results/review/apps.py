from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    """An app of its own inside results, so its jobs table and migrations stay apart from the
    dashboards' (label `review`)."""

    name = "gonghui.results.review"
    label = "review"
    verbose_name = _("工作回顾与年鉴")
