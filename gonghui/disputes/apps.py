from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "gonghui.disputes"
    verbose_name = _("劳动争议调解与法律援助")
