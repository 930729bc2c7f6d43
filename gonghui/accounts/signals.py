import time
from typing import Any

from .middleware import LOGIN_AT


def stamp_login_time(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    request.session[LOGIN_AT] = time.time()
