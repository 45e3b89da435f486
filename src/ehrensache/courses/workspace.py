"""Dashboard panels (``ehrensache.workspaces``): waiting-list offers that expire (staff of the
course's organization or agency: who has not confirmed yet; volunteers: what to confirm)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ehrensache.workspaces.panels import Item, Panel, Waiting, waiting

from . import queries
from .models import Registration


def _expires(registration: Registration) -> Any:
    return registration.offer_expires_at or registration.updated_at


def offers_expiring(user: Any, workspace: Any, limit: int) -> Waiting:
    qs = queries.open_offers_managed_by(
        user, organization_id=workspace.organization_id, agency_id=workspace.agency_id
    )

    def item(registration: Registration) -> Item:
        return Item(
            label=f"{registration.person}: {registration.course.title}",
            since=_expires(registration),
            url=reverse("courses:participant", args=[registration.course_id, registration.pk]),
            since_label=gettext("Angebot gilt bis"),
        )

    return waiting(qs, limit=limit, item=item)


def my_offers(user: Any, workspace: Any, limit: int) -> Waiting:
    qs = (
        Registration.objects.filter(person=user, status=Registration.Status.OFFERED)
        .select_related("course")
        .order_by("offer_expires_at", "pk")
    )

    def item(registration: Registration) -> Item:
        return Item(
            label=registration.course.title,
            since=_expires(registration),
            url=reverse("courses:registration", args=[registration.pk]),
            detail=gettext("Ein Platz ist frei: bitte bestätigen"),
            since_label=gettext("bestätigen bis"),
        )

    return waiting(qs, limit=limit, item=item)


PANELS = [
    Panel(
        "course-offers",
        _("Kursplätze angeboten, noch nicht bestätigt"),
        workspace="coordinator",
        items=offers_expiring,
        all_url=lambda w: reverse("courses:manage_list"),
        permission="courses.create_course",
        position=50,
    ),
    Panel(
        "course-offers",
        _("Kursplätze angeboten, noch nicht bestätigt"),
        workspace="agency",
        items=offers_expiring,
        all_url=lambda w: reverse("courses:manage_list"),
        permission="courses.create_course",
        position=40,
    ),
    Panel(
        "my-course-offers",
        _("Kursplätze für mich: bitte bestätigen"),
        workspace="volunteer",
        items=my_offers,
        all_url=lambda w: reverse("courses:mine"),
        position=5,
    ),
    Panel(
        "my-courses",
        _("Meine Kurse"),
        workspace="volunteer",
        template="courses/dashboard_section.html",
        position=230,
    ),
]
