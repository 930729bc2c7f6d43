from django.urls import path

from .views import elections, meetings, portal, portal_meetings, proposals, staff

app_name = "congress"
urlpatterns = [
    # the member's mobile pages
    path("m/", portal.home, name="m_home"),
    path("m/<id:pk>/board/", portal.board, name="m_board"),
    path("m/<id:pk>/proposals/new/", portal.proposal_new, name="m_proposal_new"),
    path("m/proposals/<id:pk>/", portal.proposal_page, name="m_proposal"),
    path("m/proposals/<id:pk>/second/", portal.second, name="m_second"),
    path("m/proposals/<id:pk>/rate/", portal.rate, name="m_rate"),
    path("m/sessions/<id:pk>/", portal_meetings.session_page, name="m_session"),
    path("m/sessions/<id:pk>/sign-in/", portal_meetings.sign_in_page, name="m_sign_in"),
    path("m/items/<id:pk>/vote/", portal_meetings.vote, name="m_vote"),
    path("m/elections/<id:pk>/", portal_meetings.election_page, name="m_election"),
    path("m/elections/<id:pk>/vote/", portal_meetings.election_vote, name="m_election_vote"),
    # the back office
    path("", staff.congress_list, name="list"),
    path("new/", staff.congress_new, name="new"),
    path("<id:pk>/", staff.congress_detail, name="detail"),
    path("<id:pk>/seat/", staff.seat, name="seat"),
    path("<id:pk>/sessions/new/", staff.session_new, name="session_new"),
    path("<id:pk>/elections/new/", staff.election_new, name="election_new"),
    path("<id:pk>/duties/", staff.duties, name="duties"),
    path("representatives/<id:pk>/end/", staff.seat_end, name="seat_end"),
    path("representatives/<id:pk>/assess/", staff.assess, name="assess"),
    path("representatives/<id:pk>/report/", staff.report, name="report"),
    path("sessions/<id:pk>/", meetings.session_detail, name="session"),
    path("sessions/<id:pk>/door/", meetings.door, name="door"),
    path("sessions/<id:pk>/sign-in/", meetings.staff_sign_in, name="staff_sign_in"),
    path("sessions/<id:pk>/open/", meetings.session_open, name="session_open"),
    path("sessions/<id:pk>/close/", meetings.session_close, name="session_close"),
    path("sessions/<id:pk>/items/", meetings.item_add, name="item_add"),
    path("items/<id:pk>/open/", meetings.item_open, name="item_open"),
    path("items/<id:pk>/close/", meetings.item_close, name="item_close"),
    path("elections/<id:pk>/", elections.election_detail, name="election"),
    path("elections/<id:pk>/constituencies/", elections.constituency_add, name="constituency_add"),
    path("elections/<id:pk>/candidates/", elections.candidate_add, name="candidate_add"),
    path("elections/<id:pk>/publish/", elections.election_publish, name="election_publish"),
    path("elections/<id:pk>/open/", elections.election_open, name="election_open"),
    path("elections/<id:pk>/announce/", elections.election_announce, name="election_announce"),
    path("proposals/", proposals.proposal_list, name="proposals"),
    path("proposals/<id:pk>/", proposals.proposal_detail, name="proposal"),
    path("proposals/<id:pk>/decide/", proposals.proposal_decide, name="proposal_decide"),
    path("proposals/<id:pk>/assign/", proposals.proposal_assign, name="proposal_assign"),
    path("proposals/<id:pk>/answer/", proposals.proposal_answer, name="proposal_answer"),
]
