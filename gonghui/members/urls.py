from django.urls import path

from . import views
from .roster import views as roster

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/reveal/", views.member_reveal, name="reveal"),
    path("<int:pk>/status/", views.member_status, name="status"),
    path("<int:pk>/transfer/", views.transfer_create, name="transfer"),
    path("joins/", views.join_queue, name="joins"),
    path("joins/<int:pk>/approve/", views.join_decide, {"decision": "approve"}, name="join-approve"),
    path("joins/<int:pk>/reject/", views.join_decide, {"decision": "reject"}, name="join-reject"),
    path("transfers/", views.transfer_queue, name="transfers"),
    path(
        "transfers/<int:pk>/approve/", views.transfer_decide, {"decision": "approve"}, name="transfer-approve"
    ),
    path("transfers/<int:pk>/reject/", views.transfer_decide, {"decision": "reject"}, name="transfer-reject"),
    path("import/", roster.import_list, name="imports"),
    path("import/template.xlsx", roster.import_template, name="import-template"),
    path("import/<int:pk>/", roster.import_detail, name="import"),
    path("import/<int:pk>/confirm/", roster.import_action, {"action": "confirm"}, name="import-confirm"),
    path("import/<int:pk>/cancel/", roster.import_action, {"action": "cancel"}, name="import-cancel"),
    path("import/<int:pk>/mapping/", roster.import_action, {"action": "mapping"}, name="import-mapping"),
    path("import/<int:pk>/errors.xlsx", roster.import_errors, name="import-errors"),
    path("export/", roster.roster_export, name="export"),
]
