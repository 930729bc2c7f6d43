from django.contrib import admin

from .models import Lawyer, MediationOrg


@admin.register(MediationOrg)
class MediationOrgAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "node", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]
    raw_id_fields = ["node", "unit"]


@admin.register(Lawyer)
class LawyerAdmin(admin.ModelAdmin):
    list_display = ["name", "firm", "license_no", "active"]
    search_fields = ["name", "firm"]
    exclude = ["phone"]
