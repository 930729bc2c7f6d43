from django.urls import path

from . import views

app_name = "integrations"
urlpatterns = [
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<id:pk>/revoke/", views.token_revoke, name="token-revoke"),
]
