from django.contrib import admin
from django.urls import include, path

from gonghui.api.urls import api
from gonghui.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("gonghui.accounts.urls")),
    path("org/", include("gonghui.organizations.urls")),
    path("members/", include("gonghui.members.urls")),
    path("", include("gonghui.results.urls")),
    path("cards/", include("gonghui.cards.urls")),
    path("culture/", include("gonghui.culture.urls")),
    path("disputes/", include("gonghui.disputes.urls")),
    path("competitions/", include("gonghui.competitions.urls")),
    path("skills/", include("gonghui.skills.urls")),
    path("honours/", include("gonghui.honours.urls")),
    path("congress/", include("gonghui.congress.urls")),
    path("bargaining/", include("gonghui.bargaining.urls")),
    path("care/", include("gonghui.care.urls")),
    path("federation/", include("gonghui.federation.urls")),
    path("integrations/", include("gonghui.integrations.urls")),
    path("privacy/", include("gonghui.privacy.urls")),
    path("m/", include("gonghui.portal.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("ops/admin/", admin.site.urls),
]

# The database unavailable or too busy is a 503 to retry, any other error the 500 page (FT-2).
handler500 = "gonghui.views.server_error"
