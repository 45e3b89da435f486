"""Shifts API: a person's own sign-ups; slots of a visible plan; sign up and cancel."""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.security import django_auth

from ehrensache.core.errors import NotFound
from ehrensache.core.schemas import Id, errors

from . import queries, services
from .models import Shift, ShiftSignup

router = Router(tags=["shifts"], auth=django_auth)


class ShiftOut(Schema):
    id: int
    plan_id: int
    label: str
    starts_at: datetime
    ends_at: datetime
    place: str
    capacity: int
    taken: int


class SignupOut(Schema):
    id: int
    shift_id: int
    label: str
    organization: str
    starts_at: datetime
    ends_at: datetime


def _shift_out(shift) -> dict:
    return {
        "id": shift.pk,
        "plan_id": shift.plan_id,
        "label": shift.label,
        "starts_at": shift.starts_at,
        "ends_at": shift.ends_at,
        "place": shift.where,
        "capacity": shift.capacity,
        "taken": shift.taken,
    }


def _signup_out(signup) -> dict:
    return {
        "id": signup.pk,
        "shift_id": signup.shift_id,
        "label": signup.shift.label,
        "organization": signup.shift.plan.organization.name,
        "starts_at": signup.shift.starts_at,
        "ends_at": signup.shift.ends_at,
    }


@router.get("/mine", response=list[SignupOut], summary="Meine kommenden Dienste")
def my_signups(request):
    return [_signup_out(s) for s in queries.signups_of(request.user)]


@router.get("/plans/{plan_id}/shifts", response=list[ShiftOut], summary="Dienste eines Plans")
def plan_shifts(request, plan_id: Id):
    plan = queries.plans_visible_to(request.user).filter(pk=plan_id).first()
    if plan is None:
        raise NotFound(_("Diesen Dienstplan gibt es nicht."))
    return [_shift_out(s) for s in queries.shifts_of_plan(plan)]


@router.post(
    "/{shift_id}/signup",
    response={201: SignupOut, **errors(409)},
    summary="Für einen Dienst eintragen",
)
def sign_up(request, shift_id: Id):
    shift = Shift.objects.select_related("plan__organization").filter(pk=shift_id).first()
    if shift is None:
        raise NotFound(_("Diesen Dienst gibt es nicht."))
    signup = services.sign_up(shift, person=request.user)
    return 201, _signup_out(signup)


@router.post(
    "/signups/{signup_id}/cannot-attend",
    response={204: None, **errors(409)},
    summary="Ich kann nicht",
)
def cannot_attend(request, signup_id: Id):
    signup = (
        ShiftSignup.objects.filter(pk=signup_id, person=request.user)
        .select_related("shift__plan__coordinator")
        .first()
    )
    if signup is None:
        raise NotFound(_("Diese Eintragung gibt es nicht."))
    services.cannot_attend(signup, actor=request.user)
    return 204, None
