"""Year rollover: start year N+1 for a nämnd by copying year N's plans and goals as drafts.

Every copy points to what it was copied from (Goal.previous_year_goal, `source` elsewhere). That
link is how a second run finds what is already there and creates nothing twice, and how several
nämnder share the one copy of a KF goal. Whole objects are the unit of copying: a plan comes with
its sections and inclusions, a goal with its expected results, activities and indicators. Once a
copy exists it belongs to next year's authors, so a later run leaves its parts as they made them
and only adds what is new in year N (a goal or a plan added after the first run).

The decisions are made once, in `_collect`, from a fixed number of queries; the preview counts
them and the rollover carries them out, so the page's numbers are what the button does.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, field
from typing import TYPE_CHECKING, TypeVar

from django.db import transaction
from django.db.models import Model, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from styrkedja.activities.models import Activity, ActivityAssignment
from styrkedja.goals.models import Agenda2030Tag, ExpectedResult, Goal
from styrkedja.history.writes import bulk_create_recorded, validate
from styrkedja.indicators.models import GoalIndicator, Target
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import PeriodKind, Year
from styrkedja.periods.services import get_or_create_year
from styrkedja.plans.models import (
    Plan,
    PlanActivity,
    PlanExpectedResult,
    PlanGoal,
    PlanIndicator,
    PlanSection,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ModelT = TypeVar("ModelT", bound=Model)


@dataclass
class Tally:
    """How many objects of each kind, in the order the rollover page lists them."""

    plans: int = 0
    sections: int = 0
    plan_inclusions: int = 0
    goals: int = 0
    expected_results: int = 0
    activities: int = 0
    indicator_links: int = 0
    targets: int = 0

    def total(self) -> int:
        return sum(astuple(self))


LABELS: dict[str, StrOrPromise] = {
    "plans": _("Operational plans"),
    "sections": _("Plan sections"),
    "plan_inclusions": _("Goals from above shown in the plans"),
    "goals": _("Goals"),
    "expected_results": _("Expected results"),
    "activities": _("Activities"),
    "indicator_links": _("Indicators of goals"),
    "targets": _("Targets"),
}


@dataclass(frozen=True)
class TallyRow:
    label: StrOrPromise
    created: int
    existing: int


@dataclass(frozen=True)
class RolloverResult:
    """What a rollover created (or, as a preview, would create) and what was there already."""

    council: OrgUnit
    from_year: int
    to_year: int
    created: Tally
    existing: Tally
    # Plans of year N+1 that were not copied from year N: the rollover leaves them alone.
    kept_plans: list[Plan] = field(default_factory=list)

    @property
    def created_anything(self) -> bool:
        return self.created.total() > 0

    def rows(self) -> list[TallyRow]:
        return [
            TallyRow(LABELS[name], getattr(self.created, name), getattr(self.existing, name))
            for name in LABELS
        ]


def source_years(council: OrgUnit) -> list[int]:
    """The years in which the nämnd or a unit below it has an operational plan, newest first."""
    return list(
        Plan.objects.filter(kind=PeriodKind.PLAN, org_unit__path__startswith=council.path)
        .order_by("-year__number")
        .values_list("year__number", flat=True)
        .distinct()
    )


def preview_rollover(*, council: OrgUnit, from_year: int) -> RolloverResult:
    """What roll_over_council would do now, without writing anything."""
    _check_council(council)
    return _collect(council, from_year).result()


@transaction.atomic
def roll_over_council(*, council: OrgUnit, from_year: int) -> RolloverResult:
    """Start year `from_year + 1` for the nämnd from its plans and goals of `from_year`.

    Copies as drafts, each linked to its source: the VP plans of the nämnd and of its units
    (with sections and what they include of the goals above), the goals those plans show
    (KF goals only once for all nämnder), their expected results, activities (dates moved one
    year on) and indicators, and the targets for those indicators. Nothing of year N changes;
    running it again creates only what has no copy yet.
    """
    _check_council(council)
    # Rollovers from the same year wait for each other, so that two nämnder starting the
    # year at once cannot both copy a KF goal they share.
    Year.objects.select_for_update().filter(number=from_year).first()
    work = _collect(council, from_year)
    # Counted before writing: carrying out turns every "to create" into "exists".
    result = work.result()
    year, _created = get_or_create_year(number=work.to_year)
    work.carry_out(year)
    return result


def _check_council(council: OrgUnit) -> None:
    if not council.is_council:
        raise ValueError(f"{council} is not a nämnd.")


def _valid_in(unit: OrgUnit, year: int) -> bool:
    return (unit.valid_from is None or unit.valid_from.year <= year) and (
        unit.valid_to is None or unit.valid_to.year >= year
    )


def next_year_date(day: datetime.date | None, year: int) -> datetime.date | None:
    """The same day a year on if it lies in `year`; 29 February becomes 28 February."""
    if day is None or day.year != year:
        return day
    return _one_year_on(day)


def _one_year_on(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February, and the next year is not a leap year
        return day.replace(year=day.year + 1, day=28)


def moved_dates(
    starts_on: datetime.date | None, ends_on: datetime.date | None, year: int
) -> tuple[datetime.date | None, datetime.date | None]:
    """An activity's dates for the next year: those in `year` move a year on.

    An activity that runs past the end of the year would, with only its start moved, end before
    it starts; its end moves too, so that it keeps its length.
    """
    new_start, new_end = next_year_date(starts_on, year), next_year_date(ends_on, year)
    if new_start and new_end and ends_on and new_end < new_start:
        new_end = _one_year_on(ends_on)
    return new_start, new_end


def _grouped(rows: Iterable[ModelT], key: str) -> defaultdict[int, list[ModelT]]:
    groups: defaultdict[int, list[ModelT]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, key)].append(row)
    return groups


def _saved_all(model: type[ModelT], rows: Sequence[ModelT]) -> list[ModelT]:
    """Validate each new row as create_validated would, then insert them together."""
    for row in rows:
        validate(row)
    return bulk_create_recorded(model, rows)


@dataclass
class _Work:
    """Year N's rows in scope and their existing copies in year N+1, with what to do about them."""

    council: OrgUnit
    from_year: int
    goals: list[Goal]  # in scope, parents before children
    goal_copies: dict[int, Goal]  # source goal id → its copy in N+1
    expected_results: defaultdict[int, list[ExpectedResult]]
    activities: defaultdict[int, list[Activity]]
    indicator_links: defaultdict[int, list[GoalIndicator]]
    agenda_2030_tags: defaultdict[int, list[Agenda2030Tag]]
    expected_result_copies: dict[int, ExpectedResult]
    activity_copies: dict[int, Activity]
    existing_indicator_links: int
    targets_to_copy: list[Target]
    existing_targets: int
    plans_to_copy: list[Plan]
    plan_copies: dict[int, Plan]
    kept_plans: list[Plan]
    sections: defaultdict[int, list[PlanSection]]
    inclusions: defaultdict[int, list[PlanGoal]]
    existing_sections: int
    existing_inclusions: int

    @property
    def to_year(self) -> int:
        return self.from_year + 1

    @property
    def goals_to_copy(self) -> list[Goal]:
        return [goal for goal in self.goals if goal.pk not in self.goal_copies]

    def _inclusions_to_copy(self, plan: Plan) -> list[PlanGoal]:
        # A goal left out of the rollover (its owner is closed) leaves its inclusion out too.
        in_scope = {goal.pk for goal in self.goals}
        return [item for item in self.inclusions[plan.pk] if item.goal_id in in_scope]

    def result(self) -> RolloverResult:
        new_goals = self.goals_to_copy
        created = Tally(
            plans=len(self.plans_to_copy),
            sections=sum(len(self.sections[plan.pk]) for plan in self.plans_to_copy),
            plan_inclusions=sum(len(self._inclusions_to_copy(p)) for p in self.plans_to_copy),
            goals=len(new_goals),
            expected_results=sum(len(self.expected_results[g.pk]) for g in new_goals),
            activities=sum(len(self.activities[g.pk]) for g in new_goals),
            indicator_links=sum(len(self.indicator_links[g.pk]) for g in new_goals),
            targets=len(self.targets_to_copy),
        )
        existing = Tally(
            plans=len(self.plan_copies),
            sections=self.existing_sections,
            plan_inclusions=self.existing_inclusions,
            goals=len(self.goal_copies),
            expected_results=len(self.expected_result_copies),
            activities=len(self.activity_copies),
            indicator_links=self.existing_indicator_links,
            targets=self.existing_targets,
        )
        return RolloverResult(
            council=self.council,
            from_year=self.from_year,
            to_year=self.to_year,
            created=created,
            existing=existing,
            kept_plans=self.kept_plans,
        )

    # Writing ------------------------------------------------------------------------------

    def carry_out(self, year: Year) -> None:
        new_goals = self._copy_goals(year)
        self._copy_goal_contents(new_goals)
        self._copy_targets(year)
        self._copy_plans(year)

    def _copy_goals(self, year: Year) -> list[tuple[Goal, Goal]]:
        """Copy the goals level by level, so that each copy's parent is a copy already."""
        copied: list[tuple[Goal, Goal]] = []
        by_depth: defaultdict[int, list[Goal]] = defaultdict(list)
        for goal in self.goals_to_copy:
            by_depth[goal.level.depth].append(goal)
        for depth in sorted(by_depth):
            pairs = [
                (
                    goal,
                    Goal(
                        level=goal.level,
                        number=goal.number,
                        title=goal.title,
                        owner=goal.owner,
                        year=year,
                        parent=self.goal_copies[goal.parent_id] if goal.parent_id else None,
                        previous_year_goal=goal,
                        position=goal.position,
                        description=goal.description,
                        ways_of_working=goal.ways_of_working,
                        resource_use=goal.resource_use,
                        follow_up=goal.follow_up,
                        development=goal.development,
                    ),
                )
                for goal in by_depth[depth]
            ]
            _saved_all(Goal, [copy for _goal, copy in pairs])
            for goal, copy in pairs:
                self.goal_copies[goal.pk] = copy
            copied.extend(pairs)
        return copied

    def _copy_goal_contents(self, new_goals: list[tuple[Goal, Goal]]) -> None:
        results: list[ExpectedResult] = []
        activities: list[tuple[Activity, Activity]] = []
        links: list[GoalIndicator] = []
        tags: list[Agenda2030Tag] = []
        for goal, copy in new_goals:
            results += [
                ExpectedResult(goal=copy, text=item.text, position=item.position, source=item)
                for item in self.expected_results[goal.pk]
            ]
            for activity in self.activities[goal.pk]:
                starts_on, ends_on = moved_dates(
                    activity.starts_on, activity.ends_on, self.from_year
                )
                activities.append(
                    (
                        activity,
                        Activity(
                            goal=copy,
                            text=activity.text,
                            starts_on=starts_on,
                            ends_on=ends_on,
                            position=activity.position,
                            source=activity,
                        ),
                    )
                )
            links += [
                GoalIndicator(goal=copy, indicator=link.indicator, position=link.position)
                for link in self.indicator_links[goal.pk]
            ]
            tags += [
                Agenda2030Tag(goal=copy, code=tag.code) for tag in self.agenda_2030_tags[goal.pk]
            ]
        for result in _saved_all(ExpectedResult, results):
            assert result.source_id is not None
            self.expected_result_copies[result.source_id] = result
        _saved_all(Activity, [new for _activity, new in activities])
        assignments: list[ActivityAssignment] = []
        for activity, new_activity in activities:
            self.activity_copies[activity.pk] = new_activity
            # A unit that no longer exists next year cannot carry the activity out.
            assignments += [
                ActivityAssignment(activity=new_activity, org_unit=assignment.org_unit)
                for assignment in activity.assignments.all()
                if _valid_in(assignment.org_unit, self.to_year)
            ]
        _saved_all(ActivityAssignment, assignments)
        _saved_all(GoalIndicator, links)
        _saved_all(Agenda2030Tag, tags)

    def _copy_targets(self, year: Year) -> None:
        # A target for next year is a proposal until it is decided, so the decision stays behind.
        _saved_all(
            Target,
            [
                Target(
                    indicator=target.indicator,
                    org_unit=target.org_unit,
                    year=year,
                    version=1,
                    kind=target.kind,
                    value=target.value,
                    unit=target.unit,
                    original_text=target.original_text,
                    comment=target.comment,
                    source=target,
                )
                for target in self.targets_to_copy
            ],
        )

    def _copy_plans(self, year: Year) -> None:
        copies = _saved_all(
            Plan,
            [
                Plan(
                    org_unit=plan.org_unit,
                    year=year,
                    kind=PeriodKind.PLAN,
                    status=Plan.Status.DRAFT,
                    source=plan,
                )
                for plan in self.plans_to_copy
            ],
        )
        _saved_all(
            PlanSection,
            [
                PlanSection(
                    plan=copy,
                    placement=section.placement,
                    heading=section.heading,
                    level=section.level,
                    body=section.body,
                    tables=section.tables,
                    position=section.position,
                    source=section,
                )
                for plan, copy in zip(self.plans_to_copy, copies, strict=True)
                for section in self.sections[plan.pk]
            ],
        )
        pairs = [
            (
                inclusion,
                PlanGoal(
                    plan=copy,
                    goal=self.goal_copies[inclusion.goal_id],
                    title=inclusion.title,
                    description=inclusion.description,
                ),
            )
            for plan, copy in zip(self.plans_to_copy, copies, strict=True)
            for inclusion in self._inclusions_to_copy(plan)
        ]
        _saved_all(PlanGoal, [copy for _inclusion, copy in pairs])
        self._copy_selections(pairs)

    def _copy_selections(self, pairs: list[tuple[PlanGoal, PlanGoal]]) -> None:
        """Point each copied inclusion at the copies of what its source showed.

        An item whose copy next year's authors have removed is left out.
        """
        results: list[PlanExpectedResult] = []
        activities: list[PlanActivity] = []
        indicators: list[PlanIndicator] = []
        for inclusion, copy in pairs:
            for chosen in inclusion.expected_results.all():
                result = self.expected_result_copies.get(chosen.expected_result_id)
                if result is not None:
                    results.append(
                        PlanExpectedResult(
                            plan_goal=copy,
                            expected_result=result,
                            text=chosen.text,
                            position=chosen.position,
                        )
                    )
            for chosen_activity in inclusion.activities.all():
                activity = self.activity_copies.get(chosen_activity.activity_id)
                if activity is not None:
                    activities.append(
                        PlanActivity(
                            plan_goal=copy,
                            activity=activity,
                            text=chosen_activity.text,
                            position=chosen_activity.position,
                        )
                    )
            indicators += [
                PlanIndicator(plan_goal=copy, indicator=item.indicator, position=item.position)
                for item in inclusion.indicators.all()
            ]
        _saved_all(PlanExpectedResult, results)
        _saved_all(PlanActivity, activities)
        _saved_all(PlanIndicator, indicators)


def _collect(council: OrgUnit, from_year: int) -> _Work:
    """Read year N's rows in scope and their copies in N+1, in a fixed number of queries."""
    to_year = from_year + 1
    in_council = Q(path__startswith=council.path)
    units = list(OrgUnit.objects.filter(in_council))
    live_unit_ids = {unit.pk for unit in units if _valid_in(unit, to_year)}
    # The units above the nämnd (the kommun node) own the goals and targets every nämnd shares.
    shared_owner_ids = set(council.ancestor_ids)

    plans = [
        plan
        for plan in Plan.objects.filter(
            kind=PeriodKind.PLAN,
            year__number=from_year,
            org_unit__path__startswith=council.path,
        )
        .select_related("org_unit")
        .order_by("org_unit__path", "pk")
        if plan.org_unit_id in live_unit_ids
    ]
    inclusions = _grouped(
        PlanGoal.objects.filter(plan__in=[plan.pk for plan in plans])
        .order_by("pk")
        .prefetch_related(
            "expected_results",
            "activities",
            Prefetch("indicators", queryset=PlanIndicator.objects.select_related("indicator")),
        ),
        "plan_id",
    )
    goals = _goals_in_scope(
        council,
        from_year,
        shown_ids={item.goal_id for group in inclusions.values() for item in group},
        plan_unit_ids={plan.org_unit_id for plan in plans},
        allowed_owner_ids=live_unit_ids | shared_owner_ids,
    )
    goal_ids = [goal.pk for goal in goals]
    goal_copies: dict[int, Goal] = {}
    for copy in (
        Goal.objects.filter(year__number=to_year, previous_year_goal__in=goal_ids)
        .select_related("level", "year")
        .order_by("pk")
    ):
        assert copy.previous_year_goal_id is not None
        goal_copies.setdefault(copy.previous_year_goal_id, copy)
    copy_ids = [copy.pk for copy in goal_copies.values()]

    indicator_links = _grouped(
        GoalIndicator.objects.filter(goal__in=goal_ids).select_related("indicator"), "goal_id"
    )
    indicator_ids = {link.indicator_id for group in indicator_links.values() for link in group}
    indicator_ids |= {
        item.indicator_id
        for group in inclusions.values()
        for inclusion in group
        for item in inclusion.indicators.all()
    }
    target_units = Q(org_unit__path__startswith=council.path) | Q(
        org_unit__in=sorted(shared_owner_ids)
    )
    source_targets = [
        target
        for target in Target.objects.current()
        .filter(target_units, year__number=from_year, indicator__in=sorted(indicator_ids))
        .select_related("indicator", "org_unit")
        .order_by("indicator", "org_unit", "pk")
        if target.org_unit_id in live_unit_ids or target.org_unit_id in shared_owner_ids
    ]
    # Any target already set for next year, copied or typed in, is not overwritten.
    next_year_targets = set(
        Target.objects.filter(
            target_units, year__number=to_year, indicator__in=sorted(indicator_ids)
        ).values_list("indicator_id", "org_unit_id")
    )

    next_plans = {
        plan.org_unit_id: plan
        for plan in Plan.objects.filter(
            kind=PeriodKind.PLAN, year__number=to_year, org_unit__path__startswith=council.path
        ).select_related("org_unit")
    }
    plans_to_copy: list[Plan] = []
    plan_copies: dict[int, Plan] = {}
    kept_plans: list[Plan] = []
    for plan in plans:
        existing = next_plans.get(plan.org_unit_id)
        if existing is None:
            plans_to_copy.append(plan)
        elif existing.source_id == plan.pk:
            plan_copies[plan.pk] = existing
        else:
            kept_plans.append(existing)
    plan_copy_ids = [copy.pk for copy in plan_copies.values()]

    return _Work(
        council=council,
        from_year=from_year,
        goals=goals,
        goal_copies=goal_copies,
        expected_results=_grouped(ExpectedResult.objects.filter(goal__in=goal_ids), "goal_id"),
        activities=_grouped(
            Activity.objects.filter(goal__in=goal_ids).prefetch_related(
                Prefetch(
                    "assignments",
                    queryset=ActivityAssignment.objects.select_related("org_unit").order_by("pk"),
                )
            ),
            "goal_id",
        ),
        indicator_links=indicator_links,
        agenda_2030_tags=_grouped(Agenda2030Tag.objects.filter(goal__in=goal_ids), "goal_id"),
        expected_result_copies=_copies_by_source(
            ExpectedResult.objects.filter(goal__in=copy_ids, source__isnull=False)
        ),
        activity_copies=_copies_by_source(
            Activity.objects.filter(goal__in=copy_ids, source__isnull=False)
        ),
        existing_indicator_links=GoalIndicator.objects.filter(goal__in=copy_ids).count()
        if copy_ids
        else 0,
        targets_to_copy=[
            target
            for target in source_targets
            if (target.indicator_id, target.org_unit_id) not in next_year_targets
        ],
        existing_targets=sum(
            (target.indicator_id, target.org_unit_id) in next_year_targets
            for target in source_targets
        ),
        plans_to_copy=plans_to_copy,
        plan_copies=plan_copies,
        kept_plans=kept_plans,
        sections=_grouped(
            PlanSection.objects.filter(plan__in=[plan.pk for plan in plans_to_copy]), "plan_id"
        ),
        inclusions=inclusions,
        existing_sections=PlanSection.objects.filter(
            plan__in=plan_copy_ids, source__isnull=False
        ).count()
        if plan_copy_ids
        else 0,
        existing_inclusions=PlanGoal.objects.filter(plan__in=plan_copy_ids).count()
        if plan_copy_ids
        else 0,
    )


def _goals_in_scope(
    council: OrgUnit,
    from_year: int,
    *,
    shown_ids: set[int],
    plan_unit_ids: set[int],
    allowed_owner_ids: set[int],
) -> list[Goal]:
    """The goals the plans show, and the goals above them that place them in the chain.

    A plan shows its unit's own goals and the goals from above it includes. A goal whose
    owner does not exist next year is left out, and so is everything below it.
    """
    candidates = {
        goal.pk: goal
        for goal in Goal.objects.filter(year__number=from_year)
        .filter(Q(owner__in=council.ancestor_ids) | Q(owner__path__startswith=council.path))
        .select_related("level", "owner", "year")
    }
    wanted = {pk for pk, goal in candidates.items() if goal.owner_id in plan_unit_ids}
    wanted |= shown_ids & candidates.keys()
    for pk in list(wanted):
        parent_id = candidates[pk].parent_id
        while parent_id is not None and parent_id in candidates and parent_id not in wanted:
            wanted.add(parent_id)
            parent_id = candidates[parent_id].parent_id
    in_scope: list[Goal] = []
    kept: set[int] = set()
    # A parent is one level up (Goal.clean), so going by depth meets parents first.
    for goal in sorted(
        (candidates[pk] for pk in wanted), key=lambda g: (g.level.depth, g.position, g.pk)
    ):
        if goal.owner_id in allowed_owner_ids and (
            goal.parent_id is None or goal.parent_id in kept
        ):
            in_scope.append(goal)
            kept.add(goal.pk)
    return in_scope


CopiedT = TypeVar("CopiedT", ExpectedResult, Activity)


def _copies_by_source(copies: Iterable[CopiedT]) -> dict[int, CopiedT]:
    found: dict[int, CopiedT] = {}
    for copy in copies:
        assert copy.source_id is not None
        found.setdefault(copy.source_id, copy)
    return found
