"""Request-wide policies of the shared kernel."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

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
