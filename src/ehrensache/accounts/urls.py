from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("konto/", views.profile, name="profile"),
    path("konto/daten/", views.export, name="export"),
    path("konto/loeschen/", views.delete, name="delete"),
    path("einladung/<str:token>/", views.invitation, name="invitation"),
    path("einladung/<int:pk>/zurueckziehen/", views.invitation_revoke, name="invitation_revoke"),
]
