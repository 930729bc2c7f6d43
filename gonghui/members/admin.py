from django.contrib import admin

from .models import JoinApplication, Member, Transfer


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("name", "member_no", "union", "status", "id_problem")
    list_filter = ("status", "id_problem")
    search_fields = ("name", "member_no")
    raw_id_fields = ("union", "unit")
    exclude = ("id_number", "phone", "emergency_phone")


admin.site.register(JoinApplication)
admin.site.register(Transfer)
