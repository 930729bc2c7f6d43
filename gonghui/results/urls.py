from django.urls import path

from . import views

app_name = "results"
urlpatterns = [path("<int:pk>/", views.kpi_page, name="kpis")]
