from django.urls import path
from django.views.generic import RedirectView

from ehrensache.core import views as core_views

from . import views

app_name = "courses"

urlpatterns = [
    path("kurse/", views.catalogue, name="catalogue"),
    path("kurse/kalender.ics", views.catalogue_ics, name="catalogue_ics"),
    # The personal calendar (courses and shifts) lives in core; the old addresses still work.
    path(
        "kurse/kalender/",
        RedirectView.as_view(pattern_name="core:calendar", permanent=True),
        name="my_calendar",
    ),
    path("kurse/kalender/<str:token>.ics", core_views.calendar_feed, name="feed"),
    path("kurse/meine/", views.mine, name="mine"),
    path("kurse/verwalten/", views.manage_list, name="manage_list"),
    path("kurse/neu/", views.create, name="create"),
    path("kurse/<int:pk>/", views.detail, name="detail"),
    path("kurse/<int:pk>/kalender.ics", views.course_ics, name="course_ics"),
    path("kurse/<int:pk>/anmelden/", views.register, name="register"),
    path("kurse/<int:pk>/anmelden-fuer/", views.register_other, name="register_other"),
    path("kurse/<int:pk>/bearbeiten/", views.edit, name="edit"),
    path("kurse/<int:pk>/verwalten/", views.manage, name="manage"),
    path(
        "kurse/<int:pk>/termine/<int:session_pk>/bearbeiten/",
        views.edit_session,
        name="edit_session",
    ),
    path(
        "kurse/<int:pk>/termine/<int:session_pk>/entfernen/",
        views.remove_session,
        name="remove_session",
    ),
    path("kurse/<int:pk>/veroeffentlichen/", views.publish, name="publish"),
    path("kurse/<int:pk>/absagen/", views.cancel_course, name="cancel_course"),
    path("kurse/<int:pk>/abschliessen/", views.close, name="close"),
    path("kurse/<int:pk>/teilnehmende/", views.participants, name="participants"),
    path("kurse/<int:pk>/teilnehmende.csv", views.participants_csv, name="participants_csv"),
    path(
        "kurse/<int:pk>/teilnehmende/<int:registration_pk>/",
        views.participant,
        name="participant",
    ),
    path("kurse/<int:pk>/anwesenheit/<int:session_pk>/", views.attendance, name="attendance"),
    path("kurse/anmeldungen/<int:pk>/", views.registration, name="registration"),
    path("kurse/anmeldungen/<int:pk>/bestaetigen/", views.confirm, name="confirm"),
    path("kurse/anmeldungen/<int:pk>/abmelden/", views.cancel, name="cancel"),
    path("kurse/anmeldungen/<int:pk>/bescheinigung.pdf", views.certificate, name="certificate"),
    path("verify/", views.verify, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
