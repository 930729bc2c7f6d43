"""The review's routes, included under the results app's namespace (`results:review…`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.review_page, name="review"),
    path("<id:pk>/", views.review_job, name="review_job"),
    path("<id:pk>/review.pdf", views.review_pdf, name="review_pdf"),
    path("<id:pk>/workbook.xlsx", views.review_xlsx, name="review_xlsx"),
]
