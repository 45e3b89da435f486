from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("konto/benachrichtigungen/", views.preferences, name="preferences"),
]
