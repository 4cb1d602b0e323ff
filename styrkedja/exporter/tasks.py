"""Export a plan or report to a file: what it includes, the bytes of each format, and the
background task that makes a file the web interface asked for."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Collection, Sequence

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from styrkedja.exporter.export_models import (
    GATHERING,
    RENDERING,
    SAVING,
    ExportedFile,
    ExportFormat,
    download_name,
    plan_version,
)
from styrkedja.exporter.json_export import plans_to_json
from styrkedja.org.models import OrgUnit, User
from styrkedja.org.tree import build_tree
from styrkedja.periods.models import PeriodKind
from styrkedja.plans.models import Plan

logger = logging.getLogger(__name__)


def units_below(plan: Plan, *, only: Collection[int] | None = None) -> list[OrgUnit]:
    """The units under the plan's unit that have a part in its document, in organisation
    order (the tree walked from the top, siblings in Swedish order).

    For a plan, the units with a plan of the year; for a report, the units that plan or
    report that year, as the layout includes them (a unit's outcomes and assessments exist
    before its report does). `only` keeps the units with these ids. The tree is built from
    all units below, so that a unit sits under its avdelning even if the avdelning has none.
    """
    below = list(
        OrgUnit.objects.descendants_of(plan.org_unit, include_self=False).in_swedish_order()
    )
    plans = Plan.objects.filter(org_unit__in=[unit.pk for unit in below], year_id=plan.year_id)
    if plan.kind == PeriodKind.PLAN:
        plans = plans.filter(kind=PeriodKind.PLAN)
    with_part = set(plans.values_list("org_unit_id", flat=True))
    return [
        node.unit
        for root in build_tree(below)
        for node in root.walk()
        if node.unit.pk in with_part and (only is None or node.unit.pk in only)
    ]


def json_bytes(plans: list[Plan], *, source: str) -> bytes:
    """The plans in the importer's JSON form, as the file holds them."""
    return json.dumps(plans_to_json(plans, source=source), ensure_ascii=False, indent=2).encode()


def render_export(
    plan: Plan,
    *,
    units: Sequence[OrgUnit],
    export_format: str,
    on_step: Callable[[int], None] | None = None,
) -> bytes:
    """The file's bytes: the plan, with the parts of `units` (in that order) for a nämnd.

    `on_step` hears when the rendering starts, after the data is gathered.
    """
    # Imported here, not at the top: WeasyPrint and python-docx take a while to load, and the
    # web process only needs them in the worker that runs this.
    from styrkedja.exporter.layout import build_export_document

    def step(progress: int) -> None:
        if on_step is not None:
            on_step(progress)

    # The document is the plan's own text, in Swedish whatever language asked for it.
    with translation.override("sv"):
        if export_format == ExportFormat.JSON:
            unit_plans = {
                unit_plan.org_unit_id: unit_plan
                for unit_plan in Plan.objects.filter(
                    org_unit__in=units, year_id=plan.year_id, kind=plan.kind
                ).select_related("org_unit", "year")
            }
            plans = [plan, *(unit_plans[unit.pk] for unit in units if unit.pk in unit_plans)]
            step(RENDERING)
            return json_bytes(plans, source=f"{plan.org_unit.name} {plan.year.number}")
        document = build_export_document(plan, units=list(units))
        step(RENDERING)
        if export_format == ExportFormat.HTML:
            from styrkedja.exporter.html_render import render_html

            return render_html(document).encode()
        if export_format == ExportFormat.PDF:
            from styrkedja.exporter.pdf import render_pdf

            return render_pdf(document)
        if export_format == ExportFormat.DOCX:
            from styrkedja.exporter.docx_render import render_docx

            return render_docx(document)
    raise ValueError(f"Unknown export format {export_format!r}")


def start_export(
    *, plan: Plan, export_format: str, units: Sequence[OrgUnit], user: User
) -> tuple[ExportedFile, bool]:
    """Queue an export of the plan; (the file, True), or for an adopted version whose
    document of this format and these units exists, (that file, False) and nothing new."""
    unit_ids = sorted(unit.pk for unit in units)
    with transaction.atomic():
        # Locking the plan makes two people starting the same export wait for each other,
        # and keeps its status from changing between the check and the new row.
        locked = Plan.objects.select_for_update().select_related("org_unit", "year").get(pk=plan.pk)
        version = plan_version(locked)
        if locked.is_adopted:
            existing = ExportedFile.objects.of_frozen_version(
                locked, version=version, export_format=export_format, unit_ids=unit_ids
            ).first()
            if existing is not None:
                return existing, False
        exported = ExportedFile.objects.create(
            plan=locked,
            version=version,
            plan_status=locked.status,
            format=export_format,
            units=unit_ids,
            name=download_name(locked, export_format),
            created_by=user,
        )
    # Enqueued after the commit, so that a worker never looks for a row not yet there.
    run_export.enqueue(exported.pk)
    return exported, True


@task()
def run_export(exported_file_id: int) -> None:
    exported = ExportedFile.objects.select_related("plan__org_unit", "plan__year").get(
        pk=exported_file_id
    )
    if exported.status != ExportedFile.Status.QUEUED:
        # Run once: a task delivered again must not replace a file already made.
        return
    rows = ExportedFile.objects.filter(pk=exported_file_id)

    def step(progress: int) -> None:
        # One small UPDATE per step, so that the page's progress bar moves.
        rows.update(status=ExportedFile.Status.RUNNING, progress=progress)

    try:
        step(GATHERING)
        units = units_below(exported.plan, only=exported.units) if exported.units else []
        content = render_export(
            exported.plan, units=units, export_format=exported.format, on_step=step
        )
        step(SAVING)
        plan = exported.plan
        stored_name = f"{plan.kind.lower()}-{plan.year.number}-v{exported.version}-{exported.pk}"
        exported.file.save(f"{stored_name}.{exported.format}", ContentFile(content), save=False)
    except Exception as error:  # recorded for the user, then re-raised for the worker's log
        logger.exception("Export %s failed", exported_file_id)
        rows.update(
            status=ExportedFile.Status.FAILED,
            error=str(error) or type(error).__name__,
            finished_at=timezone.now(),
        )
        raise
    rows.update(
        status=ExportedFile.Status.DONE,
        progress=100,
        file=exported.file.name,
        size=len(content),
        finished_at=timezone.now(),
    )
