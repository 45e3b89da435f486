"""Form fuzz: odd input into every form a person can reach, read from the pages themselves.

The pages come from the role matrix (``tests/<app>/test_role_matrix.py``): every page URL
with the roles allowed to open it. For each page and role the fuzz

1. GETs the page and reads its HTML forms (``method="post"``: action, every input, select,
   textarea and the first named submit button);
2. fills each form with plausible values (what the page shows, else a value by input type),
   then POSTs it once per *kind* of odd input, the fields of that kind changed (long text,
   unicode, NUL, negative and huge numbers, far and impossible dates, everything empty);
3. GETs the page with odd query strings (huge page numbers, NUL, long text, …) in its
   search fields and the common list parameters.

Every request runs in a savepoint rolled back afterwards, so the shared world stays as built.
A finding is a server error (an exception or a 5xx) or, on a re-shown form (200/400/422), a
text, number or date field that does not show what was typed. ``tests/test_form_fuzz.py``
runs it; docs/DEVELOPING.md ("Form fuzz") explains how to read a failure.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import traceback
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

from tests.role_matrix import OK, ROLES, Page, page_routes

# Roles whose forms the fuzz fills, in this order; each page is fuzzed as each allowed one.
FUZZ_ROLES = ("volunteer", "coordinator", "agency_staff", "network_staff", "anonymous")
# Library pages people use that the role matrix leaves to the library (allauth).
LIBRARY_PAGES = {
    "account_signup": "anonymous",
    "account_login": "anonymous",
    "account_reset_password": "anonymous",
    "account_change_password": "volunteer",
    "account_email": "volunteer",
}
# Form actions not fuzzed: leaving the session, the language switch.
SKIP_ACTIONS = ("/konto/logout/", "/i18n/")

LONG = ("Lange Eingabe äöü € " * 500)[:10_000]
UNICODE = "\u202eשלום عربى 👩🏽\u200d🚒 e\u0301\u0308 Zoë 𝔘𝔫𝔦"
NUL = "ab\x00cd"
HUGE = str(10**20)

TEXT_TYPES = {"text", "textarea", "email", "url", "search", "tel", "password"}
KEPT_TYPES = {"text", "textarea", "email", "url", "search", "tel", "number", "date"}
KEPT_TYPES |= {"datetime-local", "time"}


def _date_value(kind: str, input_type: str) -> str | None:
    days = {
        "far_future": "9999-12-31",
        "far_past": "0001-01-01",
        "bad_date": "2026-02-30",
        "negative": "-0001-01-01",
        "huge": "99999-01-01",
    }
    if kind not in days:
        return None
    if input_type == "datetime-local":
        return days[kind] + "T10:00"
    if input_type == "time":
        return {"bad_date": "25:61", "far_future": "23:59", "far_past": "00:00"}.get(kind)
    return days[kind]


NUMBER_VALUES = {
    "long": "9" * 10_000,
    "unicode": "١٢",
    "negative": "-1",
    "huge": HUGE,
    "far_future": "1e400",
    "far_past": "-1e400",
    "bad_date": "NaN",
}
CHOICE_VALUES = {"long": LONG, "unicode": UNICODE, "negative": "-1", "huge": HUGE}
TEXT_VALUES = {"long": LONG, "unicode": UNICODE}
KINDS = ("long", "unicode", "nul", "negative", "huge", "far_future", "far_past", "bad_date")
KINDS += ("empty",)
# Kinds also sent into choices and hidden fields, in a case of their own (a hidden field that
# tells two forms of a page apart would otherwise hide whether typed input is kept).
CHOICE_KINDS = ("long", "unicode", "nul", "negative", "huge")
CHOICE_TYPES = {"select", "hidden", "radio"}
# Query strings of list and search pages: number parameters and search fields at once.
QUERY_KINDS = ("huge", "nul", "unicode", "far_future")
QUERY_NUMBERS = ("page", "seite", "jahr")

# Depth: ``make test`` sends every form the kinds that broke things before (NUL, huge numbers,
# long text) plus two of the others, chosen per page so that the whole run still sends every
# kind to many pages; ``EHRENSACHE_FUZZ_DEPTH=full`` (``make fuzz``) sends every kind everywhere.
FULL = os.environ.get("EHRENSACHE_FUZZ_DEPTH", "quick") == "full"
CORE_KINDS = ("long", "nul", "huge")
CORE_CHOICE_KINDS = ("nul", "huge")
CORE_QUERY_KINDS = ("huge", "nul")


def _some(kinds: tuple[str, ...], core: tuple[str, ...], key: str, extra: int) -> tuple[str, ...]:
    """``core`` and ``extra`` more of ``kinds``, rotating by ``key`` (deterministic)."""
    if FULL:
        return kinds
    rest = [k for k in kinds if k not in core]
    start = zlib.crc32(key.encode()) % len(rest) if rest else 0
    chosen = {rest[(start + i) % len(rest)] for i in range(min(extra, len(rest)))}
    return tuple(k for k in kinds if k in core or k in chosen)


def odd_value(kind: str, input_type: str, plain: str) -> str | None:
    """The odd value of ``kind`` for an input of ``input_type`` (None: keep the plain one)."""
    if kind == "empty":
        return ""
    if kind == "nul":
        return plain[:1] + "\x00" + plain[1:]
    if input_type in ("date", "datetime-local", "time"):
        return _date_value(kind, input_type) or TEXT_VALUES.get(kind)
    if input_type == "number":
        return NUMBER_VALUES.get(kind)
    if input_type in CHOICE_TYPES:
        return CHOICE_VALUES.get(kind)
    if input_type in TEXT_TYPES:
        return TEXT_VALUES.get(kind)
    return None


# --- reading forms ----------------------------------------------------------------------------


@dataclass
class Field:
    name: str
    type: str  # input type, "select", "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class HtmlForm:
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)
    submit: tuple[str, str] | None = None

    def names(self) -> set[str]:
        return set(self.fields)


class FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._textarea: Field | None = None
        self._select: Field | None = None

    def handle_starttag(self, tag, attrs):  # noqa: C901 (one branch per element)
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = HtmlForm(a.get("method", "get").lower(), a.get("action", ""))
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or "disabled" in a:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image"):
                form.submit = form.submit or (name, a.get("value", ""))
            elif kind in ("checkbox", "radio"):
                existing = form.fields.get(name)
                if kind == "radio":
                    existing = existing or form.fields.setdefault(name, Field(name, "radio"))
                    existing.options.append(a.get("value", "on"))
                    if "checked" in a or not existing.value:
                        existing.value = a.get("value", "on")
                elif "checked" in a and existing is None:
                    form.fields[name] = Field(name, "checkbox", a.get("value", "on"))
            elif kind != "file":
                form.fields.setdefault(name, Field(name, kind, a.get("value", "")))
        elif tag == "button" and name:
            form.submit = form.submit or (name, a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = form.fields.setdefault(name, Field(name, "textarea"))
        elif tag == "select" and name:
            self._select = form.fields.setdefault(name, Field(name, "select"))
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select.options.append(value)
            if "selected" in a:
                self._select.value = value

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data


def read_forms(html: str) -> list[HtmlForm]:
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        for f in form.fields.values():
            if f.type == "textarea":
                f.value = f.value.removeprefix("\r\n").removeprefix("\n")
    return parser.forms


def plausible(f: Field) -> str:
    """What a person would leave or type in the field: the shown value, else a fitting one."""
    if f.value:
        return f.value
    if f.type == "select":
        return next((o for o in f.options if o), "")
    soon = dt.date.today() + dt.timedelta(days=30)
    return {
        "email": "fuzz@example.org",
        "url": "https://example.org",
        "number": "1",
        "date": soon.isoformat(),
        "datetime-local": f"{soon.isoformat()}T10:00",
        "time": "10:00",
        "tel": "06421 123456",
        "password": "fuzz-Passwort-123",
        "hidden": "",
    }.get(f.type, "Fuzz")


# --- running ----------------------------------------------------------------------------------


@dataclass
class Target:
    key: str  # URL name
    role: str
    kwargs: object = None  # callable(world) -> dict, or None
    query: str = ""
    odd_queries: bool = False  # the page's first role also tries odd query strings


@dataclass
class Report:
    server_errors: list[str] = field(default_factory=list)
    lost_input: list[str] = field(default_factory=list)
    forms: int = 0
    cases: int = 0


def _allowed(expected) -> bool:
    expected = getattr(expected, "expected", expected)  # an xfail cell: its policy answer
    return expected == 200 or expected == OK


def matrices() -> dict[str, Page]:
    rows: dict[str, Page] = {}
    for app in sorted({route.app for route in page_routes().values()}):
        try:
            module = importlib.import_module(f"tests.{app}.test_role_matrix")
        except ModuleNotFoundError:
            continue
        rows.update({k: v for k, v in module.MATRIX.items() if isinstance(v, Page)})
    return rows


def targets() -> list[Target]:
    """Every (page, role) the fuzz opens: role-matrix pages with a GET a role may open."""
    found = []
    for key, row in sorted(matrices().items()):
        if row.get is None or key.endswith(("_ics", "_csv", "_pdf", ".ics")):
            continue
        roles = [role for role in FUZZ_ROLES if _allowed(row.get[role])]
        for role in roles:
            found.append(Target(key, role, row.kwargs, row.query, odd_queries=role == roles[0]))
    found += [Target(key, role) for key, role in LIBRARY_PAGES.items()]
    return found


def post_only_paths(world, rows: dict[str, Page]) -> set[str]:
    """Paths of POST-only URLs (no GET row): their forms live on other pages."""
    from django.urls import reverse

    paths = set()
    for key, row in rows.items():
        if row.get is None:
            kwargs = row.kwargs(world) if callable(row.kwargs) else {}
            paths.add(reverse(key, kwargs=kwargs))
    return paths


def reshown(response) -> bool:
    """The answer shows the posted form again to be corrected (not a fresh one after success):
    400/422, or a 200 whose context holds a bound form with errors."""
    from django.forms import BaseForm
    from django.forms.formsets import BaseFormSet

    if response.status_code in (400, 422):
        return True
    if response.status_code != 200 or response.context is None:
        return False
    contexts = response.context if isinstance(response.context, list) else [response.context]
    for context in contexts:
        for value in context.flatten().values():
            if isinstance(value, (BaseForm, BaseFormSet)) and value.is_bound and value.errors:
                return True
    return False


def _cause(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/ehrensache/" in f.filename]
    where = f" at {frames[-1].filename.split('/src/')[-1]}:{frames[-1].lineno}" if frames else ""
    return f"{type(exc).__name__}: {str(exc)[:120]}{where}"


class Fuzzer:
    def __init__(self, world, report: Report):
        from django.test import Client

        self.world = world
        self.report = report
        self.client = Client()

    def _login(self, role: str) -> None:
        from django.conf import settings

        self.client.cookies.clear()
        if role != "anonymous":
            self.client.cookies[settings.SESSION_COOKIE_NAME] = self.world.sessions[role]

    def send(self, role: str, method: str, url: str, data=None, label: str = ""):
        """One request in a savepoint that is rolled back; a server error is noted."""
        from django.db import transaction

        self._login(role)
        self.report.cases += 1
        try:
            with transaction.atomic():
                response = self.client.get(url) if method == "GET" else self.client.post(url, data)
                transaction.set_rollback(True)
        except Exception as exc:  # noqa: BLE001 (every exception is a finding)
            self.report.server_errors.append(f"{label}: {_cause(exc)}")
            return None
        if response.status_code >= 500:
            self.report.server_errors.append(f"{label}: status {response.status_code}")
            return None
        return response

    def page(self, target: Target, post_only: set[str]) -> None:
        from django.urls import reverse

        kwargs = target.kwargs(self.world) if callable(target.kwargs) else {}
        url = reverse(target.key, kwargs=kwargs)
        full = url + (f"?{target.query}" if target.query else "")
        label = f"GET {target.key} as {target.role}"
        response = self.send(target.role, "GET", full, label=label)
        if (
            response is None
            or response.status_code != 200
            or "html" not in response.get("Content-Type", "")
        ):
            return
        forms = read_forms(response.content.decode())
        if target.odd_queries:
            own = [f for f in forms if f.method == "get" and urlsplit(f.action).path in ("", url)]
            self.query_strings(target, url, own)
        for form in forms:
            action = urlsplit(form.action).path or url
            if form.method != "post" or action.startswith(SKIP_ACTIONS):
                continue
            if action != url and action not in post_only:
                continue  # fuzzed on its own page
            self.report.forms += 1
            self.form(
                target,
                action + (f"?{urlsplit(form.action).query}" if "?" in form.action else ""),
                form,
            )

    def query_strings(self, target: Target, url: str, forms: list[HtmlForm]) -> None:
        names = {*QUERY_NUMBERS, "q", "status", "sort"}
        fields = {n: f for form in forms for n, f in form.fields.items()}
        names |= set(fields)
        for kind in _some(QUERY_KINDS, CORE_QUERY_KINDS, target.key, 1):
            params = {}
            for name in sorted(names):
                f = fields.get(name) or Field(name, "number" if name in QUERY_NUMBERS else "text")
                value = odd_value(kind, f.type, plausible(f) or "1")
                if value is None and kind == "huge":
                    value = odd_value("long", f.type, "")
                params[name] = value if value is not None else plausible(f)
            query = urlencode(params)
            label = f"GET {target.key}?<{kind}> as {target.role}"
            response = self.send(target.role, "GET", f"{url}?{query}", label=label)
            if response is not None and response.status_code == 200:
                self.check_kept(label, response, params, fields)

    def form(self, target: Target, action: str, form: HtmlForm) -> None:
        base = {name: plausible(f) for name, f in form.fields.items()}
        fuzzed = {n: f for n, f in form.fields.items() if n != "csrfmiddlewaretoken"}
        if form.submit:
            base[form.submit[0]] = form.submit[1]
        key = f"{target.key} {action}"
        cases = [(kind, False) for kind in _some(KINDS, CORE_KINDS, key, 2)]
        cases += [(kind, True) for kind in _some(CHOICE_KINDS, CORE_CHOICE_KINDS, key, 1)]
        for kind, choices in cases:
            data = dict(base)
            changed = {}
            for name, f in fuzzed.items():
                value = odd_value(kind, f.type, base[name])
                if (f.type in CHOICE_TYPES) != choices and kind != "empty":
                    continue
                if value is not None and f.type != "checkbox":
                    data[name] = changed[name] = value
            if not changed:
                continue
            what = f"{kind} in choices" if choices else kind
            label = f"POST {action} ({target.key}) <{what}> as {target.role}"
            response = self.send(target.role, "POST", action, data, label=label)
            if response is not None and reshown(response):
                self.check_kept(label, response, changed, form.fields)

    def check_kept(self, label: str, response, sent: dict, fields: dict) -> None:
        """On a re-shown form, every typed text/number/date field shows what was typed."""
        if "html" not in response.get("Content-Type", ""):
            return
        shown = {
            name: f
            for form in read_forms(response.content.decode())
            for name, f in form.fields.items()
        }
        for name, value in sent.items():
            f = fields.get(name)
            if f is None or f.type not in KEPT_TYPES or name not in shown:
                continue
            expected = value.replace("\x00", "").replace("\r\n", "\n")
            if shown[name].value.replace("\r\n", "\n") != expected:
                self.report.lost_input.append(
                    f"{label}: field {name!r} shows {shown[name].value[:40]!r},"
                    f" typed {expected[:40]!r}"
                )


def fuzz(world, target: Target, rows: dict[str, Page]) -> Report:
    report = Report()
    Fuzzer(world, report).page(target, post_only_paths(world, rows))
    return report


__all__ = ["ROLES", "Report", "Target", "fuzz", "matrices", "targets"]
