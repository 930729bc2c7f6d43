from django.urls import path

from .views import portal, staff

app_name = "honours"
urlpatterns = [
    path("", staff.honour_list, name="list"),
    path("new/", staff.honour_new, name="new"),
    path("<id:pk>/", staff.honour_detail, name="detail"),
    path("<id:pk>/revoke/", staff.honour_revoke, name="revoke"),
    path("studios/", staff.studio_list, name="studios"),
    path("studios/new/", staff.studio_new, name="studio_new"),
    path("studios/<id:pk>/", staff.studio_detail, name="studio"),
    path("studios/<id:pk>/members/", staff.studio_member_add, name="studio_member_add"),
    path("studios/<id:pk>/results/", staff.studio_result_add, name="studio_result_add"),
    path("m/", portal.my_honours, name="m_mine"),
]
