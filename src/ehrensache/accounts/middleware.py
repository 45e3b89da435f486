from django.utils import translation


class UserLanguageMiddleware:
    """Signed-in people get the language they chose in their account, unless they just switched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        from django.conf import settings

        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.preferred_language
        ):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


class StaffMFAMiddleware:
    """With ``EHRENSACHE["REQUIRE_MFA_FOR_STAFF"]`` on, staff without two-factor
    authentication are sent to its set-up page before any other page (API calls get a 403).

    Costs nothing while the setting is off; otherwise ``roles_of`` (cached per request) and,
    for staff, one query for their authenticators.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.contrib import messages
        from django.http import JsonResponse
        from django.shortcuts import redirect
        from django.urls import reverse
        from django.utils.translation import gettext as _
        from django_htmx.http import HttpResponseClientRedirect

        from .two_factor import is_exempt, is_required_for_staff, needs_two_factor_setup

        if not is_required_for_staff():
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or is_exempt(request.resolver_match):
            return None
        if not needs_two_factor_setup(user):
            return None
        text = _("Bitte richten Sie zuerst die Zwei-Faktor-Anmeldung ein.")
        if request.resolver_match.namespace == "api":
            return JsonResponse({"detail": text, "code": "mfa_required", "errors": []}, status=403)
        messages.warning(request, text, fail_silently=True)
        url = reverse("mfa_activate_totp")
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return redirect(url)
