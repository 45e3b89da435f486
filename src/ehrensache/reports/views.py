from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ehrensache.agencies.models import Agency
from ehrensache.core.exports import requested_format
from ehrensache.core.permissions import require
from ehrensache.organizations.models import Organization
from ehrensache.regions.models import State

from .exports import figures_response
from .models import Level
from .pages import region_page, unit_page

NATIONWIDE = "bund"


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    states = list(State.objects.order_by("name").values_list("code", "name"))
    context = region_page(
        request, state_code=None, districts=states, state_label=_("Deutschland"), periods=False
    )
    if fmt := requested_format(request):
        return figures_response(fmt, context, name=_("Engagement in Zahlen"))
    return render(request, "reports/overview.html", context)


@require_GET
@login_required
def agency_figures(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.select_related("district__state"), pk=pk)
    require(request.user, "reports.view_agency_statistics", agency)
    districts = {d.key: d.label for d in agency.service_districts.all()}
    if agency.district:
        districts = {agency.district.key: agency.district.label, **districts}
    context = unit_page(
        request, level=Level.DISTRICT, units=list(districts.items()), organization=False
    )
    if fmt := requested_format(request):
        return figures_response(fmt, context, name=f"{_('Statistik')} {agency.name}")
    return render(request, "reports/unit.html", {**context, "agency": agency})


@require_GET
@login_required
def state_figures(request: HttpRequest, code: str) -> HttpResponse:
    state = None if code == NATIONWIDE else get_object_or_404(State, code=code)
    require(request.user, "reports.view_state_statistics", state)
    if state is None:
        units, label = (
            list(State.objects.order_by("name").values_list("code", "name")),
            _("Deutschland"),
        )
    else:
        units, label = [(d.key, d.label) for d in state.districts.order_by("name")], state.name
    context = region_page(
        request, state_code=state.code if state else None, districts=units, state_label=label
    )
    if fmt := requested_format(request):
        return figures_response(fmt, context, name=f"{_('Statistik')} {label}")
    return render(request, "reports/region.html", {**context, "state": state, "label": label})


@require_GET
@login_required
def organization_figures(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=pk)
    require(request.user, "reports.view_organization_statistics", organization)
    units = [(str(organization.pk), organization.name)]
    context = unit_page(request, level=Level.ORGANIZATION, units=units, organization=True)
    if fmt := requested_format(request):
        return figures_response(fmt, context, name=f"{_('Statistik')} {organization.name}")
    return render(request, "reports/unit.html", {**context, "organization": organization})
