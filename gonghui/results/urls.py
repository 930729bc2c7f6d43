from django.urls import include, path

from .views import kpis, public, screen, staff

app_name = "results"
urlpatterns = [
    path("kpis/<id:pk>/", kpis.kpi_page, name="kpis"),
    path("dashboard/", staff.dashboard_home, name="dashboard_home"),
    path("dashboard/pick/", staff.dashboard_pick, name="dashboard_pick"),
    path("dashboard/<id:pk>/", staff.dashboard, name="dashboard"),
    path("dashboard/<id:pk>/board/", public.board_edit, name="board_edit"),
    path("dashboard/<id:pk>/screen/", screen.screen_link, name="screen_link"),
    path("boards/", public.board_index, name="boards"),
    path("boards/<id:pk>/", public.board, name="board"),
    path("screen/<str:token>/", screen.screen, name="screen"),
    path("kpis/review/", include("gonghui.results.review.urls")),
]
