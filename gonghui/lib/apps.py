from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "gonghui.lib"
    label = "lib"

    def ready(self) -> None:
        # Registers the `<id:…>` path converter before any urls.py is read.
        from . import params  # noqa: F401
