from django.urls import path

from .views import agreements, offers

app_name = "bargaining"
urlpatterns = [
    path("", offers.offer_list, name="offers"),
    path("offers/new/", offers.offer_new, name="offer_new"),
    path("offers/<id:pk>/", offers.offer_detail, name="offer"),
    path("offers/<id:pk>/answer/", offers.offer_answer, name="offer_answer"),
    path("offers/<id:pk>/rounds/", offers.round_add, name="round_add"),
    path("offers/<id:pk>/draft/", offers.draft_refer, name="draft_refer"),
    path("offers/<id:pk>/revise/", offers.draft_revise, name="draft_revise"),
    path("offers/<id:pk>/sign/", offers.offer_sign, name="offer_sign"),
    path("offers/<id:pk>/abandon/", offers.offer_abandon, name="offer_abandon"),
    path("rounds/<id:pk>/info/", offers.round_info, name="round_info"),
    path("rounds/<id:pk>/hold/", offers.round_hold, name="round_hold"),
    path("agreements/", agreements.agreement_list, name="agreements"),
    path("agreements/<id:pk>/", agreements.agreement_detail, name="agreement"),
    path("agreements/<id:pk>/step/", agreements.agreement_step, name="agreement_step"),
    path("agreements/<id:pk>/terminate/", agreements.agreement_terminate, name="agreement_terminate"),
    path("agreements/<id:pk>/renew/", agreements.agreement_renew, name="agreement_renew"),
    path("coverage/", agreements.coverage, name="coverage"),
    path("alerts/", agreements.alert_list, name="alerts"),
]
