"""Meine Daten: the personal calendar subscription (see ``ehrensache.core.personal_data``);
and, on erasure, what the infrastructure still holds about the person: their sessions and
the background tasks (queued, failed or not yet pruned) whose arguments name them."""

from importlib import import_module

from django.conf import settings
from django.utils import timezone

from ehrensache.core.personal_data import DELETED

from .models import CalendarFeed

ERASURE = {
    "core.CalendarFeed.person": DELETED,
}


def export(user) -> dict:
    """That calendar addresses exist and when they were used; the address itself is a key,
    stored only as a hash (1 query)."""
    feeds = CalendarFeed.objects.filter(person=user).order_by("created_at", "pk")
    return {
        "calendar_subscriptions": [
            {
                "source": f.source or "all",
                "created_at": f.created_at,
                "last_used_at": f.last_used_at,
            }
            for f in feeds
        ]
    }


# Keyword arguments of a task that name a person by account id.
PERSON_ARGUMENTS = ("user_id", "person_id", "volunteer_id")
SESSION_BATCH = 2000


def erase(user) -> None:
    """The person's sessions (every device) and the task rows that name them."""
    erase_sessions(user)
    erase_task_results(user)


def erase_sessions(user) -> int:
    """Delete the sessions signed in as ``user``. Session data is signed and encoded, so the
    live sessions are read once in batches (only key and data) and decoded here; the
    matching ones are deleted by key. Expired sessions are left to ``clearsessions``."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store_class, "get_model_class"):  # cache or cookie sessions: nothing stored here
        return 0
    model = store_class.get_model_class()
    decoder = store_class()
    user_id = str(user.pk)
    live = model.objects.filter(expire_date__gt=timezone.now()).values_list(
        "session_key", "session_data"
    )
    keys = [
        key
        for key, data in live.iterator(chunk_size=SESSION_BATCH)
        if str(decoder.decode(data).get("_auth_user_id")) == user_id
    ]
    for key in keys:
        store_class(session_key=key).delete()  # also clears a cached copy (cached_db)
    return len(keys)


def _addresses(user) -> set[str]:
    from allauth.account.models import EmailAddress

    addresses = {user.email.lower()} if user.email else set()
    addresses.update(
        e.lower() for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    return addresses


def erase_task_results(user) -> int:
    """Delete the database task backend's rows whose arguments name the person: a mail to
    or about them (their address anywhere in recipient, text or reply-to) or a task given
    their account id. Queued ones are not sent any more: the person is gone."""
    from django.db.models import Q, TextField
    from django.db.models.functions import Cast
    from django_tasks_db.models import DBTaskResult

    names = Q()
    for address in _addresses(user):
        names |= Q(arguments__icontains=address)
    for key in PERSON_ARGUMENTS:
        names |= Q(**{f"args_kwargs__kwargs__{key}": user.pk})
    if not names:
        return 0
    rows = DBTaskResult.objects.annotate(arguments=Cast("args_kwargs", TextField())).filter(names)
    deleted, _ = DBTaskResult.objects.filter(
        pk__in=list(rows.values_list("pk", flat=True))
    ).delete()
    return deleted
