from django.urls import path

from .views import portal, staff

app_name = "privacy"
urlpatterns = [
    path("requests/", staff.queue, name="queue"),
    path("requests/<id:pk>/", staff.request_detail, name="request"),
    path("requests/<id:pk>/apply/", staff.request_apply, name="apply"),
    path("requests/<id:pk>/refuse/", staff.request_refuse, name="refuse"),
    # The member's mobile pages.
    path("m/", portal.my_data, name="m_home"),
    path("m/download/", portal.my_data_download, name="m_download"),
    path("m/correction/", portal.my_correction, name="m_correction"),
    path("m/deletion/", portal.my_deletion, name="m_deletion"),
]
