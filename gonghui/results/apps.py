from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "gonghui.results"
    verbose_name = _("成效与统计")

    def ready(self) -> None:
        from gonghui.organizations.signals import figures_changed

        from .receivers import schedule_refresh

        figures_changed.connect(schedule_refresh, dispatch_uid="results.schedule_refresh")
