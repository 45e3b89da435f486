"""Conversations through the API: the caller's threads, a thread's messages, writing one.

Authentication: the browser session or a personal token (``Authorization: Bearer es_…``).
Threads the caller does not take part in answer 404, exactly as if they did not exist.
"""

from datetime import datetime
from typing import Any

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from ehrensache.accounts.api_auth import TokenAuth
from ehrensache.core.schemas import Id, LimitOffset, errors

from . import queries, services
from .models import MAX_MESSAGE_LENGTH, Message

router = Router(tags=["messaging"], auth=[TokenAuth(), django_auth])


class ThreadOut(Schema):
    id: int
    title: str
    subject_type: str = Field(..., description="z. B. brokering.interest")
    subject_id: int
    last_message_at: datetime | None
    unread: int

    @staticmethod
    def resolve_id(obj: Any) -> int:
        return obj.thread_id

    @staticmethod
    def resolve_title(obj: Any) -> str:
        return obj.thread.title

    @staticmethod
    def resolve_subject_type(obj: Any) -> str:
        return obj.thread.subject_type

    @staticmethod
    def resolve_subject_id(obj: Any) -> int:
        return obj.thread.subject_id

    @staticmethod
    def resolve_last_message_at(obj: Any) -> datetime | None:
        return obj.thread.last_message_at


class MessageOut(Schema):
    id: int
    author: str | None
    author_id: int | None
    text: str
    source: str
    created_at: datetime
    erased: bool

    @staticmethod
    def resolve_author(obj: Message) -> str | None:
        return obj.author.get_full_name() if obj.author else None

    @staticmethod
    def resolve_erased(obj: Message) -> bool:
        return obj.erased_at is not None


class MessageIn(Schema):
    text: str = Field(..., min_length=1, max_length=MAX_MESSAGE_LENGTH)
    idempotency_key: str = Field("", max_length=64, description="gleicher Schlüssel = einmal")


@router.get("/threads", response=list[ThreadOut])
@paginate(LimitOffset)
def list_threads(request: Any) -> Any:
    """The caller's conversations, newest message first, with their unread counts."""
    return queries.inbox_for(request.user)


@router.get("/threads/{thread_id}/messages", response=list[MessageOut])
@paginate(LimitOffset)
def list_messages(request: Any, thread_id: Id) -> Any:
    """A thread's messages, oldest first; reading them marks the thread read."""
    thread = services.thread_for_user(request.user, thread_id)
    services.mark_read(thread, user=request.user)
    return queries.messages_of(thread)


@router.post("/threads/{thread_id}/messages", response={201: MessageOut, **errors(409)})
def post_message(request: Any, thread_id: Id, payload: MessageIn) -> Any:
    thread = services.thread_for_user(request.user, thread_id)
    message = services.post_message(
        thread,
        author=request.user,
        text=payload.text,
        source=Message.Source.API,
        idempotency_key=payload.idempotency_key,
    )
    return Status(201, message)
