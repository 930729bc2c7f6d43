from django.urls import path

from .views import activities, cases, funding, portal

app_name = "disputes"
urlpatterns = [
    path("", cases.case_list, name="cases"),
    path("new/", cases.case_new, name="case-new"),
    path("<id:pk>/", cases.case_detail, name="case"),
    path("<id:pk>/accept/", cases.case_accept, name="case-accept"),
    path("<id:pk>/refuse/", cases.case_refuse, name="case-refuse"),
    path("<id:pk>/assign/", cases.case_assign, name="case-assign"),
    path("<id:pk>/note/", cases.case_note, name="case-note"),
    path("<id:pk>/close/", cases.case_close, name="case-close"),
    path("<id:pk>/upload/", cases.case_upload, name="case-upload"),
    path("<id:pk>/legal-aid/", cases.case_aid_apply, name="case-aid"),
    path("<id:pk>/agreement/", cases.case_agreement, name="case-agreement"),
    path("legal-aid/<id:pk>/decide/", cases.aid_decide, name="aid-decide"),
    path("documents/<id:pk>/", cases.document_download, name="document"),
    path("network/", activities.network, name="network"),
    path("funding/", funding.funding_list, name="funding"),
    path("inspections/", activities.inspection_list, name="inspections"),
    path("inspections/<id:pk>/", activities.inspection_detail, name="inspection"),
    path("letters/", activities.letter_list, name="letters"),
    path("letters/<id:pk>/", activities.letter_detail, name="letter"),
    path("letters/<id:pk>/escalate/", activities.letter_escalate, name="letter-escalate"),
    path("letters/<id:pk>/reply/", activities.letter_reply, name="letter-reply"),
    path("letters/<id:pk>/follow-up/", activities.letter_follow_up, name="letter-follow-up"),
    # The member's mobile pages.
    path("my/", portal.my_cases, name="my-cases"),
    path("my/new/", portal.my_case_new, name="my-case-new"),
    path("my/<id:pk>/", portal.my_case, name="my-case"),
    path("my/<id:pk>/rate/", portal.my_case_rate, name="my-case-rate"),
]
