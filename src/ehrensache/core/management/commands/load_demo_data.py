from django.core.management.base import BaseCommand
from django.db import transaction

from ehrensache.core.demo import load_all


class Command(BaseCommand):
    help = "Load (or refresh) the demo data of every app. Idempotent."

    def handle(self, *args, **options):
        with transaction.atomic():
            load_all(out=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo-Daten sind geladen."))
