"""Every form of the platform bounds its dates and numbers (``ehrensache.core.forms``).

The test walks every module of ``ehrensache`` and checks each Form/ModelForm class: it
derives from the project's bases, and every date or number field it declares (or adds when
built without arguments) carries the bounds of ``core.bounds``. A new form cannot forget them.
"""

import copy
import datetime as dt
import importlib
import pkgutil
from decimal import Decimal

import pytest
from django import forms

import ehrensache
from ehrensache.core.bounds import MAX_INTEGER
from ehrensache.core.forms import (
    DATE_FIELDS,
    NUMBER_FIELDS,
    BoundedFormMixin,
    Form,
    bound_field,
    is_bounded,
)

pytestmark = [pytest.mark.unit]

SKIP_MODULES = ("ehrensache.settings", "ehrensache.asgi", "ehrensache.wsgi")
TYPED_INPUTS = {"date", "datetime-local", "number"}


def _date_model_fields():
    from django.db import models

    return (models.DateField, models.DateTimeField)


def project_forms() -> list[type]:
    for info in pkgutil.walk_packages(ehrensache.__path__, "ehrensache."):
        if info.name.startswith(SKIP_MODULES) or ".migrations" in info.name:
            continue
        importlib.import_module(info.name)
    found = set()
    todo = [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if (
                sub.__module__.startswith("ehrensache.")
                and sub.__module__ != "ehrensache.core.forms"
            ):
                found.add(sub)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


FORMS = project_forms()


def test_there_are_forms():
    assert len(FORMS) > 50


@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_form_derives_from_the_bounded_bases(form_class):
    assert issubclass(form_class, BoundedFormMixin), (
        f"{form_class.__module__}.{form_class.__qualname__}: derive from "
        "ehrensache.core.forms.Form / ModelForm, not Django's forms.Form / forms.ModelForm"
    )


def _unbounded_typed_inputs(fields) -> list[str]:
    """Fields that show a date or number input but are no date/number field (unchecked text)."""
    return [
        name
        for name, field in fields.items()
        if getattr(field.widget, "input_type", "") in TYPED_INPUTS
        and not isinstance(field, (*DATE_FIELDS, *NUMBER_FIELDS, forms.TypedChoiceField))
    ]


@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_declared_fields_are_bounded(form_class):
    fields = copy.deepcopy(form_class.base_fields)
    for field in fields.values():
        bound_field(field)
    assert [name for name, field in fields.items() if not is_bounded(field)] == []
    assert _unbounded_typed_inputs(fields) == []


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_built_form_is_bounded(form_class):
    """Fields added in ``__init__`` too (a form that needs arguments is built by the fuzz)."""
    try:
        form = form_class(data={})
    except (TypeError, KeyError, AttributeError, ValueError):
        pytest.skip("needs arguments to be built (covered by tests/test_form_fuzz.py)")
    form.is_valid()
    assert [name for name, field in form.fields.items() if not is_bounded(field)] == []
    assert _unbounded_typed_inputs(form.fields) == []


class Example(Form):
    day = forms.DateField()
    count = forms.IntegerField()
    share = forms.DecimalField(min_value=Decimal("-1"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["late"] = forms.DateTimeField(required=False)


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"day": "2026-05-01", "count": "3", "share": "-1"}, set()),
        ({"day": "9999-12-31", "count": "3", "share": "0"}, {"day"}),
        ({"day": "0001-01-01", "count": "3", "share": "0"}, {"day"}),
        ({"day": "2026-02-30", "count": "3", "share": "0"}, {"day"}),
        ({"day": "2026-05-01", "count": str(10**20), "share": "0"}, {"count"}),
        ({"day": "2026-05-01", "count": "-1", "share": "-2"}, {"count", "share"}),
        ({"day": "2026-05-01", "count": "1", "share": "0", "late": "9999-12-31 10:00"}, {"late"}),
    ],
)
def test_example_form(data, errors):
    form = Example(data=data)
    form.is_valid()
    assert set(form.errors) == errors


def test_bounds_reach_the_browser():
    html = str(Example()["count"])
    assert f'max="{MAX_INTEGER}"' in html and 'min="0"' in html
    assert Example().fields["day"].validators


def test_every_model_date_field_is_bounded():
    from django.apps import apps

    from ehrensache.core.bounds import validate_date_in_range

    # Django's own, set by sign-up and login (AbstractUser), never typed.
    exempt = {"accounts.User.last_login", "accounts.User.date_joined"}
    missing = [
        label
        for model in apps.get_models()
        if model.__module__.startswith("ehrensache.")
        for f in model._meta.concrete_fields
        if isinstance(f, _date_model_fields())
        and validate_date_in_range not in f.validators
        and (label := f"{model._meta.label}.{f.name}") not in exempt
    ]
    assert missing == []


@pytest.mark.django_db
def test_no_record_is_saved_with_a_date_out_of_range():
    from ehrensache.core.errors import InvalidInput
    from tests.factories import CourseFactory

    session = CourseFactory().sessions.get()
    session.starts_at = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)
    with pytest.raises(InvalidInput) as refused:
        session.save()
    assert refused.value.field == "starts_at"
    session.refresh_from_db()
    session.notes = "far date not saved"
    session.save(update_fields=["notes"])
