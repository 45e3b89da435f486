from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from ehrensache.agencies.models import Agency
from ehrensache.core.outcomes import domain_errors
from ehrensache.core.permissions import require

from . import queries, services, template_files
from .columns import COLUMNS
from .forms import UploadForm
from .models import Action, ImportRun, Kind


@login_required
def agency(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=pk)
    require(request.user, "imports.import_records", agency)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with domain_errors(form) as outcome:
            run = services.upload_import(
                agency,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                source=form.cleaned_data["source"],
                data=upload.read(),
                file_name=upload.name,
            )
        if outcome.ok:
            return redirect(run)
    page = Paginator(queries.runs_of_agency(request.user, agency.pk), 20).get_page(
        request.GET.get("page")
    )
    context = {"agency": agency, "form": form, "page_obj": page, "columns": COLUMNS, "kinds": Kind}
    return render(request, "imports/agency.html", context)


@require_GET
@login_required
def run(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ImportRun.objects.select_related("agency", "created_by"), pk=pk)
    require(request.user, "imports.view_importrun", run)
    refused_only = request.GET.get("nur") == "abgelehnt"
    rows = queries.row_results(run, refused_only=refused_only)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    counts = run.counts if run.status == ImportRun.Status.DONE else run.checked_counts
    context = {
        "run": run,
        "page_obj": page,
        "refused_only": refused_only,
        "counts": [(label, counts.get(value, 0)) for value, label in Action.choices],
        "Status": ImportRun.Status,
    }
    response = render(request, "imports/run.html", context)
    if request.headers.get("HX-Request") and not run.is_busy:
        response["HX-Refresh"] = "true"  # the polled progress is over: show the results
    return response


def _run_action(request: HttpRequest, pk: int, action: Callable[..., Any]) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=pk)
    with domain_errors(request):
        action(run, actor=request.user)
    return redirect(run)


@require_POST
@login_required
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_action(request, pk, services.confirm_import)


@require_POST
@login_required
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    return _run_action(request, pk, services.discard_import)


@require_GET
@login_required
def template_file(request: HttpRequest, kind: str, file_format: str) -> HttpResponse:
    require(request.user, "imports.use_imports")
    if kind not in Kind.values or file_format not in template_files.CONTENT_TYPES:
        raise Http404
    response = HttpResponse(
        template_files.template_file(kind, file_format),
        content_type=template_files.CONTENT_TYPES[file_format],
    )
    response["Content-Disposition"] = f'attachment; filename="vorlage-{kind}.{file_format}"'
    return response
