"""The role matrix: every page URL and API operation × every role, with the expected answer.

Each app declares its rows in ``tests/<app>/test_role_matrix.py`` as ``MATRIX = {key: row}``:

- pages are keyed by their URL name (``"courses:detail"``) and get a :class:`Page` row with
  the URL kwargs (built from the shared :class:`World`) and the expected outcome per role for
  GET and, where the view takes one, for a POST with an empty (or the given minimal) body;
- API operations are keyed ``"<METHOD> <path>"`` as mounted under /api/v1
  (``"GET /courses/{course_id}"``) and get an :class:`Op` row.

The policy every row follows (docs/DEVELOPING.md, "Role matrix"): anonymous people are sent
to the login page (pages) or get 401 (API) for anything not public; objects a role may not see
answer 404; actions it may not take on an object it sees answer 403; allowed requests answer
200/302 (``OK`` for a POST whose empty form is just re-shown or accepted).

A URL pattern or API operation without a row fails ``tests/test_role_matrix_complete.py``,
which ``make lint`` runs without a database.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any
from unittest import mock

import pytest

ROLES = (
    "anonymous",
    "volunteer",
    "volunteer2",
    "coordinator",
    "other_coordinator",
    "agency_staff",
    "other_agency_staff",
    "network_staff",
    "operator",
)

LOGIN = "login"  # a redirect to the login page
OK = "ok"  # allowed: any 2xx/3xx but the login redirect, or 422 (the empty form is re-shown)

# URL names that are not the platform's own pages, each with the reason.
EXEMPT = {
    "set_language": "Django's language switch (django.conf.urls.i18n): no data, no roles",
}
# Whole URL namespaces / included URLconfs that belong to libraries.
EXEMPT_NAMESPACES = {"admin": "the Django admin: its own permission system (operators)"}
EXEMPT_URLCONF_PREFIXES = {
    "allauth": "django-allauth's login, sign-up and MFA pages: tested by allauth",
    "django.conf.urls.i18n": "Django's language switch",
}


@dataclass(frozen=True)
class Xfail:
    """A cell whose expectation follows the policy but today's code does not (yet)."""

    expected: Any
    reason: str


def xfail(expected, reason: str) -> Xfail:
    return Xfail(expected, reason)


def expect(default, *, anonymous=LOGIN, **roles) -> dict[str, Any]:
    """Expected outcome per role: ``default`` for every signed-in role not named."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles {sorted(unknown)}; roles are {ROLES}")
    return {role: anonymous if role == "anonymous" else roles.get(role, default) for role in ROLES}


def api_expect(default, *, anonymous=401, **roles) -> dict[str, Any]:
    return expect(default, anonymous=anonymous, **roles)


PUBLIC = expect(200, anonymous=200)
SIGNED_IN = expect(200)


@dataclass
class Page:
    """A page URL: how to build its kwargs, and who gets what for GET (and POST)."""

    get: dict[str, Any] | None
    post: dict[str, Any] | None = None
    kwargs: Callable[[World], dict] | None = None
    data: Callable[[World], dict] | dict | None = None
    query: str = ""


@dataclass
class Op:
    """An API operation: path parameters, a minimal body, who gets what."""

    expect: dict[str, Any]
    kwargs: Callable[[World], dict] | None = None
    data: Callable[[World], dict] | dict | None = None
    query: str = ""


# --- Discovery ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str
    app: str
    method: str | None = None  # API operations only
    path: str = ""
    callback: Any = None

    @property
    def accepts_post(self) -> bool:
        """Whether the page view handles POST (its source, decorators included, says so)."""
        view = inspect.unwrap(self.callback)
        try:
            source = inspect.getsource(view)
        except (OSError, TypeError):
            return False
        return '"POST"' in source or "require_POST" in source


def _app_of_module(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "ehrensache" else parts[0]


def _library_urls(resolver) -> bool:
    """An included URLconf that belongs to a library (the admin, allauth, i18n)."""
    urlconf = resolver.urlconf_name
    module = urlconf if isinstance(urlconf, str) else getattr(urlconf, "__name__", "")
    return resolver.namespace in EXEMPT_NAMESPACES or module.startswith(
        tuple(EXEMPT_URLCONF_PREFIXES)
    )


def _walk(patterns, prefix="/", namespace=None):
    """``(route, namespace, pattern)`` for every URL pattern outside the libraries' URLconfs."""
    from django.urls import URLResolver

    for pattern in patterns:
        if not isinstance(pattern, URLResolver):
            yield prefix + str(pattern.pattern), namespace, pattern
        elif not _library_urls(pattern):
            inner = pattern.namespace or namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)


def page_routes() -> dict[str, Route]:
    """Every named page URL pattern of the platform (API operations: :func:`api_routes`)."""
    from django.urls import get_resolver

    found: dict[str, Route] = {}
    unnamed: list[str] = []
    for path, namespace, pattern in _walk(get_resolver().url_patterns):
        module = getattr(pattern.callback, "__module__", "") or ""
        if module.startswith(("ninja.operation", "django.views.static")):
            continue  # API paths (covered operation by operation); media files in DEBUG
        if not pattern.name:
            unnamed.append(path)
            continue
        key = f"{namespace}:{pattern.name}" if namespace else pattern.name
        if key in EXEMPT:
            continue
        if key in found:
            raise AssertionError(f"Two URL patterns are named {key!r}: give each its own name")
        app = namespace or _app_of_module(module)
        found[key] = Route(key=key, app=app, path=path, callback=pattern.callback)
    if unnamed:
        raise AssertionError(f"URL patterns without a name (the matrix needs one): {unnamed}")
    return found


def _plain_path(path: str) -> str:
    """``/courses/{int:course_id}`` → ``/courses/{course_id}`` (the OpenAPI spelling)."""
    return re.sub(r"{\w+:(\w+)}", r"{\1}", path)


def api_routes() -> dict[str, Route]:
    """Every operation of the one NinjaAPI, keyed ``"<METHOD> <path>"``."""
    from ninja.utils import normalize_path

    from ehrensache.api.api import api

    found: dict[str, Route] = {}
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            # As ninja joins them (Router.urls_paths), in the OpenAPI spelling.
            full = _plain_path(normalize_path("/".join(part for part in (prefix, path) if part)))
            for operation in path_view.operations:
                app = _app_of_module(operation.view_func.__module__)
                for method in operation.methods:
                    key = f"{method} {full}"
                    found[key] = Route(key=key, app=app, method=method, path=full)
    return found


def all_routes() -> dict[str, Route]:
    return {**page_routes(), **api_routes()}


def _row_problems(key: str, route: Route, row: Page | Op) -> list[str]:
    found = []
    if route.method is None and not isinstance(row, Page):
        found.append(f"{key}: a page URL needs a Page row")
    if route.method is not None and not isinstance(row, Op):
        found.append(f"{key}: an API operation needs an Op row")
    if isinstance(row, Page):
        if row.get is None and row.post is None:
            found.append(f"{key}: expect something for GET or POST")
        if route.accepts_post and row.post is None:
            found.append(f"{key}: the view takes POST; add post=expect(...)")
    for method, cells in _methods(key, row):
        if set(cells) != set(ROLES):
            found.append(f"{key} {method}: expectations for exactly the roles {ROLES}")
    return found


def problems(app: str, matrix: dict[str, Page | Op]) -> list[str]:
    """What is wrong with ``app``'s matrix: missing rows, rows for no URL, missing POSTs."""
    routes = {key: route for key, route in all_routes().items() if route.app == app}
    found = [
        f"{key} ({routes[key].path}) has no row in tests/{app}/test_role_matrix.py MATRIX"
        for key in sorted(set(routes) - set(matrix))
    ]
    found += [
        f"MATRIX row {key!r} in tests/{app}/test_role_matrix.py matches no URL"
        for key in sorted(set(matrix) - set(routes))
    ]
    for key, row in matrix.items():
        if key in routes:
            found += _row_problems(key, routes[key], row)
    return found


# --- Running a cell -------------------------------------------------------------------------


def _methods(key: str, row: Page | Op):
    if isinstance(row, Op):
        yield key.split(" ", 1)[0], row.expect
        return
    if row.get is not None:
        yield "GET", row.get
    if row.post is not None:
        yield "POST", row.post


def cells(matrix: dict[str, Page | Op]):
    """pytest params ``(key, method, role)``, one per cell; xfail cells marked strict."""
    params = []
    for key, row in matrix.items():
        for method, expectations in _methods(key, row):
            for role in ROLES:
                expected = expectations[role]
                marks = ()
                if isinstance(expected, Xfail):
                    marks = (pytest.mark.xfail(strict=True, reason=expected.reason),)
                params.append(
                    pytest.param(key, method, role, marks=marks, id=f"{key} {method} {role}")
                )
    return params


def outcome(response) -> Any:
    from django.conf import settings
    from django.shortcuts import resolve_url

    if response.status_code in (301, 302, 303, 307, 308):
        login = resolve_url(settings.LOGIN_URL)
        if response.headers.get("Location", "").split("?")[0] == login:
            return LOGIN
    return response.status_code


def matches(expected, actual) -> bool:
    if expected == OK:
        return actual != LOGIN and (200 <= actual < 400 or actual == 422)
    return expected == actual


def _resolve(value, world):
    return value(world) if callable(value) else (value or {})


def url_for(key: str, row: Page | Op, world: World) -> str:
    kwargs = _resolve(row.kwargs, world)
    if isinstance(row, Op):
        from django.urls import reverse

        root = reverse("api:api-root").rstrip("/")
        url = root + key.split(" ", 1)[1].format(**kwargs)
    else:
        from django.urls import reverse

        url = reverse(key, kwargs=kwargs)
    return url + (f"?{row.query}" if row.query else "")


def request(client, world: World, key: str, row: Page | Op, method: str, role: str):
    """Send the cell's request as ``role`` and return the response."""
    from django.conf import settings

    url = url_for(key, row, world)
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    headers = {}
    if isinstance(row, Op) and role != "anonymous":
        headers["Authorization"] = f"Bearer {world.api_keys[role]}"
    data = _resolve(row.data, world)
    # PDFs: the template renders, WeasyPrint's layout (slow, not about roles) does not run.
    pdf = url.split("?")[0].endswith(".pdf")
    with mock.patch("weasyprint.HTML.write_pdf", return_value=b"%PDF") if pdf else nullcontext():
        if isinstance(row, Op):
            body = json.dumps(data) if method != "GET" else None
            if method == "GET":
                return client.get(url, headers=headers)
            return client.generic(
                method, url, body, content_type="application/json", headers=headers
            )
        if method == "GET":
            return client.get(url)
        return client.post(url, data)


def check_cell(world: World, matrix, key: str, method: str, role: str) -> None:
    """One cell: the request as ``role``, compared with the expected outcome.

    The world's one test client is reused (a fresh client per cell would load the middleware,
    WhiteNoise's scan of every static file included, for each of the thousands of cells)."""
    client = world.client
    client.cookies.clear()
    row = matrix[key]
    expectations = dict(_methods(key, row))[method]
    expected = expectations[role]
    if isinstance(expected, Xfail):
        expected = expected.expected
    response = request(client, world, key, row, method, role)
    actual = outcome(response)
    assert matches(expected, actual), (
        f"{method} {key} as {role}: expected {expected}, got {actual}"
        + (f" → {response.headers.get('Location')}" if 300 <= response.status_code < 400 else "")
    )


# --- The world ------------------------------------------------------------------------------


@dataclass
class World:
    """One of everything: people in every role and one object of each kind, owned by the
    owner organization (``organization``) and the first volunteer."""

    client: Any = None
    users: dict[str, Any] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)
    api_keys: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    objects: SimpleNamespace = field(default_factory=SimpleNamespace)

    def __getattr__(self, name):
        try:
            return getattr(self.__dict__["objects"], name)
        except (KeyError, AttributeError):
            raise AttributeError(name) from None


def build_world() -> World:
    """Build the shared world (inside the caller's transaction)."""
    import datetime as dt
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.test import Client
    from django.utils import timezone

    from ehrensache.accounts.models import ApiToken, PersonInvitation
    from ehrensache.brokering.models import Conversation, FollowUp, Interest
    from ehrensache.core.models import CalendarFeed
    from ehrensache.core.tokens import new_token
    from ehrensache.courses.models import Completion, Course, Registration
    from ehrensache.engagements.models import OnboardingCheck
    from ehrensache.guide import services as guide_services
    from ehrensache.guide.content import ensure_reference_data
    from ehrensache.guide.models import Episode, Statement, TeamMember
    from ehrensache.messaging import services as messaging_services
    from ehrensache.organizations.models import OrganizationInvitation
    from tests.factories import (
        AgencyFactory,
        AgencyMembershipFactory,
        CourseFactory,
        EngagementFactory,
        EngagementProofFactory,
        HoursEntryFactory,
        NetworkMembershipFactory,
        OpportunityFactory,
        OrganizationFactory,
        OrganizationMembershipFactory,
        ProfileFactory,
        RecordCheckFactory,
        ReleaseRequestFactory,
        ShiftFactory,
        ShiftPlanFactory,
        ShiftSignupFactory,
        UserFactory,
    )
    from tests.recognition.factories import profile

    world = World(client=Client())
    o = world.objects
    now = timezone.now()
    today = o.today = timezone.localdate()

    # Places and roles: the owner organization and agency in Marburg-Biedenkopf, the others
    # in Kassel (another Landkreis); network staff for Hessen.
    o.agency = AgencyFactory(name="Agentur Marburg (Matrix)", district_key="06534")
    o.other_agency = AgencyFactory(name="Agentur Kassel (Matrix)", district_key="06611")
    o.organization = OrganizationFactory(
        name="Eigentümer e.V. (Matrix)", postal_code="35037", responsible_agency=o.agency
    )
    o.other_organization = OrganizationFactory(
        name="Anderer Verein e.V. (Matrix)", postal_code="34117", responsible_agency=o.other_agency
    )
    # Passwords are "!" (unusable, no hashing): the cells use ready-made sessions.
    users = world.users
    users["volunteer"] = UserFactory(email="matrix-volunteer@example.org", password="!")
    users["volunteer2"] = UserFactory(email="matrix-volunteer2@example.org", password="!")
    users["coordinator"] = OrganizationMembershipFactory(
        organization=o.organization,
        user__password="!",
        user__email="matrix-coordinator@example.org",
    ).user
    users["other_coordinator"] = OrganizationMembershipFactory(
        organization=o.other_organization,
        user__password="!",
        user__email="matrix-other-coordinator@example.org",
    ).user
    users["agency_staff"] = AgencyMembershipFactory(
        agency=o.agency, user__password="!", user__email="matrix-agency@example.org"
    ).user
    users["other_agency_staff"] = AgencyMembershipFactory(
        agency=o.other_agency, user__password="!", user__email="matrix-other-agency@example.org"
    ).user
    users["network_staff"] = NetworkMembershipFactory(
        user__password="!", user__email="matrix-network@example.org"
    ).user
    users["operator"] = UserFactory(
        email="matrix-operator@example.org", password="!", is_superuser=True, is_staff=True
    )
    volunteer, coordinator = users["volunteer"], users["coordinator"]

    # Opportunities and brokering: the volunteer was referred by the region's agency after a
    # counselling conversation; the second volunteer is findable for invitations.
    o.opportunity = OpportunityFactory(organization=o.organization, title="Lesepatenschaft")
    o.conversation = Conversation.objects.create(
        agency=o.agency,
        staff=users["agency_staff"],
        held_on=today,
        volunteer=volunteer,
        consent=True,
        consent_recorded_at=now,
    )
    o.interest = Interest.objects.create(
        opportunity=o.opportunity,
        volunteer=volunteer,
        agency=o.agency,
        conversation=o.conversation,
        referred_by=users["agency_staff"],
        status_changed_at=now,
        created_at=now,
    )
    o.follow_up = FollowUp.objects.create(interest=o.interest, agency=o.agency, due_on=today)
    # Nobody coordinates this organization of the region: the agency holds its interests.
    o.orphan_organization = OrganizationFactory(
        name="Ohne Koordination e.V. (Matrix)", postal_code="35037", responsible_agency=o.agency
    )
    o.routed_interest = Interest.objects.create(
        opportunity=OpportunityFactory(organization=o.orphan_organization, title="Gartenhilfe"),
        volunteer=volunteer,
        routed_to=Interest.Route.AGENCY,
        routed_agency=o.agency,
        status_changed_at=now,
        created_at=now,
    )
    # The conversation about the interest (messaging): the coordinator wrote once.
    o.thread = messaging_services.open_thread(o.interest)
    messaging_services.post_message(o.thread, author=coordinator, text="Willkommen (Matrix)")
    o.profile = ProfileFactory(user=users["volunteer2"], findable=True, findable_since=now)

    # Engagements.
    o.engagement = EngagementFactory(volunteer=volunteer, organization=o.organization)
    o.hours_entry = HoursEntryFactory(engagement=o.engagement)
    o.record_check = RecordCheckFactory(engagement=o.engagement)
    o.onboarding_check = OnboardingCheck.objects.create(
        engagement=o.engagement, title="Einweisung (Matrix)"
    )

    # Shifts.
    o.plan = ShiftPlanFactory(organization=o.organization)
    o.shift = ShiftFactory(plan=o.plan)
    o.signup = ShiftSignupFactory(shift=o.shift, person=volunteer)

    # Courses: offered by the owner organization; the volunteer is registered and completed.
    o.course = CourseFactory(
        provider_kind=Course.ProviderKind.ORGANIZATION,
        agency=None,
        organization=o.organization,
        district=o.organization.district,
    )
    o.session = o.course.sessions.get()
    o.registration = Registration.objects.create(
        course=o.course, person=volunteer, status=Registration.Status.CONFIRMED
    )
    o.completion = Completion.objects.create(
        person=volunteer,
        registration=o.registration,
        course=o.course,
        category=o.course.category,
        course_title=o.course.title,
        provider_name=o.organization.name,
        person_name=str(volunteer),
        first_day=today,
        last_day=today,
        teaching_units=8,
        total_units=8,
    )

    # Recognition.
    o.recognition_profile = profile(volunteer)
    o.proof = EngagementProofFactory(engagement=o.engagement)
    o.issued_proof = EngagementProofFactory(
        engagement=o.engagement,
        status="issued",
        issued_at=now,
        issued_by=coordinator,
        person_name=str(volunteer),
        organization_name=o.organization.name,
        role=o.engagement.role,
        period_start=o.engagement.start,
    )
    o.release = ReleaseRequestFactory(
        organization=o.organization, leader=volunteer, created_by=coordinator
    )

    # Guide and Kooperations-Check: the coordinator manages the team, the volunteer is a
    # member, the region's agency facilitates and may look.
    ensure_reference_data()
    o.episode = Episode.objects.create(
        number=901, title="Folge Matrix", slug="folge-matrix", summary="Worum es geht."
    )
    guide_services.refresh_search_fields(o.episode)
    o.team = guide_services.create_team(
        name="Team Matrix", group="hauptamt", actor=coordinator, organization=o.organization
    )
    o.team.facilitating_agency = o.agency
    o.team.agency_may_view = True
    o.team.save()
    o.team_member = TeamMember.objects.create(
        team=o.team, user=volunteer, group="ehrenamt", is_manager=False
    )
    o.round = guide_services.start_round(o.team, actor=coordinator)
    # Network staff are drafting the questionnaire's next version.
    o.questionnaire = guide_services.draft_new_version(actor=users["network_staff"])
    o.statement = Statement.objects.filter(dimension__questionnaire=o.questionnaire).first()
    [world.tokens["answer"]] = guide_services.create_answer_links(
        o.round, group="ehrenamt", count=1, valid_days=7, actor=coordinator
    )
    o.measure = guide_services.add_measure(
        o.team, title="Einarbeitung klären", owner="Koordination", actor=coordinator
    )

    # Group messages: one the coordinator sent to the shift, a template, the volunteer's
    # unsubscribe link for the owner organization.
    from ehrensache.mailings.models import Delivery, Mailing, Template
    from ehrensache.mailings.tokens import unsubscribe_token

    o.mailing = Mailing.objects.create(
        audience="shift",
        object_id=o.shift.pk,
        audience_label="Matrix-Dienst",
        sender_kind="organization",
        sender_id=o.organization.pk,
        sender_name=o.organization.name,
        subject="Hallo",
        body="Hallo {vorname}",
        author=coordinator,
        idempotency_key="matrix-mailing-0000000000",
        recipient_count=1,
    )
    Delivery.objects.create(mailing=o.mailing, person=volunteer, name=str(volunteer))
    o.mailing_template = Template.objects.create(
        sender_kind="organization",
        sender_id=o.organization.pk,
        sender_name=o.organization.name,
        name="Matrix-Vorlage",
        subject="Hallo",
        body="Text",
    )
    world.tokens["unsubscribe"] = unsubscribe_token(volunteer.pk, "organization", o.organization.pk)

    # A data takeover of the region's agency, checked and waiting for confirmation.
    from ehrensache.imports.models import ImportRun, ImportUpload

    o.import_run = ImportRun.objects.create(
        agency=o.agency,
        kind="organizations",
        source="Matrix",
        created_by=users["agency_staff"],
        file_name="matrix.csv",
        file_format="csv",
        status=ImportRun.Status.CHECKED,
        total_rows=1,
    )
    ImportUpload.objects.create(run=o.import_run, data=b"ID;Name;Postleitzahl\n")

    # Links with secrets: a colleague invitation, the volunteer's calendar feed.
    raw, token_hash = new_token()
    OrganizationInvitation.objects.create(
        organization=o.organization,
        email="matrix-colleague@example.org",
        token_hash=token_hash,
        invited_by=coordinator,
        expires_at=now + dt.timedelta(days=7),
    )
    world.tokens["invitation"] = raw
    # An invitation to the Kooperations-Check team, mailed to the volunteer's address.
    raw, token_hash = new_token()
    o.person_invitation = PersonInvitation.objects.create(
        kind="guide.team",
        object_id=o.team.pk,
        email=volunteer.email,
        details={"group": "ehrenamt"},
        token_hash=token_hash,
        invited_by=coordinator,
        expires_at=now + dt.timedelta(days=7),
    )
    world.tokens["person_invitation"] = raw
    raw, token_hash = new_token()
    CalendarFeed.objects.create(person=volunteer, token_hash=token_hash)
    world.tokens["calendar"] = raw

    # Every signed-in role: a session (a cookie per cell, no login per cell) and an API key.
    for role, user in users.items():
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        world.sessions[role] = session.session_key
        raw, token_hash = new_token(prefix="es_")
        ApiToken.objects.create(user=user, name="Matrix", prefix=raw[:8], token_hash=token_hash)
        world.api_keys[role] = raw
    return world
