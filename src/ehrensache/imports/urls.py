from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("datenuebernahme/agentur/<int:pk>/", views.agency, name="agency"),
    path("datenuebernahme/<int:pk>/", views.run, name="run"),
    path("datenuebernahme/<int:pk>/uebernehmen/", views.confirm, name="confirm"),
    path("datenuebernahme/<int:pk>/verwerfen/", views.discard, name="discard"),
    path(
        "datenuebernahme/vorlage/<slug:kind>.<slug:file_format>",
        views.template_file,
        name="template",
    ),
]
