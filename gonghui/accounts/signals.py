import time
from typing import Any

from .middleware import LOGIN_AT, RENEWED_AT


def stamp_login_time(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    request.session[LOGIN_AT] = request.session[RENEWED_AT] = time.time()
