from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "gonghui.integrations"
    label = "integrations"
    verbose_name = _("系统对接")
