"""manage.py export_plan: write a plan or report (for a nämnd, with its units' parts) from the
database as Word, PDF, HTML (the print view) or JSON."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from styrkedja.core.i18n import command_line_language
from styrkedja.exporter.export_models import ExportFormat
from styrkedja.exporter.tasks import json_bytes, render_export, units_below
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import PeriodKind, Year
from styrkedja.plans.models import Plan

KINDS = {
    "vp": PeriodKind.PLAN,
    "t1": PeriodKind.T1,
    "t2": PeriodKind.T2,
    "vb": PeriodKind.ANNUAL_REPORT,
}


class Command(BaseCommand):
    help = (
        "Skriver ut en plan eller rapport ur databasen som Word, PDF, HTML (utskriftsvy) "
        "eller JSON enligt importformatet."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--org", required=True, help="Organisationens namn.")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--kind", default="vp", choices=sorted(KINDS))
        parser.add_argument("--format", default="json", choices=list(ExportFormat.values))
        parser.add_argument("--output", required=True, type=Path)
        parser.add_argument(
            "--with-units", action="store_true", help="För en nämnd: även enheternas delar."
        )
        parser.add_argument(
            "--unit",
            action="append",
            default=[],
            metavar="NAMN",
            help="Ta med den här enheten under nämnden (kan anges flera gånger).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(command_line_language()):
            output: Path = options["output"]
            if not output.parent.is_dir():
                raise CommandError(
                    _("The folder %(path)s does not exist.") % {"path": output.parent}
                )
            # Everything is read and rendered before the file is opened: an error writes nothing.
            content, count = self._content(options)
            _write_whole(output, content)
            self.stdout.write(
                _("%(count)s plans written to %(path)s") % {"count": count, "path": output}
            )

    def _content(self, options: dict[str, Any]) -> tuple[bytes, int]:
        org = _org_unit(options["org"])
        year, kind = options["year"], KINDS[options["kind"]]
        own_plan = (
            Plan.objects.filter(org_unit=org, year__number=year, kind=kind)
            .select_related("org_unit", "year")
            .first()
        )
        units = self._units(org, own_plan, year, kind, options)
        if options["format"] == ExportFormat.JSON and own_plan is None and units:
            # The JSON form is a list of plans: a nämnd without a plan of its own can still
            # give its units' plans.
            unit_plans = {
                plan.org_unit_id: plan
                for plan in Plan.objects.filter(
                    org_unit__in=units, year__number=year, kind=kind
                ).select_related("org_unit", "year")
            }
            plans = [unit_plans[unit.pk] for unit in units]
            return json_bytes(plans, source=f"{org.name} {year}"), len(plans)
        if own_plan is None:
            raise CommandError(
                _("%(name)s has no plan of that kind for %(year)s.")
                % {"name": org.name, "year": year}
            )
        content = render_export(own_plan, units=units, export_format=options["format"])
        return content, 1 + len(units)

    def _units(
        self,
        org: OrgUnit,
        own_plan: Plan | None,
        year: int,
        kind: str,
        options: dict[str, Any],
    ) -> list[OrgUnit]:
        """The units whose parts to include, in organisation order; none unless asked for."""
        if not options["with_units"] and not options["unit"]:
            return []
        # units_below reads the org unit, year and kind of a plan; a nämnd without a plan of
        # its own (JSON only) is asked the same through an unsaved one.
        anchor = own_plan or Plan(org_unit=org, year=_year(year), kind=kind)
        available = units_below(anchor)
        if not options["unit"]:
            return available
        chosen: set[int] = set()
        for name in options["unit"]:
            unit = _org_unit(name)
            if not unit.path.startswith(org.path) or unit.pk == org.pk:
                raise CommandError(
                    _("%(unit)s is not a unit below %(org)s.")
                    % {"unit": unit.name, "org": org.name}
                )
            if unit not in available:
                raise CommandError(
                    _("%(name)s has no plan of that kind for %(year)s.")
                    % {"name": unit.name, "year": year}
                )
            chosen.add(unit.pk)
        return [unit for unit in available if unit.pk in chosen]


def _org_unit(name: str) -> OrgUnit:
    matches = list(OrgUnit.objects.filter(name__iexact=name.strip()))
    if not matches:
        raise CommandError(_("No organisation unit is called %(name)s.") % {"name": name})
    if len(matches) > 1:
        raise CommandError(_("Several organisation units are called %(name)s.") % {"name": name})
    return matches[0]


def _year(number: int) -> Year:
    year = Year.objects.filter(number=number).first()
    if year is None:
        raise CommandError(_("There is no year %(year)s.") % {"year": number})
    return year


def _write_whole(output: Path, content: bytes) -> None:
    """Write the file under a temporary name in the same folder, then rename it into place,
    so that the output is either the whole new file or untouched."""
    handle, temporary = tempfile.mkstemp(
        dir=output.parent, prefix=f".{output.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        # mkstemp makes the file private (0600); the output gets the usual mode instead.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
