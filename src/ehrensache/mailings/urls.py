from django.urls import path

from . import views

app_name = "mailings"

urlpatterns = [
    path("rundnachrichten/", views.mailing_list, name="list"),
    path("rundnachrichten/<int:pk>/", views.detail, name="detail"),
    path("rundnachrichten/vorlagen/", views.template_list, name="templates"),
    path(
        "rundnachrichten/vorlagen/<int:pk>/loeschen/",
        views.delete_template,
        name="delete_template",
    ),
    path("rundnachrichten/an/<slug:kind>/<int:object_id>/", views.compose, name="compose"),
    path("rundnachrichten/an/<slug:kind>/<int:object_id>/senden/", views.send, name="send"),
    path("abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("konto/rundnachrichten/", views.preferences, name="preferences"),
]
