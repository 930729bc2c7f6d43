from django.urls import path

from . import activity_views, portal_views, views

app_name = "disputes"
urlpatterns = [
    path("", views.case_list, name="cases"),
    path("new/", views.case_new, name="case-new"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/accept/", views.case_accept, name="case-accept"),
    path("<int:pk>/refuse/", views.case_refuse, name="case-refuse"),
    path("<int:pk>/assign/", views.case_assign, name="case-assign"),
    path("<int:pk>/note/", views.case_note, name="case-note"),
    path("<int:pk>/close/", views.case_close, name="case-close"),
    path("<int:pk>/upload/", views.case_upload, name="case-upload"),
    path("<int:pk>/legal-aid/", views.case_aid_apply, name="case-aid"),
    path("<int:pk>/agreement/", views.case_agreement, name="case-agreement"),
    path("legal-aid/<int:pk>/decide/", views.aid_decide, name="aid-decide"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("network/", activity_views.network, name="network"),
    path("inspections/", activity_views.inspection_list, name="inspections"),
    path("inspections/<int:pk>/", activity_views.inspection_detail, name="inspection"),
    path("letters/", activity_views.letter_list, name="letters"),
    path("letters/<int:pk>/", activity_views.letter_detail, name="letter"),
    path("letters/<int:pk>/escalate/", activity_views.letter_escalate, name="letter-escalate"),
    path("letters/<int:pk>/reply/", activity_views.letter_reply, name="letter-reply"),
    path("letters/<int:pk>/follow-up/", activity_views.letter_follow_up, name="letter-follow-up"),
    # The member's mobile pages.
    path("my/", portal_views.my_cases, name="my-cases"),
    path("my/new/", portal_views.my_case_new, name="my-case-new"),
    path("my/<int:pk>/", portal_views.my_case, name="my-case"),
    path("my/<int:pk>/rate/", portal_views.my_case_rate, name="my-case-rate"),
]
