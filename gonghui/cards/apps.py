from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CardsConfig(AppConfig):
    name = "gonghui.cards"
    verbose_name = _("会员服务卡")
