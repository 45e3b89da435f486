from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("statistik/", views.overview, name="overview"),
    path("statistik/agentur/<int:pk>/", views.agency_figures, name="agency"),
    path("statistik/land/<slug:code>/", views.state_figures, name="state"),
    path("statistik/einsatzstelle/<int:pk>/", views.organization_figures, name="organization"),
]
