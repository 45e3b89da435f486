"""The project's form bases: every date and number a person types is bounded.

Every form of the platform derives from :class:`Form` or :class:`ModelForm` (not Django's
directly; ``tests/core/test_form_bounds.py`` enforces it). They give each date, datetime and
number field the bounds of ``core.bounds`` unless the field states its own:

- ``DateField``/``DateTimeField``/``SplitDateTimeField``: ``validate_date_in_range``
  (1900-01-01 … 2100-12-31) and ``min``/``max`` on the browser's date input;
- ``IntegerField``/``DecimalField``/``FloatField``: ``min_value`` 0 and ``max_value``
  ``MAX_INTEGER`` when unset (a field that takes negative numbers says so with its own
  ``min_value``).

Fields added in ``__init__`` after the base's ``__init__`` are bounded before cleaning
(``full_clean``), so they are checked too.
"""

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from .bounds import EARLIEST_DATE, LATEST_DATE, MAX_INTEGER, validate_date_in_range

DATE_FIELDS = (forms.DateField, forms.DateTimeField, forms.SplitDateTimeField)
NUMBER_FIELDS = (forms.IntegerField, forms.DecimalField, forms.FloatField)
MIN_NUMBER = 0


def _widget_attrs(field: forms.Field) -> dict:
    widget = field.widget
    if isinstance(widget, forms.HiddenInput):
        return {}
    return widget.attrs


def _bound_date(field: forms.Field) -> None:
    if validate_date_in_range not in field.validators:
        field.validators.append(validate_date_in_range)
    attrs = _widget_attrs(field)
    input_type = getattr(field.widget, "input_type", "")
    if input_type == "date":
        attrs.setdefault("min", EARLIEST_DATE.isoformat())
        attrs.setdefault("max", LATEST_DATE.isoformat())
    elif input_type == "datetime-local":
        attrs.setdefault("min", f"{EARLIEST_DATE.isoformat()}T00:00")
        attrs.setdefault("max", f"{LATEST_DATE.isoformat()}T23:59")


def _has_validator(field: forms.Field, kind: type) -> bool:
    return any(isinstance(v, kind) for v in field.validators)


def _bound_number(field: Any) -> None:
    if field.min_value is None:
        field.min_value = MIN_NUMBER
    if field.max_value is None:
        field.max_value = MAX_INTEGER
    if not _has_validator(field, MinValueValidator):
        field.validators.append(MinValueValidator(field.min_value))
    if not _has_validator(field, MaxValueValidator):
        field.validators.append(MaxValueValidator(field.max_value))
    # min/max belong to number and range inputs only (HTML): a number typed into a text box
    # ("2,5") keeps its bounds on the server.
    if getattr(field.widget, "input_type", "") in ("number", "range"):
        attrs = _widget_attrs(field)
        attrs.setdefault("min", field.min_value)
        attrs.setdefault("max", field.max_value)


def bound_field(field: forms.Field) -> forms.Field:
    """Give one form field the project's bounds (idempotent); returns the field."""
    if isinstance(field, DATE_FIELDS):
        _bound_date(field)
    elif isinstance(field, NUMBER_FIELDS):
        _bound_number(field)
    return field


def bound_fields(fields: dict[str, forms.Field]) -> None:
    for field in fields.values():
        bound_field(field)


def is_bounded(field: forms.Field) -> bool:
    """Whether a date or number field carries bounds (other fields: always True)."""
    if isinstance(field, DATE_FIELDS):
        return validate_date_in_range in field.validators
    if isinstance(field, NUMBER_FIELDS):
        return (
            field.min_value is not None
            and field.max_value is not None
            and _has_validator(field, MinValueValidator)
            and _has_validator(field, MaxValueValidator)
        )
    return True


class BoundedFormMixin:
    """Bounds every date and number field of the form (see the module's docstring)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bound_fields(self.fields)

    def full_clean(self) -> None:
        bound_fields(self.fields)  # fields a subclass added after __init__
        super().full_clean()  # type: ignore[misc]


class Form(BoundedFormMixin, forms.Form):
    """The base of every plain form of the platform."""


class ModelForm(BoundedFormMixin, forms.ModelForm):
    """The base of every model form of the platform."""
