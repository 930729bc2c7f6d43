from django.urls import path

from .views import portal, public, staff, teams

app_name = "competitions"
urlpatterns = [
    path("", staff.competition_list, name="list"),
    path("new/", staff.competition_new, name="new"),
    path("<id:pk>/", staff.competition_detail, name="detail"),
    path("<id:pk>/indicators/", staff.indicator_add, name="indicator_add"),
    path("<id:pk>/teams/new/", teams.team_new, name="team_new"),
    path("<id:pk>/rounds/open/", staff.round_open, name="round_open"),
    path("<id:pk>/close/", staff.competition_close, name="close"),
    path("<id:pk>/awards/", staff.award_add, name="award_add"),
    path("rounds/<id:pk>/close/", staff.round_close, name="round_close"),
    path("teams/", teams.team_list, name="teams"),
    path("teams/<id:pk>/", teams.team_detail, name="team"),
    path("teams/<id:pk>/participants/", teams.participant_add, name="participant_add"),
    path("teams/<id:pk>/reporters/", teams.reporter_add, name="reporter_add"),
    path("reports/<id:pk>/", teams.report_detail, name="report"),
    path("flags/", staff.flag_list, name="flags"),
    path("awards/", staff.award_list, name="awards"),
    # the public progress wall: no login
    path("wall/", public.wall_index, name="wall_index"),
    path("wall/<id:pk>/", public.wall, name="wall"),
    # the team's reporter, on a phone
    path("m/", portal.my_teams, name="m_teams"),
    path("m/teams/<id:pk>/", portal.report, name="m_report"),
]
