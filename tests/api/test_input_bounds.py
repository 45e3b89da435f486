"""The API's input, by class: every integer and date a client sends is bounded, NUL characters
and malformed bodies answer 422, ``null`` is refused where a value is required, and every
error has the shape of ``ErrorOut``. The fuzz test (test_fuzz.py) finds what these miss."""

import datetime as dt
import types
import typing

import pytest
from pydantic import BaseModel

import ehrensache.api.api  # noqa: F401 (mounts the routers)
from ehrensache.core.bounds import MAX_INTEGER
from tests.factories import OpportunityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _all_operations():
    from ehrensache.core.registry import app_module, project_apps

    for config in project_apps():
        module = app_module(config, "api")
        if module is None or not hasattr(module, "router"):
            continue
        routers = [module.router] + [
            getattr(module, name) for name in getattr(config, "api_routers", {}).values()
        ]
        for router in routers:
            for path, view in router.path_operations.items():
                for operation in view.operations:
                    yield f"{config.label} {operation.methods} {path}", operation


def _kinds(annotation, metadata=()):
    """(type, constraints) for each type inside Optional / list / Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        expanded = [c for item in extra for c in getattr(item, "metadata", [item])]
        yield from _kinds(inner, (*metadata, *expanded))
    elif origin in (typing.Union, types.UnionType, list, tuple, set):
        for arg in typing.get_args(annotation):
            yield from _kinds(arg, metadata)
    else:
        yield annotation, metadata


def _int_bounded(metadata) -> bool:
    low = high = None
    for item in metadata:
        low = getattr(item, "ge", getattr(item, "gt", low))
        high = getattr(item, "le", getattr(item, "lt", high))
    return low is not None and high is not None and low >= -MAX_INTEGER and high <= MAX_INTEGER


def _date_checked(metadata) -> bool:
    return any(
        getattr(getattr(item, "func", None), "__name__", "") == "_check_api_date"
        for item in metadata
    )


def _unbounded_fields(model, prefix="", seen=None):
    seen = seen if seen is not None else set()
    if model in seen:
        return
    seen.add(model)
    for name, field in model.model_fields.items():
        for kind, metadata in _kinds(field.annotation, tuple(field.metadata)):
            where = f"{prefix}{name}"
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                yield from _unbounded_fields(kind, f"{where}.", seen)
            elif kind is int and not _int_bounded(metadata):
                yield f"{where}: int without ge/le within MAX_INTEGER"
            elif kind in (dt.date, dt.datetime) and not _date_checked(metadata):
                yield f"{where}: date without BoundedDate/BoundedDateTime"


def test_every_integer_and_date_of_api_input_is_bounded():
    problems = [
        f"{label}: {problem}"
        for label, operation in _all_operations()
        for model in operation.models
        for problem in _unbounded_fields(model)
    ]
    assert problems == []


def _bearer(user):
    from ehrensache.accounts.models import ApiToken

    _token, secret = ApiToken.issue(user=user, name="Test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _is_error(response, status):
    body = response.json()
    assert response.status_code == status, body
    assert response["Content-Type"].startswith("application/json")
    assert {"detail", "code", "errors"} <= set(body)
    return body


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/opportunities?page=99999999999999999999",
        "/api/v1/organizations?page=99999999999999999999",
        "/api/v1/agencies?page=99999999999999999999",
        "/api/v1/courses?offset=99999999999999999999",
        "/api/v1/guide/episodes?page=99999999999999999999",
        "/api/v1/opportunities/99999999999999999999",
        "/api/v1/courses/99999999999999999999",
        "/api/v1/opportunities/abc",
        "/api/v1/courses?date_from=9999-12-31",
        "/api/v1/organizations/a%00b",
        "/api/v1/regions/postal-codes/3503%007",
    ],
)
def test_out_of_bounds_and_nul_answer_422(client, url):
    assert _is_error(client.get(url), 422)["code"] == "invalid"


def test_nul_in_a_query_string_is_removed_before_the_api_reads_it(client):
    """core.middleware.NulCharacterMiddleware, for pages and API alike."""
    response = client.get("/api/v1/opportunities?q=Lese%00paten")
    assert response.status_code == 200


def test_a_session_cookie_with_nul_is_no_session(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    assert _is_error(client.get("/api/v1/messaging/threads"), 401)["code"] == "unauthorized"


def test_engagement_lists_bound_limit_and_offset(client, volunteer):
    client.force_login(volunteer)
    _is_error(client.get("/api/v1/engagements/?offset=99999999999999999999"), 422)
    _is_error(client.get("/api/v1/engagements/?limit=1000"), 422)
    assert client.get("/api/v1/engagements/?limit=100&offset=5").status_code == 200


def test_nul_in_a_json_body_is_422(client, coordinator, organization):
    opportunity = OpportunityFactory(organization=organization)
    response = client.patch(
        f"/api/v1/opportunities/{opportunity.pk}",
        {"title": "Lese\x00paten"},
        content_type="application/json",
        **_bearer(coordinator),
    )
    _is_error(response, 422)


def test_a_body_that_is_not_json_is_422(client, coordinator, organization):
    opportunity = OpportunityFactory(organization=organization)
    response = client.patch(
        f"/api/v1/opportunities/{opportunity.pk}",
        "{title",
        content_type="application/json",
        **_bearer(coordinator),
    )
    _is_error(response, 422)


@pytest.mark.parametrize("field", ["title", "description", "field", "expires_on", "on_site"])
def test_patch_refuses_null_for_required_fields(client, coordinator, organization, field):
    opportunity = OpportunityFactory(organization=organization)
    response = client.patch(
        f"/api/v1/opportunities/{opportunity.pk}",
        {field: None},
        content_type="application/json",
        **_bearer(coordinator),
    )
    assert _is_error(response, 422)["errors"][0]["field"].endswith(field)
    opportunity.refresh_from_db()
    assert opportunity.expires_on is not None


def test_patch_may_empty_hours_per_week(client, coordinator, organization):
    opportunity = OpportunityFactory(organization=organization, hours_per_week=3)
    response = client.patch(
        f"/api/v1/opportunities/{opportunity.pk}",
        {"hours_per_week": None},
        content_type="application/json",
        **_bearer(coordinator),
    )
    assert response.status_code == 200
    assert response.json()["hours_per_week"] is None


def test_ninja_refusals_have_the_error_shape(client, volunteer):
    assert _is_error(client.get("/api/v1/engagements/"), 401)["code"] == "unauthorized"
    assert _is_error(client.get("/api/v1/guide/episodes/4711"), 404)["code"] == "not_found"
    client.force_login(volunteer)
    csrf_client = type(client)(enforce_csrf_checks=True)
    csrf_client.force_login(volunteer)
    response = csrf_client.post("/api/v1/shifts/1/signup")
    assert _is_error(response, 403)["code"] == "forbidden"
