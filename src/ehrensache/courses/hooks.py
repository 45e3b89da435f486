"""Courses listen to the providers below them: a renamed agency or organization is part of
its courses' search columns. Imported by ``CoursesConfig.ready``."""

from typing import Any

from django.dispatch import receiver
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from ehrensache.agencies.models import Agency
from ehrensache.agencies.signals import agency_renamed
from ehrensache.mailings.audiences import Audience, Recipient, Sender, person_fields, register
from ehrensache.organizations.models import Organization
from ehrensache.organizations.signals import organization_renamed

from .calendars import venue
from .models import Course, Registration
from .services import refresh_provider_search_fields


@receiver(agency_renamed, dispatch_uid="courses_agency_renamed")
def agency_renamed_refresh_courses(sender: type, agency: Agency, **kwargs: Any) -> None:
    refresh_provider_search_fields(agency=agency)


@receiver(organization_renamed, dispatch_uid="courses_organization_renamed")
def organization_renamed_refresh_courses(
    sender: type, organization: Organization, **kwargs: Any
) -> None:
    refresh_provider_search_fields(organization=organization)


# --- Group messages (mailings.audiences): a course's participants, its waiting list --------


def _course_sender(course: Course) -> Sender:
    if course.provider_kind == Course.ProviderKind.AGENCY:
        return Sender("agency", course.agency_id, course.agency.name)
    if course.provider_kind == Course.ProviderKind.ORGANIZATION:
        return Sender("organization", course.organization_id, course.organization.name)
    return Sender("network", course.network_state_id or 0, course.provider_name)


def _registrations(statuses: tuple) -> Any:
    def recipients(course: Course, choice: str) -> list[Recipient]:
        registrations = (
            course.registrations.filter(status__in=statuses)
            .select_related("person")
            .only("pk", "course_id", *person_fields("person"))
            .order_by("created_at", "pk")
        )
        when = course.starts_at and formats.date_format(
            timezone.localtime(course.starts_at), "D, d.m.Y H:i"
        )
        values = {"datum": when or "", "ort": venue(course), "aufgabe": course.title}
        return [Recipient(r.person, values) for r in registrations]

    return recipients


def _courses() -> Any:
    return Course.objects.select_related("agency", "organization", "network_state")


for _key, _label, _statuses in (
    ("course-participants", _("Alle Teilnehmenden des Kurses"), Registration.HOLDS_SEAT),
    ("course-waitlist", _("Alle auf der Warteliste des Kurses"), (Registration.Status.WAITLISTED,)),
):
    register(
        Audience(
            key=_key,
            label=_label,
            model=Course,
            permission="courses.manage_course",
            queryset=_courses,
            recipients=_registrations(_statuses),
            sender=_course_sender,
            describe=lambda course: course.title,
            back_url=lambda course: reverse("courses:manage", kwargs={"pk": course.pk}),
            placeholders=("datum", "ort", "aufgabe"),
        )
    )
