import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ehrensache.core.outcomes import domain_errors
from ehrensache.core.permissions import require
from ehrensache.core.text import parse_id

from . import audiences, queries, services
from .audiences import Audience
from .forms import ComposeForm, ConfirmForm, TemplateForm
from .models import Delivery, Mailing, OptOut, Template

PREVIEW_NAMES = 200  # names listed on the preview page; the count is always whole


def _group(request: HttpRequest, kind: str, object_id: int) -> tuple[Audience, Any]:
    audience = audiences.get(kind)
    if audience is None:
        raise Http404
    obj = get_object_or_404(audience.objects(), pk=object_id)
    require(request.user, audience.permission, audience.permission_object(obj))
    return audience, obj


def _initial(request: HttpRequest, templates: list[Template]) -> dict:
    initial = {"choice": request.GET.get("auswahl", "")}
    chosen = request.GET.get("vorlage", "")
    template = next((t for t in templates if str(t.pk) == chosen), None)
    if template is not None:
        initial.update(subject=template.subject, body=template.body)
    return initial


def _compose_page(
    request: HttpRequest,
    audience: Audience,
    obj: Any,
    form: ComposeForm,
    *,
    template_form: TemplateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    sender = audience.sender(obj)
    context = {
        "audience": audience,
        "obj": obj,
        "label": audience.describe(obj),
        "back_url": audience.back_url(obj),
        "sender": sender,
        "form": form,
        "template_form": template_form or TemplateForm(),
        "templates": list(queries.templates_of(sender.kind, sender.id)),
    }
    return render(request, "mailings/compose.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest, kind: str, object_id: int) -> HttpResponse:
    """GET: the form (``?vorlage=<id>`` fills it from a template); POST: the preview, or
    ``action=edit`` back to the form, or ``action=save_template``."""
    audience, obj = _group(request, kind, object_id)
    if request.method == "GET":
        sender = audience.sender(obj)
        templates = list(queries.templates_of(sender.kind, sender.id))
        form = ComposeForm(initial=_initial(request, templates), audience=audience, obj=obj)
        return _compose_page(request, audience, obj, form)
    form = ComposeForm(request.POST, audience=audience, obj=obj)
    action = request.POST.get("action", "preview")
    if action == "edit":  # back from the preview: the form as typed, checked again later
        form = ComposeForm(initial=request.POST.dict(), audience=audience, obj=obj)
        return _compose_page(request, audience, obj, form)
    if action == "save_template":
        return _save_template(request, audience, obj, form)
    if form.is_valid():
        with domain_errors(form) as outcome:
            preview = services.preview(audience, obj, actor=request.user, **form.cleaned_data)
        if outcome.ok:
            return _preview_page(request, audience, obj, form, preview)
    # The template name typed so far stays (unchecked: it matters only when saving one).
    template_form = TemplateForm(initial={"template_name": request.POST.get("template_name", "")})
    return _compose_page(request, audience, obj, form, template_form=template_form, status=422)


def _save_template(
    request: HttpRequest, audience: Audience, obj: Any, form: ComposeForm
) -> HttpResponse:
    template_form = TemplateForm(request.POST)
    if form.is_valid() and template_form.is_valid():
        with domain_errors(form) as outcome:
            services.save_template(
                audience.sender(obj),
                name=template_form.cleaned_data["template_name"],
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                actor=request.user,
            )
        if outcome.ok:
            messages.success(request, _("Die Vorlage ist gespeichert."))
            return _compose_page(request, audience, obj, form, template_form=TemplateForm())
    return _compose_page(request, audience, obj, form, template_form=template_form, status=422)


def _preview_page(
    request: HttpRequest, audience: Audience, obj: Any, form: ComposeForm, preview: Any
) -> HttpResponse:
    data = {**form.cleaned_data, "idempotency_key": secrets.token_urlsafe(24)}
    confirm = ConfirmForm(initial=data, audience=audience, obj=obj)
    context = {
        "audience": audience,
        "obj": obj,
        "back_url": audience.back_url(obj),
        "preview": preview,
        "names": preview.recipients[:PREVIEW_NAMES],
        "more": max(0, preview.count - PREVIEW_NAMES),
        "confirm": confirm,
    }
    return render(request, "mailings/preview.html", context)


@login_required
@require_POST
def send(request: HttpRequest, kind: str, object_id: int) -> HttpResponse:
    audience, obj = _group(request, kind, object_id)
    form = ConfirmForm(request.POST, audience=audience, obj=obj)
    if form.is_valid():
        with domain_errors(form) as outcome:
            mailing, created = services.send_mailing(
                audience, obj, actor=request.user, **form.cleaned_data
            )
        if outcome.ok:
            if created:
                messages.success(
                    request,
                    _("Die Nachricht wird im Hintergrund an %(n)d Personen gesendet.")
                    % {"n": mailing.recipient_count},
                )
            else:
                messages.info(request, _("Diese Nachricht wurde schon gesendet."))
            return redirect(mailing)
    return _compose_page(request, audience, obj, form, status=422)


@login_required
@require_GET
def mailing_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "mailings.view_mailings")
    sender = request.GET.get("absender", "")
    qs = queries.mailings_visible_to(request.user, sender=sender)
    context = {
        "page_obj": Paginator(qs, 20).get_page(request.GET.get("page")),
        "senders": queries.senders_of(request.user),
        "sender": sender,
    }
    return render(request, "mailings/list.html", context)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    mailing = get_object_or_404(Mailing.objects.annotate(**queries.status_counts()), pk=pk)
    require(request.user, "mailings.view_mailing", mailing)
    page = Paginator(queries.deliveries_of(mailing), 100).get_page(request.GET.get("page"))
    counts = [(label, getattr(mailing, f"n_{value}")) for value, label in Delivery.Status.choices]
    context = {"mailing": mailing, "page_obj": page, "counts": counts}
    return render(request, "mailings/detail.html", context)


@login_required
@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "mailings.view_mailings")
    templates = queries.templates_visible_to(request.user)
    context = {"page_obj": Paginator(templates, 50).get_page(request.GET.get("page"))}
    return render(request, "mailings/templates.html", context)


@login_required
@require_POST
def delete_template(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(Template, pk=pk)
    services.delete_template(template, actor=request.user)
    messages.success(request, _("Die Vorlage ist gelöscht."))
    return redirect("mailings:templates")


@csrf_exempt  # RFC 8058: mail providers POST "List-Unsubscribe=One-Click" without a session
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    _data, name = services.sender_of_token(token)
    done = False
    if request.method == "POST":
        services.opt_out_by_token(token)
        done = True
    context = {"sender_name": name, "done": done, "token": token}
    return render(request, "mailings/unsubscribe.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """Mein Konto → Rundnachrichten: the senders a person opted out of, to take it back."""
    if request.method == "POST":
        opt = get_object_or_404(OptOut, pk=_int(request.POST.get("opt_out")), person=request.user)
        services.opt_in(opt, actor=request.user)
        messages.success(
            request,
            _("Sie erhalten wieder Rundnachrichten von %(name)s.") % {"name": opt.sender_name},
        )
        return redirect("mailings:preferences")
    context = {"opt_outs": list(queries.opt_outs_of(request.user))}
    return render(request, "mailings/preferences.html", context)


def _int(value: str | None) -> int:
    return parse_id(value) or 0
