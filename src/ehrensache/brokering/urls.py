from django.urls import path

from . import views

app_name = "brokering"

urlpatterns = [
    path("fuer-dich/", views.for_you, name="for_you"),
    path("fuer-dich/profil/", views.profile_edit, name="profile"),
    path("interesse/<int:opportunity_pk>/", views.express_interest, name="express_interest"),
    path("meine-anfragen/", views.my_interests, name="my_interests"),
    path("anfragen/<int:pk>/", views.interest_detail, name="interest"),
    path("eingang/", views.inbox, name="inbox"),
    path("passende-personen/<int:opportunity_pk>/", views.candidates, name="candidates"),
    path(
        "passende-personen/<int:opportunity_pk>/einladen/<int:profile_pk>/",
        views.invite,
        name="invite",
    ),
    path("beratung/", views.counselling, name="counselling"),
    path("beratung/gespraeche/neu/", views.conversation_new, name="conversation_new"),
    path("beratung/gespraeche/<int:pk>/", views.conversation_detail, name="conversation"),
    path(
        "beratung/gespraeche/<int:pk>/bearbeiten/",
        views.conversation_edit,
        name="conversation_edit",
    ),
    path("beratung/gespraeche/<int:pk>/vermitteln/", views.refer, name="refer"),
    path("beratung/vermittlungen/", views.referrals, name="referrals"),
    path("beratung/anfragen-ohne-koordination/", views.routed, name="routed"),
    path("beratung/nachfragen/", views.follow_ups, name="follow_ups"),
    path("beratung/nachfragen/<int:pk>/", views.follow_up_answer, name="follow_up"),
]
