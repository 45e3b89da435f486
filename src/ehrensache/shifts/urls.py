from django.urls import path

from . import views

app_name = "shifts"

urlpatterns = [
    path("dienste/", views.my_shifts, name="mine"),
    path("dienste/plaene/<int:pk>/", views.plan_detail, name="plan"),
    path("dienste/plaene/<int:pk>/dienst-anlegen/", views.add_shift, name="add_shift"),
    path("dienste/plaene/<int:pk>/woechentlich/", views.add_weekly, name="add_weekly"),
    path("dienste/<int:pk>/eintragen/", views.sign_up, name="sign_up"),
    path(
        "dienste/eintragungen/<int:pk>/ich-kann-nicht/", views.cannot_attend, name="cannot_attend"
    ),
    path("dienste/kalender/neu/", views.revoke_feed, name="revoke_feed"),
    path("dienste/kalender/<str:token>.ics", views.calendar_feed, name="feed"),
    path("einsatzstellen/<slug:slug>/dienste/", views.organization_plans, name="organization"),
]
