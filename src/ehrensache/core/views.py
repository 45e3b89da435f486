from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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
def healthz(request):
    """200 when the database answers, 503 when not; for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
