import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ehrensache.core.outcomes import domain_errors
from ehrensache.core.permissions import can, require

from .forms import AgencyForm, DirectoryFilterForm, LocationSearchForm
from .models import AgencyServicePostalCode
from .queries import agencies_for_location, directory, public_agencies
from .services import update_agency

PAGE_SIZE = 20


def _map_points(agencies) -> list[dict]:
    return [
        {"name": a.name, "url": a.get_absolute_url(), "lat": a.latitude, "lon": a.longitude}
        for a in agencies
        if a.latitude is not None and a.longitude is not None
    ]


@require_GET
def agency_list(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    agencies = directory(district=filters.get("district"), kind=filters.get("kind"))
    page_obj = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "map_points": _map_points(page_obj.object_list),
        # Fetched only after the visitor asks for the map (settings: EHRENSACHE["MAP_TILE_URL"]).
        "map_tile_url": settings.EHRENSACHE["MAP_TILE_URL"],
    }
    return render(request, "agencies/agency_list.html", context)


@require_GET
def agency_detail(request, slug):
    agency = get_object_or_404(
        public_agencies().prefetch_related(
            "service_districts",
            Prefetch("service_postal_codes", AgencyServicePostalCode.objects.order_by("code")),
        ),
        slug=slug,
    )
    return render(request, "agencies/agency_detail.html", {"agency": agency})


@require_GET
def responsible(request):
    form = LocationSearchForm(request.GET if "q" in request.GET else None)
    hits, location = [], None
    if form.is_bound and form.is_valid():
        location = form.location
        hits = agencies_for_location(location)
    context = {
        "form": form,
        "location": location,
        "responsible_hits": [h for h in hits if h.responsible],
        "nearest_hits": [h for h in hits if not h.responsible],
    }
    return render(request, "agencies/responsible.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request, slug):
    agency = get_object_or_404(public_agencies(), slug=slug)
    require(request.user, "agencies.change_agency", agency)
    identity = can(request.user, "agencies.change_agency_identity", agency)
    # The form works on a copy: the page keeps showing the saved name until saving succeeds.
    form = AgencyForm(request.POST or None, instance=copy.copy(agency), identity=identity)
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            agency = update_agency(
                agency,
                changes=form.changes(),
                service_districts=list(form.cleaned_data["service_districts"]),
                service_postal_codes=form.cleaned_data["service_postal_codes"],
                actor=request.user,
            )
        if outcome.ok:
            messages.success(request, _("Die Angaben der Anlaufstelle wurden gespeichert."))
            return redirect(agency)
    return render(request, "agencies/agency_edit.html", {"agency": agency, "form": form})
