from django.urls import path

from . import views
from .roster import views as roster

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("<id:pk>/", views.member_detail, name="detail"),
    path("<id:pk>/reveal/", views.member_reveal, name="reveal"),
    path("<id:pk>/status/", views.member_status, name="status"),
    path("<id:pk>/transfer/", views.transfer_create, name="transfer"),
    path("joins/", views.join_queue, name="joins"),
    path("joins/<id:pk>/approve/", views.join_decide, {"decision": "approve"}, name="join-approve"),
    path("joins/<id:pk>/reject/", views.join_decide, {"decision": "reject"}, name="join-reject"),
    path("transfers/", views.transfer_queue, name="transfers"),
    path(
        "transfers/<id:pk>/approve/", views.transfer_decide, {"decision": "approve"}, name="transfer-approve"
    ),
    path("transfers/<id:pk>/reject/", views.transfer_decide, {"decision": "reject"}, name="transfer-reject"),
    path("import/", roster.import_list, name="imports"),
    path("import/template.xlsx", roster.import_template, name="import-template"),
    path("import/<id:pk>/", roster.import_detail, name="import"),
    path("import/<id:pk>/confirm/", roster.import_action, {"action": "confirm"}, name="import-confirm"),
    path("import/<id:pk>/cancel/", roster.import_action, {"action": "cancel"}, name="import-cancel"),
    path("import/<id:pk>/mapping/", roster.import_action, {"action": "mapping"}, name="import-mapping"),
    path("import/<id:pk>/errors.xlsx", roster.import_errors, name="import-errors"),
    path("export/", roster.roster_export, name="export"),
]
