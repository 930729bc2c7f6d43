"""A signed-in browser's session without a login form, for servers a test or a benchmark starts."""

import time
from importlib import import_module
from typing import Any

from django.conf import settings

from gonghui.accounts.middleware import LOGIN_AT, RENEWED_AT


def signed_in_session(user: Any) -> str:
    """The key of a session in SESSION_ENGINE's store as a login leaves it (the user, the backend,
    the password hash, the login and renewal stamps): the `sessionid` cookie's value."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = "gonghui.accounts.backends.ModelBackend"
    store["_auth_user_hash"] = user.get_session_auth_hash()
    store[LOGIN_AT] = store[RENEWED_AT] = time.time()
    store.create()
    return str(store.session_key)
