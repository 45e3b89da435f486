"""English catalogues: complete, current with the sources, consistent, and used by the pages.

German is the source language; every app keeps English in ``locale/en/LC_MESSAGES/django.po``.
The catalogue checks read the ``.po`` files directly (a small parser, no extra dependency);
the page checks need the compiled ``.mo`` files (``make messages``).
"""

import ast
import io
import re
import tokenize
from collections import Counter
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.translation.template import templatize

SRC = Path(__file__).resolve().parents[2] / "src" / "ehrensache"
APPS = sorted(p.parent.name for p in SRC.glob("*/apps.py"))
CATALOGUES = {app: SRC / app / "locale" / "en" / "LC_MESSAGES" / "django.po" for app in APPS}

# What makemessages extracts: Django's xgettext keywords (name -> positions of context,
# singular, plural; context None when the call has none).
KEYWORDS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
SOURCE_SUFFIXES = {".py", ".html", ".txt"}


# -- reading .po files ------------------------------------------------------------------


def parse_po(path):
    """Entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr (list), flags."""
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and "msgid" in entry and not entry["obsolete"]:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            entry, field = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "obsolete": False, "msgctxt": None, "msgstr": {}}
        if line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if isinstance(field, int):
                entry["msgstr"][field] += text
            else:
                entry[field] += text
        else:
            keyword, _space, value = line.partition(" ")
            text = ast.literal_eval(value)
            if keyword == "msgstr":
                field = 0
            elif keyword.startswith("msgstr["):
                field = int(keyword[7:-1])
            else:
                field = keyword
            if isinstance(field, int):
                entry["msgstr"][field] = text
            else:
                entry[field] = text
    finish()
    for item in entries:
        item["msgstr"] = [item["msgstr"][k] for k in sorted(item["msgstr"])]
    return entries


def translations(app):
    return [e for e in parse_po(CATALOGUES[app]) if e["msgid"]]


# -- what the sources ask for -----------------------------------------------------------


def _literal_arguments(call_args, wanted):
    context_at, singular_at, plural_at = wanted
    needed = [i for i in (context_at, singular_at, plural_at) if i is not None]
    if len(call_args) <= max(needed):
        return None
    values = {}
    for position in needed:
        value = call_args[position]
        if value is None:
            return None
        values[position] = value
    context = values[context_at] if context_at is not None else None
    return context, values[singular_at]


def msgids_in_python(source):
    found = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in KEYWORDS:
            continue
        args = [
            a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
            for a in node.args
        ]
        key = _literal_arguments(args, KEYWORDS[name])
        if key is not None:
            found.add(key)
    return found


def msgids_in_template(source, origin):
    """Django's own template-to-gettext conversion (as makemessages), then the calls in it."""
    code = "\n".join(line.strip() for line in templatize(source, origin=origin).splitlines())
    found = set()
    tokens = [
        t
        for t in tokenize.generate_tokens(io.StringIO(code).readline)
        if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
    ]
    for i, token in enumerate(tokens):
        is_call = i + 1 < len(tokens) and tokens[i + 1].string == "("
        if token.type != tokenize.NAME or token.string not in KEYWORDS or not is_call:
            continue
        args, j = [], i + 2
        while j < len(tokens) and tokens[j].string != ")":
            if tokens[j].type == tokenize.STRING:
                args.append(ast.literal_eval(tokens[j].string))
            elif tokens[j].string != ",":
                args.append(None)
            j += 1
        key = _literal_arguments(args, KEYWORDS[token.string])
        if key is not None:
            found.add(key)
    return found


def source_msgids(app):
    """(context, msgid) of every literal gettext call in the app's .py, .html and .txt files."""
    found = set()
    for path in sorted((SRC / app).rglob("*")):
        relative = path.relative_to(SRC / app)
        if path.suffix not in SOURCE_SUFFIXES or not path.is_file():
            continue
        if any(
            part.startswith(".") or part in ("__pycache__", "locale") for part in relative.parts
        ):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            found |= msgids_in_python(text)
        else:
            found |= msgids_in_template(text, origin=str(path))
    return found


# -- catalogue checks -------------------------------------------------------------------


@pytest.mark.unit
def test_the_extractor_finds_what_makemessages_finds():
    """Guards the checks below: a broken extractor would make them pass vacuously."""
    template = (
        '{% load i18n %}{% translate "Suche" %} {% translate "Karte" context "map" %}\n'
        "{% blocktranslate trimmed with n=count %}\n  Noch {{ n }}\n  Plätze{% endblocktranslate %}"
        "{% blocktranslate count n=k %}Ein Platz{% plural %}{{ n }} Plätze{% endblocktranslate %}"
    )
    python = (
        "from django.utils.translation import gettext as _, pgettext_lazy\n"
        'A = _("Anmelden")\nB = pgettext_lazy("shift", "Eintragen")\nC = _(name)\n'
    )

    assert msgids_in_template(template, "t.html") == {
        (None, "Suche"),
        ("map", "Karte"),
        (None, "Noch %(n)s Plätze"),
        (None, "Ein Platz"),
    }
    assert msgids_in_python(python) == {(None, "Anmelden"), ("shift", "Eintragen")}
    assert (None, "Engagement finden") in source_msgids("core")


@pytest.mark.unit
def test_the_parser_sees_empty_fuzzy_plural_and_context_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#, fuzzy, python-format\nmsgid "Guten Tag %(name)s,"\nmsgstr "Hello %(name)s,"\n\n'
        'msgctxt "map"\nmsgid "Karte"\nmsgstr ""\n\n'
        'msgid "Ein Platz"\nmsgid_plural "%(n)s Plätze"\nmsgstr[0] "One place"\n'
        'msgstr[1] ""\n"%(n)s places"\n\n'
        '#~ msgid "Alt"\n#~ msgstr ""\n',
        encoding="utf-8",
    )

    header, greeting, card, places = parse_po(po)

    assert header["msgid"] == "" and greeting["flags"] == {"fuzzy", "python-format"}
    assert (card["msgctxt"], card["msgstr"]) == ("map", [""])
    assert places["msgstr"] == ["One place", "%(n)s places"]


@pytest.mark.unit
@pytest.mark.parametrize("app", APPS)
def test_every_app_with_texts_has_an_english_catalogue(app):
    if source_msgids(app):
        assert CATALOGUES[app].exists(), (
            f"{app} has translatable texts but no locale/en/LC_MESSAGES/django.po; "
            f"mkdir {app}/locale and run makemessages -l en there"
        )


def _with_catalogue():
    return [app for app in APPS if CATALOGUES[app].exists()]


@pytest.mark.unit
@pytest.mark.parametrize("app", _with_catalogue())
def test_catalogue_has_english_for_every_entry(app):
    missing = [
        e["msgid"][:80] for e in translations(app) if not all(s.strip() for s in e["msgstr"])
    ]
    fuzzy = [e["msgid"][:80] for e in translations(app) if "fuzzy" in e["flags"]]

    assert missing == [], f"{app}: empty msgstr"
    assert fuzzy == [], f"{app}: check these and remove #, fuzzy"


@pytest.mark.unit
@pytest.mark.parametrize("app", _with_catalogue())
def test_catalogue_is_current_with_the_sources(app):
    """A text added to the code without running makemessages would stay German."""
    catalogue = {(e["msgctxt"], e["msgid"]) for e in translations(app)}

    missing = sorted(source_msgids(app) - catalogue, key=lambda key: key[1])

    assert missing == [], (
        f"{app}: run `cd src/ehrensache/{app} && ../../../.venv/bin/django-admin makemessages "
        f"-l en --no-obsolete` and translate: {[m[1][:60] for m in missing]}"
    )


NAMED = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]")
BRACES = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def _placeholders(text):
    return Counter(NAMED.findall(text)) + Counter(BRACES.findall(text))


@pytest.mark.unit
@pytest.mark.parametrize("app", _with_catalogue())
def test_catalogue_keeps_placeholders_and_markup(app):
    wrong = []
    for e in translations(app):
        sources = [e["msgid"], e.get("msgid_plural", e["msgid"])]
        for index, text in enumerate(e["msgstr"]):
            source = sources[min(index, 1)]
            # An English singular may drop the count ("One hour" for "%(n)s Stunde").
            expected = set(_placeholders(source))
            got = set(_placeholders(text))
            same_placeholders = got == expected or (index == 0 and got <= expected)
            same_tags = Counter(TAG.findall(text)) == Counter(TAG.findall(source))
            if text and not (same_placeholders and same_tags):
                wrong.append(e["msgid"][:80])

    assert wrong == []


@pytest.mark.unit
def test_shared_msgids_have_one_english_wording():
    """Django merges all catalogues; for a msgid in two apps only the first app's text shows.

    Same German word, different meaning: give one of them a context (pgettext /
    ``{% translate "…" context "…" %}``).
    """
    wordings = {}
    for app in _with_catalogue():
        for e in translations(app):
            wordings.setdefault((e["msgctxt"], e["msgid"]), {}).setdefault(
                tuple(e["msgstr"]), []
            ).append(app)

    conflicts = {key[1]: variants for key, variants in wordings.items() if len(variants) > 1}

    assert conflicts == {}


# -- pages in English -------------------------------------------------------------------

GERMAN_CHROME = ["Anmelden", "Registrieren", "Engagement finden", "Zum Inhalt springen"]
ENGLISH_CHROME = ["Sign in", "Sign up", "Find volunteering", "Skip to content"]


@pytest.fixture
def key_pages(db):
    from tests.factories import CourseFactory, OpportunityFactory

    opportunity = OpportunityFactory(
        title="Vorlesen im Seniorenheim", requires_extended_certificate=True
    )
    course = CourseFactory(title="Erste Hilfe für Engagierte (Demo)")
    return {
        "home": (reverse("core:home"), ["Who is responsible for me?"]),
        "search": (reverse("opportunities:search"), ["What would you like to do?", "Radius"]),
        "opportunity": (
            opportunity.get_absolute_url(),
            ["Description", "Extended certificate of conduct"],
        ),
        "course": (course.get_absolute_url(), ["Dates"]),
        "login": (reverse("account_login"), ["Password"]),
    }


PAGE_NAMES = ["home", "search", "opportunity", "course", "login"]


def _visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.integration
@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_key_page_speaks_english_when_the_browser_asks(client, key_pages, name):
    url, english = key_pages[name]

    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    html = response.content.decode()
    text = _visible_text(html)
    assert '<html lang="en"' in html
    assert 'aria-label="Main navigation"' in html
    assert "Hauptnavigation" not in html
    for word in ENGLISH_CHROME + english:
        assert word in text, word
    for word in GERMAN_CHROME:
        assert word not in text, word


@pytest.mark.integration
@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_key_page_stays_german_by_default(client, key_pages, name):
    url, _english = key_pages[name]

    text = _visible_text(client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode())

    for word in GERMAN_CHROME:
        assert word in text, word
    assert "Sign in" not in text


@pytest.mark.integration
@pytest.mark.django_db
def test_language_switch_turns_the_search_page_english(client):
    search = reverse("opportunities:search")

    response = client.post(reverse("set_language"), {"language": "en", "next": search})
    page = client.get(response["Location"])

    assert response.status_code == 302
    text = _visible_text(page.content.decode())
    assert "Find volunteering" in text
    assert "Engagement finden" not in text
    assert "Deutsch" in text  # the switch back offers German, in German
