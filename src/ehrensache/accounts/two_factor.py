"""Two-factor authentication policy on top of ``allauth.mfa`` (TOTP app + recovery codes).

Everybody may switch it on under "Mein Konto". Staff — people who work with other people's
data: agency staff, coordinators, network staff and admins — are asked to: after signing in
they see a notice with a link to the set-up page, and with
``settings.EHRENSACHE["REQUIRE_MFA_FOR_STAFF"]`` on, ``StaffMFAMiddleware`` sends them there
before any other page until it is set up.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .roles import forget_roles
from .rules import has_professional_role

# allauth's URL names that stay reachable while the set-up is due: the set-up itself, signing
# in and out, re-authentication, e-mail confirmation (TOTP needs a verified address).
EXEMPT_URL_NAME_PREFIXES = ("mfa_", "account_")
EXEMPT_VIEWS = {
    ("", "set_language"),
    ("", "healthz"),
    ("", "favicon"),
    ("core", "page"),  # Impressum, Datenschutz, Barrierefreiheit …
    ("accounts", "delete"),
}


def is_staff_member(user) -> bool:
    """Admins (the Django admin) and everybody with a professional role (3 cached queries)."""
    if not (user is not None and user.is_authenticated):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return has_professional_role(user)


def has_two_factor(user) -> bool:
    """An authenticator app (or security key) is active; recovery codes alone do not count."""
    return is_mfa_enabled(user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN])


def needs_two_factor_setup(user) -> bool:
    return is_staff_member(user) and not has_two_factor(user)


def is_required_for_staff() -> bool:
    return bool(settings.EHRENSACHE.get("REQUIRE_MFA_FOR_STAFF", False))


def is_exempt(resolver_match) -> bool:
    """Pages a person who still has to set up two-factor authentication may open."""
    if resolver_match is None:
        return True
    name = resolver_match.url_name or ""
    if name.startswith(EXEMPT_URL_NAME_PREFIXES):
        return True
    return (resolver_match.namespace, name) in EXEMPT_VIEWS


def remind_staff_after_login(sender, request, user, **kwargs):
    """``user_logged_in`` receiver: staff without a second factor get a notice with a link."""
    if request is None:
        return
    had_roles = hasattr(user, "_ehrensache_roles")
    try:
        if not needs_two_factor_setup(user):
            return
    finally:
        if not had_roles:
            forget_roles(user)  # whoever signs in here may get memberships in this request
    if is_required_for_staff():
        text = _(
            "Ihre Rolle erfordert die Zwei-Faktor-Anmeldung. Bitte richten Sie sie jetzt ein: "
            '<a href="{url}">Zwei-Faktor-Anmeldung einrichten</a>.'
        )
    else:
        text = _(
            "Sie arbeiten mit den Daten anderer Menschen. Bitte schützen Sie Ihr Konto mit der "
            'Zwei-Faktor-Anmeldung: <a href="{url}">Zwei-Faktor-Anmeldung einrichten</a>.'
        )
    messages.warning(
        request,
        format_html(text, url=reverse("mfa_activate_totp")),
        fail_silently=True,
    )
