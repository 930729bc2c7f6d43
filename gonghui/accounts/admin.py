from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class GonghuiUserAdmin(UserAdmin):
    list_display = ("username", "role", "node", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (*UserAdmin.fieldsets, ("工会", {"fields": ("role", "node", "member")}))  # type: ignore[operator,misc]
    raw_id_fields = ("node", "member")
