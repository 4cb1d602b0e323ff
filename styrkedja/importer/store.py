"""Store parsed plans through the domain services, one short transaction per plan.

Shared goals are matched rather than copied: a KF goal of a year exists once
(matched by number, else title), a nämndmål once per nämnd, and each plan
records what it shows of them and its own wording where it differs. A unit's
own goals are brought exactly in line with the document, so importing a
corrected file updates in place and importing the same file changes nothing.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from django.db import transaction
from django.utils.translation import gettext as _

from styrkedja.activities import services as activity_services
from styrkedja.activities.models import Activity
from styrkedja.goals import levels
from styrkedja.goals import services as goal_services
from styrkedja.goals.models import ExpectedResult, Goal, GoalLevel
from styrkedja.history.recording import Touched, current_actor
from styrkedja.history.writes import create_validated
from styrkedja.importer.conflicts import PreviewBase, StoppedObject, changed_since_preview
from styrkedja.importer.parsed import (
    ParsedActivity,
    ParsedGoal,
    ParsedIndicator,
    ParsedPlan,
    ParsedSection,
)
from styrkedja.indicators import services as indicator_services
from styrkedja.indicators.models import Indicator
from styrkedja.org.models import OrgUnit
from styrkedja.periods import services as period_services
from styrkedja.plans import services as plan_services

PLACEHOLDER_MUNICIPALITY = "Kommunen"
PLACEHOLDER_COUNCIL = "Importerade enheter (nämnd ej angiven)"
PLACEHOLDER_COUNCIL_GOAL = "Enhetsmål utan nämndmål i dokumentet"
# How alike two wordings must be to count as the same shared item reworded.
SAME_ITEM_SIMILARITY = 0.8

# "conflict": not written, because someone changed its content after the preview.
Status = Literal["created", "updated", "unchanged", "conflict"]
T = TypeVar("T")


@dataclass
class StoredPlan:
    unit: str
    year: int
    status: Status
    plan_id: int | None
    org_unit_id: int | None = None
    warnings: list[str] = field(default_factory=list)
    # The existing objects the write changed or deleted (when run with an import name),
    # and for a plan stopped by a conflict, what others changed since the preview.
    touched: list[Touched] = field(default_factory=list)
    stopped: list[StoppedObject] = field(default_factory=list)


def _similar(left: str, right: str) -> float:
    return difflib.SequenceMatcher(None, left.casefold(), right.casefold()).ratio()


def _closest(text: str, candidates: Sequence[tuple[T, str]]) -> T | None:
    """The candidate whose text is `text`, or the most alike one above the threshold."""
    for item, candidate_text in candidates:
        if candidate_text == text:
            return item
    scored = [
        (_similar(text, candidate_text), index)
        for index, (_, candidate_text) in enumerate(candidates)
    ]
    if not scored:
        return None
    best, index = max(scored)
    return candidates[index][0] if best >= SAME_ITEM_SIMILARITY else None


def _date(text: str, warnings: list[str], context: str) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        warnings.append(
            _("%(context)s: the date %(date)s is not a date and was left out.")
            % {"context": context, "date": text}
        )
        return None


class PlanStore:
    """Writes parsed plans; `dry_run` rolls every transaction back after counting."""

    def __init__(self, *, council_name: str | None = None, dry_run: bool = False) -> None:
        self.council_name = council_name
        self.dry_run = dry_run
        goal_services.ensure_standard_levels()
        self._levels = {level.code: level for level in GoalLevel.objects.all()}

    def store(
        self, parsed: ParsedPlan, *, unit_name: str, base: PreviewBase | None = None
    ) -> StoredPlan:
        """Write one plan; with a `base`, write nothing if it would overwrite later changes.

        The check runs after the writes, inside the plan's transaction, so that it sees
        exactly what this run touched; the rows written are locked until the commit.
        """
        assert parsed.year is not None, "validated before storing"
        actor = current_actor()
        touched_before = len(actor.touched) if actor is not None else 0
        stopped: list[StoppedObject] = []
        with transaction.atomic():
            writer = _PlanWriter(self, parsed, unit_name)
            status: Status = writer.write()
            touched = actor.touched[touched_before:] if actor is not None else []
            if base is not None:
                stopped = changed_since_preview(touched, base)
            if stopped or self.dry_run:
                transaction.set_rollback(True)
        written = not self.dry_run and not stopped
        # A stopped plan links to the plan only if it existed before.
        existed = written or (bool(stopped) and status != "created")
        return StoredPlan(
            unit=unit_name,
            year=parsed.year,
            status="conflict" if stopped else status,
            plan_id=writer.plan.pk if existed else None,
            org_unit_id=writer.unit.pk if existed else None,
            warnings=[*parsed.warnings, *writer.warnings],
            touched=list(touched),
            stopped=stopped,
        )

    def level(self, code: str) -> GoalLevel:
        return self._levels[code]


class _PlanWriter:
    """Writes one plan; `changed` records whether anything at all was written."""

    def __init__(self, store: PlanStore, parsed: ParsedPlan, unit_name: str) -> None:
        self.store = store
        self.parsed = parsed
        self.unit_name = unit_name
        self.changed = False
        self.warnings: list[str] = []
        self.shown_goals: list[Goal] = []

    # The organisation ---------------------------------------------------------

    def _municipality(self) -> OrgUnit:
        existing = OrgUnit.objects.filter(kind=OrgUnit.Kind.MUNICIPALITY).order_by("pk").first()
        if existing is not None:
            return existing
        self.changed = True
        return _create_unit(PLACEHOLDER_MUNICIPALITY, OrgUnit.Kind.MUNICIPALITY, None)

    def _council(self, municipality: OrgUnit) -> OrgUnit:
        name = self.unit_name if self.parsed.is_council_plan else self.store.council_name
        if name is None:
            # A unit already known somewhere in the tree keeps its place.
            known = OrgUnit.objects.filter(name__iexact=self.unit_name, kind=OrgUnit.Kind.UNIT)
            if known.count() == 1 and (council := known[0].council()) is not None:
                return council
            name = PLACEHOLDER_COUNCIL
        council = OrgUnit.objects.filter(name__iexact=name, kind=OrgUnit.Kind.COUNCIL).first()
        if council is None:
            self.changed = True
            council = _create_unit(name, OrgUnit.Kind.COUNCIL, municipality)
        return council

    def _unit(self, council: OrgUnit) -> OrgUnit:
        if self.parsed.is_council_plan:
            return council
        unit = (
            OrgUnit.objects.descendants_of(council)
            .filter(name__iexact=self.unit_name, kind=OrgUnit.Kind.UNIT)
            .first()
        )
        if unit is None:
            self.changed = True
            unit = _create_unit(self.unit_name, OrgUnit.Kind.UNIT, council)
        return unit

    # The plan ----------------------------------------------------------------

    def write(self) -> Status:
        assert self.parsed.year is not None
        self.year, year_created = period_services.get_or_create_year(number=self.parsed.year)
        self.changed |= year_created
        self.municipality = self._municipality()
        self.council = self._council(self.municipality)
        self.unit = self._unit(self.council)
        document_date = _date(self.parsed.document_date, self.warnings, _("Document date"))
        self.plan, created = plan_services.get_or_create_plan(
            org_unit=self.unit,
            year=self.year,
            case_number=self.parsed.case_number,
            document_date=document_date,
        )
        self.changed |= created
        own_goals: list[Goal] = []
        for position, direction in enumerate(self.parsed.goals):
            self._write_goal(direction, None, position, own_goals)
        self._remove_stale_own_goals(own_goals)
        self.changed |= plan_services.remove_plan_inclusions_except(self.plan, self.shown_goals)
        self.changed |= plan_services.replace_sections(self.plan, self._sections())
        if created:
            return "created"
        return "updated" if self.changed else "unchanged"

    def _sections(self) -> list[plan_services.SectionContent]:
        def content(section: ParsedSection, placement: str) -> plan_services.SectionContent:
            return plan_services.SectionContent(
                heading=section.heading,
                body=section.body,
                level=min(max(section.level, 1), 3),
                placement=placement,
                tables=[
                    {"caption": table.caption, "header": table.header, "rows": table.rows}
                    for table in section.tables
                ],
            )

        return [content(section, "opening") for section in self.parsed.opening_sections] + [
            content(section, "closing") for section in self.parsed.closing_sections
        ]

    # Goals -------------------------------------------------------------------

    def _owner_for(self, level: str) -> OrgUnit:
        return {
            levels.DIRECTION: self.municipality,
            levels.AREA: self.municipality,
            levels.COUNCIL: self.council,
        }.get(level, self.unit)

    def _write_goal(
        self, parsed: ParsedGoal, parent: Goal | None, position: int, own_goals: list[Goal]
    ) -> None:
        if (
            parsed.level == levels.UNIT
            and parent is not None
            and parent.level.code != levels.COUNCIL
        ):
            parent = self._council_goal_placeholder(parent)
        owner = self._owner_for(parsed.level)
        if owner == self.unit:
            goal = self._write_own_goal(parsed, owner, parent, position, own_goals)
        else:
            goal = self._write_shared_goal(parsed, owner, parent, position)
        for child_position, child in enumerate(parsed.children):
            self._write_goal(child, goal, child_position, own_goals)

    def _council_goal_placeholder(self, area: Goal) -> Goal:
        """A unit goal printed straight under an area goal still needs a nämndmål above it."""
        self.warnings.append(
            _("A unit goal stands directly under “%(area)s”; it was placed under “%(title)s”.")
            % {"area": area.title, "title": PLACEHOLDER_COUNCIL_GOAL}
        )
        placeholder = ParsedGoal(level="council", title=PLACEHOLDER_COUNCIL_GOAL)
        return self._write_shared_goal(placeholder, self.council, area, position=0)

    def _find_goal(
        self, parsed: ParsedGoal, owner: OrgUnit, parent: Goal | None, exclude: Sequence[Goal] = ()
    ) -> Goal | None:
        candidates = Goal.objects.filter(
            level=self.store.level(parsed.level), owner=owner, year=self.year, parent=parent
        ).exclude(pk__in=[goal.pk for goal in exclude])
        number = (parsed.number or "").rstrip(".")
        if number:
            by_number = candidates.filter(number=number).first()
            if by_number is not None:
                return by_number
        return _closest(parsed.title, [(goal, goal.title) for goal in candidates])

    def _goal_texts(self, parsed: ParsedGoal) -> dict[str, str]:
        texts = {name: getattr(parsed, name) for name in goal_services.TEXT_FIELDS}
        # Text the parser could not place under a field is kept with the goal's description.
        extra = "\n\n".join(
            "\n\n".join(part for part in (section.heading, section.body) if part)
            for section in parsed.other_sections
        )
        if extra:
            texts["description"] = "\n\n".join(
                part for part in (texts["description"], extra) if part
            )
        return texts

    def _write_own_goal(
        self,
        parsed: ParsedGoal,
        owner: OrgUnit,
        parent: Goal | None,
        position: int,
        own_goals: list[Goal],
    ) -> Goal:
        existing = self._find_goal(parsed, owner, parent, exclude=own_goals)
        goal, changed = goal_services.save_goal(
            goal=existing,
            level=self.store.level(parsed.level),
            owner=owner,
            year=self.year,
            parent=parent,
            number=(parsed.number or "").rstrip("."),
            title=parsed.title,
            position=position,
            texts=self._goal_texts(parsed),
        )
        own_goals.append(goal)
        self.changed |= changed
        self.changed |= goal_services.replace_expected_results(goal, parsed.expected_results)
        indicators = [self._indicator(item, parsed.level) for item in parsed.indicators]
        self.changed |= indicator_services.replace_goal_indicators(goal, indicators)
        for indicator, item in zip(indicators, parsed.indicators, strict=True):
            self._targets(indicator, item)
        self._replace_own_activities(goal, parsed.activities)
        return goal

    def _write_shared_goal(
        self, parsed: ParsedGoal, owner: OrgUnit, parent: Goal | None, position: int
    ) -> Goal:
        goal = self._find_goal(parsed, owner, parent)
        if goal is None:
            goal, _created = goal_services.save_goal(
                goal=None,
                level=self.store.level(parsed.level),
                owner=owner,
                year=self.year,
                parent=parent,
                number=(parsed.number or "").rstrip("."),
                title=parsed.title,
                position=position,
                texts=self._goal_texts(parsed),
            )
            self.changed = True
        self.shown_goals.append(goal)
        results = self._shared_results(goal, parsed.expected_results)
        activities = self._shared_activities(goal, parsed.activities)
        indicators = []
        for item in parsed.indicators:
            indicator = self._indicator(item, parsed.level)
            self.changed |= indicator_services.add_goal_indicator(goal, indicator)
            self._targets(indicator, item)
            indicators.append(indicator)
        description = self._goal_texts(parsed)["description"]
        self.changed |= plan_services.set_plan_inclusion(
            plan=self.plan,
            goal=goal,
            title=parsed.title if parsed.title != goal.title else "",
            description=description if description != goal.description else "",
            expected_results=results,
            activities=activities,
            indicators=indicators,
        )
        return goal

    def _shared_results(self, goal: Goal, texts: list[str]) -> list[tuple[ExpectedResult, str]]:
        """The goal's expected results this plan shows, with its wording where it differs."""
        available = list(goal.expected_results.all())
        chosen: list[tuple[ExpectedResult, str]] = []
        for text in texts:
            candidates = [(result, result.text) for result in available]
            match = _closest(text, candidates)
            if match is None:
                match = goal_services.add_expected_result(goal, text)
                self.changed = True
            else:
                available.remove(match)
            chosen.append((match, "" if match.text == text else text))
        return chosen

    def _shared_activities(
        self, goal: Goal, items: list[ParsedActivity]
    ) -> list[tuple[Activity, str]]:
        available = list(goal.activities.all())
        chosen: list[tuple[Activity, str]] = []
        for position, item in enumerate(items):
            match = _closest(item.text, [(activity, activity.text) for activity in available])
            if match is None:
                match, _created = activity_services.save_activity(
                    activity=None,
                    goal=goal,
                    text=item.text,
                    starts_on=_date(item.start, self.warnings, item.text[:60]),
                    ends_on=_date(item.end, self.warnings, item.text[:60]),
                    position=len(goal.activities.all()) + position,
                )
                self.changed = True
            else:
                available.remove(match)
            if goal.owner_id != self.municipality.pk and not self.parsed.is_council_plan:
                self.changed |= activity_services.assign_activity(match, self.unit)
            chosen.append((match, "" if match.text == item.text else item.text))
        return chosen

    def _replace_own_activities(self, goal: Goal, items: list[ParsedActivity]) -> None:
        existing = list(goal.activities.all())
        kept: list[Activity] = []
        for position, item in enumerate(items):
            match = _closest(item.text, [(a, a.text) for a in existing if a not in kept])
            activity, changed = activity_services.save_activity(
                activity=match,
                goal=goal,
                text=item.text,
                starts_on=_date(item.start, self.warnings, item.text[:60]),
                ends_on=_date(item.end, self.warnings, item.text[:60]),
                position=position,
            )
            kept.append(activity)
            self.changed |= changed
        for activity in existing:
            if activity not in kept:
                activity_services.delete_activity(activity=activity)
                self.changed = True

    def _remove_stale_own_goals(self, own_goals: list[Goal]) -> None:
        """Goals of the plan's own unit that the document no longer has."""
        stale = Goal.objects.filter(owner=self.unit, year=self.year).exclude(
            pk__in=[goal.pk for goal in own_goals]
        )
        for goal in stale:
            if goal.children.exists() or goal.plan_inclusions.exists():
                self.warnings.append(
                    _(
                        "The goal “%(title)s” is no longer in the document, "
                        "but other plans use it; it was kept."
                    )
                    % {"title": goal.title}
                )
                continue
            goal_services.delete_goal_content(goal)
            self.changed = True

    # Indicators --------------------------------------------------------------

    def _indicator(self, item: ParsedIndicator, level: str) -> Indicator:
        periodicity = indicator_services.periodicity_from_text(item.period)
        if periodicity is None:
            if item.period:
                self.warnings.append(
                    _(
                        "The periodicity “%(period)s” of “%(name)s” is unknown; "
                        "it was read as a year."
                    )
                    % {"period": item.period, "name": item.name}
                )
            periodicity = Indicator.Periodicity.YEAR
        owner_kind = {
            levels.DIRECTION: OrgUnit.Kind.MUNICIPALITY,
            levels.AREA: OrgUnit.Kind.MUNICIPALITY,
            levels.COUNCIL: OrgUnit.Kind.COUNCIL,
        }.get(level, OrgUnit.Kind.UNIT)
        indicator, created = indicator_services.get_or_create_indicator(
            name=item.name, periodicity=periodicity, owner_kind=owner_kind
        )
        self.changed |= created
        return indicator

    def _targets(self, indicator: Indicator, item: ParsedIndicator) -> None:
        self.changed |= indicator_services.set_target(
            indicator=indicator,
            org_unit=self.unit,
            year=self.year,
            text=item.target,
            comment=item.comment,
        )
        if item.council_target:
            self.changed |= indicator_services.set_target(
                indicator=indicator,
                org_unit=self.municipality,
                year=self.year,
                text=item.council_target,
            )


def _create_unit(name: str, kind: str, parent: OrgUnit | None) -> OrgUnit:
    unit: OrgUnit = create_validated(OrgUnit, name=name, kind=kind, parent=parent)
    return unit
