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
    path("my/claims/<int:pk>/", claims.my_claim, name="my-claim"),
    path("my/claims/<int:pk>/documents/<int:doc_pk>/", claims.my_claim_document, name="my-claim-document"),
    path("my/services/", benefits.my_services, name="my-services"),
    # The cashier's counter and its API
    path("cashier/", cashier.cashier_page, name="cashier"),
    path("cashier/verify/", cashier.cashier_verify, name="cashier-verify"),
    path("cashier/sale/", cashier.cashier_sale, name="cashier-sale"),
    path("cashier/sales/", cashier.cashier_sales, name="cashier-sales"),
    path("cashier/sales/<int:pk>/", cashier.cashier_sale_detail, name="cashier-sale-detail"),
    path("api/cashier/verify", cashier.api_verify, name="api-verify"),
    path("api/cashier/sales", cashier.api_sales, name="api-sales"),
    path("api/cashier/sales/new", cashier.api_sale_create, name="api-sale-create"),
    path("api/cashier/sales/<int:pk>", cashier.api_sale, name="api-sale"),
    # The service-point desk (特惠)
    path("desk/", benefits.service_desk, name="desk"),
    path("desk/verify/", benefits.service_verify, name="desk-verify"),
    path("desk/redeem/", benefits.service_redeem, name="desk-redeem"),
    # The back office
    path("", card.card_list, name="list"),
    path("<int:pk>/", card.card_detail, name="card"),
    path("<int:pk>/activate/", card.card_action, {"action": "activate"}, name="card-activate"),
    path("<int:pk>/suspend/", card.card_action, {"action": "suspend"}, name="card-suspend"),
    path("<int:pk>/resume/", card.card_action, {"action": "resume"}, name="card-resume"),
    path("<int:pk>/lost/", card.card_action, {"action": "lost"}, name="card-lost"),
    path("<int:pk>/replace/", card.card_action, {"action": "replace"}, name="card-replace"),
    path("issue/<int:member_pk>/", card.card_issue, name="issue"),
    path("rates/", card.card_rates, name="rates"),
    path("nodes/<int:pk>/", stats.overview, name="overview"),
    path("merchants/", merchants.merchant_list, name="merchants"),
    path("merchants/<int:pk>/", merchants.merchant_detail, name="merchant"),
    path(
        "merchants/<int:pk>/status/", merchants.merchant_action, {"action": "status"}, name="merchant-status"
    ),
    path("merchants/<int:pk>/stores/", merchants.merchant_action, {"action": "store"}, name="merchant-store"),
    path("merchants/<int:pk>/rules/", merchants.merchant_action, {"action": "rule"}, name="merchant-rule"),
    path(
        "merchants/<int:pk>/cashiers/",
        merchants.merchant_action,
        {"action": "cashier"},
        name="merchant-cashier",
    ),
    path("reconciliation/", merchants.reconciliation, name="reconciliation"),
    path("usage/", merchants.usage, name="usage"),
    path("plans/", protection.plan_years, name="plans"),
    path("plans/save/", protection.plan_year_save, name="plan-save"),
    path("plans/<int:pk>/enrol/", protection.plan_year_enrol, name="plan-enrol"),
    path("plans/<int:pk>/enrolments.csv", protection.enrolment_export, name="plan-export"),
    path("claims/", claims.claim_list, name="claims"),
    path("claims/new/", claims.claim_new, name="claim-new"),
    path("claims/<int:pk>/", claims.claim_detail, name="claim"),
    path("claims/<int:pk>/reveal/", claims.claim_reveal, name="claim-reveal"),
    path("claims/<int:pk>/review/", claims.claim_decide, {"action": "review"}, name="claim-review"),
    path("claims/<int:pk>/approve/", claims.claim_decide, {"action": "approve"}, name="claim-approve"),
    path("claims/<int:pk>/reject/", claims.claim_decide, {"action": "reject"}, name="claim-reject"),
    path("claims/<int:pk>/pay/", claims.claim_decide, {"action": "pay"}, name="claim-pay"),
    path("claims/<int:pk>/documents/", claims.claim_decide, {"action": "document"}, name="claim-upload"),
    path("claims/<int:pk>/documents/<int:doc_pk>/", claims.claim_document, name="claim-document"),
    path("services/", benefits.service_stats, name="service-stats"),
]
