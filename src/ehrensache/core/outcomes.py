"""One way for a view to show a refused service call: the form error or message helper.

Services raise :class:`~ehrensache.core.errors.DomainError` with a message for the person.
Views call them inside :func:`domain_errors` instead of writing ``try/except`` blocks::

    with domain_errors(form) as outcome:
        interest = services.express_interest(opportunity, volunteer=request.user, ...)
    if outcome.ok:
        return redirect(interest)
    return render(request, "...", {"form": form})  # the form keeps what was typed

- with a form, the error lands on ``exc.field`` if the form has that field, else on the
  form as a whole (``non_field_errors``);
- with a request, it becomes an error message (``django.contrib.messages``) for pages that
  redirect after a button without a form.

``NotFound`` and ``Forbidden`` are not turned into form errors: they propagate, and
``core.middleware.PermissionPolicyMiddleware`` answers 404 / 403.
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


def show_domain_error(target: forms.BaseForm | HttpRequest, exc: DomainError) -> None:
    """Put ``exc`` where the person sees it: on the form (field or whole) or as a message."""
    if isinstance(target, forms.BaseForm):
        field = exc.field if exc.field and exc.field in target.fields else None
        target.add_error(field, str(exc))
    else:
        messages.error(target, str(exc))


@contextmanager
def domain_errors(target: forms.BaseForm | HttpRequest) -> Iterator[Outcome]:
    """Run a service call; a refusal becomes a form error or message instead of a crash."""
    outcome = Outcome()
    try:
        yield outcome
    except (NotFound, Forbidden):
        raise
    except DomainError as exc:
        outcome.error = exc
        show_domain_error(target, exc)
