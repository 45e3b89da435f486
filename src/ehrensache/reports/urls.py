from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("statistik/", views.overview, name="overview"),
    path("statistik/agentur/<int:pk>/", views.agency_figures, name="agency"),
    path(
        "statistik/agentur/<int:pk>/jahresbericht/<int:year>/",
        views.annual_report,
        name="annual_report",
    ),
    path(
        "statistik/agentur/<int:pk>/jahresbericht/<int:year>.<slug:fmt>",
        views.annual_report_download,
        name="annual_report_download",
    ),
    path("statistik/land/<slug:code>/", views.state_figures, name="state"),
    path("statistik/einsatzstelle/<int:pk>/", views.organization_figures, name="organization"),
]
