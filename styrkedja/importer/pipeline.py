"""One file through the importer: read, parse and check outside any transaction, then store.

Used by the import_plans command and by the upload in the web interface.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styrkedja.importer.conflicts import PreviewBase
from styrkedja.importer.parsed import ParsedDocument
from styrkedja.importer.parser import parse_text
from styrkedja.importer.readers import DocumentError, read_document
from styrkedja.importer.store import PlanStore, StoredPlan

STATUS_LABELS = {
    "created": gettext_lazy("created"),
    "updated": gettext_lazy("updated"),
    "unchanged": gettext_lazy("unchanged"),
    "conflict": gettext_lazy("stopped"),
}


@dataclass
class FileResult:
    path: Path
    document: ParsedDocument | None = None
    stored: list[StoredPlan] = field(default_factory=list)
    error: str = ""


@dataclass
class ImportSummary:
    files: int = 0
    failed_files: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflict: int = 0

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.failed_files += bool(result.error)
        for stored in result.stored:
            setattr(self, stored.status, getattr(self, stored.status) + 1)

    def counts_text(self) -> str:
        counts = {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "conflict": self.conflict,
        }
        if self.conflict:
            return (
                _(
                    "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                    "%(conflict)s stopped"
                )
                % counts
            )
        return _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged") % counts


def check_document(document: ParsedDocument, *, unit_name: str | None) -> None:
    """Refuse a document that cannot be stored whole, naming what and where."""
    # Text without any goal structure (minutes, a letter) is no plan, whatever else it says.
    if not any(plan.goals for plan in document.plans):
        raise DocumentError(
            _("%(file)s: no plan was found in the document.") % {"file": document.source}
        )
    for plan in document.plans:
        where = _("line %(line)s") % {"line": plan.line_start or 1}
        if plan.year is None:
            raise DocumentError(
                _("%(file)s, %(where)s: the plan's year cannot be found.")
                % {"file": document.source, "where": where}
            )
        if not (plan.unit or unit_name):
            raise DocumentError(
                _("%(file)s, %(where)s: the unit's name cannot be found; give it with --unit.")
                % {"file": document.source, "where": where}
            )
    unnamed = sum(1 for plan in document.plans if not plan.unit)
    if unit_name and unnamed > 1:
        raise DocumentError(
            _("%(file)s: --unit names one unit, but %(count)s plans lack a name.")
            % {"file": document.source, "count": unnamed}
        )


def read_and_parse(path: Path, *, unit_name: str | None, max_bytes: int) -> ParsedDocument:
    """Read and parse a file, outside any transaction; raises DocumentError."""
    text = read_document(path, max_bytes=max_bytes)
    return parse_text(text.text, source=path.name, unit_hint=unit_name)


def store_document(
    document: ParsedDocument,
    *,
    council_name: str | None,
    unit_name: str | None,
    dry_run: bool,
    on_stored: Callable[[StoredPlan], None] | None = None,
    bases: Sequence[PreviewBase | None] = (),
) -> list[StoredPlan]:
    """Store each plan of a checked document in its own short transaction.

    `bases` holds, plan by plan, what the preview saw; a plan with one is stopped rather
    than overwrite what someone changed since. Without (the command line), it is unchecked.
    """
    store = PlanStore(council_name=council_name, dry_run=dry_run)
    stored_plans = []
    for index, plan in enumerate(document.plans):
        stored = store.store(
            plan,
            unit_name=plan.unit or unit_name or "",
            base=bases[index] if index < len(bases) else None,
        )
        stored_plans.append(stored)
        if on_stored is not None:
            on_stored(stored)
    return stored_plans


def import_file(
    path: Path,
    *,
    council_name: str | None,
    unit_name: str | None,
    dry_run: bool,
    max_bytes: int,
    on_stored: Callable[[StoredPlan], None] | None = None,
    bases: Sequence[PreviewBase | None] = (),
) -> FileResult:
    """Read, parse and check the file, then store its plans; bad input writes nothing."""
    result = FileResult(path=path)
    try:
        document = read_and_parse(path, unit_name=unit_name, max_bytes=max_bytes)
        check_document(document, unit_name=unit_name)
    except DocumentError as error:
        result.error = str(error)
        return result
    result.document = document
    result.stored = store_document(
        document,
        council_name=council_name,
        unit_name=unit_name,
        dry_run=dry_run,
        on_stored=on_stored,
        bases=bases,
    )
    return result
