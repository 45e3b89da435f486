"""One way for a view to show a refused service call: the form error or message helper.

Services raise :class:`~ehrensache.core.errors.DomainError` with a message for the person.
Views call them inside :func:`domain_errors` instead of writing ``try/except`` blocks::

    with domain_errors(form) as outcome:
        interest = services.express_interest(opportunity, volunteer=request.user, ...)
    if outcome.ok:
        return redirect(interest)
    return render(request, "...", {"form": form})  # the form keeps what was typed

- with a form, the error lands on ``exc.field`` if the form has that field, else on the
  form as a whole (``non_field_errors``); a form whose fields are named differently from
  the service's arguments maps them in ``SERVICE_FIELDS`` (``{"starts_at": "date"}``);
- with a request, it becomes an error message (``django.contrib.messages``) for pages that
  redirect after a button without a form;
- with several targets (``domain_errors(session_form, request)``), the error goes to the
  first form that has its field, else to the last target.

``NotFound`` and ``Forbidden`` are not turned into form errors: they propagate, and
``core.middleware.PermissionPolicyMiddleware`` answers 404 / 403. The exception is a
``NotFound`` that names a field (``locate`` on an unknown postal code): it is about what the
person typed, not about a record they may not see, and is shown like any other refusal.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from .errors import DomainError, Forbidden, NotFound


@dataclass
class Outcome:
    error: DomainError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


Target = forms.BaseForm | HttpRequest


def _form_field(form: forms.BaseForm, exc: DomainError) -> str | None:
    """The form's field for ``exc.field`` (through ``SERVICE_FIELDS``), if it has one."""
    if not exc.field:
        return None
    field = getattr(form, "SERVICE_FIELDS", {}).get(exc.field, exc.field)
    return field if field in form.fields else None


def show_domain_error(target: Target, exc: DomainError) -> None:
    """Put ``exc`` where the person sees it: on the form (field or whole) or as a message."""
    if isinstance(target, forms.BaseForm):
        target.add_error(_form_field(target, exc), str(exc))
    else:
        messages.error(target, str(exc))


def _target_for(targets: tuple[Target, ...], exc: DomainError) -> Target:
    """The first form that has the error's field, else the last target."""
    for target in targets:
        if isinstance(target, forms.BaseForm) and _form_field(target, exc) is not None:
            return target
    return targets[-1]


@contextmanager
def domain_errors(*targets: Target) -> Iterator[Outcome]:
    """Run a service call; a refusal becomes a form error or message instead of a crash."""
    if not targets:
        raise TypeError("domain_errors() needs a form or a request")
    outcome = Outcome()
    try:
        yield outcome
    except Forbidden:
        raise
    except NotFound as exc:
        if not exc.field:
            raise
        outcome.error = exc
        show_domain_error(_target_for(targets, exc), exc)
    except DomainError as exc:
        outcome.error = exc
        show_domain_error(_target_for(targets, exc), exc)
