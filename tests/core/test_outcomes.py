import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from ehrensache.core.errors import DomainError, Forbidden, InvalidInput, NotFound
from ehrensache.core.outcomes import domain_errors

pytestmark = [pytest.mark.unit]


class NoteForm(forms.Form):
    note = forms.CharField()


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_refusal_lands_on_the_named_field_and_the_form_keeps_its_data():
    form = NoteForm({"note": "Hallo"})
    assert form.is_valid()
    with domain_errors(form) as outcome:
        raise InvalidInput("Zu lang.", field="note")
    assert outcome.ok is False
    assert form.errors == {"note": ["Zu lang."]}
    assert form.data["note"] == "Hallo"


def test_refusal_about_an_unknown_field_lands_on_the_whole_form():
    form = NoteForm({"note": "Hallo"})
    form.is_valid()
    with domain_errors(form) as outcome:
        raise DomainError("Schon vergeben.", field="elsewhere")
    assert outcome.error.code == "conflict"
    assert form.non_field_errors() == ["Schon vergeben."]


def test_refusal_without_a_form_becomes_a_message():
    request = _request()
    with domain_errors(request) as outcome:
        raise DomainError("Der Kurs ist voll.")
    assert outcome.ok is False
    assert [str(m) for m in get_messages(request)] == ["Der Kurs ist voll."]


def test_success_leaves_the_outcome_ok():
    with domain_errors(_request()) as outcome:
        pass
    assert outcome.ok is True


@pytest.mark.parametrize("error", [NotFound("weg"), Forbidden("nein")])
def test_not_found_and_forbidden_pass_through_to_the_404_403_policy(error):
    with pytest.raises(type(error)), domain_errors(_request()):
        raise error


class SessionForm(forms.Form):
    date = forms.DateField()
    SERVICE_FIELDS = {"starts_at": "date"}


def test_a_form_maps_the_services_field_names_to_its_own():
    form = SessionForm({"date": "2026-12-24"})
    form.is_valid()
    with domain_errors(form):
        raise InvalidInput("Liegt in der Vergangenheit.", field="starts_at")
    assert form.errors == {"date": ["Liegt in der Vergangenheit."]}


def test_with_two_targets_the_error_goes_to_the_form_that_has_the_field_else_the_last():
    form, request = SessionForm({"date": "2026-12-24"}), _request()
    form.is_valid()
    with domain_errors(form, request):
        raise InvalidInput("Liegt in der Vergangenheit.", field="starts_at")
    with domain_errors(form, request):
        raise DomainError("Nur die Mitarbeitenden des Anbieters dürfen das.", field="provider")
    assert form.errors == {"date": ["Liegt in der Vergangenheit."]}
    assert [str(m) for m in get_messages(request)] == [
        "Nur die Mitarbeitenden des Anbieters dürfen das."
    ]


def test_a_not_found_about_a_typed_field_is_shown_not_turned_into_a_404():
    form = NoteForm({"note": "99999"})
    form.is_valid()
    with domain_errors(form) as outcome:
        raise NotFound("Die Postleitzahl 99999 kennen wir nicht.", field="note")
    assert outcome.ok is False
    assert form.errors == {"note": ["Die Postleitzahl 99999 kennen wir nicht."]}
