from django.urls import path

from . import views

app_name = "guide"

urlpatterns = [
    path("leitfaden/", views.index, name="index"),
    path("leitfaden/redaktion/", views.editor_index, name="editor"),
    path("leitfaden/redaktion/neu/", views.episode_edit, name="episode_create"),
    path("leitfaden/redaktion/<int:pk>/", views.episode_edit, name="episode_edit"),
    path("leitfaden/<int:number>-<slug:slug>/", views.episode, name="episode"),
    path("leitfaden/<int:number>-<slug:slug>/arbeitsblatt/", views.worksheet, name="worksheet"),
    path(
        "leitfaden/<int:number>-<slug:slug>/arbeitsblatt.pdf",
        views.worksheet_pdf,
        name="worksheet_pdf",
    ),
    path("kooperations-check/", views.check_index, name="check"),
    path("kooperations-check/fragebogen/", views.questionnaire_index, name="questionnaires"),
    path(
        "kooperations-check/fragebogen/<int:pk>/",
        views.questionnaire_detail,
        name="questionnaire",
    ),
    path(
        "kooperations-check/fragebogen/aussagen/<int:pk>/",
        views.statement_edit,
        name="statement_edit",
    ),
    path("kooperations-check/landesweit/", views.aggregates, name="aggregates"),
    path("kooperations-check/teams/neu/", views.team_create, name="team_create"),
    path("kooperations-check/teams/<int:pk>/", views.team, name="team"),
    path("kooperations-check/teams/<int:pk>/mitglieder/", views.team_member_add, name="member_add"),
    path(
        "kooperations-check/mitglieder/<int:pk>/entfernen/",
        views.team_member_remove,
        name="member_remove",
    ),
    path(
        "kooperations-check/teams/<int:pk>/einstellungen/",
        views.team_settings,
        name="team_settings",
    ),
    path("kooperations-check/teams/<int:pk>/runde-starten/", views.round_start, name="round_start"),
    path("kooperations-check/teams/<int:pk>/plan/", views.plan, name="plan"),
    path("kooperations-check/runden/<int:pk>/", views.round_detail, name="round"),
    path("kooperations-check/runden/<int:pk>/links/", views.round_links, name="round_links"),
    path(
        "kooperations-check/runden/<int:pk>/einladungen/",
        views.round_mail_links,
        name="round_mail_links",
    ),
    path("kooperations-check/runden/<int:pk>/abschliessen/", views.round_close, name="round_close"),
    path("kooperations-check/runden/<int:pk>/ergebnis/", views.round_results, name="results"),
    path(
        "kooperations-check/runden/<int:pk>/ergebnis.pdf",
        views.round_results_pdf,
        name="results_pdf",
    ),
    path(
        "kooperations-check/runden/<int:pk>/antworten/", views.answer_member, name="answer_member"
    ),
    path("kooperations-check/antworten/danke/", views.answer_thanks, name="answer_thanks"),
    path("kooperations-check/antworten/<str:token>/", views.answer, name="answer"),
    path(
        "kooperations-check/massnahmen/<int:pk>/status/",
        views.measure_status,
        name="measure_status",
    ),
    path(
        "kooperations-check/massnahmen/<int:pk>/entfernen/",
        views.measure_delete,
        name="measure_delete",
    ),
]
