from django.urls import include, path

from . import views

app_name = "results"
urlpatterns = [
    path("<int:pk>/", views.kpi_page, name="kpis"),
    path("review/", include("gonghui.results.review.urls")),
]
