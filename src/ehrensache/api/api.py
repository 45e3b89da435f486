"""The one NinjaAPI object. Each app contributes a router from its own ``api.py``."""

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

from ehrensache.core.errors import DomainError

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
    """Routers live in each app's api.py; add yours here."""
    from importlib import import_module

    for app, prefix in [
        ("regions", "/regions/"),
        ("agencies", "/agencies"),
        ("courses", "/courses"),
        ("brokering", "/brokering"),
        ("engagements", "/engagements"),
        ("recognition", "/recognition"),
        ("shifts", "/shifts"),
        ("opportunities", "/opportunities"),
        ("organizations", "/organizations"),
        ("guide", "/guide"),
    ]:
        module = import_module(f"ehrensache.{app}.api")
        api.add_router(prefix, module.router)
    api.add_router("/fields", import_module("ehrensache.opportunities.api").fields_router)


_mount_routers()
