from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ehrensache.core.errors import NotFound
from ehrensache.core.outcomes import domain_errors
from ehrensache.core.personal_data import export_filename, export_json

from .dashboard import SECTIONS
from .forms import DeleteAccountForm, ProfileForm
from .invitations import InvitationKind, invitation_kind
from .models import PersonInvitation
from .queries import memberships_of
from .roles import roles_of
from .services import (
    accept_person_invitation,
    delete_account,
    find_person_invitation,
    invited_object,
    require_invited,
    revoke_person_invitation,
    update_profile,
)
from .two_factor import has_two_factor, is_required_for_staff, is_staff_member


def _set_language(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """Mein Konto: profile basics, language, e-mail/password, roles, my data (the work
    itself is on the workspaces' dashboards)."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = update_profile(request.user, **form.cleaned_data)
        translation.activate(user.preferred_language)
        messages.success(request, _("Ihre Angaben sind gespeichert."))
        return _set_language(redirect("accounts:profile"), user.preferred_language)
    two_factor_active = has_two_factor(request.user)
    context = {
        "form": form,
        "roles": roles_of(request.user),
        "memberships": memberships_of(request.user),
        "sections": SECTIONS,
        "two_factor_active": two_factor_active,
        "two_factor_needed": not two_factor_active and is_staff_member(request.user),
        "two_factor_required": is_required_for_staff(),
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_http_methods(["GET"])
def export(request):
    """Meine Daten herunterladen: one JSON file with everything held about the person."""
    response = HttpResponse(export_json(request.user), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(request.user)}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    """Delete my account, after confirming with the password."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with domain_errors(request) as outcome:
            delete_account(request.user)
        if not outcome.ok:
            return redirect("accounts:delete")
        logout(request)
        messages.success(request, _("Ihr Konto ist gelöscht. Danke, dass Sie dabei waren."))
        return redirect("core:home")
    context = {"form": form, "privacy_url": reverse("core:page", args=["datenschutz"])}
    return render(request, "accounts/delete.html", context)


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """An invitation to join something (``PersonInvitation``). Only the person it went to,
    signed in with that address, sees what it is about and accepts it; anyone else is asked
    to sign in or create an account (the link survives both) and learns nothing more."""
    try:
        invitation = find_person_invitation(token)
    except NotFound as exc:
        return render(request, "accounts/invitation.html", {"error": str(exc)}, status=404)
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect(f"{reverse('account_login')}?next={request.path}")
        return render(request, "accounts/invitation.html", {"next": request.path})
    require_invited(request.user, invitation)
    if request.method == "POST":
        try:
            url = accept_person_invitation(token, user=request.user)
        except NotFound as exc:
            return render(request, "accounts/invitation.html", {"error": str(exc)}, status=404)
        messages.success(request, _("Sie haben die Einladung angenommen. Willkommen!"))
        return redirect(url)
    context = {
        "invitation": invitation,
        "about": _kind_of(invitation).describe(invited_object(invitation)),
    }
    return render(request, "accounts/invitation.html", context)


@login_required
@require_http_methods(["POST"])
def invitation_revoke(request, pk):
    """Staff withdraw an open invitation (the permission of its kind, on its object)."""
    invitation = get_object_or_404(PersonInvitation, pk=pk)
    revoke_person_invitation(invitation, actor=request.user)
    messages.success(request, _("Die Einladung ist zurückgezogen."))
    return redirect(_kind_of(invitation).url(invited_object(invitation)))


def _kind_of(invitation: PersonInvitation) -> InvitationKind:
    kind = invitation_kind(invitation.kind)
    if kind is None:  # a kind no app registers any more
        raise NotFound(_("Diese Einladung ist nicht (mehr) gültig."))
    return kind
