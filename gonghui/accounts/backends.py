from typing import Any

from django.contrib.auth import backends

from .models import User


class ModelBackend(backends.ModelBackend):
    """Django's backend, loading the account's node with it: every back-office request reads
    it (the scope)."""

    def get_user(self, user_id: Any) -> User | None:
        try:
            user = User._default_manager.select_related("node").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
