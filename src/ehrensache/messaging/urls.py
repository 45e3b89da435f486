from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("nachrichten/", views.inbox, name="inbox"),
    path("nachrichten/<int:pk>/", views.thread, name="thread"),
    path("nachrichten/schreiben/<str:kind>/<int:pk>/", views.write, name="write"),
    path("nachrichten/eingang/", views.inbound, name="inbound"),
]
