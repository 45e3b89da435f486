from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from ehrensache.core.errors import DomainError, InvalidInput
from ehrensache.core.exports import export_response, requested_format
from ehrensache.core.outcomes import domain_errors
from ehrensache.core.pdf import pdf_response, render_pdf
from ehrensache.core.permissions import require
from ehrensache.core.text import parse_id
from ehrensache.organizations.models import Organization
from ehrensache.organizations.queries import coordinated_by

from . import exports, forms, programmes, queries, services
from .dated import MissingRule, euro, rule_value
from .models import (
    AllowancePayment,
    Engagement,
    HoursEntry,
    OnboardingCheck,
    OnboardingItem,
    RecordCheck,
    RuleKey,
)

PAGE_SIZE = 25


def _engagement(request, pk, *, manage=False) -> Engagement:
    """The engagement if the user may see it (404 otherwise); with ``manage`` also
    ``engagements.manage_engagement`` (403 otherwise)."""
    engagement = get_object_or_404(
        queries.engagements_visible_to(request.user).select_related(
            "schooling_confirmed_by", "age_confirmed_by"
        ),
        pk=pk,
    )
    if manage:
        require(request.user, "engagements.manage_engagement", engagement)
    return engagement


def _year(request) -> int:
    try:
        year = int(request.GET.get("jahr", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _allowance_rows(user, year: int) -> list[dict]:
    """The person's own allowance totals of the year (booked here plus what they stated from
    other payers), with the tax-free limit of that year."""
    booked = {
        r["kind"]: r["total"] for r in queries.allowance_totals_for_volunteer(user, year=year)
    }
    stated = {
        kind: services.other_allowance_cents(user, kind=kind, year=year)
        for kind in AllowancePayment.Kind.values
    }
    rows = []
    for kind in sorted(AllowancePayment.Kind.values):
        total = booked.get(kind, 0) + stated[kind]
        if not total:
            continue
        try:
            limit = rule_value(services.LIMIT_RULE[kind], on=services.date_for_year(year))
        except DomainError:
            limit = None
        rows.append(
            {
                "kind": kind,
                "total": euro(total),
                "stated": euro(stated[kind]) if stated[kind] else "",
                "limit": euro(limit) if limit is not None else "",
                "over": limit is not None and total > limit,
            }
        )
    return rows


def _other_allowances_form(user, year: int, data=None):
    if year not in services.other_allowance_years(timezone.localdate()):
        return None
    initial = {
        "year": year,
        **{
            kind: (
                Decimal(services.other_allowance_cents(user, kind=kind, year=year)) / 100 or None
            )
            for kind in AllowancePayment.Kind.values
        },
    }
    return forms.OtherAllowancesForm(data, initial=initial)


# --- Volunteer --------------------------------------------------------------------------------


@login_required
def mine(request):
    year = _year(request)
    return render(request, "engagements/mine.html", _mine_context(request.user, year))


def _mine_context(user, year: int, other_allowances_form=None) -> dict:
    return {
        "engagements": list(queries.engagements_of_volunteer(user)),
        "summary": queries.hours_summary(user, year=year),
        "allowances": _allowance_rows(user, year),
        "other_allowances_form": other_allowances_form or _other_allowances_form(user, year),
        "year": year,
        "years": [year - 1, year + 1],
    }


@login_required
@require_POST
def other_allowances(request):
    """The volunteer states allowances from other payers for one year (for the limit)."""
    form = forms.OtherAllowancesForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with domain_errors(form) as outcome:
            services.state_other_allowances(
                request.user,
                year=data["year"],
                amounts={
                    kind: form.fields[kind].to_cents(data[kind])
                    for kind in AllowancePayment.Kind.values
                },
                actor=request.user,
            )
        if outcome.ok:
            messages.success(request, _("Ihre Angabe ist gespeichert."))
            return redirect(f"{reverse('engagements:mine')}?jahr={data['year']}")
    year = form.cleaned_data.get("year") or timezone.localdate().year
    context = _mine_context(request.user, year, other_allowances_form=form)
    return render(request, "engagements/mine.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def log_hours(request):
    """The quick form (phone first): for one of my running engagements."""
    engagements = queries.engagements_of_volunteer(request.user).filter(
        status__in=[Engagement.Status.ACTIVE, Engagement.Status.PLANNED]
    )
    form = forms.HoursForm(request.POST or None, engagements=engagements)
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            services.log_hours(
                form.cleaned_data["engagement"],
                date=form.cleaned_data["date"],
                minutes=form.cleaned_data["duration"],
                activity=form.cleaned_data["activity"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        if outcome.ok:
            messages.success(request, _("Ihre Stunden sind eingetragen."))
            return redirect("engagements:mine")
    return render(
        request,
        "engagements/log_hours.html",
        {"form": form, "has_engagements": engagements.exists()},
    )


@login_required
@require_POST
def delete_hours(request, pk):
    entry = get_object_or_404(queries.hours_visible_to(request.user), pk=pk)
    with domain_errors(request) as outcome:
        services.delete_hours(entry, actor=request.user)
    if outcome.ok:
        messages.success(request, _("Der Eintrag wurde gelöscht."))
    return redirect(entry.engagement)


# --- Coordinator ----------------------------------------------------------------------------


@login_required
def manage(request):
    require(request.user, "engagements.view_coordination")
    qs = queries.engagements_managed_by(request.user)
    status = request.GET.get("status", "")
    if status in Engagement.Status.values:
        qs = qs.filter(status=status)
    qs = qs.order_by("-start", "-pk")
    if fmt := requested_format(request):
        return export_response(fmt, exports.ENGAGEMENTS, qs)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("seite"))
    organizations = coordinated_by(request.user)
    return render(
        request,
        "engagements/manage.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": Engagement.Status.choices,
            "organizations": organizations,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    require(request.user, "engagements.view_coordination")
    interest = None
    if interest_id := request.GET.get("interesse") or request.POST.get("interest"):
        from ehrensache.brokering.models import Interest

        interest = get_object_or_404(
            Interest.objects.select_related("opportunity__organization", "volunteer"),
            pk=parse_id(interest_id) or 0,
        )
        require(request.user, "brokering.manage_interest", interest)
        organization = interest.opportunity.organization
    else:
        org_id = request.GET.get("einsatzstelle") or request.POST.get("organization")
        if parse_id(org_id):
            organization = get_object_or_404(Organization, pk=parse_id(org_id))
            require(request.user, "engagements.manage_organization", organization)
        else:
            organization = coordinated_by(request.user).first()
    form = forms.StartEngagementForm(
        request.POST or None, organization=organization, interest=interest
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with domain_errors(form) as outcome:
            engagement = services.start_engagement(
                organization,
                volunteer=getattr(form, "volunteer", None),
                interest=interest,
                opportunity=data["opportunity"],
                role=data["role"],
                tasks=data["tasks"],
                start=data["start"],
                end=data["end"],
                programme=data["programme"],
                weekly_hours=data["weekly_hours"],
                pocket_money_cents=form.fields["pocket_money"].to_cents(data["pocket_money"]),
                coordinator=data["coordinator"],
                requires_record_check=data["requires_record_check"],
                compulsory_schooling_completed=data["compulsory_schooling"],
                age_confirmed=data["age_confirmed"],
                extended_service_confirmed=data["extended_service"],
                bfd_over_27=data["bfd_over_27"],
                actor=request.user,
            )
        if outcome.ok:
            messages.success(request, _("Das Engagement ist angelegt."))
            return redirect(engagement)
    return render(
        request,
        "engagements/start.html",
        {"form": form, "organization": organization, "interest": interest},
    )


def _detail_context(request, engagement, **forms_):
    can_manage = request.user.has_perm("engagements.manage_engagement", engagement)
    today = timezone.localdate()
    record_check = RecordCheck.objects.filter(engagement=engagement).first()
    hours = Paginator(
        engagement.hours_entries.select_related("verified_by").order_by("-date", "-pk"), PAGE_SIZE
    ).get_page(request.GET.get("seite"))
    context = {
        "engagement": engagement,
        "can_manage": can_manage,
        "is_volunteer": engagement.volunteer_id == request.user.pk,
        "checks": list(engagement.onboarding_checks.select_related("done_by")),
        "record_check": record_check,
        "record_check_due": services.record_check_due_on(record_check, engagement.organization)
        if record_check
        else None,
        "record_check_deletion": services.record_check_deletion_due_on(engagement)
        if record_check
        else None,
        "hours_page": hours,
        "allowances": list(engagement.allowance_payments.all()),
        "status": programmes.programme_status(engagement, today=today),
        "seminar_days": list(engagement.seminar_days.all()),
        "supervisions": list(engagement.supervision_meetings.all()[:10]),
        "today": today,
        "tick_form": forms.TickForm(initial={"done_on": today}),
        "step_form": forms_.pop("step_form", forms.AddStepForm()),
        "hours_form": forms_.pop(
            "hours_form",
            forms.HoursForm(engagements=Engagement.objects.filter(pk=engagement.pk)),
        ),
    }
    if can_manage:
        context.update(
            confirmations=programmes.start_confirmations(engagement),
            record_form=forms_.pop("record_form", forms.RecordCheckForm()),
            allowance_form=forms_.pop("allowance_form", forms.AllowanceForm()),
            end_form=forms_.pop("end_form", forms.EndForm(initial={"end": today})),
            seminar_form=forms_.pop("seminar_form", forms.SeminarDayForm()),
            supervision_form=forms_.pop("supervision_form", forms.SupervisionForm()),
            training_form=forms_.pop("training_form", forms.TrainingRecordForm()),
        )
    context.update(forms_)
    return context


@login_required
def detail(request, pk):
    engagement = _engagement(request, pk)
    return render(request, "engagements/detail.html", _detail_context(request, engagement))


def _post_form(request, pk, form_class, form_name, action, success, *, manage=True, status=200):
    """Shared POST handling for the detail page's small forms: errors re-render the page."""
    engagement = _engagement(request, pk, manage=manage)
    form = form_class(request.POST)
    if form.is_valid():
        with domain_errors(form) as outcome:
            result = action(engagement, form.cleaned_data)
        if outcome.ok:
            for warning in getattr(result, "warnings", []) or []:
                messages.warning(request, warning)
            messages.success(request, success)
            return redirect(engagement)
    context = _detail_context(request, engagement, **{form_name: form})
    return render(request, "engagements/detail.html", context, status=422)


@login_required
@require_POST
def record_check(request, pk):
    return _post_form(
        request,
        pk,
        forms.RecordCheckForm,
        "record_form",
        lambda e, d: services.record_certificate_inspection(
            e,
            issued_on=d["issued_on"],
            inspected_on=d["inspected_on"],
            relevant_entry=d["relevant_entry"],
            actor=request.user,
        ),
        _("Die Einsicht in das Führungszeugnis ist vermerkt."),
    )


@login_required
@require_POST
def add_allowance(request, pk):
    return _post_form(
        request,
        pk,
        forms.AllowanceForm,
        "allowance_form",
        lambda e, d: services.record_allowance(
            e,
            kind=d["kind"],
            activity=d["activity"],
            amount_cents=forms.EuroField().to_cents(d["amount"]),
            paid_on=d["paid_on"],
            shared=d["shared"],
            actor=request.user,
        ),
        _("Die Zahlung ist gebucht."),
    )


@login_required
@require_POST
def engagement_hours(request, pk):
    """Hours for this engagement, by the volunteer or a coordinator for them."""
    engagement = _engagement(request, pk)
    form = forms.HoursForm(request.POST, engagements=Engagement.objects.filter(pk=engagement.pk))
    if form.is_valid():
        with domain_errors(form) as outcome:
            services.log_hours(
                engagement,
                date=form.cleaned_data["date"],
                minutes=form.cleaned_data["duration"],
                activity=form.cleaned_data["activity"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        if outcome.ok:
            messages.success(request, _("Die Stunden sind eingetragen."))
            return redirect(engagement)
    context = _detail_context(request, engagement, hours_form=form)
    return render(request, "engagements/detail.html", context, status=422)


@login_required
@require_POST
def end(request, pk):
    return _post_form(
        request,
        pk,
        forms.EndForm,
        "end_form",
        lambda e, d: services.end_engagement(e, end=d["end"], actor=request.user),
        _("Das Engagement ist beendet."),
    )


@login_required
@require_POST
def not_started(request, pk):
    engagement = _engagement(request, pk, manage=True)
    with domain_errors(request) as outcome:
        services.mark_not_started(engagement, actor=request.user)
    if outcome.ok:
        messages.success(request, _("Vermerkt: Das Engagement wurde nicht angetreten."))
    return redirect(engagement)


@login_required
@require_POST
def seminar_day(request, pk):
    return _post_form(
        request,
        pk,
        forms.SeminarDayForm,
        "seminar_form",
        lambda e, d: services.record_seminar_day(
            e, date=d["date"], title=d["title"], actor=request.user
        ),
        _("Der Seminartag ist erfasst."),
    )


@login_required
@require_POST
def supervision(request, pk):
    return _post_form(
        request,
        pk,
        forms.SupervisionForm,
        "supervision_form",
        lambda e, d: services.record_supervision(
            e, date=d["date"], minutes=d["minutes"], actor=request.user
        ),
        _("Die Supervision ist erfasst."),
    )


@login_required
@require_POST
def training(request, pk):
    return _post_form(
        request,
        pk,
        forms.TrainingRecordForm,
        "training_form",
        lambda e, d: services.record_training(
            e.organization, person=e.volunteer, actor=request.user, **d
        ),
        _("Die Fortbildung ist erfasst."),
    )


@login_required
@require_POST
def add_step(request, pk):
    return _post_form(
        request,
        pk,
        forms.AddStepForm,
        "step_form",
        lambda e, d: services.add_onboarding_check(e, title=d["title"], actor=request.user),
        _("Der Schritt ist ergänzt."),
    )


@login_required
@require_POST
def tick(request, pk, check_pk):
    engagement = _engagement(request, pk, manage=True)
    check = get_object_or_404(OnboardingCheck, pk=check_pk, engagement=engagement)
    form = forms.TickForm(request.POST)
    undo = bool(request.POST.get("undo"))
    with domain_errors(request) as outcome:
        if undo:
            services.untick_onboarding(check, actor=request.user)
        elif not form.is_valid():
            raise InvalidInput(f"{check.title}: " + _("Bitte geben Sie ein gültiges Datum an."))
        else:
            services.tick_onboarding(
                check, done_on=form.cleaned_data["done_on"], actor=request.user
            )
    if outcome.ok:
        messages.success(request, _("„%(step)s“ ist aktualisiert.") % {"step": check.title})
    return redirect(engagement.get_absolute_url() + "#einarbeitung")


@login_required
def certificate_request_pdf(request, pk):
    """Letter confirming the volunteer role, for the free certificate at the Bürgeramt."""
    engagement = _engagement(request, pk, manage=True)
    pdf = render_pdf(
        "engagements/pdf/certificate_request.html",
        {"engagement": engagement, "today": timezone.localdate(), "signer": request.user},
    )
    return pdf_response(pdf, f"bestaetigung-ehrenamt-{engagement.pk}.pdf")


@login_required
def agreement_pdf(request, pk):
    engagement = _engagement(request, pk)
    pdf = render_pdf(
        "engagements/pdf/agreement.html",
        {
            "engagement": engagement,
            "today": timezone.localdate(),
            "pocket_money": euro(engagement.pocket_money_cents)
            if engagement.pocket_money_cents
            else "",
            "checks": list(engagement.onboarding_checks.all()),
        },
    )
    return pdf_response(pdf, f"engagementvereinbarung-{engagement.pk}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Unconfirmed hours of my organizations: confirm single entries or several at once.
    Filtered by state (open, confirmed, all) and year, the list downloads as a file."""
    require(request.user, "engagements.view_coordination")
    state = request.GET.get("stand", "")
    state = state if state in queries.HoursState.CHOICES else queries.HoursState.OPEN
    year = _chosen_year(request.GET.get("jahr"), default=None)
    qs = queries.hours_managed_by(request.user, state=state, year=year)
    if request.method == "POST":
        ids = [i for i in map(parse_id, request.POST.getlist("entry")) if i]
        by_org = defaultdict(list)
        for entry_id, org_id in HoursEntry.objects.filter(pk__in=ids).values_list(
            "pk", "engagement__organization_id"
        ):
            by_org[org_id].append(entry_id)
        with domain_errors(request) as outcome:
            if not by_org:
                raise DomainError(_("Bitte wählen Sie mindestens einen Eintrag."))
            with transaction.atomic():
                done = sum(
                    len(services.verify_hours_bulk(pks, organization_id=org_id, actor=request.user))
                    for org_id, pks in by_org.items()
                )
        if outcome.ok:
            messages.success(request, _("%(n)s Einträge sind bestätigt.") % {"n": done})
        return redirect("engagements:verify")
    if fmt := requested_format(request):
        return export_response(fmt, exports.HOURS, qs)
    page = Paginator(qs, 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "engagements/verify.html",
        {
            "page_obj": page,
            "state": state,
            "states": HOURS_STATES,
            "year": year,
            "years": year_choices(),
            "filtered": state != queries.HoursState.OPEN or year is not None,
        },
    )


HOURS_STATES = [
    (queries.HoursState.OPEN, _lazy("offen")),
    (queries.HoursState.VERIFIED, _lazy("bestätigt")),
    (queries.HoursState.ALL, _lazy("alle")),
]


def year_choices() -> list[int]:
    """The years a coordinator can pick: next year back to fifteen years ago."""
    this_year = timezone.localdate().year
    return list(range(this_year + 1, this_year - 16, -1))


def _chosen_year(raw: str | None, *, default: int | None) -> int | None:
    """A year of ``year_choices`` from the query string, else ``default``."""
    value = parse_id(raw)
    return value if value in year_choices() else default


@login_required
def books(request):
    """Hours and allowances per person of one organization and year, for its books."""
    require(request.user, "engagements.view_coordination")
    organizations = list(coordinated_by(request.user))
    chosen = parse_id(request.GET.get("einsatzstelle"))
    organization = next((o for o in organizations if o.pk == chosen), None)
    if organization is None and chosen is not None:
        organization = get_object_or_404(Organization, pk=chosen)
        require(request.user, "engagements.manage_organization", organization)
    organization = organization or (organizations[0] if organizations else None)
    if organization is None:
        raise Http404
    year = _chosen_year(request.GET.get("jahr"), default=timezone.localdate().year)
    limits = _allowance_limits(year)
    rows = [{**r, **limits} for r in queries.books_of(organization, year=year)]
    if fmt := requested_format(request):
        name = f"{_('Stunden und Pauschalen')} {organization.name} {year}"
        return export_response(fmt, exports.BOOKS, rows, name=name)
    context = {"rows": rows, "organization": organization, "organizations": organizations}
    context["years"] = year_choices()
    return render(request, "engagements/books.html", {**context, "year": year, **limits})


def _allowance_limits(year: int) -> dict[str, int | None]:
    """The yearly tax-free limits valid at the end of ``year`` (dated rules), None if unset."""
    limits: dict[str, int | None] = {}
    for name, key in (
        ("ehrenamt_limit", RuleKey.EHRENAMT_LIMIT),
        ("uebungsleiter_limit", RuleKey.UEBUNGSLEITER_LIMIT),
    ):
        try:
            limits[name] = rule_value(key, on=services.date_for_year(year))
        except MissingRule:
            limits[name] = None
    return limits


@login_required
@require_http_methods(["GET", "POST"])
def checklist(request, org_pk):
    organization = get_object_or_404(Organization, pk=org_pk)
    require(request.user, "engagements.manage_organization", organization)
    template = services.default_onboarding_template(organization)
    form = forms.AddStepForm(request.POST or None)
    if request.method == "POST":
        if remove := request.POST.get("remove"):
            item = get_object_or_404(OnboardingItem, pk=parse_id(remove) or 0, template=template)
            services.remove_onboarding_item(item, actor=request.user)
            messages.success(request, _("Der Schritt ist entfernt."))
            return redirect("engagements:checklist", org_pk=organization.pk)
        if form.is_valid():
            with domain_errors(form) as outcome:
                services.add_onboarding_item(
                    template, title=form.cleaned_data["title"], actor=request.user
                )
            if outcome.ok:
                messages.success(request, _("Der Schritt ist ergänzt."))
                return redirect("engagements:checklist", org_pk=organization.pk)
    return render(
        request,
        "engagements/checklist.html",
        {"organization": organization, "items": list(template.items.all()), "form": form},
    )
