"""Bounds for the dates and numbers people type, shared by models, forms and the API.

Python's ``date`` reaches 9999-12-31 and 0001-01-01, PostgreSQL's ``integer`` 2,147,483,647:
a value at the edge passes a plain field and then breaks arithmetic (``+ timedelta`` overflows),
calendar feeds or the database. Every date and number a person enters is checked against these
bounds first, so the answer is a form error or a structured 422 in the person's language.
"""

from datetime import date, datetime
from functools import cache
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import AfterValidator

from ehrensache.core.dates import format_day

# Birth dates and engagements long past start here; plans end before the next century.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)
# PostgreSQL ``integer`` (and Django's ``IntegerField`` on every engine).
MAX_INTEGER = 2_147_483_647


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def date_in_range(value: date | datetime) -> bool:
    return EARLIEST_DATE <= _day(value) <= LATEST_DATE


def out_of_range_message() -> str:
    return str(
        _("Bitte ein Datum zwischen dem %(first)s und dem %(last)s angeben.")
        % {"first": format_day(EARLIEST_DATE), "last": format_day(LATEST_DATE)}
    )


def validate_date_in_range(value: date | datetime | None) -> None:
    """Django validator for model and form date/datetime fields."""
    if value is not None and not date_in_range(value):
        raise ValidationError(out_of_range_message(), code="date_out_of_range")


def _check_api_date(value: Any) -> Any:
    if value is not None and not date_in_range(value):
        raise ValueError(out_of_range_message())
    return value


# API schema types: ``starts_on: BoundedDate`` answers 422 with the German message.
BoundedDate = Annotated[date, AfterValidator(_check_api_date)]
BoundedDateTime = Annotated[datetime, AfterValidator(_check_api_date)]


@cache
def _bounded_fields(model: Any) -> tuple[str, ...]:
    return tuple(
        f.attname
        for f in model._meta.concrete_fields
        if validate_date_in_range in getattr(f, "validators", ())
    )


def check_dates_before_save(
    sender: Any, instance: Any, update_fields: Any = None, raw: bool = False, **kwargs: Any
) -> None:
    """``pre_save`` receiver: no record is written with a bounded date out of range.

    Every date field of the platform's models carries ``validate_date_in_range``; forms and API
    schemas check first, and this stops any other path (a service called from code, a task) with
    ``InvalidInput`` on the field, which views show on the form and the API answers with 422.
    """
    if raw:
        return
    for name in _bounded_fields(sender):
        if update_fields is not None and name not in update_fields:
            continue
        value = getattr(instance, name, None)
        if isinstance(value, date) and not date_in_range(value):
            from .errors import InvalidInput

            raise InvalidInput(out_of_range_message(), field=name.removesuffix("_id"))
