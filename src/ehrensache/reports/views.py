import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ehrensache.agencies.models import Agency
from ehrensache.core.exports import requested_format
from ehrensache.core.outcomes import domain_errors
from ehrensache.core.pdf import pdf_response, render_pdf
from ehrensache.core.permissions import can, require
from ehrensache.organizations.models import Organization
from ehrensache.regions.models import State

from .annual import agency_districts, annual_report_data
from .exports import figures_response
from .forms import AnnualReportForm
from .models import AnnualReport, Level
from .pages import region_page, unit_page
from .queries import report_years
from .services import save_annual_report_texts
from .spreadsheets import FORMATS, export_annual_report

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
    context = unit_page(
        request, level=Level.DISTRICT, units=agency_districts(agency), organization=False
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


def _annual_report_agency(request: HttpRequest, pk: int, year: int) -> Agency:
    agency = get_object_or_404(
        Agency.objects.select_related("district__state").prefetch_related("service_districts"),
        pk=pk,
    )
    require(request.user, "reports.view_annual_report", agency)
    if year not in report_years():
        raise Http404
    return agency


@require_http_methods(["GET", "POST"])
@login_required
def annual_report(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The agency's annual report: its texts (a form for its staff) and the downloads."""
    agency = _annual_report_agency(request, pk, year)
    may_edit = can(request.user, "reports.edit_annual_report", agency)
    if request.method == "POST":
        require(request.user, "reports.edit_annual_report", agency)
    saved = AnnualReport.objects.filter(agency=agency, year=year).first()
    instance = copy.copy(saved) if saved else AnnualReport(agency=agency, year=year)
    form = AnnualReportForm(request.POST or None, instance=instance) if may_edit else None
    if form is not None and request.method == "POST" and form.is_valid():
        texts = {name: form.cleaned_data[name] for name in AnnualReport.TEXT_FIELDS}
        with domain_errors(form) as outcome:
            save_annual_report_texts(agency, year=year, texts=texts, actor=request.user)
        if outcome.ok:
            messages.success(request, _("Die Texte des Jahresberichts wurden gespeichert."))
            return redirect("reports:annual_report", pk=agency.pk, year=year)
    context = {
        "agency": agency,
        "year": year,
        "years": report_years(),
        "form": form,
        "texts": saved.sections() if saved else [],
    }
    return render(request, "reports/annual_report.html", context)


@require_GET
@login_required
def annual_report_download(request: HttpRequest, pk: int, year: int, fmt: str) -> HttpResponse:
    agency = _annual_report_agency(request, pk, year)
    if fmt not in ("pdf", *FORMATS):
        raise Http404
    data = annual_report_data(agency, year)
    filename = f"jahresbericht-{year}-{agency.slug}.{fmt}"
    if fmt == "pdf":
        return pdf_response(
            render_pdf("reports/pdf/annual_report.html", {"report": data}), filename
        )
    response = HttpResponse(export_annual_report(data, fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
