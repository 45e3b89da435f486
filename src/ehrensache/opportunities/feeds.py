"""Atom and RSS feeds: any saved search (the search page's GET parameters), and the current
opportunities of an organization, an agency's service area or a district."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from ehrensache.agencies.models import Agency
from ehrensache.core.taxonomy import field_label
from ehrensache.organizations.models import Organization
from ehrensache.regions.models import District

from .forms import SearchForm
from .queries import SearchCriteria, search_opportunities

FEED_SIZE = 50


class _OpportunityFeed(Feed):
    def items(self, obj):
        criteria = obj[0]
        return search_opportunities(criteria, page=1, per_page=FEED_SIZE).items

    def title(self, obj):
        return obj[1]

    def link(self, obj):
        return obj[2]

    def description(self, obj):
        return _("Aktuelle Engagementangebote auf Ehrensache")

    def item_title(self, item):
        return f"{item.title} – {item.organization.name}"

    def item_description(self, item):
        parts = [item.summary or item.description[:300]]
        if item.on_site and item.city:
            parts.append(f"{item.postal_code} {item.city}")
        if item.remote:
            parts.append(_("auch online / von zu Hause"))
        return " · ".join(filter(None, parts))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_guid(self, item):
        return f"ehrensache-opportunity-{item.pk}"

    item_guid_is_permalink = False

    def item_categories(self, item):
        return [field_label(item.field)]


class SearchFeed(_OpportunityFeed):
    """``/suche/feed.rss?q=…&where=…`` — invalid parameters give 404, not a broken feed."""

    def get_object(self, request):
        query = request.GET.urlencode()
        link = reverse("opportunities:search") + (f"?{query}" if query else "")
        form = SearchForm(request.GET or None)
        if not form.is_bound:
            return SearchCriteria(), _("Neue Engagementangebote"), link
        if not form.is_valid():
            raise Http404(_("Die Suchparameter sind ungültig."))
        bits = [form.cleaned_data.get("q"), form.location_label]
        label = " · ".join(filter(None, bits)) or _("alle")
        return form.criteria(), _("Engagementangebote: %(search)s") % {"search": label}, link


class SearchAtomFeed(SearchFeed):
    feed_type = Atom1Feed
    subtitle = _OpportunityFeed.description


class OrganizationFeed(_OpportunityFeed):
    def get_object(self, request, slug):
        organization = get_object_or_404(
            Organization, slug=slug, status=Organization.Status.CONFIRMED
        )
        title = _("Engagementangebote von %(name)s") % {"name": organization.name}
        return (
            SearchCriteria(organization_id=organization.pk),
            title,
            organization.get_absolute_url(),
        )


class OrganizationAtomFeed(OrganizationFeed):
    feed_type = Atom1Feed
    subtitle = _OpportunityFeed.description


def agency_area(agency) -> SearchCriteria:
    return SearchCriteria(
        district_ids=list(agency.service_districts.values_list("pk", flat=True)),
        postal_codes=list(agency.service_postal_codes.values_list("code", flat=True)),
    )


class AgencyFeed(_OpportunityFeed):
    def get_object(self, request, slug):
        agency = get_object_or_404(Agency, slug=slug)
        title = _("Engagementangebote im Gebiet von %(name)s") % {"name": agency.name}
        return agency_area(agency), title, agency.get_absolute_url()


class AgencyAtomFeed(AgencyFeed):
    feed_type = Atom1Feed
    subtitle = _OpportunityFeed.description


class DistrictFeed(_OpportunityFeed):
    def get_object(self, request, key):
        district = get_object_or_404(District, key=key)
        title = _("Engagementangebote in %(name)s") % {"name": district.label}
        link = reverse("opportunities:search") + f"?district={district.key}"
        return SearchCriteria(district_ids=[district.pk]), title, link


class DistrictAtomFeed(DistrictFeed):
    feed_type = Atom1Feed
    subtitle = _OpportunityFeed.description
