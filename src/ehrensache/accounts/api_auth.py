"""Bearer-token authentication shared by every router that accepts personal API keys
(``Authorization: Bearer es_…``, made on /api-schluessel/), and ``api_reader`` for open
endpoints (anonymous clients are rate limited by ``EHRENSACHE["API_ANON_RATE"]``)."""

import time

from django.conf import settings
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from ehrensache.core.counters import count_in_window
from ehrensache.core.errors import DomainError, Forbidden

from .models import ApiToken
from .two_factor import is_required_for_staff, needs_two_factor_setup


class TokenAuth(HttpBearer):
    """The key's owner becomes ``request.user``. With two-factor authentication required for
    staff, a staff member's key works only once they have set it up: otherwise a key made
    earlier would get around the requirement, which the web pages enforce in middleware."""

    def authenticate(self, request, token):
        found = ApiToken.find_active(token)
        if found is None:
            return None
        if is_required_for_staff() and needs_two_factor_setup(found.user):
            raise Forbidden(_("Bitte richten Sie zuerst die Zwei-Faktor-Anmeldung ein."))
        found.touch()
        request.user = found.user
        return found.user


class RateLimited(DomainError):
    status_code = 429
    code = "rate_limited"


def _parse_rate(rate: str) -> tuple[int, int]:
    count, _slash, unit = (rate or "120/m").partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}.get(unit[:1], 60)
    return max(1, int(count)), seconds


def optional_user(request):
    """The token's user if a valid bearer token came along, else None."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return TokenAuth().authenticate(request, header[7:].strip())
    return None


def throttle_anonymous(request) -> None:
    """Fixed-window limit per client IP in the cache; raises 429 when exceeded."""
    limit, window = _parse_rate(settings.EHRENSACHE.get("API_ANON_RATE", "120/m"))
    ip = request.META.get("REMOTE_ADDR", "unknown")
    used = count_in_window(f"api-anon:{ip}:{int(time.time() // window)}", window=window)
    if used > limit:
        raise RateLimited(
            _(
                "Zu viele Anfragen. Bitte warten Sie einen Moment oder nutzen Sie einen API-Schlüssel."
            )
        )


def api_reader(request):
    """For endpoints anyone may read: the key's owner, or None for anonymous clients, who are
    rate limited."""
    user = optional_user(request)
    if user is None:
        throttle_anonymous(request)
    return user
