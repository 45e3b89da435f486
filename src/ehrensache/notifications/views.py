from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ehrensache.core.outcomes import domain_errors

from .forms import PreferencesForm
from .services import preferences_of, save_preferences


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """Benachrichtigungen: per kind mail, daily digest or off."""
    form = PreferencesForm(request.POST or None, preferences=preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            save_preferences(request.user, choices=form.choices())
        if outcome.ok:
            messages.success(request, _("Ihre Einstellungen sind gespeichert."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
