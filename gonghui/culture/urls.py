from django.urls import path

from .views import calendar, figures, manage, portal, staff

app_name = "culture"
urlpatterns = [
    # the member's mobile pages first: they take the traffic of a flash sale
    path("m/", portal.menu, name="m_menu"),
    path("m/sessions/<id:pk>/", portal.session_page, name="m_session"),
    path("m/sessions/<id:pk>/book/", portal.book, name="m_book"),
    path("m/sessions/<id:pk>/wait/", portal.wait, name="m_wait"),
    path("m/bookings/", portal.my_bookings, name="m_bookings"),
    path("m/bookings/<id:pk>/cancel/", portal.cancel, name="m_cancel"),
    path("m/bookings/<id:pk>/claim/", portal.claim, name="m_claim"),
    path("", calendar.session_list, name="sessions"),
    path("venues/", staff.venue_list, name="venues"),
    path("venues/<id:pk>/", staff.venue_detail, name="venue"),
    path("sessions/<id:pk>/", staff.session_detail, name="session"),
    path("sessions/<id:pk>/checkin/", staff.session_check_in, name="check_in"),
    path("sessions/<id:pk>/book/", staff.session_book, name="staff_book"),
    path("sessions/<id:pk>/draw/", staff.session_draw, name="draw"),
    path("bookings/<id:pk>/cancel/", staff.booking_cancel, name="staff_cancel"),
    path("figures/", figures.figures, name="figures"),
    # publishing: venues, the service menu, sessions, funding (back office, own subtree)
    path("venues/new/", manage.venue_new, name="venue_new"),
    path("venues/<id:pk>/edit/", manage.venue_edit, name="venue_edit"),
    path("programmes/", manage.programme_list, name="programmes"),
    path("programmes/new/", manage.programme_new, name="programme_new"),
    path("programmes/<id:pk>/edit/", manage.programme_edit, name="programme_edit"),
    path("sessions/new/", manage.session_new, name="session_new"),
    path("sessions/<id:pk>/edit/", manage.session_edit, name="session_edit"),
    path("funding/new/", manage.funding_new, name="funding_new"),
]
