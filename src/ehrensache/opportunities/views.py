"""Pages: public search and opportunity page; coordinators' list, form and status changes;
personal API tokens."""

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET, require_POST

from ehrensache.accounts.models import ApiToken
from ehrensache.core.errors import NotFound
from ehrensache.core.exports import export_response, requested_format
from ehrensache.core.outcomes import domain_errors
from ehrensache.core.permissions import require
from ehrensache.core.taxonomy import field_labels
from ehrensache.core.text import parse_id
from ehrensache.organizations.models import Organization
from ehrensache.organizations.queries import coordinated_by

from . import exports, feed, services
from .forms import ApiTokenForm, OpportunityForm, SearchForm
from .jsonld import as_script_json, opportunity_jsonld
from .models import Opportunity
from .panels import DETAIL_PANELS
from .queries import (
    SearchCriteria,
    opportunities_managed_by,
    opportunity_visible_to,
    search_opportunities,
)
from .widget import WidgetBuilderForm, WidgetStyleForm


def search_context(request) -> dict:
    """Form, results and flags for the search page. Each result carries ``url`` and
    ``field_label`` for the template."""
    form = SearchForm(request.GET or None)
    results = None
    if not form.is_bound:
        results = search_opportunities(SearchCriteria(), page=1)
    elif form.is_valid():
        results = search_opportunities(form.criteria(), page=request.GET.get("page") or 1)
    if results is not None:
        labels = field_labels()
        for opportunity in results.page.object_list:
            opportunity.url = opportunity.get_absolute_url()
            opportunity.field_label = labels.get(opportunity.field, opportunity.field)
    return {"form": form, "results": results, "page_obj": results.page if results else None}


def search(request):
    context = search_context(request)
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "opportunities/_results.html", context)
    return render(request, "opportunities/search.html", context)


def detail(request, pk, slug):
    opportunity = opportunity_visible_to(request.user, pk)
    if opportunity is None:
        raise NotFound(_("Dieses Engagementangebot gibt es nicht (mehr)."))
    if slug != opportunity.slug:
        return redirect(opportunity, permanent=True)
    context = {
        "opportunity": opportunity,
        "jsonld": as_script_json(opportunity_jsonld(opportunity)) if opportunity.is_public else "",
        "panels": DETAIL_PANELS,
    }
    return render(request, "opportunities/detail.html", context)


@login_required
def manage(request):
    organizations = coordinated_by(request.user)
    opportunities = opportunities_managed_by(request.user).order_by(
        "organization__name", "status", "-updated_at"
    )
    if fmt := requested_format(request):
        if organization_id := parse_id(request.GET.get("einsatzstelle")):
            opportunities = opportunities.filter(organization_id=organization_id)
        return export_response(fmt, exports.OPPORTUNITIES, opportunities)
    return render(
        request,
        "opportunities/manage.html",
        {"organizations": organizations, "opportunities": opportunities},
    )


def _managed_organization(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    require(request.user, "opportunities.create_opportunity", organization)
    return organization


def _managed_opportunity(request, pk):
    opportunity = get_object_or_404(Opportunity.objects.select_related("organization"), pk=pk)
    require(request.user, "opportunities.change_opportunity", opportunity)
    return opportunity


@login_required
def create(request, slug):
    organization = _managed_organization(request, slug)
    form = OpportunityForm(
        request.POST or None,
        initial={
            "postal_code": organization.postal_code,
            "contact_name": request.user.get_full_name(),
            "contact_email": request.user.email,
        },
    )
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            opportunity = services.create_opportunity(
                organization,
                actor=request.user,
                publish="publish" in request.POST,
                **form.service_values(),
            )
        if outcome.ok:
            messages.success(request, _("Das Angebot ist gespeichert."))
            return redirect("opportunities:edit", pk=opportunity.pk)
    return render(request, "opportunities/form.html", {"form": form, "organization": organization})


@login_required
def edit(request, pk):
    opportunity = _managed_opportunity(request, pk)
    form = OpportunityForm(request.POST or None, instance=opportunity)
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            services.update_opportunity(opportunity, actor=request.user, **form.service_values())
        if outcome.ok:
            messages.success(request, _("Die Änderungen sind gespeichert."))
            return redirect("opportunities:edit", pk=opportunity.pk)
    return render(
        request,
        "opportunities/form.html",
        {"form": form, "organization": opportunity.organization, "opportunity": opportunity},
    )


@login_required
@require_POST
def change_status(request, pk):
    opportunity = _managed_opportunity(request, pk)
    action = services.STATUS_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Diese Aktion gibt es nicht."))
    else:
        with domain_errors(request) as outcome:
            updated = action(opportunity, actor=request.user)
        if outcome.ok:
            messages.success(
                request, _("Status: %(status)s") % {"status": updated.get_status_display()}
            )
    if request.POST.get("next") == "manage":
        return redirect("opportunities:manage")
    return redirect("opportunities:edit", pk=opportunity.pk)


@login_required
def tokens(request):
    form = ApiTokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and "revoke" in request.POST:
        revoke = request.POST.get("revoke", "")
        token = (
            ApiToken.objects.filter(user=request.user, pk=parse_id(revoke)).first()
            if parse_id(revoke)
            else None
        )
        if token is None:
            raise NotFound(_("Diesen Schlüssel gibt es nicht."))
        services.revoke_api_token(token, actor=request.user)
        messages.success(
            request, _("Der Schlüssel „%(name)s“ ist widerrufen.") % {"name": token.name}
        )
        return redirect("opportunities:tokens")
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            _token, new_secret = services.issue_api_token(
                actor=request.user, name=form.cleaned_data["name"]
            )
        if outcome.ok:
            form = ApiTokenForm()
    return render(
        request,
        "opportunities/tokens.html",
        {
            "form": form,
            "new_secret": new_secret,
            "tokens": ApiToken.objects.filter(user=request.user),
        },
    )


def _style_query(request) -> str:
    """The widget's style parameters alone: they are all its style sheet needs."""
    query = QueryDict(mutable=True)
    for key in ("accent", "background", "font"):
        if request.GET.get(key):
            query[key] = request.GET[key]
    return query.urlencode()


@xframe_options_exempt
@csp_replace({"frame-ancestors": None})  # any website may embed the widget
def widget(request):
    """The iframe page; no JavaScript, no cookies needed, links open the full page."""
    style_form = WidgetStyleForm(request.GET)
    style = style_form.style()
    form = SearchForm(request.GET or None)
    results, error = None, ""
    if not form.is_bound:
        results = search_opportunities(SearchCriteria(), page=1, per_page=style["limit"])
    elif form.is_valid():
        results = search_opportunities(form.criteria(), page=1, per_page=style["limit"])
    else:
        error = _("Die Einstellungen des Widgets sind ungültig.")
    more = request.GET.copy()
    for key in ("limit", "accent", "background", "font", "title"):
        more.pop(key, None)
    response = render(
        request,
        "opportunities/widget.html",
        {
            "results": results,
            "style": style,
            "error": error,
            "more_query": more.urlencode(),
            "style_query": _style_query(request),
            "site_url": settings.SITE_URL,
        },
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def widget_css(request):
    """The widget's style sheet (colours and font from its parameters): a file, not an inline
    style element, so that the Content-Security-Policy needs no exception for it."""
    style = WidgetStyleForm(request.GET).style()
    response = render(
        request, "opportunities/widget.css", {"style": style}, content_type="text/css"
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def widget_docs(request):
    """Documentation with a builder: the visitor picks what to show, gets the snippet and a
    preview; everything happens with plain GET forms."""
    builder = WidgetBuilderForm(request.GET or None)
    query = ""
    if builder.is_bound and builder.is_valid():
        query = builder.widget_query()
    widget_url = (
        settings.SITE_URL + reverse("opportunities:widget") + (f"?{query}" if query else "")
    )
    return render(
        request,
        "opportunities/widget_docs.html",
        {
            "builder": builder,
            "widget_url": widget_url,
            "preview_url": reverse("opportunities:widget") + (f"?{query}" if query else ""),
        },
    )


# --- Offers feed for other portals (docs/FEEDS.md) ------------------------------------------

FEED_MAX_AGE = 300


def _feed(request, content_type: str, body):
    """A conditional, cacheable, streamed feed response: 304 when the client has this
    version (ETag/Last-Modified from ``feed.version``, one aggregate query)."""
    etag, last_modified = feed.version()
    quoted = quote_etag(etag)
    timestamp = http_date(last_modified.timestamp()) if last_modified else None
    not_modified = get_conditional_response(
        request, etag=quoted, last_modified=last_modified and int(last_modified.timestamp())
    )
    response = not_modified or StreamingHttpResponse(body(), content_type=content_type)
    response["ETag"] = quoted
    if timestamp:
        response["Last-Modified"] = timestamp
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def feed_json(request):
    return _feed(request, "application/json; charset=utf-8", lambda: feed.json_chunks(feed.rows()))


@require_GET
def feed_csv(request):
    response = _feed(request, "text/csv; charset=utf-8", lambda: feed.csv_chunks(feed.rows()))
    response["Content-Disposition"] = 'inline; filename="angebote.csv"'
    return response


@require_GET
def feed_fields(request):
    """The column mapping of the feed (what each field means, where it maps to)."""
    response = JsonResponse(
        {"version": feed.FEED_VERSION, "felder": feed.mapping()},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"
    return response
