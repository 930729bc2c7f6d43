from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """A member's rights over their own data (PI-6): the download, correction and deletion
    requests their union answers, and the retention of records enforced by a task."""

    name = "gonghui.privacy"
    verbose_name = _("个人信息权利")
