from django.urls import path

from . import views

app_name = "recognition"

urlpatterns = [
    path("anerkennung/", views.overview, name="overview"),
    path("anerkennung/angaben/", views.save_profile, name="save_profile"),
    path("anerkennung/karten/", views.record_card, name="record_card"),
    path("anerkennung/nachweise/anfragen/", views.request_proof, name="request_proof"),
    path("anerkennung/nachweise/<int:pk>.pdf", views.proof_pdf, name="proof_pdf"),
    path("anerkennung/nachweise/<int:pk>/ausstellen/", views.issue_proof, name="issue_proof"),
    path("anerkennung/nachweise/<int:pk>/ablehnen/", views.decline_proof, name="decline_proof"),
    path(
        "anerkennung/ehrenamts-card/antrag.pdf", views.ecard_application, name="ecard_application"
    ),
    path("anerkennung/kompetenznachweis/<int:year>.pdf", views.kompetenz_pdf, name="kompetenz_pdf"),
    path(
        "einsatzstellen/<slug:slug>/nachweise/",
        views.organization_proofs,
        name="organization_proofs",
    ),
    path(
        "einsatzstellen/<slug:slug>/freistellungen/",
        views.organization_releases,
        name="organization_releases",
    ),
    path("freistellungen/<int:pk>/", views.release_detail, name="release"),
    path("freistellungen/<int:pk>/status/", views.release_status, name="release_status"),
    path("freistellungen/<int:pk>/<slug:document>.pdf", views.release_pdf, name="release_pdf"),
    path("netzwerk/ehrenamts-card/", views.ecard_rules, name="ecard_rules"),
    path("netzwerk/ehrenamts-card/neu/", views.ecard_rule_edit, name="ecard_rule_add"),
    path("netzwerk/ehrenamts-card/<int:pk>/", views.ecard_rule_edit, name="ecard_rule_edit"),
    path("nachweis/pruefen/", views.verify, name="verify_form"),
    path("nachweis/pruefen/<str:code>/", views.verify, name="verify"),
]
