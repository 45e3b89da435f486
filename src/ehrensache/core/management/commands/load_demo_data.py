from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings

from ehrensache.core.demo import load_all


class Command(BaseCommand):
    help = "Load (or refresh) the demo data of every app. Idempotent."

    def handle(self, *args, **options):
        # Demo journeys (interests, referrals, …) trigger notification mails; they must never
        # leave the machine or flood the console, so they go to the in-memory outbox.
        locmem = "django.core.mail.backends.locmem.EmailBackend"
        with override_settings(EMAIL_BACKEND=locmem), transaction.atomic():
            load_all(out=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo-Daten sind geladen."))
