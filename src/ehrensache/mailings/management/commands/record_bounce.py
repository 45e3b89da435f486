"""``manage.py record_bounce [--recipient ADDRESS] < bounce.eml``: for an MTA pipe on the
bounce address (``EHRENSACHE_BOUNCE_ADDRESS``); marks the group message's delivery bounced.
Exit status 0 either way (a bounce about something else is dropped, never bounced back)."""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ehrensache.mailings.bounces import bounce_from_message


class Command(BaseCommand):
    help = "Record a bounce of a group message (RFC 822 on stdin)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--recipient", default="", help="envelope recipient (VERP address)")

    def handle(self, *args: Any, recipient: str = "", **options: Any) -> None:
        raw = sys.stdin.buffer.read(2_000_000)
        delivery = bounce_from_message(raw, recipient=recipient)
        if delivery is None:
            self.stdout.write("no delivery of a group message")
        else:
            self.stdout.write(f"delivery {delivery.pk}: {delivery.status}")
