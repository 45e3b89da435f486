"""Read one RFC 822 message from standard input and hand it to the conversations (an MTA
pipe, e.g. Postfix ``pipe`` with ``argv=… manage.py receive_mail --recipient ${recipient}``).

Exit status for the MTA (sysexits): 0 accepted (posted, duplicate, bounce recorded, automatic
answer ignored); 65 (EX_DATAERR) refused, with the reason on stderr, which the MTA returns to
the sender in its bounce."""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ehrensache.messaging.inbound import receive

EX_DATAERR = 65


class Command(BaseCommand):
    help = "Receive one mail (RFC 822 on stdin) for the conversations: a reply or a bounce."
    stealth_options = ("stdin",)  # tests pass the mail as a stream

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--recipient", default="", help="the envelope recipient (optional)")

    def handle(self, *args: Any, recipient: str = "", **options: Any) -> None:
        stdin = options.get("stdin") or sys.stdin.buffer
        raw = stdin.read()
        result = receive(raw if isinstance(raw, bytes) else raw.encode(), recipient=recipient)
        if not result.accepted:
            self.stderr.write(result.reason)
            sys.exit(EX_DATAERR)
        self.stdout.write(result.status)
