from django.core.management.base import BaseCommand, CommandError

from ehrensache.opportunities.generator import generate, remove_synthetic


class Command(BaseCommand):
    help = (
        "Create N synthetic published opportunities spread over Germany (for benchmarks). "
        "--replace removes earlier synthetic ones first."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--replace", action="store_true")
        parser.add_argument("--seed", type=int, default=4)

    def handle(self, *args, count, replace, seed, **options):
        if count < 1:
            raise CommandError("count must be positive")
        if replace:
            self.stdout.write(f"{remove_synthetic()} synthetische Angebote entfernt")
        try:
            generate(count, seed=seed, out=self.stdout.write)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
