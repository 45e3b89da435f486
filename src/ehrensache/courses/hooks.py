"""Courses listen to the providers below them: a renamed agency or organization is part of
its courses' search columns. Imported by ``CoursesConfig.ready``."""

from typing import Any

from django.dispatch import receiver

from ehrensache.agencies.models import Agency
from ehrensache.agencies.signals import agency_renamed
from ehrensache.organizations.models import Organization
from ehrensache.organizations.signals import organization_renamed

from .services import refresh_provider_search_fields


@receiver(agency_renamed, dispatch_uid="courses_agency_renamed")
def agency_renamed_refresh_courses(sender: type, agency: Agency, **kwargs: Any) -> None:
    refresh_provider_search_fields(agency=agency)


@receiver(organization_renamed, dispatch_uid="courses_organization_renamed")
def organization_renamed_refresh_courses(
    sender: type, organization: Organization, **kwargs: Any
) -> None:
    refresh_provider_search_fields(organization=organization)
