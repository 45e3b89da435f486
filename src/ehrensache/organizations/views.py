"""Pages of organizations: registration, public page, profile, team and invitations, and
the confirmation by the responsible agency."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ehrensache.core.errors import NotFound
from ehrensache.core.outcomes import domain_errors
from ehrensache.core.permissions import require
from ehrensache.core.text import parse_id

from . import services
from .forms import CoordinatorInvitationForm, InvitationForm, OrganizationForm, RejectForm
from .models import OrganizationInvitation
from .pages import detail_sections
from .queries import (
    organization_by_slug,
    organization_visible_to,
    organizations_to_review,
    organizations_without_coordinator,
)


@login_required
def register(request):
    form = OrganizationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            organization = services.register_organization(
                actor=request.user, **form.service_values()
            )
        if outcome.ok:
            messages.success(
                request,
                _(
                    "Ihre Einsatzstelle ist registriert. Die zuständige Anlaufstelle prüft sie; "
                    "Sie können schon Angebote anlegen, die nach der Bestätigung öffentlich werden."
                ),
            )
            return redirect(organization)
    return render(request, "organizations/register.html", {"form": form})


def detail(request, slug):
    organization = organization_visible_to(request.user, slug)
    if organization is None:
        raise Http404(_("Diese Einsatzstelle gibt es nicht."))
    context = {"organization": organization, "sections": detail_sections(request, organization)}
    return render(request, "organizations/detail.html", context)


@login_required
def edit(request, slug):
    organization = organization_by_slug(slug)
    require(request.user, "organizations.change_organization", organization)
    form = OrganizationForm(request.POST or None, request.FILES or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            services.update_organization(organization, actor=request.user, **form.service_values())
        if outcome.ok:
            messages.success(request, _("Die Angaben sind gespeichert."))
            return redirect(organization)
    return render(request, "organizations/edit.html", {"form": form, "organization": organization})


@login_required
def team(request, slug):
    organization = organization_by_slug(slug)
    require(request.user, "organizations.manage_team", organization)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and "revoke" in request.POST:
        revoke = request.POST.get("revoke", "")
        invitation = (
            organization.invitations.filter(pk=parse_id(revoke)).first()
            if parse_id(revoke)
            else None
        )
        if invitation is None:
            raise Http404
        services.revoke_invitation(invitation, actor=request.user)
        messages.success(request, _("Die Einladung ist zurückgezogen."))
        return redirect("organizations:team", slug=slug)
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            services.invite_colleague(
                organization, actor=request.user, email=form.cleaned_data["email"]
            )
        if outcome.ok:
            messages.success(
                request,
                _("Die Einladung an %(email)s ist verschickt.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("organizations:team", slug=slug)
    context = {
        "organization": organization,
        "form": form,
        "members": organization.memberships.select_related("user").order_by("user__email"),
        "invitations": organization.invitations.filter(
            accepted_at__isnull=True, revoked_at__isnull=True
        )
        .exclude(kind=OrganizationInvitation.Kind.CLAIM)
        .select_related("invited_by"),
    }
    return render(request, "organizations/team.html", context)


def invitation(request, token):
    """Shows the invitation; signing in is needed to accept (the link survives the login)."""
    try:
        invitation = services.find_invitation(token)
    except NotFound as exc:
        return render(request, "organizations/invitation.html", {"error": str(exc)}, status=404)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={request.path}")
        try:
            services.accept_invitation(token, user=request.user)
        except NotFound as exc:
            return render(request, "organizations/invitation.html", {"error": str(exc)}, status=404)
        welcome = (
            _("Willkommen! Sie koordinieren jetzt %(name)s mit.")
            if invitation.kind == OrganizationInvitation.Kind.COLLEAGUE
            else _(
                "Willkommen! Sie koordinieren jetzt %(name)s. Die Anfragen an die Einsatzstelle "
                "finden Sie in Ihrem Eingang."
            )
        )
        messages.success(request, welcome % {"name": invitation.organization.name})
        return redirect("opportunities:manage")
    return render(
        request,
        "organizations/invitation.html",
        {"invitation": invitation, "login_url": f"{_login_url()}?next={request.path}"},
    )


def _login_url():
    from django.urls import reverse

    return reverse("account_login")


@login_required
def review_list(request):
    require(request.user, "organizations.view_review_list")
    return render(
        request,
        "organizations/review_list.html",
        {"organizations": organizations_to_review(request.user)},
    )


@login_required
def review(request, slug):
    organization = organization_by_slug(slug)
    require(request.user, "organizations.review_organization", organization)
    reject_form = RejectForm(request.POST if "reject" in request.POST else None)
    if request.method == "POST" and "confirm" in request.POST:
        services.confirm_organization(organization, actor=request.user)
        messages.success(request, _("%(name)s ist bestätigt.") % {"name": organization.name})
        return redirect("organizations:review_list")
    if request.method == "POST" and "reject" in request.POST and reject_form.is_valid():
        with domain_errors(reject_form) as outcome:
            services.reject_organization(
                organization, actor=request.user, reason=reject_form.cleaned_data["reason"]
            )
        if outcome.ok:
            messages.success(request, _("%(name)s ist abgelehnt.") % {"name": organization.name})
            return redirect("organizations:review_list")
    members = organization.memberships.select_related("user")
    return render(
        request,
        "organizations/review.html",
        {"organization": organization, "reject_form": reject_form, "members": members},
    )


@login_required
def without_coordinator(request):
    """Agency staff: organizations of their region nobody coordinates (invite one)."""
    require(request.user, "organizations.view_uncoordinated")
    organizations = Paginator(organizations_without_coordinator(request.user), 25)
    return render(
        request,
        "organizations/without_coordinator.html",
        {"page_obj": organizations.get_page(request.GET.get("page"))},
    )


@login_required
def invite_coordinator(request, slug):
    """Agency staff invite a coordinator for an organization of their region."""
    organization = organization_by_slug(slug)
    require(request.user, "organizations.assign_coordinator", organization)
    form = CoordinatorInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            services.invite_coordinator(
                organization, actor=request.user, email=form.cleaned_data["email"]
            )
        if outcome.ok:
            # The same answer whatever is behind the address (account or not, invited before).
            messages.success(
                request,
                _("Die Einladung an %(email)s ist verschickt.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("organizations:without_coordinator")
    members = organization.memberships.filter(user__is_active=True).count()
    return render(
        request,
        "organizations/invite_coordinator.html",
        {"organization": organization, "form": form, "has_members": members > 0},
    )
