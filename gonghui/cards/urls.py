from django.urls import path

from .views import benefits, card, cashier, claims, merchants, protection, stats

app_name = "cards"
urlpatterns = [
    # The member portal
    path("my/", card.my_card, name="my"),
    path("my/qr/", card.my_ecard, name="my-qr"),
    path("my/activate/", card.my_card_action, {"action": "activate"}, name="my-activate"),
    path("my/lost/", card.my_card_action, {"action": "lost"}, name="my-lost"),
    path("my/claims/", claims.my_claims, name="my-claims"),
    path("my/claims/new/", claims.my_claim_new, name="my-claim-new"),
    path("my/claims/<id:pk>/", claims.my_claim, name="my-claim"),
    path("my/claims/<id:pk>/documents/<id:doc_pk>/", claims.my_claim_document, name="my-claim-document"),
    path("my/services/", benefits.my_services, name="my-services"),
    # The cashier's counter and its API
    path("cashier/", cashier.cashier_page, name="cashier"),
    path("cashier/verify/", cashier.cashier_verify, name="cashier-verify"),
    path("cashier/sale/", cashier.cashier_sale, name="cashier-sale"),
    path("cashier/sales/", cashier.cashier_sales, name="cashier-sales"),
    path("cashier/sales/<id:pk>/", cashier.cashier_sale_detail, name="cashier-sale-detail"),
    path("api/cashier/verify", cashier.api_verify, name="api-verify"),
    path("api/cashier/sales", cashier.api_sales, name="api-sales"),
    path("api/cashier/sales/new", cashier.api_sale_create, name="api-sale-create"),
    path("api/cashier/sales/<id:pk>", cashier.api_sale, name="api-sale"),
    # The service-point desk (特惠)
    path("desk/", benefits.service_desk, name="desk"),
    path("desk/verify/", benefits.service_verify, name="desk-verify"),
    path("desk/redeem/", benefits.service_redeem, name="desk-redeem"),
    # The back office
    path("", card.card_list, name="list"),
    path("<id:pk>/", card.card_detail, name="card"),
    path("<id:pk>/activate/", card.card_action, {"action": "activate"}, name="card-activate"),
    path("<id:pk>/suspend/", card.card_action, {"action": "suspend"}, name="card-suspend"),
    path("<id:pk>/resume/", card.card_action, {"action": "resume"}, name="card-resume"),
    path("<id:pk>/lost/", card.card_action, {"action": "lost"}, name="card-lost"),
    path("<id:pk>/replace/", card.card_action, {"action": "replace"}, name="card-replace"),
    path("issue/<id:member_pk>/", card.card_issue, name="issue"),
    path("rates/", card.card_rates, name="rates"),
    path("nodes/<id:pk>/", stats.overview, name="overview"),
    path("merchants/", merchants.merchant_list, name="merchants"),
    path("merchants/<id:pk>/", merchants.merchant_detail, name="merchant"),
    path(
        "merchants/<id:pk>/status/", merchants.merchant_action, {"action": "status"}, name="merchant-status"
    ),
    path("merchants/<id:pk>/stores/", merchants.merchant_action, {"action": "store"}, name="merchant-store"),
    path("merchants/<id:pk>/rules/", merchants.merchant_action, {"action": "rule"}, name="merchant-rule"),
    path(
        "merchants/<id:pk>/cashiers/",
        merchants.merchant_action,
        {"action": "cashier"},
        name="merchant-cashier",
    ),
    path("reconciliation/", merchants.reconciliation, name="reconciliation"),
    path("usage/", merchants.usage, name="usage"),
    path("plans/", protection.plan_years, name="plans"),
    path("plans/save/", protection.plan_year_save, name="plan-save"),
    path("plans/<id:pk>/enrol/", protection.plan_year_enrol, name="plan-enrol"),
    path("plans/<id:pk>/enrolments.csv", protection.enrolment_export, name="plan-export"),
    path("claims/", claims.claim_list, name="claims"),
    path("claims/new/", claims.claim_new, name="claim-new"),
    path("claims/<id:pk>/", claims.claim_detail, name="claim"),
    path("claims/<id:pk>/reveal/", claims.claim_reveal, name="claim-reveal"),
    path("claims/<id:pk>/review/", claims.claim_decide, {"action": "review"}, name="claim-review"),
    path("claims/<id:pk>/approve/", claims.claim_decide, {"action": "approve"}, name="claim-approve"),
    path("claims/<id:pk>/reject/", claims.claim_decide, {"action": "reject"}, name="claim-reject"),
    path("claims/<id:pk>/pay/", claims.claim_decide, {"action": "pay"}, name="claim-pay"),
    path("claims/<id:pk>/documents/", claims.claim_decide, {"action": "document"}, name="claim-upload"),
    path("claims/<id:pk>/documents/<id:doc_pk>/", claims.claim_document, name="claim-document"),
    path("services/", benefits.service_stats, name="service-stats"),
]
