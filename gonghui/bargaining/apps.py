from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BargainingConfig(AppConfig):
    name = "gonghui.bargaining"
    verbose_name = _("集体协商")
