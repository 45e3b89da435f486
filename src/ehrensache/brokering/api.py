"""Interests through the API: the person's own, the coordinator's inbox, status changes.

Authentication: the browser session or a personal token (``Authorization: Bearer es_…``).
Errors are ``{"detail", "code", "errors"}`` in the request's language:

- 401 without a session or token;
- 403 ``forbidden`` for a role the person does not have at all (the inbox for someone who
  coordinates no organization: volunteers, agency staff, network staff) and for the inbox of
  a (public) organization the person does not coordinate;
- 404 for records of other people, exactly as if they did not exist (``core.permissions``).

``/interests/mine`` is open to every signed-in person (anyone may have asked).
"""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth

from ehrensache.accounts.api_auth import TokenAuth
from ehrensache.core.errors import NotFound
from ehrensache.core.permissions import require
from ehrensache.core.schemas import Id, LimitOffset, errors
from ehrensache.organizations.models import Organization

from . import queries, services
from .models import Interest

AUTH = [TokenAuth(), django_auth]
router = Router(tags=["brokering"], auth=AUTH)


class HistoryOut(Schema):
    status: str
    reason: str
    changed_at: datetime


class InterestOut(Schema):
    id: int
    opportunity_id: int
    opportunity_title: str = Field(..., alias="opportunity.title")
    organization_id: int = Field(..., alias="opportunity.organization_id")
    organization_name: str = Field(..., alias="opportunity.organization.name")
    person_name: str
    message: str
    status: str
    status_label: str
    status_changed_at: datetime
    decline_reason: str
    created_at: datetime
    referred_by_agency: str | None = None
    routed_to: str = Field(
        ..., description="coordinators, contact, agency, network or nobody: who has the message"
    )
    where_is: str = Field(..., description="Who has the message, in words for the person")

    @staticmethod
    def resolve_where_is(obj):
        from .routing import where_is

        return where_is(obj)

    @staticmethod
    def resolve_status_label(obj):
        return str(obj.get_status_display())

    @staticmethod
    def resolve_referred_by_agency(obj):
        return obj.agency.name if obj.agency_id else None


class InterestDetailOut(InterestOut):
    history: list[HistoryOut]
    allowed_statuses: list[str]

    @staticmethod
    def resolve_history(obj):
        return obj.history_list

    @staticmethod
    def resolve_allowed_statuses(obj):
        return obj.allowed_list


class InterestStatusIn(Schema):
    status: Interest.Status = Field(
        ..., description="in_contact, meeting_agreed, started, declined, withdrawn"
    )
    reason: str = Field("", max_length=2000)


def _detail(request, interest):
    interest.history_list = queries.history_of(interest)
    interest.allowed_list = services.allowed_statuses(interest, request.user)
    return interest


@router.get("/interests/mine", response=list[InterestOut], summary="Meine Anfragen")
@paginate(LimitOffset)
def my_interests(request):
    return queries.interests_of_volunteer(request.user)


def _check_inbox(user, organization_id):
    require(
        user,
        "brokering.view_inbox",
        message=_(
            "Den Eingang sehen nur Personen, die eine Einsatzstelle koordinieren. Ihre "
            "eigenen Anfragen finden Sie unter /interests/mine."
        ),
    )
    if organization_id is not None:
        organization = Organization.objects.filter(pk=organization_id).first()
        if organization is None:
            raise NotFound(_("Diese Einsatzstelle gibt es nicht."), field="organization_id")
        require(
            user,
            "brokering.view_organization_inbox",
            organization,
            message=_("Diese Einsatzstelle koordinieren Sie nicht."),
        )


@router.get(
    "/inbox",
    response={200: list[InterestOut], **errors(404)},
    summary="Eingang der Koordination",
)
@paginate(LimitOffset)
def inbox(request, organization_id: Id | None = None, status: Interest.Status | None = None):
    """Interests in the opportunities of the organizations the person coordinates."""
    _check_inbox(request.user, organization_id)
    return queries.inbox_for(request.user, organization_id=organization_id, status=status)


@router.get(
    "/interests/{interest_id}",
    response=InterestDetailOut,
    summary="Eine Anfrage",
)
def interest_detail(request, interest_id: Id):
    interest = queries.interest_for(request.user, interest_id)
    return _detail(request, interest)


@router.post(
    "/interests/{interest_id}/status",
    response={200: InterestDetailOut, **errors(409)},
    summary="Status einer Anfrage ändern",
)
def change_status(request, interest_id: Id, payload: InterestStatusIn):
    interest = queries.interest_for(request.user, interest_id)
    interest = services.change_interest_status(
        interest, status=payload.status, reason=payload.reason, actor=request.user
    )
    return _detail(request, queries.interest_for(request.user, interest.pk))
