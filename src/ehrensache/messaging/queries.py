"""Reads of conversations: the person's inbox, the header badge, a thread's messages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet, Sum
from django.http import HttpRequest

from .models import Message, Participant, Thread

RECENT_ON_SUBJECT_PAGE = 20


def inbox_for(user: Any) -> QuerySet[Participant]:
    """The person's conversations, newest message first, with their unread counts (one
    query per page, plus the count)."""
    return (
        Participant.objects.filter(user=user, thread__last_message_at__isnull=False)
        .select_related("thread")
        .order_by("-thread__last_message_at", "-thread_id")
    )


def unread_total(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    total = Participant.objects.filter(user=user, unread__gt=0).aggregate(n=Sum("unread"))["n"]
    return total or 0


def unread_count(request: HttpRequest) -> int:
    """The header badge: messages of others the person has not read yet (one query, once
    per request)."""
    cached = getattr(request, "_messaging_unread", None)
    if cached is None:
        cached = request._messaging_unread = unread_total(request.user)  # type: ignore[attr-defined]
    return cached


def messages_of(thread: Thread) -> QuerySet[Message]:
    return thread.messages.select_related("author").order_by("created_at", "pk")


def recent_messages(thread: Thread) -> tuple[list[Message], bool]:
    """The last messages for the subject's page (oldest first) and whether there are more."""
    newest = list(
        thread.messages.select_related("author").order_by("-created_at", "-pk")[
            : RECENT_ON_SUBJECT_PAGE + 1
        ]
    )
    more = len(newest) > RECENT_ON_SUBJECT_PAGE
    return list(reversed(newest[:RECENT_ON_SUBJECT_PAGE])), more


def threads_visible_to(user: Any) -> QuerySet[Thread]:
    return Thread.objects.filter(participants__user=user)
