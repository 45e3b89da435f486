from django.core.management.base import BaseCommand

from ehrensache.accounts.demo import DEMO_USERS
from ehrensache.core.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo log-ins, one per role."

    def handle(self, *args, **options):
        self.stdout.write(f"\nDemo-Zugänge (Passwort für alle: {DEMO_PASSWORD}):")
        for email, role, _name in DEMO_USERS:
            self.stdout.write(f"  {role:<28} {email}")
        self.stdout.write("")
