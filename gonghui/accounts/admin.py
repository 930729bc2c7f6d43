from typing import Any, cast

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from gonghui.accounts.http import AppRequest
from gonghui.audit.services import audit_record

from .models import User

WATCHED = ("role", "node", "is_active", "is_staff", "is_superuser")


@admin.register(User)
class GonghuiUserAdmin(UserAdmin):
    list_display = ("username", "role", "node", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (*UserAdmin.fieldsets, ("工会", {"fields": ("role", "node", "member")}))  # type: ignore[misc]
    raw_id_fields = ("node", "member")

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        """Permission changes made by operators are audited like any other (AU-1)."""
        changed = [f for f in form.changed_data if f in (*WATCHED, "groups", "user_permissions")]
        super().save_model(request, obj, form, change)
        if changed or not change:
            audit_record(
                actor=request.user,
                action="account.permissions",
                target=obj,
                audit=cast(AppRequest, request).audit,
                detail={"fields": changed, "created": not change},
            )
