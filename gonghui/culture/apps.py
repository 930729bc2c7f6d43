from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CultureConfig(AppConfig):
    name = "gonghui.culture"
    verbose_name = _("职工文化服务圈")
