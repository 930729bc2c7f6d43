from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "gonghui.care"
    verbose_name = _("关怀激励与困难职工帮扶")
