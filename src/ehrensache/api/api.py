"""The one NinjaAPI object. Each app contributes a router from its own ``api.py``, mounted
at its ``AppConfig.api_prefix``."""

import json
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router
from ninja.constants import NOT_SET
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.operation import Operation

from ehrensache.core.errors import DomainError
from ehrensache.core.registry import app_module, project_apps
from ehrensache.core.schemas import ErrorOut

api = NinjaAPI(
    title="Ehrensache API",
    version="1",
    description=(
        "Offene Schnittstelle von Ehrensache: Regionen, Anlaufstellen, Engagementangebote, Kurse. "
        'Fehler kommen als JSON: {"detail": …, "code": …, "errors": [...]}'
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    errors = [{"field": exc.field, "message": str(exc)}] if exc.field else []
    body = {"detail": str(exc), "code": exc.code, "errors": errors}
    return api.create_response(request, body, status=exc.status_code)


def _error(request, status: int, detail: str, code: str, errors: list | None = None):
    body = {"detail": detail, "code": code, "errors": errors or []}
    return api.create_response(request, body, status=status)


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    return _error(request, 404, _("Das gibt es nicht (mehr)."), "not_found")


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    """ninja's own refusals, in the shape of every other error: no credentials (401), a
    session request without CSRF token (403), a body that is not JSON (422, like any other
    invalid input), too many requests (429)."""
    if isinstance(exc, AuthenticationError):
        detail = _("Bitte melden Sie sich an oder senden Sie einen API-Schlüssel mit.")
        return _error(request, 401, detail, "unauthorized")
    if isinstance(exc, Throttled):
        return _error(
            request, 429, _("Zu viele Anfragen. Bitte warten Sie einen Moment."), "rate_limited"
        )
    if exc.status_code == 400:
        return _error(request, 422, _("Der Inhalt der Anfrage ist kein gültiges JSON."), "invalid")
    if exc.status_code == 403:
        detail = _("Die Anfrage wurde abgelehnt (CSRF-Prüfung). Bitte laden Sie die Seite neu.")
        return _error(request, 403, detail, "forbidden")
    return _error(request, exc.status_code, str(exc), "error")


def _field_of(loc) -> str | None:
    """The parameter's name for query and path (``query.params.weekday.0`` -> ``weekday``),
    the path inside the body (``body.payload.title`` -> ``payload.title``)."""
    parts = [str(part) for part in loc[1:]]
    while parts and parts[-1].isdigit():
        parts.pop()
    if loc and loc[0] != "body":
        parts = parts[-1:]
    return ".".join(parts) or None


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = [
        {
            "field": _field_of(err.get("loc", [])),
            "message": err.get("msg", ""),
            "type": err.get("type", ""),
        }
        for err in exc.errors
    ]
    return api.create_response(
        request,
        {"detail": _("Die Anfrage enthält ungültige Werte."), "code": "invalid", "errors": errors},
        status=422,
    )


def _mount_routers():
    """Each app with an ``api.py`` declares where its ``router`` goes in its AppConfig
    (``api_prefix``; further routers of the module in ``api_routers``: prefix -> name)."""
    for config in project_apps():
        module = app_module(config, "api")
        prefix = getattr(config, "api_prefix", None)
        if module is None or module.__name__ == __name__:  # this module is the mount itself
            continue
        if prefix is None:
            raise ImproperlyConfigured(
                f"{config.name}.api exists but its AppConfig has no api_prefix"
            )
        routers = {prefix: module.router} | {
            extra_prefix: getattr(module, name)
            for extra_prefix, name in getattr(config, "api_routers", {}).items()
        }
        for router_prefix, router in routers.items():
            _document_errors(router)
            api.add_router(router_prefix, router)


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _request_has_nul(request: HttpRequest, path_params: dict) -> bool:
    if _has_nul(path_params) or any(
        _has_nul(key) or _has_nul(request.GET.getlist(key)) for key in request.GET
    ):
        return True
    try:
        body = request.body
    except RawPostDataException:  # a form post, read (and cleaned of NUL) by the middleware
        return False
    if not body:
        return False
    try:
        return _has_nul(json.loads(body))
    except ValueError:  # not JSON: the body's own validation answers (422)
        return False


def refuse_nul_characters(run: Callable) -> Callable:
    """No text may contain the NUL character: PostgreSQL cannot store it, and no person types
    it. Checked once for every operation that reads input, in the path and a JSON body (422);
    ``core.middleware.NulCharacterMiddleware`` has removed it from the query string before."""

    operation = getattr(run, "__self__", None)  # ``run`` is the bound ``Operation.run``
    reads_input = bool(operation is not None and operation.models)

    @wraps(run)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if reads_input and _request_has_nul(request, kwargs):
            return _error(
                request,
                422,
                _("Die Anfrage enthält ein unzulässiges Steuerzeichen (NUL)."),
                "invalid",
                [{"field": None, "message": _("Text darf kein NUL-Zeichen enthalten.")}],
            )
        return run(request, *args, **kwargs)

    return checked


api.add_decorator(refuse_nul_characters, mode="view")


def _template_operations(router: Router) -> Iterator[tuple[Operation, Any]]:
    for path_view in router.path_operations.values():
        for operation in path_view.operations:
            auth = operation.auth_param
            yield operation, (router.auth if auth is NOT_SET else auth)


def _document_errors(router: Router) -> None:
    """Every operation documents the errors any request to it may get: 422 (invalid input,
    a NUL character), 401 and 403 with authentication (no or an unusable key, a session
    without CSRF token, a role that does not allow it), 404 with a path parameter. The
    errors of the domain (409, a 403 of open endpoints, 429) each operation names itself
    (``core.schemas.errors``)."""
    for operation, auth in _template_operations(router):
        sources = {model.__ninja_param_source__ for model in operation.models}
        statuses = [422] if sources else []
        if auth not in (NOT_SET, None):
            statuses += [401, 403]
        if "path" in sources:
            statuses.append(404)
        for status in statuses:
            operation.response_models.setdefault(status, operation._create_response_model(ErrorOut))


_mount_routers()
