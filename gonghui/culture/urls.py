from django.urls import path

from . import manage_views, portal_views, views

app_name = "culture"
urlpatterns = [
    # the member's mobile pages first: they take the traffic of a flash sale
    path("m/", portal_views.menu, name="m_menu"),
    path("m/sessions/<int:pk>/", portal_views.session_page, name="m_session"),
    path("m/sessions/<int:pk>/book/", portal_views.book, name="m_book"),
    path("m/sessions/<int:pk>/wait/", portal_views.wait, name="m_wait"),
    path("m/bookings/", portal_views.my_bookings, name="m_bookings"),
    path("m/bookings/<int:pk>/cancel/", portal_views.cancel, name="m_cancel"),
    path("m/bookings/<int:pk>/claim/", portal_views.claim, name="m_claim"),
    path("", views.session_list, name="sessions"),
    path("venues/", views.venue_list, name="venues"),
    path("venues/<int:pk>/", views.venue_detail, name="venue"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/checkin/", views.session_check_in, name="check_in"),
    path("sessions/<int:pk>/book/", views.session_book, name="staff_book"),
    path("sessions/<int:pk>/draw/", views.session_draw, name="draw"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="staff_cancel"),
    path("figures/", views.figures, name="figures"),
    # publishing: venues, the service menu, sessions, funding (back office, own subtree)
    path("venues/new/", manage_views.venue_new, name="venue_new"),
    path("venues/<int:pk>/edit/", manage_views.venue_edit, name="venue_edit"),
    path("programmes/", manage_views.programme_list, name="programmes"),
    path("programmes/new/", manage_views.programme_new, name="programme_new"),
    path("programmes/<int:pk>/edit/", manage_views.programme_edit, name="programme_edit"),
    path("sessions/new/", manage_views.session_new, name="session_new"),
    path("sessions/<int:pk>/edit/", manage_views.session_edit, name="session_edit"),
    path("funding/new/", manage_views.funding_new, name="funding_new"),
]
