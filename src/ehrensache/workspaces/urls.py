from django.urls import path

from . import views

app_name = "workspaces"

urlpatterns = [
    path("arbeitsplatz/", views.index, name="index"),
    path("arbeitsplatz/ehrenamt/", views.volunteer, name="volunteer"),
    path("arbeitsplatz/einsatzstelle/<int:pk>/", views.coordinator, name="coordinator"),
    path("arbeitsplatz/agentur/<int:pk>/", views.agency, name="agency"),
    path("arbeitsplatz/netzwerk/<str:code>/", views.network, name="network"),
]
