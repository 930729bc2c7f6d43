from typing import Any

from django.contrib.auth import backends

from .models import User


class ModelBackend(backends.ModelBackend):
    """Django's backend, loading the account's node and member with it: nearly every request
    reads one of them (the scope of staff, the member record of a worker)."""

    def get_user(self, user_id: Any) -> User | None:
        user = User._default_manager.select_related("node", "member").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
