from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ehrensache.core.permissions import require

from .queries import entries_about, history_of
from .registry import history_permission

PER_PAGE = 25


@login_required
@require_GET
def my_history(request: HttpRequest) -> HttpResponse:
    """Mein Konto → Verlauf: what was done with the person's own records, by whom."""
    require(request.user, "audit.view_own_history")
    page = Paginator(entries_about(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/mine.html", {"page_obj": page})


@login_required
@require_GET
def object_history(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    """The whole history of one record, for the staff who may read it."""
    if history_permission(model) is None:
        raise Http404
    obj = get_object_or_404(apps.get_model(model), pk=pk)
    require(request.user, "audit.view_history", obj)
    page = Paginator(history_of(obj), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/object.html", {"object": obj, "page_obj": page})
