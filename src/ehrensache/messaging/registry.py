"""What a conversation can be about: the apps above register a *subject kind* from their
``hooks.py`` (messaging sits below them and never imports them).

A kind names the model (``"brokering.interest"``), the permission that lets a person read
and write its conversation (asked on the subject object), who takes part (the user ids that
get each message by mail and see the thread in their inbox), the page the conversation is
shown on, a short title and, optionally, the message the conversation starts with (an
interest's own message)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class InitialMessage:
    author_id: int | None
    text: str
    created_at: datetime
    author: Any = None  # the user, for the name shown before the thread exists


@dataclass(frozen=True)
class SubjectKind:
    label: str  # the model's label, lower case: "brokering.interest"
    permission: str  # read and write the conversation, asked on the subject
    participants: Callable[[Model], Iterable[int]]  # user ids taking part
    url: Callable[[Model], str]
    title: Callable[[Model], str]
    initial_message: Callable[[Model], InitialMessage | None] | None = None
    # The subject with what ``participants``/``title`` read, fetched once.
    queryset: Callable[[], QuerySet] | None = None

    def objects(self) -> QuerySet:
        if self.queryset is not None:
            return self.queryset()
        return apps.get_model(self.label)._default_manager.all()


_KINDS: dict[str, SubjectKind] = {}


def register_subject(kind: SubjectKind) -> SubjectKind:
    _KINDS[kind.label] = kind
    return kind


def kind_for(label: str) -> SubjectKind | None:
    return _KINDS.get(label)


def kind_of(obj: Model) -> SubjectKind | None:
    return _KINDS.get(obj._meta.label_lower)


def kinds() -> Iterable[SubjectKind]:
    return _KINDS.values()
