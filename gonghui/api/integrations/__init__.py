"""The integrators' part of the API: token authentication, the till and the reads, mounted on
the one `api` object (gonghui/api/urls.py) under /api/v1/."""

from ninja import NinjaAPI

from .auth import api_token_auth, install_handlers
from .reads import router as reads_router
from .till import router as till_router

__all__ = ["api_token_auth", "install"]


def install(api: NinjaAPI) -> None:
    api.add_router("/v1", till_router)
    api.add_router("/v1", reads_router)
    install_handlers(api)
