from django.urls import path

from .views import elections, meetings, portal, portal_meetings, proposals, staff

app_name = "congress"
urlpatterns = [
    # the member's mobile pages
    path("m/", portal.home, name="m_home"),
    path("m/<int:pk>/board/", portal.board, name="m_board"),
    path("m/<int:pk>/proposals/new/", portal.proposal_new, name="m_proposal_new"),
    path("m/proposals/<int:pk>/", portal.proposal_page, name="m_proposal"),
    path("m/proposals/<int:pk>/second/", portal.second, name="m_second"),
    path("m/proposals/<int:pk>/rate/", portal.rate, name="m_rate"),
    path("m/sessions/<int:pk>/", portal_meetings.session_page, name="m_session"),
    path("m/sessions/<int:pk>/sign-in/", portal_meetings.sign_in_page, name="m_sign_in"),
    path("m/items/<int:pk>/vote/", portal_meetings.vote, name="m_vote"),
    path("m/elections/<int:pk>/", portal_meetings.election_page, name="m_election"),
    path("m/elections/<int:pk>/vote/", portal_meetings.election_vote, name="m_election_vote"),
    # the back office
    path("", staff.congress_list, name="list"),
    path("new/", staff.congress_new, name="new"),
    path("<int:pk>/", staff.congress_detail, name="detail"),
    path("<int:pk>/seat/", staff.seat, name="seat"),
    path("<int:pk>/sessions/new/", staff.session_new, name="session_new"),
    path("<int:pk>/elections/new/", staff.election_new, name="election_new"),
    path("<int:pk>/duties/", staff.duties, name="duties"),
    path("representatives/<int:pk>/end/", staff.seat_end, name="seat_end"),
    path("representatives/<int:pk>/assess/", staff.assess, name="assess"),
    path("representatives/<int:pk>/report/", staff.report, name="report"),
    path("sessions/<int:pk>/", meetings.session_detail, name="session"),
    path("sessions/<int:pk>/door/", meetings.door, name="door"),
    path("sessions/<int:pk>/sign-in/", meetings.staff_sign_in, name="staff_sign_in"),
    path("sessions/<int:pk>/open/", meetings.session_open, name="session_open"),
    path("sessions/<int:pk>/close/", meetings.session_close, name="session_close"),
    path("sessions/<int:pk>/items/", meetings.item_add, name="item_add"),
    path("items/<int:pk>/open/", meetings.item_open, name="item_open"),
    path("items/<int:pk>/close/", meetings.item_close, name="item_close"),
    path("elections/<int:pk>/", elections.election_detail, name="election"),
    path("elections/<int:pk>/constituencies/", elections.constituency_add, name="constituency_add"),
    path("elections/<int:pk>/candidates/", elections.candidate_add, name="candidate_add"),
    path("elections/<int:pk>/publish/", elections.election_publish, name="election_publish"),
    path("elections/<int:pk>/open/", elections.election_open, name="election_open"),
    path("elections/<int:pk>/announce/", elections.election_announce, name="election_announce"),
    path("proposals/", proposals.proposal_list, name="proposals"),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/decide/", proposals.proposal_decide, name="proposal_decide"),
    path("proposals/<int:pk>/assign/", proposals.proposal_assign, name="proposal_assign"),
    path("proposals/<int:pk>/answer/", proposals.proposal_answer, name="proposal_answer"),
]
