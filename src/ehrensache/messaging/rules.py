"""Who may read and write a conversation.

==========================  ==========================================================
permission                  who
==========================  ==========================================================
messaging.view_thread       whoever has the permission the subject's kind registered
                            (``brokering.message_interest``,
                            ``engagements.message_engagement``) on the subject
messaging.write_message     the same people (read and write go together)
messaging.view_inbox        every signed-in person (their own threads)
==========================  ==========================================================

The subject's own app decides who takes part; messaging only asks it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from ehrensache.accounts.rules import is_authenticated

from .registry import kind_for

if TYPE_CHECKING:
    from .models import Thread


@rules.predicate
def takes_part(user: Any, thread: Thread | None) -> bool:
    if thread is None or not is_authenticated(user):
        return False
    kind = kind_for(thread.subject_type)
    subject = subject_of(thread)
    return kind is not None and subject is not None and user.has_perm(kind.permission, subject)


def subject_of(thread: Thread) -> Any:
    """The thread's subject (a model instance of its registered kind), fetched once per
    thread object; None if it is gone."""
    if not hasattr(thread, "_subject"):
        kind = kind_for(thread.subject_type)
        thread._subject = (
            kind.objects().filter(pk=thread.subject_id).first() if kind is not None else None
        )
    return thread._subject


rules.add_perm("messaging.view_thread", takes_part)
rules.add_perm("messaging.write_message", takes_part)
rules.add_perm("messaging.view_inbox", is_authenticated)
