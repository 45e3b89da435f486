from django.urls import path

from . import views

app_name = "agencies"

urlpatterns = [
    path("anlaufstellen/", views.agency_list, name="list"),
    path("anlaufstellen/<slug:slug>/", views.agency_detail, name="detail"),
    path("anlaufstellen/<slug:slug>/bearbeiten/", views.agency_edit, name="edit"),
    path("zustaendig/", views.responsible, name="responsible"),
]
