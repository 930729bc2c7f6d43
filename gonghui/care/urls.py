from django.urls import path

from .views import aid, campaigns, hardship, health, portal, rules, sites

app_name = "care"
urlpatterns = [
    # the member's mobile pages
    path("m/", portal.my_care, name="m-home"),
    path("m/offers/<int:pk>/book/", portal.book, name="m-book"),
    path("m/stays/<int:pk>/cancel/", portal.cancel, name="m-cancel"),
    # campaigns and their sites
    path("", campaigns.campaign_list, name="campaigns"),
    path("campaigns/new/", campaigns.campaign_new, name="campaign-new"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/targets/", campaigns.campaign_target, name="campaign-target"),
    path("campaigns/<int:pk>/recipients/", campaigns.campaign_recipients, name="campaign-recipients"),
    path("campaigns/<int:pk>/approve/", campaigns.campaign_approve, name="campaign-approve"),
    path("campaigns/<int:pk>/close/", campaigns.campaign_close, name="campaign-close"),
    path("campaigns/<int:pk>/sites/", campaigns.site_add, name="site-add"),
    path("sites/", sites.site_list, name="sites"),
    path("sites/<int:pk>/", sites.site_page, name="site"),
    path("sites/<int:pk>/verify/", sites.site_verify, name="site-verify"),
    path("sites/<int:pk>/deliver/", sites.site_deliver, name="site-deliver"),
    path("sites/<int:pk>/sign/", sites.site_sign, name="site-sign"),
    # health checks and rest-home stays
    path("offers/", health.offer_list, name="offers"),
    path("offers/new/", health.offer_new, name="offer-new"),
    path("offers/<int:pk>/", health.offer_detail, name="offer"),
    path("offers/<int:pk>/assign/", health.offer_assign, name="offer-assign"),
    path("stays/<int:pk>/done/", health.stay_done, name="stay-done"),
    path("stays/<int:pk>/cancel/", health.stay_cancel, name="stay-cancel"),
    # hardship files and aid
    path("files/", hardship.file_list, name="files"),
    path("files/new/", hardship.file_new, name="file-new"),
    path("files/<int:pk>/", hardship.file_detail, name="file"),
    path("files/<int:pk>/upload/", hardship.file_upload, name="file-upload"),
    path("files/<int:pk>/review/", hardship.file_review, name="file-review"),
    path("files/<int:pk>/approve/", hardship.file_approve, name="file-approve"),
    path("files/<int:pk>/yearly/", hardship.file_yearly, name="file-yearly"),
    path("files/<int:pk>/close/", hardship.file_close, name="file-close"),
    path("files/<int:pk>/grants/", aid.grant_propose, name="grant-propose"),
    path("documents/<int:pk>/", hardship.document_download, name="document"),
    path("grants/<int:pk>/approve/", aid.grant_approve, name="grant-approve"),
    path("grants/<int:pk>/refuse/", aid.grant_refuse, name="grant-refuse"),
    path("grants/<int:pk>/pay/", aid.grant_pay, name="grant-pay"),
    path("payouts/", aid.payout_list, name="payouts"),
    # the rules of union money and the year's standard
    path("rules/", rules.rule_list, name="rules"),
    path("rules/<int:pk>/end/", rules.rule_end, name="rule-end"),
    path("standards/", rules.standard_list, name="standards"),
]
