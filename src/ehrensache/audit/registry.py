"""Known action names, their German display texts, and which objects have a history page.

Each app declares its part in ``<app>/audit_actions.py`` (found like ``periodic.py``):

- ``ACTIONS = {"engagements.hours.verified": _("Stunden bestätigt"), ...}``: every action
  name the app writes, ``<app>.<noun>.<verb in past tense>``, with its display text;
- ``FIELDS = {"status": (_("Status"), Interest.Status), "minutes": _("Minuten")}``
  (optional): labels (and choices) for the ``data`` keys of the app's actions that the
  history may show; keys without a label stay in the record but are not shown;
- ``HISTORIES = {"engagements.engagement": "engagements.manage_engagement"}`` (optional):
  models whose history staff may read, and the permission (on the object) that allows it.

:func:`~ehrensache.audit.services.log_action` refuses names that are not declared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db.models import Choices, Model

from ehrensache.core.registry import app_module, project_apps

MODULE = "audit_actions"


class UnknownAction(LookupError):
    pass


@dataclass(frozen=True)
class Registry:
    actions: dict = field(default_factory=dict)
    fields: dict = field(default_factory=dict)
    histories: dict = field(default_factory=dict)


@cache
def registry() -> Registry:
    found = Registry()
    for config in project_apps():
        module = app_module(config, MODULE)
        if module is None:
            continue
        for name in getattr(module, "ACTIONS", {}):
            if not name.startswith(f"{config.label}."):
                raise ValueError(f"{name!r} must start with the app label {config.label!r}")
            if name in found.actions:
                raise ValueError(f"Action {name!r} is declared twice")
        found.actions.update(module.ACTIONS)
        found.fields[config.label] = getattr(module, "FIELDS", {})
        found.histories.update(getattr(module, "HISTORIES", {}))
    return found


def check_action(name: str) -> None:
    if name not in registry().actions:
        raise UnknownAction(f"Unknown audit action {name!r}: declare it in the app's {MODULE}.py")


def action_label(name: str) -> str:
    text = registry().actions.get(name)
    return str(text) if text is not None else name


def history_permission(obj_or_label: Model | str) -> str | None:
    """The permission that lets staff read the history of this object (or model label)."""
    label = obj_or_label if isinstance(obj_or_label, str) else obj_or_label._meta.label_lower
    return registry().histories.get(label)


def shown_data(action: str, data: dict) -> list[tuple[str, str]]:
    """``data`` as (label, value) pairs for the keys the action's app gave a label;
    ``{"from", "to"}`` pairs read "alt → neu"."""
    fields = registry().fields.get(action.split(".", 1)[0], {})
    shown = []
    for key, value in (data or {}).items():
        spec = fields.get(key)
        if spec is None:
            continue
        label, choices = spec if isinstance(spec, tuple) else (spec, None)
        shown.append((str(label), _value(value, choices)))
    return shown


def _value(value: Any, choices: type[Choices] | None) -> str:
    if isinstance(value, dict) and set(value) == {"from", "to"}:
        return f"{_value(value['from'], choices)} → {_value(value['to'], choices)}"
    if value is None or value == "":
        return "–"
    if choices is not None:
        labels = dict(choices.choices)
        return str(labels.get(value, value))
    if isinstance(value, bool):
        from django.utils.translation import gettext as _

        return _("ja") if value else _("nein")
    return str(value)
