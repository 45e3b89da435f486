from django.urls import path

from . import views

app_name = "engagements"

urlpatterns = [
    path("mein-engagement/", views.mine, name="mine"),
    path("mein-engagement/stunden/", views.log_hours, name="log_hours"),
    path("mein-engagement/andere-pauschalen/", views.other_allowances, name="other_allowances"),
    path("stunden/<int:pk>/loeschen/", views.delete_hours, name="delete_hours"),
    path("koordination/engagements/", views.manage, name="manage"),
    path("koordination/engagements/neu/", views.start, name="start"),
    path("koordination/stunden/", views.verify, name="verify"),
    path("koordination/stunden-und-pauschalen/", views.books, name="books"),
    path("koordination/einarbeitung/<int:org_pk>/", views.checklist, name="checklist"),
    path("engagements/<int:pk>/", views.detail, name="detail"),
    path("engagements/<int:pk>/stunden/", views.engagement_hours, name="hours"),
    path("engagements/<int:pk>/einarbeitung/", views.add_step, name="add_step"),
    path("engagements/<int:pk>/einarbeitung/<int:check_pk>/", views.tick, name="tick"),
    path("engagements/<int:pk>/fuehrungszeugnis/", views.record_check, name="record_check"),
    path(
        "engagements/<int:pk>/fuehrungszeugnis/bestaetigung.pdf",
        views.certificate_request_pdf,
        name="certificate_request_pdf",
    ),
    path("engagements/<int:pk>/vereinbarung.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("engagements/<int:pk>/pauschalen/", views.add_allowance, name="allowance"),
    path("engagements/<int:pk>/beenden/", views.end, name="end"),
    path("engagements/<int:pk>/nicht-angetreten/", views.not_started, name="not_started"),
    path("engagements/<int:pk>/seminartage/", views.seminar_day, name="seminar_day"),
    path("engagements/<int:pk>/supervision/", views.supervision, name="supervision"),
    path("engagements/<int:pk>/fortbildung/", views.training, name="training"),
]
