from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("nodes/<id:pk>/", views.node_detail, name="node"),
    path("unions/", views.union_list, name="unions"),
    path("units/", views.unit_list, name="units"),
    path("units/<id:pk>/", views.unit_detail, name="unit"),
]
