"""Bearer-token authentication shared by every router that accepts personal API keys
(``Authorization: Bearer es_…``, made on /api-schluessel/)."""

from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from ehrensache.accounts.two_factor import is_required_for_staff, needs_two_factor_setup
from ehrensache.core.errors import Forbidden
from ehrensache.opportunities.models import ApiToken


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
