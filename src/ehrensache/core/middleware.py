"""Request-wide policies of the shared kernel."""

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict

from .errors import Forbidden, NotFound


class PermissionPolicyMiddleware:
    """Pages answer 404 for ``NotFound`` and 403 for ``Forbidden`` raised by
    ``core.permissions.require`` (or a service) anywhere in a view, with the site's error
    pages. The API maps the same errors itself (``api.api``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFound):
            raise Http404(str(exception)) from exception
        if isinstance(exception, Forbidden):
            raise PermissionDenied(str(exception)) from exception
        return None


NUL = "\x00"


def _without_nul(data: QueryDict) -> Any:
    clean = QueryDict(mutable=True)
    for key, values in data.lists():
        clean.setlist(key.replace(NUL, ""), [v.replace(NUL, "") for v in values])
    clean._mutable = False
    return clean


def _has_nul(data: QueryDict) -> bool:
    return any(NUL in key or any(NUL in v for v in values) for key, values in data.lists())


class NulCharacterMiddleware:
    """Removes NUL characters from query strings and form posts before any view reads them.

    No text a person types contains NUL; PostgreSQL refuses it in every string (a search or
    a filter with it would answer 500), and a form would keep it to the next save. The rest
    of the input is kept. Other bodies (JSON, raw mail) are left to their readers.
    """

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        cookies = request.COOKIES
        if any(NUL in name or NUL in value for name, value in cookies.items()):
            # A cookie with NUL is no cookie of ours: the session lookup would answer 500.
            request.COOKIES = {k: v for k, v in cookies.items() if NUL not in k and NUL not in v}
        if NUL in unquote(request.META.get("QUERY_STRING", "")) and _has_nul(request.GET):
            request.GET = _without_nul(request.GET)
        form_post = request.method == "POST" and request.content_type in self.FORM_TYPES
        if form_post and _has_nul(request.POST):
            request.POST = _without_nul(request.POST)
        return self.get_response(request)
