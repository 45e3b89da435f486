from typing import Any

from django.core.management.base import BaseCommand

from ehrensache.core.assets import build


class Command(BaseCommand):
    help = "Build the fonts and the stylesheet browsers download (build/static/, served as static/build/)."

    def handle(self, *args: Any, **options: Any) -> None:
        for path in build():
            if options["verbosity"] > 0:
                self.stdout.write(f"{path.stat().st_size:>8} {path}")
