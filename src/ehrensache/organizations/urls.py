from django.urls import path

from . import views

app_name = "organizations"

urlpatterns = [
    path("einsatzstellen/registrieren/", views.register, name="register"),
    path("einsatzstellen/zu-pruefen/", views.review_list, name="review_list"),
    path("einsatzstellen/einladung/<str:token>/", views.invitation, name="invitation"),
    path(
        "einsatzstellen/ohne-koordination/",
        views.without_coordinator,
        name="without_coordinator",
    ),
    path("einsatzstellen/<slug:slug>/", views.detail, name="detail"),
    path("einsatzstellen/<slug:slug>/bearbeiten/", views.edit, name="edit"),
    path("einsatzstellen/<slug:slug>/team/", views.team, name="team"),
    path("einsatzstellen/<slug:slug>/pruefen/", views.review, name="review"),
    path(
        "einsatzstellen/<slug:slug>/koordination-einladen/",
        views.invite_coordinator,
        name="invite_coordinator",
    ),
]
