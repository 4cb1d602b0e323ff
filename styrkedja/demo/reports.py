"""The demo city's reports of the previous year, in every state of the workflow.

T1 and T2 are adopted and locked for every unit; the annual report (VB) is at a different
stage in each unit of a nämnd: adopted, returned with a comment, marked ready, begun and
late, not started. So the controller overview, the report pages and the workflow have
something to show. Everything is written through the same services as the pages, as the
demo's people, so the history reads as if they had done it.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from styrkedja.history.recording import acting
from styrkedja.org import access
from styrkedja.org.models import OrgUnit, User
from styrkedja.periods.models import PeriodKind, ReportPeriod, Year
from styrkedja.plans.models import Plan
from styrkedja.reports import assessments as assessment_services
from styrkedja.reports import selection
from styrkedja.reports.models import ActivityStatus, GoalAssessment
from styrkedja.reports.statuses import StatusInput, save_statuses
from styrkedja.workflow import services as workflow

# What each unit of a nämnd has done with its annual report, by its place in the nämnd.
ANNUAL_REPORT_STAGES = ("adopted", "returned", "ready", "begun", "not started")

STATUSES_BY_PERIOD: dict[str, tuple[str, ...]] = {
    PeriodKind.T1: (
        ActivityStatus.Status.ONGOING,
        ActivityStatus.Status.ONGOING,
        ActivityStatus.Status.NOT_STARTED,
    ),
    PeriodKind.T2: (
        ActivityStatus.Status.ONGOING,
        ActivityStatus.Status.DONE,
        ActivityStatus.Status.DELAYED,
    ),
    PeriodKind.ANNUAL_REPORT: (
        ActivityStatus.Status.DONE,
        ActivityStatus.Status.DONE,
        ActivityStatus.Status.DELAYED,
        ActivityStatus.Status.CANCELLED,
    ),
}
STATUS_COMMENTS: dict[str, str] = {
    ActivityStatus.Status.NOT_STARTED: "Startar efter sommaren enligt planen.",
    ActivityStatus.Status.ONGOING: "Arbetet pågår enligt tidplanen.",
    ActivityStatus.Status.DONE: "Genomförd och utvärderad på arbetsplatsträffen.",
    ActivityStatus.Status.DELAYED: "Försenad på grund av vakanser; fortsätter nästa år.",
    ActivityStatus.Status.CANCELLED: "Inställd: ersätts av stadens gemensamma satsning.",
}
ANALYSES: dict[str, str] = {
    GoalAssessment.Assessment.MET: (
        "Målet bedöms vara uppfyllt. Indikatorerna når sina årsmål och de planerade "
        "aktiviteterna är genomförda."
    ),
    GoalAssessment.Assessment.PARTLY_MET: (
        "Målet bedöms vara delvis uppfyllt. Flera indikatorer utvecklas i rätt riktning men "
        "når inte årsmålet; arbetet fortsätter nästa år."
    ),
    GoalAssessment.Assessment.NOT_MET: (
        "Målet bedöms inte vara uppfyllt. Personalomsättningen har försenat arbetet; en "
        "åtgärdsplan tas fram till nästa tertial."
    ),
}
RETURN_COMMENT = (
    "Analysen av målet om väntetider behöver utvecklas: beskriv orsakerna och vad ni gör nu."
)


def report_previous_year(*, year: Year, councils: Sequence[OrgUnit]) -> None:
    people = {user.username: user for user in User.objects.all()}
    admin = people["admin"]
    periods = {period.kind: period for period in year.periods.all()}
    rng = random.Random(year.number)
    for council in councils:
        units = list(
            OrgUnit.objects.descendants_of(council)
            .filter(kind=OrgUnit.Kind.UNIT)
            .in_swedish_order()
        )
        council_editor, reviewer, administrator = _people_of(council, people)
        for index, unit in enumerate(units):
            editor = council_editor if access.can_edit_plans_of(council_editor, unit) else admin
            for kind in (PeriodKind.T1, PeriodKind.T2):
                _write_report(unit, year, periods[kind], editor, rng)
                report = _report(unit, year, kind)
                _adopt(report, editor, reviewer, reviewer, lock=True)
            stage = ANNUAL_REPORT_STAGES[index % len(ANNUAL_REPORT_STAGES)]
            _annual_report(unit, year, periods, stage, editor, reviewer, rng)
        for kind in (PeriodKind.T1, PeriodKind.T2):
            _write_report(council, year, periods[kind], administrator, rng)
            # A nämnd's own report is approved from above it (the kommun) and decided by it.
            _adopt(_report(council, year, kind), administrator, admin, administrator)


def _people_of(council: OrgUnit, people: dict[str, User]) -> tuple[User, User, User]:
    """The demo's redaktör, granskare and administratör where they have rights, else admin."""
    admin = people["admin"]
    if council.name == "Norrdalens stadsdelsnämnd":
        return (
            people.get("redaktor", admin),
            people.get("granskare", admin),
            people.get("administrator", admin),
        )
    return admin, admin, admin


def _annual_report(
    unit: OrgUnit,
    year: Year,
    periods: dict[str, ReportPeriod],
    stage: str,
    editor: User,
    reviewer: User,
    rng: random.Random,
) -> None:
    if stage == "not started":
        return
    period = periods[PeriodKind.ANNUAL_REPORT]
    _write_report(unit, year, period, editor, rng, assess=stage != "begun")
    report = _report(unit, year, PeriodKind.ANNUAL_REPORT)
    if stage == "begun":
        return
    with acting(user=editor):
        workflow.mark_ready(plan=report, user=editor, base_revision=None)
    if stage == "returned":
        with acting(user=reviewer):
            workflow.return_to_draft(
                plan=report, user=reviewer, base_revision=None, comment=RETURN_COMMENT
            )
    elif stage == "adopted":
        with acting(user=reviewer):
            workflow.approve(plan=report, user=reviewer, base_revision=None)
            workflow.adopt(
                plan=report,
                user=reviewer,
                base_revision=None,
                decided_on=datetime.date(year.number + 1, 2, 10),
                case_number="",
            )


def _report(unit: OrgUnit, year: Year, kind: str) -> Plan:
    return Plan.objects.get(org_unit=unit, year=year, kind=kind)


def _adopt(
    report: Plan, editor: User, reviewer: User, adopter: User, *, lock: bool = False
) -> None:
    council_decides = report.org_unit.kind == OrgUnit.Kind.COUNCIL
    with acting(user=editor):
        workflow.mark_ready(plan=report, user=editor, base_revision=None)
    with acting(user=reviewer):
        workflow.approve(plan=report, user=reviewer, base_revision=None)
    decided_on = _decision_day(report)
    with acting(user=adopter):
        workflow.adopt(
            plan=report,
            user=adopter,
            base_revision=None,
            decided_on=decided_on,
            case_number=f"{report.org_unit.name[:3].upper()} {report.year.number}/{report.pk}"
            if council_decides
            else "",
        )
        if lock:
            workflow.lock(plan=report, user=adopter, base_revision=None)


def _decision_day(report: Plan) -> datetime.date:
    """Some weeks after the period: T1 in June, T2 in October, VB in February."""
    year = report.year.number
    days: dict[str, datetime.date] = {
        PeriodKind.T1: datetime.date(year, 6, 12),
        PeriodKind.T2: datetime.date(year, 10, 16),
    }
    return days.get(report.kind, datetime.date(year + 1, 2, 20))


def _write_report(
    unit: OrgUnit,
    year: Year,
    period: ReportPeriod,
    editor: User,
    rng: random.Random,
    *,
    assess: bool = True,
) -> None:
    """Activity statuses and goal assessments (outcomes were recorded with the plans)."""
    choices = STATUSES_BY_PERIOD[period.kind]
    rows = []
    for activity in selection.reported_activities(unit, year):
        status = rng.choice(choices)
        rows.append(
            StatusInput(
                activity=activity,
                status=status,
                comment=STATUS_COMMENTS[status],
                base_revision=None,
            )
        )
    with acting(user=editor):
        save_statuses(unit=unit, year=year, period=period, rows=rows)
        if not assess:
            return
        goals = selection.own_goals(unit, year)
        proposals = assessment_services.proposals_for(
            unit=unit, year=year, period=period, goals=goals
        )
        for goal in goals:
            proposed = proposals[goal.pk].assessment or ""
            chosen = GoalAssessment.Assessment(proposed or GoalAssessment.Assessment.PARTLY_MET)
            assessment_services.save_assessment(
                unit=unit,
                year=year,
                period=period,
                goal=goal,
                base_revision=None,
                assessment=chosen,
                analysis=ANALYSES[chosen],
                proposed=proposed,
            )
