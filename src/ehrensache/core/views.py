from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import calendars
from .pages import PAGES


def home(request):
    return render(request, "core/home.html")


def page(request, slug):
    """Static information pages (Impressum, Datenschutz, …)."""
    if slug not in PAGES:
        raise Http404
    return render(request, f"core/pages/{slug}.html", {"page_title": PAGES[slug]})


@never_cache
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and crawlers ask for /favicon.ico whatever the page says: the site's icon."""
    return redirect(static("core/favicon.svg"))


def healthz(request):
    """200 when the database answers, 503 when not; for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@never_cache  # the page may carry the secret address: not for any cache
@login_required
@require_http_methods(["GET", "POST"])
def my_calendar(request):
    """The personal calendar feed: POST makes a new address and shows it this one time."""
    feed_url = webcal_url = None
    if request.method == "POST":
        token = calendars.renew_calendar_feed(request.user)
        feed_url = request.build_absolute_uri(reverse("core:calendar_feed", args=[token]))
        webcal_url = "webcal://" + feed_url.split("://", 1)[1]
    context = {
        "feed_url": feed_url,
        "webcal_url": webcal_url,
        "status": calendars.feed_status(request.user),
    }
    return render(request, "core/my_calendar.html", context)


@require_GET
def calendar_feed(request, token):
    """``/kalender/<token>.ics`` (and the older ``/kurse/…``, ``/dienste/…`` addresses)."""
    feed = calendars.feed_for_token(token)
    if feed is None:
        raise Http404
    response = HttpResponse(
        calendars.feed_calendar(feed), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=300"
    return response
