"""Input every view can rely on: no NUL characters in query strings or form posts."""

import pytest
from django.http import HttpResponse, QueryDict
from django.test import RequestFactory

from ehrensache.core.middleware import NulCharacterMiddleware
from ehrensache.core.text import parse_id

pytestmark = [pytest.mark.unit]


def _seen(request):
    response = HttpResponse()
    response.seen = (request.GET.copy(), request.POST.copy())
    return response


def test_nul_is_removed_from_query_and_form_post():
    middleware = NulCharacterMiddleware(_seen)
    request = RequestFactory().post("/x/?q=Ha%00llo&page=1", {"name": "A\x00na", "k\x00": "v"})
    get, post = middleware(request).seen
    assert get["q"] == "Hallo" and get["page"] == "1"
    assert post["name"] == "Ana" and post["k"] == "v"


def test_other_bodies_are_left_to_their_readers():
    middleware = NulCharacterMiddleware(_seen)
    request = RequestFactory().post("/x/", b'{"a": "\\u0000"}', content_type="application/json")
    middleware(request)
    assert request.body == b'{"a": "\\u0000"}'


def test_clean_input_is_untouched():
    middleware = NulCharacterMiddleware(_seen)
    request = RequestFactory().get("/x/?q=Hallo")
    get, _post = middleware(request).seen
    assert get == QueryDict("q=Hallo")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("0", None),
        ("-3", None),
        ("²", None),
        ("٣", None),
        ("9" * 19, None),
        (str(2**63 - 1), 2**63 - 1),
        ("1e3", None),
        (None, None),
        ("", None),
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected
