from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    name = "gonghui.competitions"
    verbose_name = _("立功竞赛")
