"""manage.py import_plans: read plan documents (text, PDF, Word) into the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from styrkedja.core.i18n import command_line_language
from styrkedja.history.recording import acting
from styrkedja.importer.parsed import ParsedDocument, documents_to_json
from styrkedja.importer.pipeline import STATUS_LABELS, ImportSummary, import_file


class Command(BaseCommand):
    help = "Läser in verksamhetsplaner från text-, PDF- och Word-filer."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa vad som skulle ändras utan att spara."
        )
        parser.add_argument("--json", type=Path, metavar="OUT", help="Skriv det tolkade som JSON.")
        parser.add_argument("--council", metavar="NAME", help="Nämnden som enheterna hör till.")
        parser.add_argument(
            "--unit", metavar="NAME", help="Enhetens namn, när dokumentet inte anger det."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(command_line_language()):
            self._import(options)

    def _import(self, options: dict[str, Any]) -> None:
        summary = ImportSummary()
        documents: list[ParsedDocument] = []
        for path in options["files"]:
            # No preview to compare with: the command writes unchecked, and the history
            # names the file as the author.
            with acting(import_name=path.name):
                result = import_file(
                    path,
                    council_name=options["council"],
                    unit_name=options["unit"],
                    dry_run=options["dry_run"],
                    max_bytes=settings.STYRKEDJA_IMPORT_MAX_BYTES,
                )
            summary.add(result)
            if result.error:
                self.stderr.write(result.error)
                continue
            assert result.document is not None
            documents.append(result.document)
            for stored in result.stored:
                self.stdout.write(
                    f"{path.name}: {stored.unit} {stored.year}: {STATUS_LABELS[stored.status]}"
                )
                for warning in stored.warnings:
                    self.stdout.write(self.style.WARNING(f"  {warning}"))
        if options["json"]:
            options["json"].write_text(
                json.dumps(documents_to_json(documents), ensure_ascii=False, indent=2),
                encoding="utf-8",
            )
        prefix = _("Dry run, nothing saved: ") if options["dry_run"] else ""
        self.stdout.write(prefix + summary.counts_text())
        if summary.failed_files:
            raise CommandError(
                _("%(count)s of %(total)s files could not be imported.")
                % {"count": summary.failed_files, "total": summary.files}
            )
