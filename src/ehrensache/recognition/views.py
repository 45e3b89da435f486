import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ehrensache.core.outcomes import domain_errors
from ehrensache.core.pdf import pdf_response, render_pdf
from ehrensache.core.permissions import require
from ehrensache.organizations.models import Organization

from . import eligibility, queries, services
from .forms import CardForm, ECardRuleForm, ProfileForm, ProofRequestForm, ReleaseRequestForm
from .models import Card, ECardRule, EngagementProof, ReleaseRequest


def _overview_context(request, **forms):
    person, today = request.user, timezone.localdate()
    profile = eligibility.profile_of(person)
    rule = eligibility.ecard_rule_for(person, today)
    ecard = eligibility.ecard_eligibility(person, rule, today) if rule else None
    years = [today.year, today.year - 1]
    return {
        "profile": profile,
        "profile_form": forms.get("profile_form")
        or ProfileForm(
            initial={"birth_date": profile.birth_date, "district": profile.district}
            if profile
            else None
        ),
        "card_form": forms.get("card_form") or CardForm(),
        "proof_form": forms.get("proof_form") or ProofRequestForm(person=person),
        "ecard_rule": rule,
        "ecard": ecard,
        "juleica": eligibility.juleica_status(person, today),
        "kompetenz": [(year, eligibility.kompetenz_eligibility(person, year)) for year in years],
        "cards": list(Card.objects.filter(person=person)),
        "proofs": list(queries.proofs_of(person)),
    }


@login_required
@require_GET
def overview(request):
    return render(request, "recognition/overview.html", _overview_context(request))


def _overview_with_errors(request, **forms):
    return render(
        request, "recognition/overview.html", _overview_context(request, **forms), status=422
    )


@login_required
@require_POST
def save_profile(request):
    form = ProfileForm(request.POST, prefix=None)
    if form.is_valid():
        with domain_errors(form) as outcome:
            services.update_recognition_profile(request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("Ihre Angaben sind gespeichert."))
            return redirect("recognition:overview")
    return _overview_with_errors(request, profile_form=form)


@login_required
@require_POST
def record_card(request):
    form = CardForm(request.POST)
    if form.is_valid():
        with domain_errors(form) as outcome:
            services.record_card(request.user, actor=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("Die Karte ist eingetragen."))
            return redirect("recognition:overview")
    return _overview_with_errors(request, card_form=form)


@login_required
@require_POST
def request_proof(request):
    form = ProofRequestForm(request.POST, person=request.user)
    if form.is_valid():
        with domain_errors(form) as outcome:
            services.request_proof(
                form.cleaned_data["engagement"], actor=request.user, note=form.cleaned_data["note"]
            )
        if outcome.ok:
            messages.success(request, _("Ihre Anfrage ist bei der Einsatzstelle."))
            return redirect("recognition:overview")
    return _overview_with_errors(request, proof_form=form)


@login_required
@require_GET
def ecard_application(request):
    today = timezone.localdate()
    rule = eligibility.ecard_rule_for(request.user, today)
    if rule is None:
        messages.error(request, _("Bitte geben Sie zuerst Ihren Wohnort an."))
        return redirect("recognition:overview")
    context = {
        "rule": rule,
        "person": request.user,
        "profile": eligibility.profile_of(request.user),
        "result": eligibility.ecard_eligibility(request.user, rule, today),
        "engagements": eligibility.competences(request.user, today.year)["engagements"],
        "today": today,
    }
    pdf = render_pdf("recognition/pdf/ecard_application.html", context)
    return pdf_response(pdf, "antrag-ehrenamts-card.pdf")


@login_required
@require_GET
def kompetenz_pdf(request, year):
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404
    context = {
        "person": request.user,
        "result": eligibility.kompetenz_eligibility(request.user, year),
        "section": eligibility.competences(request.user, year),
    }
    pdf = render_pdf("recognition/pdf/kompetenz.html", context)
    return pdf_response(pdf, f"kompetenznachweis-{year}.pdf")


@login_required
@require_GET
def proof_pdf(request, pk):
    proof = get_object_or_404(
        queries.proofs_visible_to(request.user), pk=pk, status=EngagementProof.Status.ISSUED
    )
    pdf = render_pdf(
        "recognition/pdf/proof.html", {"proof": proof, "verify_url": _verify_url(request, proof)}
    )
    return pdf_response(pdf, f"engagementnachweis-{proof.verification_code}.pdf")


def _verify_url(request, proof):
    from django.conf import settings
    from django.urls import reverse

    return settings.SITE_URL + reverse("courses:verify", kwargs={"code": proof.verification_code})


def _coordinated(request, slug, perm) -> Organization:
    organization = get_object_or_404(Organization, slug=slug)
    require(request.user, perm, organization)
    return organization


@login_required
@require_GET
def organization_proofs(request, slug):
    organization = _coordinated(request, slug, "recognition.review_proofs")
    page = Paginator(queries.proofs_of_organization(request.user, organization), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "recognition/organization_proofs.html",
        {"organization": organization, "page_obj": page},
    )


def _proof_for_coordinator(request, pk) -> EngagementProof:
    proof = get_object_or_404(EngagementProof.objects.select_related("organization"), pk=pk)
    require(request.user, "recognition.issue_proof", proof)
    return proof


@login_required
@require_POST
def issue_proof(request, pk):
    proof = _proof_for_coordinator(request, pk)
    with domain_errors(request) as outcome:
        services.issue_proof(proof, actor=request.user)
    if outcome.ok:
        messages.success(request, _("Der Engagementnachweis ist ausgestellt."))
    return redirect("recognition:organization_proofs", slug=proof.organization.slug)


@login_required
@require_POST
def decline_proof(request, pk):
    proof = _proof_for_coordinator(request, pk)
    with domain_errors(request) as outcome:
        services.decline_proof(proof, actor=request.user)
    if outcome.ok:
        messages.success(request, _("Die Anfrage ist abgelehnt."))
    return redirect("recognition:organization_proofs", slug=proof.organization.slug)


@login_required
@require_http_methods(["GET", "POST"])
def organization_releases(request, slug):
    organization = _coordinated(request, slug, "recognition.request_release")
    form = ReleaseRequestForm(request.POST or None, organization=organization)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with domain_errors(form) as outcome:
                release = services.create_release_request(
                    organization, actor=request.user, **form.cleaned_data
                )
            if outcome.ok:
                messages.success(request, _("Der Freistellungsantrag ist angelegt."))
                return redirect("recognition:release", pk=release.pk)
        status = 422
    page = Paginator(
        queries.release_requests_of_organization(request.user, organization), 25
    ).get_page(request.GET.get("page"))
    context = {
        "organization": organization,
        "page_obj": page,
        "form": form,
        "year": timezone.localdate().year,
    }
    return render(request, "recognition/organization_releases.html", context, status=status)


def _release(request, pk) -> ReleaseRequest:
    return get_object_or_404(queries.release_requests_visible_to(request.user), pk=pk)


@login_required
@require_GET
def release_detail(request, pk):
    release = _release(request, pk)
    budget = services.release_budget(release.leader, release.first_day.year)
    next_status = services.RELEASE_NEXT.get(release.status)
    context = {
        "release": release,
        "budget": budget,
        "portal_url": services.release_portal_url(release),
        "next_status": next_status,
        "next_label": ReleaseRequest.Status(next_status).label if next_status else None,
        "can_withdraw": release.status not in {"taken", "withdrawn"},
    }
    return render(request, "recognition/release_detail.html", context)


@login_required
@require_POST
def release_status(request, pk):
    release = _release(request, pk)
    with domain_errors(request) as outcome:
        services.advance_release_request(
            release, to_status=request.POST.get("status", ""), actor=request.user
        )
    if outcome.ok:
        messages.success(request, _("Der Status ist geändert."))
    return redirect("recognition:release", pk=release.pk)


@login_required
@require_GET
def release_pdf(request, pk, document):
    release = _release(request, pk)
    templates = {
        "arbeitgeber": "recognition/pdf/release_letter.html",
        "befuerwortung": "recognition/pdf/release_endorsement.html",
    }
    if document not in templates:
        raise Http404
    budget = services.release_budget(release.leader, release.first_day.year)
    context = {
        "release": release,
        "budget": budget,
        "today": timezone.localdate(),
        "notice": release.first_day - dt.timedelta(days=budget["rule"].notice_days),
        "notice_confirmed": budget["rule"].notice_days_confirmed,
    }
    return pdf_response(
        render_pdf(templates[document], context), f"freistellung-{document}-{release.pk}.pdf"
    )


@require_GET
def verify(request, code=None):
    """The old check address: moved for good to the shared ``/verify/<code>/`` page."""
    from django.http import HttpResponsePermanentRedirect
    from django.urls import reverse

    from ehrensache.courses.verification import normalize

    code = normalize(code or request.GET.get("code"))
    if code:
        return HttpResponsePermanentRedirect(reverse("courses:verify", kwargs={"code": code}))
    return HttpResponsePermanentRedirect(reverse("courses:verify_form"))


# --- Network staff: the issuers' E-Card rules ---------------------------------------------


@login_required
@require_GET
def ecard_rules(request):
    """Every issuer's E-Card criteria, newest period first, demo rows marked."""
    require(request.user, "recognition.edit_ecard_rules")
    rows = ECardRule.objects.order_by("issuer_name", "-valid_from")
    return render(request, "recognition/ecard_rules.html", {"rules": rows})


@login_required
@require_http_methods(["GET", "POST"])
def ecard_rule_edit(request, pk=None):
    """Enter an issuer's criteria as a dated row with its source (a new period: a new row)."""
    require(request.user, "recognition.edit_ecard_rules")
    rule = get_object_or_404(ECardRule, pk=pk) if pk else None
    form = ECardRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(
            request,
            _("Die Regel für %(issuer)s ab %(day)s ist gespeichert.")
            % {"issuer": saved.issuer_name, "day": saved.valid_from.strftime("%d.%m.%Y")},
        )
        return redirect("recognition:ecard_rules")
    return render(request, "recognition/ecard_rule_form.html", {"form": form, "rule": rule})
