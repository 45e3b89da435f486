"""The one NinjaAPI object. Each app contributes a router from its own ``api.py``, mounted
at its ``AppConfig.api_prefix``."""

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

from ehrensache.core.errors import DomainError
from ehrensache.core.registry import app_module, project_apps

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


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = [
        {
            "field": ".".join(str(part) for part in err.get("loc", [])[1:]) or None,
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
        api.add_router(prefix, module.router)
        for extra_prefix, name in getattr(config, "api_routers", {}).items():
            api.add_router(extra_prefix, getattr(module, name))


_mount_routers()
