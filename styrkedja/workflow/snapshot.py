"""A plan or report as it stands, in a form that can be stored and never changes.

The plan part is the importer's JSON form built from the database (exporter.json_export), so
an adopted version reads like any imported plan. A report adds what the unit reported for its
period: outcomes, activity statuses and the assessments of its own goals.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation

from styrkedja.exporter.json_export import plans_to_json
from styrkedja.indicators.models import Outcome
from styrkedja.periods.models import PeriodKind, ReportPeriod
from styrkedja.plans.models import Plan
from styrkedja.reports.models import ActivityStatus, GoalAssessment


def plan_snapshot(plan: Plan) -> dict[str, Any]:
    snapshot = plans_to_json([plan], source=str(plan))
    if plan.kind != PeriodKind.PLAN:
        snapshot["report"] = _report_content(plan)
    return snapshot


def _report_content(plan: Plan) -> dict[str, Any]:
    period = ReportPeriod.objects.filter(year_id=plan.year_id, kind=plan.kind).first()
    if period is None:
        return {"outcomes": [], "activity_statuses": [], "assessments": []}
    unit_id = plan.org_unit_id
    outcomes = (
        Outcome.objects.filter(org_unit_id=unit_id, period=period)
        .select_related("indicator")
        .order_by("indicator__name", "indicator_id", "sex")
    )
    statuses = (
        ActivityStatus.objects.filter(org_unit_id=unit_id, period=period)
        .select_related("activity")
        .order_by("activity__position", "activity_id")
    )
    assessments = (
        GoalAssessment.objects.filter(goal__owner_id=unit_id, period=period)
        .select_related("goal")
        .order_by("goal__position", "goal_id")
    )
    # Printed values (sex, status, assessment) in Swedish, like the rest of the JSON form.
    with translation.override("sv"):
        return {
            "period": {
                "kind": period.kind,
                "starts_on": period.starts_on.isoformat(),
                "ends_on": period.ends_on.isoformat(),
            },
            "outcomes": [
                {
                    "indicator": outcome.indicator.name,
                    "sex": str(outcome.get_sex_display()),
                    "value": None if outcome.value is None else str(outcome.value.normalize()),
                    "comment": outcome.comment,
                }
                for outcome in outcomes
            ],
            "activity_statuses": [
                {
                    "activity": status.activity.text,
                    "status": str(status.get_status_display()),
                    "comment": status.comment,
                }
                for status in statuses
            ],
            "assessments": [
                {
                    "goal": assessment.goal.title,
                    "number": assessment.goal.number,
                    "assessment": str(assessment.get_assessment_display()),
                    "analysis": assessment.analysis,
                }
                for assessment in assessments
            ],
        }
