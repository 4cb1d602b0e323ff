"""manage.py seed_demo: build the demo city Exempelstad (once) and print the demo logins."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from styrkedja.demo.build import build_demo, demo_exists


class Command(BaseCommand):
    help = "Bygger demostaden Exempelstad (en gång) och skriver ut demoinloggningarna."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--year",
            type=int,
            default=None,
            help="Innevarande år för demodata (standard: i år). Föregående år byggs också.",
        )

    def handle(self, *args: Any, year: int | None, **options: Any) -> None:
        existed = demo_exists()
        logins = build_demo(current_year=year or timezone.localdate().year)
        if existed:
            self.stdout.write("Demostaden Exempelstad finns redan; inget ändrades.")
        else:
            self.stdout.write(self.style.SUCCESS("Demostaden Exempelstad är skapad."))
        self.stdout.write("Demoinloggningar (användarnamn / lösenord):")
        for login in logins:
            self.stdout.write(f"  {login.username:<14} / {login.password}   {login.description}")
