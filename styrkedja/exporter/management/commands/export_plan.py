"""manage.py export_plan: write a plan (and, for a nämnd, its units' plans) from the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from styrkedja.core.i18n import command_line_language
from styrkedja.exporter.json_export import plans_to_json
from styrkedja.org.models import OrgUnit
from styrkedja.org.tree import build_tree
from styrkedja.periods.models import PeriodKind
from styrkedja.plans.models import Plan

KINDS = {
    "vp": PeriodKind.PLAN,
    "t1": PeriodKind.T1,
    "t2": PeriodKind.T2,
    "vb": PeriodKind.ANNUAL_REPORT,
}


class Command(BaseCommand):
    help = "Skriver ut en plan ur databasen (JSON enligt importformatet)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--org", required=True, help="Organisationens namn.")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--kind", default="vp", choices=sorted(KINDS))
        parser.add_argument("--format", default="json", choices=["json"])
        parser.add_argument("--output", required=True, type=Path)
        parser.add_argument(
            "--with-units", action="store_true", help="För en nämnd: även enheternas planer."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(command_line_language()):
            plans = self._plans(options)
            data = plans_to_json(plans, source=f"{options['org']} {options['year']}")
            options["output"].write_text(
                json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8"
            )
            self.stdout.write(
                _("%(count)s plans written to %(path)s")
                % {"count": len(plans), "path": options["output"]}
            )

    def _plans(self, options: dict[str, Any]) -> list[Plan]:
        matches = list(OrgUnit.objects.filter(name__iexact=options["org"].strip()))
        if not matches:
            raise CommandError(
                _("No organisation unit is called %(name)s.") % {"name": options["org"]}
            )
        if len(matches) > 1:
            raise CommandError(
                _("Several organisation units are called %(name)s.") % {"name": options["org"]}
            )
        org = matches[0]
        units = [org]
        if options["with_units"]:
            below = OrgUnit.objects.descendants_of(org).in_swedish_order()
            units = [node.unit for root in build_tree(below) for node in root.walk()]
        kind = KINDS[options["kind"]]
        plans = {
            plan.org_unit_id: plan
            for plan in Plan.objects.filter(
                org_unit__in=units, year__number=options["year"], kind=kind
            ).select_related("org_unit", "year")
        }
        if not plans:
            raise CommandError(
                _("%(name)s has no plan of that kind for %(year)s.")
                % {"name": org.name, "year": options["year"]}
            )
        return [plans[unit.pk] for unit in units if unit.pk in plans]
