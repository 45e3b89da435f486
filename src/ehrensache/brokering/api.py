"""Interests through the API: the person's own, the coordinator's inbox, status changes.

Authentication: the browser session or a personal token (``Authorization: Bearer es_…``).
Records of other people answer 404, exactly as if they did not exist.
"""

from datetime import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer, django_auth

from ehrensache.core.errors import NotFound
from ehrensache.opportunities.models import ApiToken

from . import queries, services
from .models import Interest


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = ApiToken.find_active(token)
        if found is None:
            return None
        found.touch()
        request.user = found.user
        return found.user


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


class StatusIn(Schema):
    status: str = Field(..., description="in_contact, meeting_agreed, started, declined, withdrawn")
    reason: str = Field("", max_length=2000)


def _detail(request, interest):
    interest.history_list = queries.history_of(interest)
    interest.allowed_list = services.allowed_statuses(interest, request.user)
    return interest


@router.get("/interests/mine", response=list[InterestOut], summary="Meine Anfragen")
@paginate(LimitOffsetPagination)
def my_interests(request):
    return queries.interests_of_volunteer(request.user)


@router.get("/inbox", response=list[InterestOut], summary="Eingang der Koordination")
@paginate(LimitOffsetPagination)
def inbox(request, organization_id: int | None = None, status: Interest.Status | None = None):
    return queries.inbox_for(request.user, organization_id=organization_id, status=status)


@router.get("/interests/{interest_id}", response=InterestDetailOut, summary="Eine Anfrage")
def interest_detail(request, interest_id: int):
    try:
        interest = queries.interest_for(request.user, interest_id)
    except Http404:
        raise NotFound(_("Diese Anfrage gibt es nicht.")) from None
    return _detail(request, interest)


@router.post(
    "/interests/{interest_id}/status",
    response=InterestDetailOut,
    summary="Status einer Anfrage ändern",
)
def change_status(request, interest_id: int, payload: StatusIn):
    try:
        interest = queries.interest_for(request.user, interest_id)
    except Http404:
        raise NotFound(_("Diese Anfrage gibt es nicht.")) from None
    interest = services.change_interest_status(
        interest, status=payload.status, reason=payload.reason, actor=request.user
    )
    return _detail(request, queries.interest_for(request.user, interest.pk))
