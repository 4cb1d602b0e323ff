"""A plan or report from the database as an ExportDocument, in the layout of the seeds.

A plan (VP) follows the plan page (`plans.document`): opening sections, the goal chain with
each goal's texts, expected results, indicator and activity tables, closing sections and
attachments. A report (T1, T2, VB) follows the report page (`reports.rollup`): the same
chain of goals with the assessments, the outcomes per period and a chart per indicator.
A nämnd's document may add its units' parts after its own (a committee compilation).

The text is the plan's own and Swedish whatever the reader's language, so everything is
built inside `translation.override("sv")`. Each part costs a fixed number of queries.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from styrkedja.core.collation import swedish_sort_key
from styrkedja.exporter.blocks import (
    Block,
    BulletList,
    Chart,
    ExportDocument,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from styrkedja.goals.models import Goal
from styrkedja.indicators.models import Outcome, Target
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import PeriodKind, ReportPeriod
from styrkedja.plans.document import GoalNode, build_plan_document
from styrkedja.plans.markdown import render_markdown
from styrkedja.plans.models import Attachment, Plan, PlanSection
from styrkedja.reports.charts import REPORT_KINDS, ChartData, format_with_unit
from styrkedja.reports.models import GoalAssessment
from styrkedja.reports.reading import ReportContext
from styrkedja.reports.rollup import GoalSection, ReportContent, build_report_content

# Plans in these states carry their diarienummer and decision date on the title page.
DEEPEST_HEADING = 4


def build_export_document(plan: Plan, *, units: Sequence[OrgUnit] | None = None) -> ExportDocument:
    """The plan or report as a document; with `units`, their parts follow the plan's own.

    Units are put in organisation order whatever order they come in. A plan (VP) includes
    the units that have a plan of the year; a report includes every unit that plans or
    reports that year, since its outcomes and assessments exist before its report row does.
    """
    with translation.override("sv"):
        unit = plan.org_unit
        decided = plan.is_adopted
        document = ExportDocument(
            organisation=unit.name,
            kind=capfirst(plan.get_kind_display()),
            year=plan.year.number,
            parent_organisation=_parent_name(unit),
            case_number=plan.case_number if decided else "",
            decided_on=plan.decided_on if decided else None,
            status=capfirst(plan.get_status_display()),
            version=plan.revision,
            language="sv",
        )
        anchors = _Anchors()
        parts = _unit_parts(plan, units or ())
        document.blocks = _part(plan, unit, anchors, shift=0)
        for part_unit, part_plan in parts:
            document.blocks.append(PageBreak())
            document.blocks.append(
                Heading(1, part_unit.name, anchors.unique(f"enhet-{part_unit.pk}"))
            )
            document.blocks += _part(part_plan, part_unit, anchors, shift=1, plan_of_kind=plan)
        return document


def in_organisation_order(units: Iterable[OrgUnit]) -> list[OrgUnit]:
    """The units as the organisation tree lists them: each after its parent, siblings in
    Swedish order of their names (one query for the names above them)."""
    units = list(units)
    above = {pk for unit in units for pk in unit.ancestor_ids}
    names = dict(OrgUnit.objects.filter(pk__in=above).values_list("pk", "name"))
    names.update({unit.pk: unit.name for unit in units})

    def key(unit: OrgUnit) -> tuple[tuple[tuple[str, str], int], ...]:
        path = [*unit.ancestor_ids, unit.pk]
        return tuple((swedish_sort_key(names.get(pk, "")), pk) for pk in path)

    return sorted(units, key=key)


# The parts --------------------------------------------------------------------------------


def _unit_parts(plan: Plan, units: Sequence[OrgUnit]) -> list[tuple[OrgUnit, Plan | None]]:
    """The chosen units with their plan (or report) of the plan's year and kind."""
    if not units:
        return []
    ordered = in_organisation_order(unit for unit in units if unit.pk != plan.org_unit_id)
    plans = Plan.objects.filter(org_unit__in=ordered, year_id=plan.year_id).select_related(
        "org_unit", "year"
    )
    own_kind = {row.org_unit_id: row for row in plans if row.kind == plan.kind}
    planning = {row.org_unit_id for row in plans}
    if plan.kind == PeriodKind.PLAN:
        return [(unit, own_kind[unit.pk]) for unit in ordered if unit.pk in own_kind]
    return [(unit, own_kind.get(unit.pk)) for unit in ordered if unit.pk in planning]


def _part(
    plan: Plan | None,
    unit: OrgUnit,
    anchors: _Anchors,
    *,
    shift: int,
    plan_of_kind: Plan | None = None,
) -> list[Block]:
    """One unit's part: its sections and goals as the plan or the report shows them."""
    reference = plan or plan_of_kind
    assert reference is not None
    if reference.kind == PeriodKind.PLAN:
        assert plan is not None
        return _plan_blocks(plan, anchors, shift=shift)
    return _ReportPart(reference, unit, plan, anchors, shift).blocks()


def _plan_blocks(plan: Plan, anchors: _Anchors, *, shift: int) -> list[Block]:
    document = build_plan_document(plan)
    blocks: list[Block] = []
    for section in document.opening_sections:
        blocks += _section_blocks(section, anchors, shift)
    for root in document.goals:
        blocks += _goal_blocks(root, anchors, shift)
    for section in document.closing_sections:
        blocks += _section_blocks(section, anchors, shift)
    blocks += _attachment_blocks(document.attachments, anchors, shift)
    return blocks


def _goal_blocks(node: GoalNode, anchors: _Anchors, shift: int) -> Iterator[Block]:
    # A nämnd plan's summaries of its units' goals belong to the units' own plans (and
    # their parts in a compilation), as in the printed nämnd plans.
    if node.owner_name:
        return
    yield Heading(_level(node.depth, shift), node.heading, anchors.unique(node.anchor))
    if not node.context_only:
        if node.agenda_2030:
            yield Paragraph(", ".join(node.agenda_2030), label=_("Agenda 2030"))
        yield from _text_blocks(node.description, _("Description"))
        if node.expected_results:
            yield BulletList(tuple(node.expected_results), label=_("Expected result"))
        for label, text in _goal_texts(node):
            yield from _text_blocks(text, label)
        if node.indicators:
            yield Table(
                caption=_("Indicators"),
                header=_indicator_header(),
                rows=tuple(
                    (row.name, row.target, row.council_target, row.periodicity)
                    for row in node.indicators
                ),
            )
        if node.activities:
            yield Table(
                caption=_("Activities"),
                header=(_("Activity"), _("Start date"), _("End date")),
                rows=tuple(
                    (row.text, _date(row.starts_on), _date(row.ends_on)) for row in node.activities
                ),
            )
    for child in node.children:
        yield from _goal_blocks(child, anchors, shift)


def _goal_texts(node: GoalNode) -> list[tuple[str, str]]:
    # The same fields and order as the plan page (plans/templatetags/plan_tags.py).
    return [
        (_("Ways of working"), node.ways_of_working),
        (_("Resource use"), node.resource_use),
        (_("Follow-up"), node.follow_up),
        (_("Development"), node.development),
    ]


def _indicator_header() -> tuple[str, ...]:
    return (_("Indicator"), _("Annual target"), _("City council's annual target"), _("Periodicity"))


def _section_blocks(section: PlanSection, anchors: _Anchors, shift: int) -> Iterator[Block]:
    if section.heading:
        yield Heading(
            _level(section.level, shift), section.heading, anchors.unique(f"avsnitt-{section.pk}")
        )
    yield from markdown_blocks(section.body)
    for table in section.tables:
        header = tuple(str(cell) for cell in table.get("header", []))
        rows = tuple(tuple(str(cell) for cell in row) for row in table.get("rows", []))
        yield Table(caption=str(table.get("caption") or section.heading), header=header, rows=rows)


def _attachment_blocks(
    attachments: Sequence[Attachment], anchors: _Anchors, shift: int
) -> list[Block]:
    if not attachments:
        return []
    return [
        Heading(_level(1, shift), _("Attachments"), anchors.unique("bilagor")),
        BulletList(tuple(str(attachment) for attachment in attachments)),
    ]


# Reports ----------------------------------------------------------------------------------


@dataclass
class _ReportNode:
    goal: Goal
    section: GoalSection | None = None
    children: list[_ReportNode] = field(default_factory=list)


class _ReportPart:
    """One unit's report: its goals in the chain of the goals above them, each with what
    the report page shows of it (report page: reports/templates/reports/_goal.html)."""

    def __init__(
        self, reference: Plan, unit: OrgUnit, report: Plan | None, anchors: _Anchors, shift: int
    ) -> None:
        self.unit = unit
        self.report = report
        self.anchors = anchors
        self.shift = shift
        period = ReportPeriod.objects.select_related("year").get(
            year_id=reference.year_id, kind=reference.kind
        )
        self.context = ReportContext(
            unit=unit, year=period.year, period=period, report=report, can_edit=False
        )
        self.kinds = REPORT_KINDS[: REPORT_KINDS.index(period.kind) + 1]

    def blocks(self) -> list[Block]:
        content = build_report_content(self.context)
        self.council_targets = self._council_targets(content)
        sections = list(PlanSection.objects.filter(plan=self.report)) if self.report else []
        blocks: list[Block] = []
        for section in sections:
            if section.placement == PlanSection.Placement.OPENING:
                blocks += _section_blocks(section, self.anchors, self.shift)
        for root in self._tree(content):
            blocks += self._goal_blocks(root, content)
        for section in sections:
            if section.placement == PlanSection.Placement.CLOSING:
                blocks += _section_blocks(section, self.anchors, self.shift)
        return blocks

    def _council_targets(self, content: ReportContent) -> dict[int, str]:
        """KF:s årsmål of the indicators the report shows (one query)."""
        ids = {
            entry.indicator.pk
            for section in [*content.own_goals, *content.goals_above]
            for entry in section.indicators
        }
        if not ids:
            return {}
        return {
            target.indicator_id: target.original_text
            for target in Target.objects.current().filter(
                year=self.context.year,
                indicator_id__in=sorted(ids),
                org_unit__kind=OrgUnit.Kind.MUNICIPALITY,
            )
        }

    def _tree(self, content: ReportContent) -> list[_ReportNode]:
        """The report's goals under the goals above them, which give them their headings."""
        sections = {section.goal.pk: section for section in content.own_goals}
        for section in content.goals_above:
            sections.setdefault(section.goal.pk, section)
        goals = {pk: section.goal for pk, section in sections.items()}
        # The goals above: one light query for the chain, one for the goals in it.
        chain = dict(
            Goal.objects.filter(
                year=self.context.year, owner_id__in=[*self.unit.ancestor_ids, self.unit.pk]
            ).values_list("pk", "parent_id")
        )
        wanted: set[int] = set()
        for goal in goals.values():
            parent = goal.parent_id
            while parent is not None and parent not in goals and parent not in wanted:
                wanted.add(parent)
                parent = chain.get(parent)
        if wanted:
            goals.update(
                {
                    goal.pk: goal
                    for goal in Goal.objects.filter(pk__in=wanted).select_related("level")
                }
            )
        nodes = {pk: _ReportNode(goal, sections.get(pk)) for pk, goal in goals.items()}
        roots: list[_ReportNode] = []
        for node in nodes.values():
            parent_node = nodes.get(node.goal.parent_id) if node.goal.parent_id else None
            (parent_node.children if parent_node else roots).append(node)
        for node in nodes.values():
            node.children.sort(key=lambda child: _goal_order(child.goal))
        return sorted(roots, key=lambda root: _goal_order(root.goal))

    def _goal_blocks(self, node: _ReportNode, content: ReportContent) -> Iterator[Block]:
        goal, section = node.goal, node.section
        yield Heading(
            _level(goal.level.depth, self.shift),
            goal.heading,
            self.anchors.unique(f"mal-{goal.pk}"),
        )
        if section is not None:
            if section.own:
                yield from _assessment_blocks(section)
            else:
                yield Paragraph(_("Goal of %(name)s") % {"name": goal.owner.name})
            if section.indicators:
                yield self._indicator_table(section)
                for entry in section.indicators:
                    # A chart without a single value shows nothing the table does not.
                    if _has_values(entry.chart):
                        yield self._chart(entry.chart)
                    if entry.outcome is not None and entry.outcome.comment:
                        yield from _text_blocks(
                            entry.outcome.comment,
                            _("Comment on %(indicator)s") % {"indicator": entry.indicator.name},
                        )
            if section.activities:
                yield self._activity_table(section)
            if content.rolls_up and section.own:
                yield from self._rollup_blocks(section)
        for child in node.children:
            yield from self._goal_blocks(child, content)

    def _indicator_table(self, section: GoalSection) -> Table:
        outcome_columns = tuple(_("Outcome %(period)s") % {"period": kind} for kind in self.kinds)
        rows = []
        for entry in section.indicators:
            chart = entry.chart
            values = dict(zip(chart.periods, chart.outcomes, strict=True))
            rows.append(
                (
                    entry.indicator.name,
                    entry.target_text,
                    self.council_targets.get(entry.indicator.pk, ""),
                    entry.indicator.get_periodicity_display(),
                    *(
                        format_with_unit(values.get(kind), entry.indicator.unit)
                        for kind in self.kinds
                    ),
                )
            )
        return Table(
            caption=_("Indicators"), header=_indicator_header() + outcome_columns, rows=tuple(rows)
        )

    def _chart(self, chart: ChartData) -> Chart:
        # Chart ids must be unique in the document, and a compilation repeats goals.
        chart = dataclasses.replace(chart, chart_id=self.anchors.unique(chart.chart_id))
        no_outcome = _("no outcome")
        return Chart(
            svg=str(chart.svg),
            alt=f"{chart.title}. {chart.description}",
            data=Table(
                caption=_("The chart's values: %(indicator)s") % {"indicator": chart.indicator},
                header=(_("Period"), str(chart.year), str(chart.previous_year)),
                rows=tuple(
                    (row.period, row.outcome or no_outcome, row.previous or no_outcome)
                    for row in chart.rows
                ),
            ),
        )

    def _activity_table(self, section: GoalSection) -> Table:
        rows = []
        for entry in section.activities:
            status = entry.status
            rows.append(
                (
                    entry.activity.text,
                    _date(entry.activity.starts_on),
                    _date(entry.activity.ends_on),
                    capfirst(status.get_status_display()) if status else _("No status yet"),
                    status.comment if status else "",
                )
            )
        return Table(
            caption=_("Activities"),
            header=(_("Activity"), _("Start date"), _("End date"), _("Status"), _("Comment")),
            rows=tuple(rows),
        )

    def _rollup_blocks(self, section: GoalSection) -> Iterator[Block]:
        if section.below:
            yield Table(
                caption=_("Goals that contribute to it"),
                header=(_("Goal"), _("Unit"), _("Assessment"), _("Analysis")),
                rows=tuple(
                    (
                        item.goal.heading,
                        item.goal.owner.name,
                        _assessment_text(item.assessment),
                        item.assessment.analysis if item.assessment else "",
                    )
                    for item in section.below
                ),
            )
        period = f"{self.context.period.kind} {self.context.year.number}"
        for rollup in section.rollups:
            rows = [
                (row.unit.name, row.text or _("No outcome yet"), _comment(row.outcome))
                for row in rollup.rows
            ]
            rows.append((rollup.rule, rollup.value_text or "–", rollup.note))
            yield Table(
                caption=f"{rollup.indicator.name} ({period})",
                header=(_("Reported by"), _("Outcome"), _("Comment")),
                rows=tuple(rows),
            )


def _assessment_blocks(section: GoalSection) -> Iterator[Block]:
    yield Paragraph(_assessment_text(section.assessment), label=_("Assessment"))
    if section.assessment is not None:
        yield from _text_blocks(section.assessment.analysis, _("Analysis"))


def _assessment_text(assessment: GoalAssessment | None) -> str:
    if assessment is None:
        return _("Not assessed yet")
    return capfirst(assessment.get_assessment_display())


def _has_values(chart: ChartData) -> bool:
    return any(value is not None for value in (*chart.outcomes, *chart.previous))


def _comment(outcome: Outcome | None) -> str:
    return outcome.comment if outcome is not None else ""


def _goal_order(goal: Goal) -> tuple[object, ...]:
    numbers = tuple(
        int(part) if part.isdigit() else part for part in re.split(r"[.\s]+", goal.number) if part
    )
    return (goal.position, numbers, goal.pk)


# Text -------------------------------------------------------------------------------------


def _text_blocks(text: str, label: str) -> Iterator[Paragraph]:
    """A goal's text field as paragraphs (split at blank lines), the first with its label."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]
    for index, paragraph in enumerate(paragraphs):
        yield Paragraph(paragraph, label=label if index == 0 else "")


def markdown_blocks(text: str) -> list[Block]:
    """A section's Markdown as blocks: paragraphs, bullet lists, and numbered lists as
    numbered paragraphs (as the plans print them). Emphasis is dropped; a link keeps its
    address after its text, since paper has no links."""
    if not (text or "").strip():
        return []
    parser = _MarkdownBlocks()
    parser.feed(str(render_markdown(text)))
    parser.close()
    return parser.blocks


class _MarkdownBlocks(HTMLParser):
    """Turns the sanitised HTML of plans.markdown (p, ul, ol, li, em, strong, a, br) into
    blocks. Nested lists are flattened into their outermost list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._lists: list[tuple[str, list[str]]] = []
        self._text: list[str] = []
        self._href = ""
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self._flush_item()
            self._lists.append((tag, []))
        elif tag == "li":
            self._flush_item()
        elif tag == "p" and not self._lists:
            self._flush_paragraph()
        elif tag == "br":
            self._text.append("\n")
        elif tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            shown = "".join(self._link_text).strip()
            if self._href and self._href not in (shown, f"mailto:{shown}"):
                self._text.append(f" ({self._href.removeprefix('mailto:')})")
            self._href = ""
        elif tag == "li":
            self._flush_item()
        elif tag in ("ul", "ol") and self._lists:
            self._flush_item()
            kind, items = self._lists.pop()
            if self._lists:
                self._lists[-1][1].extend(items)
            elif kind == "ul":
                self.blocks.append(BulletList(tuple(items)))
            else:
                self.blocks += [
                    Paragraph(f"{number}. {item}") for number, item in enumerate(items, 1)
                ]
        elif tag == "p" and not self._lists:
            self._flush_paragraph()

    def handle_data(self, data: str) -> None:
        self._text.append(data)
        if self._href:
            self._link_text.append(data)

    def close(self) -> None:
        super().close()
        self._flush_paragraph()

    def _take(self) -> str:
        text = "".join(self._text)
        self._text = []
        lines = [" ".join(line.split()) for line in text.split("\n")]
        return "\n".join(line for line in lines if line)

    def _flush_item(self) -> None:
        text = self._take()
        if text and self._lists:
            self._lists[-1][1].append(text)

    def _flush_paragraph(self) -> None:
        text = self._take()
        if text:
            self.blocks.append(Paragraph(text))


# Helpers ----------------------------------------------------------------------------------


class _Anchors:
    """Anchors unique in the document: a compilation shows the same goals in many parts."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def unique(self, base: str) -> str:
        anchor, number = base, 2
        while anchor in self._used:
            anchor, number = f"{base}-{number}", number + 1
        self._used.add(anchor)
        return anchor


def _level(depth: int, shift: int) -> int:
    return max(1, min(depth + shift, DEEPEST_HEADING))


def _date(day: datetime.date | None) -> str:
    return day.isoformat() if day is not None else ""


def _parent_name(unit: OrgUnit) -> str:
    """What the title page prints above the organisation: its nämnd, or for a nämnd (or a
    unit outside any nämnd) the municipality."""
    above = list(OrgUnit.objects.filter(pk__in=unit.ancestor_ids))
    councils = sorted(
        (row for row in above if row.kind == OrgUnit.Kind.COUNCIL),
        key=lambda row: row.depth,
        reverse=True,
    )
    if councils and unit.kind != OrgUnit.Kind.COUNCIL:
        return councils[0].name
    top = [row for row in above if row.kind == OrgUnit.Kind.MUNICIPALITY]
    return top[0].name if top else ""
