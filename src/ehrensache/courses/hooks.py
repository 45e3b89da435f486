"""Courses listen to the providers below them: a renamed agency or organization is part of
its courses' search columns. Imported by ``CoursesConfig.ready``."""

from django.dispatch import receiver

from ehrensache.agencies.signals import agency_renamed
from ehrensache.organizations.signals import organization_renamed

from .services import refresh_provider_search_fields


@receiver(agency_renamed, dispatch_uid="courses_agency_renamed")
def agency_renamed_refresh_courses(sender, agency, **kwargs):
    refresh_provider_search_fields(agency=agency)


@receiver(organization_renamed, dispatch_uid="courses_organization_renamed")
def organization_renamed_refresh_courses(sender, organization, **kwargs):
    refresh_provider_search_fields(organization=organization)
