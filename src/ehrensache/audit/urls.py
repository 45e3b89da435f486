from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("konto/verlauf/", views.my_history, name="mine"),
    path("verlauf/<str:model>/<int:pk>/", views.object_history, name="object"),
]
