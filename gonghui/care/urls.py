from django.urls import path

from .views import aid, campaigns, hardship, health, portal, rules, sites

app_name = "care"
urlpatterns = [
    # the member's mobile pages
    path("m/", portal.my_care, name="m-home"),
    path("m/offers/<id:pk>/book/", portal.book, name="m-book"),
    path("m/stays/<id:pk>/cancel/", portal.cancel, name="m-cancel"),
    # campaigns and their sites
    path("", campaigns.campaign_list, name="campaigns"),
    path("campaigns/new/", campaigns.campaign_new, name="campaign-new"),
    path("campaigns/<id:pk>/", campaigns.campaign_detail, name="campaign"),
    path("campaigns/<id:pk>/targets/", campaigns.campaign_target, name="campaign-target"),
    path("campaigns/<id:pk>/recipients/", campaigns.campaign_recipients, name="campaign-recipients"),
    path("campaigns/<id:pk>/approve/", campaigns.campaign_approve, name="campaign-approve"),
    path("campaigns/<id:pk>/close/", campaigns.campaign_close, name="campaign-close"),
    path("campaigns/<id:pk>/sites/", campaigns.site_add, name="site-add"),
    path("sites/", sites.site_list, name="sites"),
    path("sites/<id:pk>/", sites.site_page, name="site"),
    path("sites/<id:pk>/verify/", sites.site_verify, name="site-verify"),
    path("sites/<id:pk>/deliver/", sites.site_deliver, name="site-deliver"),
    path("sites/<id:pk>/sign/", sites.site_sign, name="site-sign"),
    # health checks and rest-home stays
    path("offers/", health.offer_list, name="offers"),
    path("offers/new/", health.offer_new, name="offer-new"),
    path("offers/<id:pk>/", health.offer_detail, name="offer"),
    path("offers/<id:pk>/assign/", health.offer_assign, name="offer-assign"),
    path("stays/<id:pk>/done/", health.stay_done, name="stay-done"),
    path("stays/<id:pk>/cancel/", health.stay_cancel, name="stay-cancel"),
    # hardship files and aid
    path("files/", hardship.file_list, name="files"),
    path("files/new/", hardship.file_new, name="file-new"),
    path("files/<id:pk>/", hardship.file_detail, name="file"),
    path("files/<id:pk>/upload/", hardship.file_upload, name="file-upload"),
    path("files/<id:pk>/review/", hardship.file_review, name="file-review"),
    path("files/<id:pk>/approve/", hardship.file_approve, name="file-approve"),
    path("files/<id:pk>/yearly/", hardship.file_yearly, name="file-yearly"),
    path("files/<id:pk>/close/", hardship.file_close, name="file-close"),
    path("files/<id:pk>/grants/", aid.grant_propose, name="grant-propose"),
    path("documents/<id:pk>/", hardship.document_download, name="document"),
    path("grants/<id:pk>/approve/", aid.grant_approve, name="grant-approve"),
    path("grants/<id:pk>/refuse/", aid.grant_refuse, name="grant-refuse"),
    path("grants/<id:pk>/pay/", aid.grant_pay, name="grant-pay"),
    path("payouts/", aid.payout_list, name="payouts"),
    # the rules of union money and the year's standard
    path("rules/", rules.rule_list, name="rules"),
    path("rules/<id:pk>/end/", rules.rule_end, name="rule-end"),
    path("standards/", rules.standard_list, name="standards"),
]
