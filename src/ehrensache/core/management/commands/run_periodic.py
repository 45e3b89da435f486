from django.core.management.base import BaseCommand

from ehrensache.core.scheduling import periodic_jobs


class Command(BaseCommand):
    help = (
        "Enqueue every app's periodic jobs (reminders, expiries, retention). Run every 15 minutes."
    )

    def handle(self, *args, **options):
        for job in periodic_jobs():
            job.enqueue()
            self.stdout.write(f"enqueued {job.module_path}")
