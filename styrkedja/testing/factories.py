"""Keyword-only factories for tests and the demo city.

Every factory validates what it creates with full_clean(), so tests and demo
data obey the same invariants as the admin and the forms.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TypeVar

from django.db.models import Model

from styrkedja.activities.models import Activity, ActivityAssignment
from styrkedja.core.search import fold
from styrkedja.goals import services as goal_services
from styrkedja.goals.models import Agenda2030Tag, ExpectedResult, Goal, GoalLevel
from styrkedja.indicators.models import GoalIndicator, Indicator, Outcome, Target
from styrkedja.indicators.targets import parse_target
from styrkedja.org.models import Membership, OrgUnit, Role, User
from styrkedja.periods import services as periods_services
from styrkedja.periods.models import PeriodKind, ReportPeriod, Year
from styrkedja.plans.models import (
    Attachment,
    Plan,
    PlanActivity,
    PlanExpectedResult,
    PlanGoal,
    PlanIndicator,
    PlanSection,
)

ModelT = TypeVar("ModelT", bound=Model)

_sequence = itertools.count(1)
DEFAULT_PASSWORD = "styrkedja-test"


def _saved(instance: ModelT) -> ModelT:
    instance.full_clean()
    instance.save()
    return instance


def create_user(
    *,
    username: str | None = None,
    password: str = DEFAULT_PASSWORD,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_superuser: bool = False,
) -> User:
    user = User(
        username=username or f"user{next(_sequence)}",
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    user.set_password(password)
    return _saved(user)


def create_org_unit(
    *,
    name: str | None = None,
    kind: str = OrgUnit.Kind.UNIT,
    parent: OrgUnit | None = None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> OrgUnit:
    return _saved(
        OrgUnit(
            name=name or f"Enhet {next(_sequence)}",
            kind=kind,
            parent=parent,
            valid_from=valid_from,
            valid_to=valid_to,
        )
    )


def create_membership(*, user: User, org_unit: OrgUnit, role: str = Role.READER) -> Membership:
    return _saved(Membership(user=user, org_unit=org_unit, role=role))


def get_or_create_year(*, number: int) -> Year:
    """The year, with its four report periods and default deadlines (units before their nämnd)."""
    year, _created = periods_services.get_or_create_year(number=number)
    return year


def goal_level(code: str) -> GoalLevel:
    goal_services.ensure_standard_levels()
    return GoalLevel.objects.get(code=code)


def create_goal(
    *,
    level: str | GoalLevel,
    owner: OrgUnit,
    year: Year,
    title: str | None = None,
    number: str = "",
    parent: Goal | None = None,
    previous_year_goal: Goal | None = None,
    position: int = 0,
    description: str = "",
    ways_of_working: str = "",
    resource_use: str = "",
    follow_up: str = "",
    development: str = "",
    expected_results: Sequence[str] = (),
    agenda_2030: Sequence[str] = (),
) -> Goal:
    goal = _saved(
        Goal(
            level=goal_level(level) if isinstance(level, str) else level,
            owner=owner,
            year=year,
            title=title or f"Mål {next(_sequence)}",
            number=number,
            parent=parent,
            previous_year_goal=previous_year_goal,
            position=position,
            description=description,
            ways_of_working=ways_of_working,
            resource_use=resource_use,
            follow_up=follow_up,
            development=development,
        )
    )
    for index, text in enumerate(expected_results):
        create_expected_result(goal=goal, text=text, position=index)
    for code in agenda_2030:
        _saved(Agenda2030Tag(goal=goal, code=code))
    return goal


def create_expected_result(*, goal: Goal, text: str, position: int = 0) -> ExpectedResult:
    return _saved(ExpectedResult(goal=goal, text=text, position=position))


def create_indicator(
    *,
    name: str | None = None,
    unit: str = "%",
    periodicity: str = Indicator.Periodicity.YEAR,
    by_sex: bool = False,
    direction: str = Indicator.Direction.HIGHER_IS_BETTER,
    source: str = "",
    owner_kind: str = OrgUnit.Kind.UNIT,
    aggregation: str = Indicator.Aggregation.NONE,
    goal: Goal | None = None,
) -> Indicator:
    """An indicator in the catalogue; with `goal`, also followed under that goal."""
    indicator_name = name or f"Andel nöjda brukare {next(_sequence)}"
    indicator = _saved(
        Indicator(
            name=indicator_name,
            search_name=fold(indicator_name),
            unit=unit,
            periodicity=periodicity,
            by_sex=by_sex,
            direction=direction,
            source=source,
            owner_kind=owner_kind,
            aggregation=aggregation,
        )
    )
    if goal is not None:
        attach_indicator(goal=goal, indicator=indicator)
    return indicator


def attach_indicator(
    *, goal: Goal, indicator: Indicator, position: int | None = None
) -> GoalIndicator:
    if position is None:
        position = goal.goal_indicators.count()
    return _saved(GoalIndicator(goal=goal, indicator=indicator, position=position))


def create_target(
    *,
    indicator: Indicator,
    org_unit: OrgUnit,
    year: Year,
    text: str,
    comment: str = "",
    version: int = 1,
    decided_by: str = "",
    decided_on: datetime.date | None = None,
    case_number: str = "",
) -> Target:
    """A target as a plan prints it ("70 %", "Tas fram av nämnd"); the text is kept as written."""
    parsed = parse_target(text)
    return _saved(
        Target(
            indicator=indicator,
            org_unit=org_unit,
            year=year,
            version=version,
            kind=parsed.kind,
            value=parsed.value,
            unit=parsed.unit,
            original_text=parsed.original_text,
            comment=comment,
            decided_by=decided_by,
            decided_on=decided_on,
            case_number=case_number,
        )
    )


def create_outcome(
    *,
    indicator: Indicator,
    org_unit: OrgUnit,
    period: ReportPeriod,
    value: Decimal | int | float | None,
    sex: str = Outcome.Sex.TOTAL,
    comment: str = "",
    entered_by: User | None = None,
) -> Outcome:
    return _saved(
        Outcome(
            indicator=indicator,
            org_unit=org_unit,
            period=period,
            sex=sex,
            value=None if value is None else Decimal(str(value)),
            comment=comment,
            entered_by=entered_by,
        )
    )


def create_activity(
    *,
    goal: Goal,
    text: str | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    position: int = 0,
    assigned_units: Iterable[OrgUnit] = (),
) -> Activity:
    activity = _saved(
        Activity(
            goal=goal,
            text=text or f"Aktivitet {next(_sequence)}",
            starts_on=starts_on,
            ends_on=ends_on,
            position=position,
        )
    )
    for unit in assigned_units:
        _saved(ActivityAssignment(activity=activity, org_unit=unit))
    return activity


def create_plan(
    *,
    org_unit: OrgUnit,
    year: Year,
    kind: str = PeriodKind.PLAN,
    status: str = Plan.Status.DRAFT,
    case_number: str = "",
    decided_on: datetime.date | None = None,
) -> Plan:
    return _saved(
        Plan(
            org_unit=org_unit,
            year=year,
            kind=kind,
            status=status,
            case_number=case_number,
            decided_on=decided_on,
        )
    )


def create_section(
    *,
    plan: Plan,
    heading: str,
    body: str = "",
    placement: str = PlanSection.Placement.OPENING,
    level: int = 1,
    position: int | None = None,
) -> PlanSection:
    if position is None:
        position = plan.sections.count()
    return _saved(
        PlanSection(
            plan=plan,
            heading=heading,
            body=body,
            placement=placement,
            level=level,
            position=position,
        )
    )


def create_attachment(*, plan: Plan, number: int, title: str) -> Attachment:
    return _saved(Attachment(plan=plan, number=number, title=title))


def include_goal(
    *,
    plan: Plan,
    goal: Goal,
    expected_results: Sequence[ExpectedResult] | None = None,
    activities: Sequence[Activity] | None = None,
    indicators: Sequence[Indicator] | None = None,
    title: str = "",
    description: str = "",
    result_wordings: dict[ExpectedResult, str] | None = None,
    activity_wordings: dict[Activity, str] | None = None,
) -> PlanGoal:
    """Show a goal from above in a plan.

    By default the plan shows all the goal's expected results and indicators,
    and the activities assigned to the plan's unit (all of them if none is
    assigned to anyone). The wordings give this plan's own text for an expected
    result or an activity where it differs from the shared one.
    """
    result_wordings = result_wordings or {}
    activity_wordings = activity_wordings or {}
    inclusion = _saved(PlanGoal(plan=plan, goal=goal, title=title, description=description))
    if expected_results is None:
        expected_results = list(goal.expected_results.all())
    if activities is None:
        all_activities = list(goal.activities.prefetch_related("assignments"))
        assigned = [
            activity
            for activity in all_activities
            if any(a.org_unit_id == plan.org_unit_id for a in activity.assignments.all())
        ]
        nobody_assigned = not any(activity.assignments.all() for activity in all_activities)
        activities = all_activities if nobody_assigned else assigned
    if indicators is None:
        indicators = [link.indicator for link in goal.goal_indicators.select_related("indicator")]
    for position, result in enumerate(expected_results):
        _saved(
            PlanExpectedResult(
                plan_goal=inclusion,
                expected_result=result,
                text=result_wordings.get(result, ""),
                position=position,
            )
        )
    for position, activity in enumerate(activities):
        _saved(
            PlanActivity(
                plan_goal=inclusion,
                activity=activity,
                text=activity_wordings.get(activity, ""),
                position=position,
            )
        )
    for position, indicator in enumerate(indicators):
        _saved(PlanIndicator(plan_goal=inclusion, indicator=indicator, position=position))
    return inclusion
