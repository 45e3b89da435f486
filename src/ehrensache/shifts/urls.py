from django.urls import path

from ehrensache.core import views as core_views

from . import views

app_name = "shifts"

urlpatterns = [
    path("dienste/", views.my_shifts, name="mine"),
    path("dienste/plaene/<int:pk>/", views.plan_detail, name="plan"),
    path("dienste/plaene/<int:pk>/dienst-anlegen/", views.add_shift, name="add_shift"),
    path("dienste/plaene/<int:pk>/woechentlich/", views.add_weekly, name="add_weekly"),
    path("dienste/<int:pk>/eintragen/", views.sign_up, name="sign_up"),
    path("dienste/<int:pk>/absagen/", views.cancel_shift, name="cancel_shift"),
    path(
        "dienste/eintragungen/<int:pk>/ich-kann-nicht/", views.cannot_attend, name="cannot_attend"
    ),
    # The personal calendar (courses and shifts) lives in core; old feed addresses still work.
    path("dienste/kalender/<str:token>.ics", core_views.calendar_feed, name="feed"),
    path("einsatzstellen/<slug:slug>/dienste/", views.organization_plans, name="organization"),
]
