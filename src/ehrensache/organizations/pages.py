"""Extension point of an organization's public page for the apps above organizations (which
it never imports): each registered function adds one section below the profile.

``function(request, organization) -> dict | None``: a dict with ``template`` (included with
the page's context plus ``section``, the dict itself) and whatever that template reads.
"""

from collections.abc import Callable

from django.http import HttpRequest

from .models import Organization

_SECTIONS: list[Callable[..., dict | None]] = []


def detail_section(function: Callable[..., dict | None]) -> Callable[..., dict | None]:
    """Register a section of the organization page (decorator)."""
    if function not in _SECTIONS:
        _SECTIONS.append(function)
    return function


def detail_sections(request: HttpRequest, organization: Organization) -> list[dict]:
    found = (function(request, organization) for function in _SECTIONS)
    return [section for section in found if section]
