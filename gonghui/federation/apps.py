from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "gonghui.federation"
    verbose_name = _("工会自身建设")
