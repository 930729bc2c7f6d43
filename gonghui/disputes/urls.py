from django.urls import path

from .views import activities, cases, funding, portal

app_name = "disputes"
urlpatterns = [
    path("", cases.case_list, name="cases"),
    path("new/", cases.case_new, name="case-new"),
    path("<int:pk>/", cases.case_detail, name="case"),
    path("<int:pk>/accept/", cases.case_accept, name="case-accept"),
    path("<int:pk>/refuse/", cases.case_refuse, name="case-refuse"),
    path("<int:pk>/assign/", cases.case_assign, name="case-assign"),
    path("<int:pk>/note/", cases.case_note, name="case-note"),
    path("<int:pk>/close/", cases.case_close, name="case-close"),
    path("<int:pk>/upload/", cases.case_upload, name="case-upload"),
    path("<int:pk>/legal-aid/", cases.case_aid_apply, name="case-aid"),
    path("<int:pk>/agreement/", cases.case_agreement, name="case-agreement"),
    path("legal-aid/<int:pk>/decide/", cases.aid_decide, name="aid-decide"),
    path("documents/<int:pk>/", cases.document_download, name="document"),
    path("network/", activities.network, name="network"),
    path("funding/", funding.funding_list, name="funding"),
    path("inspections/", activities.inspection_list, name="inspections"),
    path("inspections/<int:pk>/", activities.inspection_detail, name="inspection"),
    path("letters/", activities.letter_list, name="letters"),
    path("letters/<int:pk>/", activities.letter_detail, name="letter"),
    path("letters/<int:pk>/escalate/", activities.letter_escalate, name="letter-escalate"),
    path("letters/<int:pk>/reply/", activities.letter_reply, name="letter-reply"),
    path("letters/<int:pk>/follow-up/", activities.letter_follow_up, name="letter-follow-up"),
    # The member's mobile pages.
    path("my/", portal.my_cases, name="my-cases"),
    path("my/new/", portal.my_case_new, name="my-case-new"),
    path("my/<int:pk>/", portal.my_case, name="my-case"),
    path("my/<int:pk>/rate/", portal.my_case_rate, name="my-case-rate"),
]
