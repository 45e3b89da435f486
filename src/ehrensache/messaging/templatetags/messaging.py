"""``{% conversation subject %}``: the conversation about an interest or engagement, with
its write form, on the subject's own page (renders nothing for people outside it)."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model

from ehrensache.core.permissions import can

from .. import queries, services
from ..forms import MessageForm
from ..registry import kind_of

register = template.Library()


@register.inclusion_tag("messaging/conversation.html", takes_context=True)
def conversation(context: template.Context, subject: Model, form: Any = None) -> dict:
    request = context["request"]
    kind = kind_of(subject)
    if kind is None or not can(request.user, kind.permission, subject):
        return {"visible": False}
    thread = services.thread_of(subject)
    if thread is not None:
        entries, more = queries.recent_messages(thread)
        services.mark_read(thread, user=request.user)  # opening the page reads the thread
    else:
        initial = kind.initial_message(subject) if kind.initial_message else None
        entries, more = ([initial] if initial and initial.text.strip() else []), False
    return {
        "visible": True,
        "request": request,
        "user": request.user,
        "thread": thread,
        "entries": entries,
        "more": more,
        "form": form or MessageForm(),
        "kind": kind.label,
        "subject": subject,
        "csrf_token": context.get("csrf_token"),
    }
