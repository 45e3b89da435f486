from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ehrensache.accounts.queries import open_invitations
from ehrensache.agencies.models import Agency
from ehrensache.core.errors import NotFound
from ehrensache.core.exports import export_response, requested_format
from ehrensache.core.outcomes import domain_errors
from ehrensache.core.permissions import can, require
from ehrensache.core.text import parse_id
from ehrensache.opportunities.models import Opportunity
from ehrensache.organizations.models import Organization
from ehrensache.organizations.queries import coordinated_by

from . import exports, queries, services
from .forms import (
    ConversationForm,
    FollowUpForm,
    InterestForm,
    InviteForm,
    ProfileForm,
    ReferralForm,
    StatusForm,
    SuggestForm,
)
from .models import Interest, VolunteerProfile
from .routing import where_is

PAGE_SIZE = 25


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _int(value):
    return parse_id(value)


# --- Volunteers ---------------------------------------------------------------------------


@login_required
def for_you(request):
    profile = VolunteerProfile.objects.filter(user=request.user).first()
    matches = queries.recommendations_for(profile) if profile else []
    return render(request, "brokering/for_you.html", {"profile": profile, "matches": matches})


@login_required
def profile_edit(request):
    profile = VolunteerProfile.objects.filter(user=request.user).first()
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_from(profile))
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            services.update_profile(request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("Ihr Profil ist gespeichert."))
            return redirect("brokering:for_you")
    return render(request, "brokering/profile_form.html", {"form": form, "profile": profile})


def _public_opportunity(pk):
    return get_object_or_404(
        Opportunity.objects.select_related("organization"),
        pk=pk,
        status=Opportunity.Status.PUBLISHED,
        organization__status=Organization.Status.CONFIRMED,
    )


@login_required
def express_interest(request, opportunity_pk):
    opportunity = _public_opportunity(opportunity_pk)
    existing = Interest.objects.filter(opportunity=opportunity, volunteer=request.user).first()
    form = InterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            interest, created = services.express_interest(
                opportunity, volunteer=request.user, message=form.cleaned_data["message"]
            )
        if outcome.ok:
            if created:
                messages.success(request, _("Danke!") + " " + where_is(interest))
            else:
                messages.info(request, _("Sie haben hier schon Interesse bekundet."))
            return redirect("brokering:interest", pk=interest.pk)
    context = {"opportunity": opportunity, "form": form, "existing": existing}
    return render(request, "brokering/interest_form.html", context)


@login_required
def my_interests(request):
    page = _page(request, queries.interests_of_volunteer(request.user))
    return render(request, "brokering/my_interests.html", {"page_obj": page})


def _engagement_start_url(interest, status) -> str | None:
    """Where "Engagement begonnen" leads a coordinator: the pipeline's start creates the
    engagement (the engagements app sets the status), so the page sends them to its form.
    ``None`` for a guest without an account (an engagement needs one) or when no engagements
    app is installed; the status is then set directly."""
    if status != Interest.Status.STARTED or interest.volunteer_id is None:
        return None
    try:
        return f"{reverse('engagements:start')}?interesse={interest.pk}"
    except NoReverseMatch:
        return None


@login_required
def interest_detail(request, pk):
    interest = queries.interest_for(request.user, pk)
    statuses = services.allowed_statuses(interest, request.user)
    form = StatusForm(request.POST or None, statuses=statuses)
    if request.method == "POST" and form.is_valid():
        if (start_url := _engagement_start_url(interest, form.cleaned_data["status"])) is not None:
            messages.info(
                request,
                _(
                    "Legen Sie jetzt das Engagement an. Danach steht die Anfrage auf "
                    "„Engagement begonnen“."
                ),
            )
            return redirect(start_url)
        with domain_errors(form) as outcome:
            services.change_interest_status(interest, actor=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("Der Status ist geändert."))
            return redirect("brokering:interest", pk=interest.pk)
    manages = can(request.user, "brokering.manage_interest", interest)
    context = {
        "interest": interest,
        "history": queries.history_of(interest),
        "form": form if statuses else None,
        "is_coordinator": manages,
        "where_is": where_is(interest),
        "back": _back_link(request.user, interest),
    }
    return render(request, "brokering/interest_detail.html", context)


def _back_link(user, interest) -> tuple[str, str]:
    if interest.volunteer_id == user.pk:
        return reverse("brokering:my_interests"), _("Zurück zu meinen Anfragen")
    if can(user, "brokering.view_organization_inbox", interest.opportunity.organization):
        return reverse("brokering:inbox"), _("Zurück zum Eingang")
    if interest.agency_id and can(user, "brokering.view_counselling"):
        return reverse("brokering:referrals"), _("Zurück zu den Vermittlungen")
    return reverse("brokering:routed"), _("Zurück zu den Anfragen ohne Koordination")


# --- Coordinators -------------------------------------------------------------------------


@login_required
def inbox(request):
    require(request.user, "brokering.view_inbox")
    organization_id = _int(request.GET.get("organisation"))
    status = request.GET.get("status") if request.GET.get("status") in Interest.Status else None
    qs = queries.inbox_for(request.user, organization_id=organization_id, status=status)
    if fmt := requested_format(request):
        return export_response(fmt, exports.INTERESTS, qs)
    context = {
        "page_obj": _page(request, qs),
        "organizations": coordinated_by(request.user),
        "organization_id": organization_id,
        "status": status,
        "statuses": Interest.Status.choices,
    }
    return render(request, "brokering/inbox.html", context)


def _coordinated_opportunity(request, pk):
    opportunity = get_object_or_404(Opportunity.objects.select_related("organization"), pk=pk)
    require(request.user, "brokering.invite_volunteer", opportunity)
    return opportunity


@login_required
def candidates(request, opportunity_pk):
    opportunity = _coordinated_opportunity(request, opportunity_pk)
    matches = queries.candidates_for(opportunity)
    invited = set(opportunity.invitations.values_list("volunteer_id", flat=True))
    context = {"opportunity": opportunity, "matches": matches, "invited": invited}
    context["form"] = InviteForm()
    return render(request, "brokering/candidates.html", context)


@login_required
@require_POST
def invite(request, opportunity_pk, profile_pk):
    opportunity = _coordinated_opportunity(request, opportunity_pk)
    profile = get_object_or_404(VolunteerProfile, pk=profile_pk, findable=True)
    form = InviteForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    with domain_errors(request) as outcome:
        services.invite_volunteer(
            opportunity, volunteer=profile.user, actor=request.user, message=message
        )
    if outcome.ok:
        messages.success(request, _("Die Einladung ist verschickt."))
    return redirect("brokering:candidates", opportunity_pk=opportunity.pk)


# --- Agencies -----------------------------------------------------------------------------


@login_required
def routed(request):
    """Agency (or network) staff: interests routed to them because nobody coordinates the
    organization; the ones they still hold first."""
    require(request.user, "brokering.view_routed_interests")
    page = _page(request, queries.interests_routed_to(request.user))
    return render(request, "brokering/routed.html", {"page_obj": page})


def _agency(request) -> Agency:
    """The agency the staff member works for (``?agentur=`` when they have several)."""
    require(request.user, "brokering.view_counselling")
    wanted = _int(request.GET.get("agentur") or request.POST.get("agentur"))
    if wanted is None:
        return queries.agencies_staffed_by(request.user).order_by("pk").first()
    agency = Agency.objects.filter(pk=wanted).first()
    if agency is None:
        raise NotFound(_("Diese Anlaufstelle gibt es nicht."))
    require(request.user, "brokering.view_agency_counselling", agency)
    return agency


def _months_back(today: date, n: int) -> date:
    month = today.month - n + 1
    year = today.year
    while month < 1:
        month += 12
        year -= 1
    return date(year, month, 1)


@login_required
def counselling(request):
    agency = _agency(request)
    today = timezone.localdate()
    context = {
        "agency": agency,
        "agencies": queries.agencies_staffed_by(request.user),
        "counts": queries.monthly_counts(agency.pk, since=_months_back(today, 12), until=today),
        "page_obj": _page(
            request, queries.conversations_visible_to(request.user, agency_id=agency.pk)
        ),
        "open_follow_ups": queries.follow_ups_visible_to(request.user, open_only=True)
        .filter(agency=agency)
        .count(),
    }
    return render(request, "brokering/counselling.html", context)


@login_required
def conversation_new(request):
    agency = _agency(request)
    form = ConversationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["invite_email"] = data.pop("volunteer_email")
        with domain_errors(form) as outcome:
            conversation = services.record_conversation(agency, actor=request.user, **data)
        if outcome.ok:
            saved = _("Das Gespräch ist gespeichert.")
            if data["invite_email"]:
                saved = _(
                    "Das Gespräch ist gespeichert. Die Einladung an %(email)s ist verschickt; "
                    "mit dem Konto verbunden wird das Gespräch, sobald die Person annimmt."
                ) % {"email": data["invite_email"]}
            messages.success(request, saved)
            return redirect("brokering:conversation", pk=conversation.pk)
    return render(request, "brokering/conversation_form.html", {"form": form, "agency": agency})


@login_required
def conversation_edit(request, pk):
    conversation = queries.conversation_for(request.user, pk)
    initial = {
        name: getattr(conversation, name)
        for name in ("held_on", "guest_contact", "interests", "wishes", "notes", "outcome")
    }
    form = ConversationForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            services.update_conversation(conversation, actor=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("Das Gespräch ist gespeichert."))
            return redirect("brokering:conversation", pk=conversation.pk)
    context = {"form": form, "agency": conversation.agency, "conversation": conversation}
    return render(request, "brokering/conversation_form.html", context)


@login_required
def conversation_detail(request, pk):
    conversation = queries.conversation_for(request.user, pk)
    search = SuggestForm(request.GET or None)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    context = {
        "conversation": conversation,
        "search": search,
        "suggestions": queries.suggestions_for_conversation(conversation, q=q),
        "referrals": conversation.referrals.select_related(
            "opportunity", "opportunity__organization"
        ),
        "invitations": open_invitations(conversation, kind="brokering.conversation"),
    }
    return render(request, "brokering/conversation_detail.html", context)


@login_required
@require_POST
def refer(request, pk):
    conversation = queries.conversation_for(request.user, pk)
    form = ReferralForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie ein Angebot."))
        return redirect("brokering:conversation", pk=conversation.pk)
    opportunity = Opportunity.objects.filter(pk=form.cleaned_data["opportunity"]).first()
    if opportunity is None:
        raise NotFound(_("Dieses Angebot gibt es nicht."))
    with domain_errors(request) as outcome:
        services.refer_to_opportunity(
            conversation,
            opportunity=opportunity,
            actor=request.user,
            message=form.cleaned_data["message"],
        )
    if outcome.ok:
        messages.success(
            request,
            _("Vermittelt: „%(title)s“ steht jetzt im Eingang der Einsatzstelle.")
            % {"title": opportunity.title},
        )
    return redirect("brokering:conversation", pk=conversation.pk)


@login_required
def referrals(request):
    agency = _agency(request)
    qs = queries.referrals_of_agency(request.user, agency_id=agency.pk)
    return render(
        request, "brokering/referrals.html", {"agency": agency, "page_obj": _page(request, qs)}
    )


@login_required
def follow_ups(request):
    require(request.user, "brokering.view_counselling")
    open_only = request.GET.get("alle") != "1"
    qs = queries.follow_ups_visible_to(request.user, open_only=open_only)
    context = {"page_obj": _page(request, qs), "open_only": open_only, "form": FollowUpForm()}
    return render(request, "brokering/follow_ups.html", context)


@login_required
def follow_up_answer(request, pk):
    follow_up = queries.follow_up_for(request.user, pk)
    form = FollowUpForm(
        request.POST or None, initial={"answer": follow_up.answer, "note": follow_up.note}
    )
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            services.answer_follow_up(follow_up, actor=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("Die Antwort ist gespeichert."))
            return redirect(reverse("brokering:follow_ups"))
    return render(request, "brokering/follow_up_form.html", {"form": form, "follow_up": follow_up})
