"""What opportunities contribute to the apps below them: the organization's name is part of
every opportunity's search text, and the organization's page lists its public offers.
Imported by ``OpportunitiesConfig.ready``."""

from typing import Any

from django.dispatch import receiver
from django.http import HttpRequest

from ehrensache.organizations.models import Organization
from ehrensache.organizations.pages import detail_section
from ehrensache.organizations.signals import organization_renamed

from .queries import SearchCriteria, search_opportunities
from .search_index import reindex_organization


@receiver(organization_renamed, dispatch_uid="opportunities_organization_renamed")
def organization_renamed_reindex(sender: type, organization: Organization, **kwargs: Any) -> None:
    reindex_organization(organization)


@detail_section
def organization_opportunities(request: HttpRequest, organization: Organization) -> dict:
    results = search_opportunities(
        SearchCriteria(organization_id=organization.pk), page=request.GET.get("page") or 1
    )
    return {
        "template": "opportunities/organization_section.html",
        "results": results,
        "page_obj": results.page,
    }
