"""Demo conversations (messaging): the demo volunteer and the demo coordinator have written
about the demo interests. Run at the end of ``brokering.demo.load``: messaging sits below
brokering, so the conversations about interests are brokering's demo data. Idempotent: a
thread with messages beyond its first is left alone."""

from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ehrensache.messaging.models import Message
from ehrensache.messaging.services import open_thread, post_message

from .models import Interest

VOLUNTEER = "ehrenamt@demo.ehrensache.invalid"
COORDINATOR = "koordination@demo.ehrensache.invalid"

LINES = [
    (
        "coordinator",
        "Schön, dass Sie sich melden! Hätten Sie nächsten Dienstag um 16 Uhr Zeit "
        "für ein kurzes Kennenlernen?",
    ),
    ("volunteer", "Ja, Dienstag passt. Soll ich etwas mitbringen?"),
    ("coordinator", "Nur gute Laune. Wir treffen uns am Haupteingang."),
]


def load(*, out: Callable = print) -> None:
    users = get_user_model().objects.filter(email__in=[VOLUNTEER, COORDINATOR])
    people = {u.email: u for u in users}
    volunteer, coordinator = people.get(VOLUNTEER), people.get(COORDINATOR)
    if volunteer is None or coordinator is None:
        out("Nachrichten: Demo-Konten fehlen, übersprungen")
        return
    interests = Interest.objects.filter(volunteer=volunteer).select_related(
        "opportunity__organization"
    )
    # the coordinator's organizations only (the volunteer's other interests went elsewhere)
    interests = [i for i in interests if coordinator.has_perm("brokering.message_interest", i)]
    count = 0
    for interest in interests[:2]:
        thread = open_thread(interest)
        if thread.messages.exclude(source=Message.Source.INITIAL).exists():
            continue
        authors = {"volunteer": volunteer, "coordinator": coordinator}
        with transaction.atomic():
            for role, text in LINES:
                post_message(thread, author=authors[role], text=text)
            # spread the demo messages over the last days
            for age, message in enumerate(thread.messages.order_by("-pk")[: len(LINES)]):
                Message.objects.filter(pk=message.pk).update(
                    created_at=timezone.now() - timedelta(hours=5 * age + 1)
                )
        count += 1
    out(f"Nachrichten: {count} Demo-Unterhaltung(en)")
