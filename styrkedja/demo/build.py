"""Build the demo city Exempelstad from the hand-written content in content.py.

Two years (the current and the previous), every goal level, plans for every
nämnd and unit, and a year of outcomes, all through the test factories so that
the demo obeys the same rules as real data.
"""

from __future__ import annotations

import calendar
import datetime
import random
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from styrkedja.activities.models import Activity
from styrkedja.demo import content
from styrkedja.demo.reports import report_previous_year
from styrkedja.goals import levels
from styrkedja.goals import services as goal_services
from styrkedja.goals.models import Goal
from styrkedja.history.recording import acting
from styrkedja.indicators.models import Indicator, Outcome
from styrkedja.indicators.targets import TargetKind, parse_target
from styrkedja.org.models import OrgUnit, Role, User
from styrkedja.periods.models import PeriodKind, Year
from styrkedja.plans.models import Plan, PlanSection
from styrkedja.testing import factories

DEMO_PASSWORD = "styrkedja-demo"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    description: str


@dataclass
class _City:
    municipality: OrgUnit
    councils: dict[str, OrgUnit]
    departments: dict[str, OrgUnit]
    units: dict[str, OrgUnit]
    indicators: dict[str, Indicator] = field(default_factory=dict)


@dataclass
class _YearGoals:
    """The goals made for one year, found again by the keys of content.py."""

    areas: dict[str, Goal] = field(default_factory=dict)
    council_goals: dict[str, Goal] = field(default_factory=dict)
    unit_goals: dict[tuple[str, str], Goal] = field(default_factory=dict)


def demo_exists() -> bool:
    return OrgUnit.objects.filter(name=content.KOMMUN_NAME, kind=OrgUnit.Kind.MUNICIPALITY).exists()


def build_demo(*, current_year: int) -> list[DemoLogin]:
    """Create the demo city unless it exists; return the demo logins either way."""
    with transaction.atomic():
        goal_services.ensure_standard_levels()
        if not demo_exists():
            city = _build_organisation()
            previous_goals: _YearGoals | None = None
            for number in (current_year - 1, current_year):
                year = factories.get_or_create_year(number=number)
                adopted = number < current_year
                previous_goals = _build_year(city, year, previous_goals, adopted=adopted)
            _record_outcomes(city, Year.objects.get(number=current_year - 1))
            _create_demo_users(city)
            _edit_as_the_redaktor(city, current_year)
            report_previous_year(
                year=Year.objects.get(number=current_year - 1),
                councils=list(city.councils.values()),
            )
    return demo_logins()


def demo_logins() -> list[DemoLogin]:
    descriptions = {
        "admin": "superanvändare, ser och administrerar allt",
        "kommunadmin": f"administratör för {content.KOMMUN_NAME}",
        "administrator": f"administratör för {content.COUNCILS[0].name}",
        "granskare": f"granskare (controller) för {content.COUNCILS[0].name}",
        "redaktor": f"redaktör för {content.UNITS[0].name}",
        "lasare": f"läsare för {content.UNITS[1].name}",
    }
    return [DemoLogin(name, DEMO_PASSWORD, text) for name, text in descriptions.items()]


def _build_organisation() -> _City:
    municipality = factories.create_org_unit(
        name=content.KOMMUN_NAME, kind=OrgUnit.Kind.MUNICIPALITY
    )
    city = _City(municipality=municipality, councils={}, departments={}, units={})
    for council in content.COUNCILS:
        council_unit = factories.create_org_unit(
            name=council.name, kind=OrgUnit.Kind.COUNCIL, parent=municipality
        )
        city.councils[council.key] = council_unit
        for department in council.departments:
            city.departments[department.key] = factories.create_org_unit(
                name=department.name, kind=OrgUnit.Kind.DEPARTMENT, parent=council_unit
            )
    for unit in content.UNITS:
        parent = (
            city.departments[unit.department_key]
            if unit.department_key
            else city.councils[unit.council_key]
        )
        city.units[unit.key] = factories.create_org_unit(name=unit.name, parent=parent)
    return city


def _indicator(city: _City, definition: content.IndicatorDefinition, owner_kind: str) -> Indicator:
    """The catalogue entry, created once and shared by both years."""
    if definition.name not in city.indicators:
        city.indicators[definition.name] = factories.create_indicator(
            name=definition.name,
            unit=definition.unit,
            periodicity=definition.periodicity,
            by_sex=definition.by_sex,
            direction=definition.direction,
            source=definition.source,
            owner_kind=owner_kind,
            aggregation=definition.aggregation,
        )
    return city.indicators[definition.name]


def _target_text(text: str, year: Year) -> str:
    # The content says when a late target is set; keep that in step with the demo's years.
    if parse_target(text).kind == TargetKind.TO_BE_DECIDED:
        return f"Fastställs {year.number}"
    return text


def _council_target_for(kf_text: str, definition: content.IndicatorDefinition) -> str:
    """The nämnd's own årsmål for a KF indicator.

    KF's own target, or a figure of the nämnd's where KF leaves it to the nämnd.
    """
    if parse_target(kf_text).kind != TargetKind.SET_BY_COUNCIL:
        return kf_text
    figure = 60 + zlib.crc32(definition.name.encode()) % 35
    return f"{figure} {definition.unit}".strip()


def _dates(activity: content.Activity, year: Year) -> tuple[datetime.date, datetime.date]:
    end_year = year.number + activity.end_year_offset
    last_day = calendar.monthrange(end_year, activity.end_month)[1]
    return (
        datetime.date(year.number, activity.start_month, 1),
        datetime.date(end_year, activity.end_month, last_day),
    )


def _add_activities(
    goal: Goal, activities: tuple[content.Activity, ...], year: Year, assigned: list[OrgUnit]
) -> list[Activity]:
    created = []
    for position, activity in enumerate(activities):
        starts_on, ends_on = _dates(activity, year)
        created.append(
            factories.create_activity(
                goal=goal,
                text=activity.text,
                starts_on=starts_on,
                ends_on=ends_on,
                position=position,
                assigned_units=assigned,
            )
        )
    return created


def _build_year(
    city: _City, year: Year, previous: _YearGoals | None, *, adopted: bool
) -> _YearGoals:
    goals = _YearGoals()
    _build_kf_goals(city, year, goals, previous)
    _build_council_goals(city, year, goals, previous)
    units_by_council_goal = _build_unit_goals(city, year, goals, previous)
    _build_plans(city, year, goals, units_by_council_goal, adopted=adopted)
    return goals


def _build_kf_goals(
    city: _City, year: Year, goals: _YearGoals, previous: _YearGoals | None
) -> None:
    for position, direction in enumerate(content.KF_DIRECTION_GOALS):
        direction_goal = factories.create_goal(
            level=levels.DIRECTION,
            owner=city.municipality,
            year=year,
            number=direction.number,
            title=direction.title,
            position=position,
            previous_year_goal=previous.areas.get(f"direction-{direction.number}")
            if previous
            else None,
        )
        goals.areas[f"direction-{direction.number}"] = direction_goal
        for area_position, area in enumerate(direction.area_goals):
            area_goal = factories.create_goal(
                level=levels.AREA,
                owner=city.municipality,
                year=year,
                number=area.number,
                title=area.title,
                parent=direction_goal,
                position=area_position,
                previous_year_goal=previous.areas.get(area.number) if previous else None,
            )
            goals.areas[area.number] = area_goal
            for definition in area.indicators:
                indicator = _indicator(city, definition, OrgUnit.Kind.MUNICIPALITY)
                factories.attach_indicator(goal=area_goal, indicator=indicator)
                factories.create_target(
                    indicator=indicator,
                    org_unit=city.municipality,
                    year=year,
                    text=_target_text(definition.kf_target_text, year),
                    decided_by=content.KOMMUN_BODY,
                )
                for council in city.councils.values():
                    factories.create_target(
                        indicator=indicator,
                        org_unit=council,
                        year=year,
                        text=_target_text(
                            _council_target_for(definition.kf_target_text, definition), year
                        ),
                    )
            _add_activities(area_goal, area.activities, year, assigned=[])


def _build_council_goals(
    city: _City, year: Year, goals: _YearGoals, previous: _YearGoals | None
) -> None:
    for council_content in content.COUNCILS:
        council_unit = city.councils[council_content.key]
        for position, council_goal in enumerate(council_content.goals):
            goal = factories.create_goal(
                level=levels.COUNCIL,
                owner=council_unit,
                year=year,
                number=council_goal.number,
                title=council_goal.title,
                parent=goals.areas[council_goal.area_number],
                position=position,
                description=council_goal.description,
                expected_results=council_goal.expected_results,
                agenda_2030=council_goal.agenda_2030,
                previous_year_goal=(
                    previous.council_goals.get(council_goal.key) if previous else None
                ),
            )
            goals.council_goals[council_goal.key] = goal
            for definition in council_goal.indicators:
                indicator = _indicator(city, definition, OrgUnit.Kind.COUNCIL)
                factories.attach_indicator(goal=goal, indicator=indicator)
                factories.create_target(
                    indicator=indicator,
                    org_unit=council_unit,
                    year=year,
                    text=_target_text(definition.target_text, year),
                )


def _build_unit_goals(
    city: _City, year: Year, goals: _YearGoals, previous: _YearGoals | None
) -> dict[str, list[OrgUnit]]:
    """Create the enhetsmål; return, per nämndmål key, the units whose goals hang on it."""
    units_by_council_goal: defaultdict[str, list[OrgUnit]] = defaultdict(list)
    for unit in content.UNITS:
        org_unit = city.units[unit.key]
        for position, unit_goal in enumerate(unit.goals):
            key = (unit.key, unit_goal.title)
            goal = factories.create_goal(
                level=levels.UNIT,
                owner=org_unit,
                year=year,
                title=unit_goal.title,
                parent=goals.council_goals[unit_goal.council_goal_key],
                position=position,
                expected_results=unit_goal.expected_results,
                ways_of_working=unit_goal.ways_of_working,
                resource_use=unit_goal.resource_use,
                follow_up=unit_goal.follow_up,
                development=unit_goal.development,
                previous_year_goal=previous.unit_goals.get(key) if previous else None,
            )
            goals.unit_goals[key] = goal
            if org_unit not in units_by_council_goal[unit_goal.council_goal_key]:
                units_by_council_goal[unit_goal.council_goal_key].append(org_unit)
            _add_activities(goal, unit_goal.activities, year, assigned=[])
            for definition in unit_goal.indicators:
                indicator = _indicator(city, definition, OrgUnit.Kind.UNIT)
                factories.attach_indicator(goal=goal, indicator=indicator)
                factories.create_target(
                    indicator=indicator,
                    org_unit=org_unit,
                    year=year,
                    text=_target_text(definition.target_text, year),
                )
    # A nämnd's activities are carried out by the units that work towards the goal.
    for council in content.COUNCILS:
        for council_goal in council.goals:
            _add_activities(
                goals.council_goals[council_goal.key],
                council_goal.activities,
                year,
                assigned=units_by_council_goal[council_goal.key],
            )
    return units_by_council_goal


def _add_sections(plan: Plan, sections: tuple[content.Section, ...], placement: str) -> None:
    for heading, body in sections:
        factories.create_section(
            plan=plan,
            heading=heading.replace("{year}", str(plan.year.number)),
            body=body.replace("{year}", str(plan.year.number)),
            placement=placement,
        )


def _build_plans(
    city: _City,
    year: Year,
    goals: _YearGoals,
    units_by_council_goal: dict[str, list[OrgUnit]],
    *,
    adopted: bool,
) -> None:
    decided_on = datetime.date(year.number - 1, 12, 12)
    for number, council in enumerate(content.COUNCILS, start=1):
        council_unit = city.councils[council.key]
        plan = factories.create_plan(
            org_unit=council_unit,
            year=year,
            status=Plan.Status.ADOPTED if adopted else Plan.Status.DRAFT,
            case_number=f"{council.key.upper()[:3]} {year.number - 1}/{1000 + number}"
            if adopted
            else "",
            decided_on=decided_on if adopted else None,
        )
        sections = content.NAMND_SECTIONS[council.key]
        _add_sections(plan, sections.opening_sections, PlanSection.Placement.OPENING)
        _add_sections(plan, sections.closing_sections, PlanSection.Placement.CLOSING)
        for area_number in sorted({goal.area_number for goal in council.goals}):
            factories.include_goal(plan=plan, goal=goals.areas[area_number])

    statuses = [Plan.Status.DRAFT, Plan.Status.READY, Plan.Status.APPROVED]
    for index, unit in enumerate(content.UNITS):
        org_unit = city.units[unit.key]
        plan = factories.create_plan(
            org_unit=org_unit,
            year=year,
            status=Plan.Status.ADOPTED if adopted else statuses[index % len(statuses)],
            decided_on=decided_on if adopted else None,
        )
        _add_sections(plan, unit.opening_sections, PlanSection.Placement.OPENING)
        _add_sections(plan, unit.closing_sections, PlanSection.Placement.CLOSING)
        council_keys = list(dict.fromkeys(goal.council_goal_key for goal in unit.goals))
        areas = list(dict.fromkeys(goals.council_goals[key].parent for key in council_keys))
        for area in areas:
            if area is not None:
                factories.include_goal(plan=plan, goal=area)
        for offset, key in enumerate(council_keys):
            council_goal = goals.council_goals[key]
            results = list(council_goal.expected_results.all())
            # Units print only the expected results that concern them: vary how many.
            shown = (
                results
                if (index + offset) % 3 == 0
                else results[: max(1, len(results) - 1 - (index + offset) % 2)]
            )
            factories.include_goal(plan=plan, goal=council_goal, expected_results=shown)


def _outcome_value(rng: random.Random, indicator: Indicator, target_text: str) -> Decimal:
    parsed = parse_target(target_text)
    base = float(parsed.value) if parsed.value is not None else rng.uniform(20, 90)
    if indicator.unit == "%":
        return Decimal(str(round(min(100.0, max(0.0, base * rng.uniform(0.85, 1.08))), 1)))
    return Decimal(str(round(base * rng.uniform(0.8, 1.15), 1)))


def _record_outcomes(city: _City, year: Year) -> None:
    """T1, T2 and VB outcomes for every indicator each unit and nämnd follows in its plan."""
    periods = list(year.periods.exclude(kind=PeriodKind.PLAN))
    followed: set[tuple[int, int]] = set()
    for goal in (
        Goal.objects.filter(year=year)
        .select_related("owner")
        .prefetch_related("goal_indicators__indicator")
    ):
        for link in goal.goal_indicators.all():
            if goal.owner.kind != OrgUnit.Kind.MUNICIPALITY:
                followed.add((goal.owner_id, link.indicator_id))
    targets = {
        (target.org_unit_id, target.indicator_id): target.original_text
        for target in year.targets.all()
    }
    indicators = {indicator.pk: indicator for indicator in city.indicators.values()}
    units = {unit.pk: unit for unit in [*city.councils.values(), *city.units.values()]}
    for unit_id, indicator_id in sorted(followed):
        indicator = indicators[indicator_id]
        rng = random.Random(zlib.crc32(f"{unit_id}-{indicator.name}".encode()))
        target_text = targets.get((unit_id, indicator_id), "")
        for period in periods:
            if (
                indicator.periodicity == Indicator.Periodicity.YEAR
                and period.kind != PeriodKind.ANNUAL_REPORT
            ):
                continue
            total = _outcome_value(rng, indicator, target_text)
            org_unit = units[unit_id]
            factories.create_outcome(
                indicator=indicator, org_unit=org_unit, period=period, value=total
            )
            if indicator.by_sex:
                spread = Decimal(str(round(rng.uniform(0, 6), 1)))
                for sex, value in (
                    (Outcome.Sex.WOMEN, total + spread),
                    (Outcome.Sex.MEN, total - spread),
                ):
                    factories.create_outcome(
                        indicator=indicator, org_unit=org_unit, period=period, value=value, sex=sex
                    )


def _edit_as_the_redaktor(city: _City, current_year: int) -> None:
    """Two edits by the demo redaktör through the services, so the plan has a history."""
    redaktor = User.objects.get(username="redaktor")
    goal = (
        Goal.objects.filter(owner=city.units[content.UNITS[0].key], year__number=current_year)
        .order_by("position", "pk")
        .first()
    )
    if goal is None:
        return
    with acting(user=redaktor):
        goal_services.update_goal(
            goal,
            base_revision=goal.revision,
            follow_up=f"{goal.follow_up} Gruppledarna redovisar läget på enhetsmötet varje månad.",
        )
        goal_services.add_expected_result(
            goal, "Barnen får återkoppling på hur deras synpunkter har använts."
        )


def _create_demo_users(city: _City) -> None:
    norrdalen = city.councils[content.COUNCILS[0].key]
    memberships: dict[str, tuple[OrgUnit, str, str, str]] = {
        "kommunadmin": (city.municipality, Role.ADMINISTRATOR, "Karin", "Kommunsson"),
        "administrator": (norrdalen, Role.ADMINISTRATOR, "Ali", "Andersson"),
        "granskare": (norrdalen, Role.REVIEWER, "Greta", "Granqvist"),
        "redaktor": (city.units[content.UNITS[0].key], Role.EDITOR, "Rasmus", "Rehn"),
        "lasare": (city.units[content.UNITS[1].key], Role.READER, "Lina", "Lind"),
    }
    if not User.objects.filter(username="admin").exists():
        factories.create_user(
            username="admin",
            password=DEMO_PASSWORD,
            first_name="Ada",
            last_name="Admin",
            is_superuser=True,
        )
    for username, (unit, role, first_name, last_name) in memberships.items():
        user = User.objects.filter(username=username).first() or factories.create_user(
            username=username, password=DEMO_PASSWORD, first_name=first_name, last_name=last_name
        )
        factories.create_membership(user=user, org_unit=unit, role=role)
