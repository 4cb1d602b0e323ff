"""Parse the visible text of a verksamhetsplan into ParsedDocument.

It touches no database and no settings beyond the active language of its warnings, so it
runs outside any transaction and is tested on its own.

The plans come from one tool (ILS-webb) in a few yearly layouts: opening sections, then
the goal tree (KF:s inriktningsmål > KF:s mål för verksamhetsområdet > Nämndmål >
Enhetsmål) with indicator and activity tables, then closing sections. A file may hold
several plans one after another. Only the generic layout words of that family are
recognised here; unit names, years and headings are read from the document itself.

    parse_text(text, source="plan.pdf", unit_hint=None) -> ParsedDocument
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator

from django.utils.translation import gettext as _

from .parse_tables import (
    BoundaryCheck,
    TableResult,
    is_activity_header,
    is_budget_header,
    is_indicator_header,
    read_activity_table,
    read_budget_table,
    read_indicator_table,
)
from .parsed import ParsedDocument, ParsedGoal, ParsedPlan, ParsedSection
from .text_cleanup import (
    Line,
    estimate_wrap_width,
    join_wrapped,
    remove_furniture,
    remove_tables_of_contents,
    split_lines,
    undo_double_spacing,
)

# --- the layout words of the document family ------------------------------------------

# A goal heading ends in a colon (or stands alone); "Enhetsmålet följs upp" is prose.
_DIRECTION = re.compile(r"^KF:s inriktningsmål(?::|$)\s*(.*)$", re.IGNORECASE)
_AREA = re.compile(r"^KF:s mål för verksamhetsområdet?(?::|$)\s*(.*)$", re.IGNORECASE)
_COUNCIL = re.compile(r"^Nämndmål(?::|$)\s*(.*)$", re.IGNORECASE)
_UNIT = re.compile(r"^Enhetsmål(?::|$)\s*(.*)$", re.IGNORECASE)
_GOAL_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?(?:\s+|$)(.*)$")
# "Verksamhetsplan 2022 för X" as the seeds print it, or "Verksamhetsplan 2022 – X" as the
# exported documents' title pages do.
_TITLE = re.compile(r"^V?erksamhetsplan\s+(\d{4})(?:\s+(?:för|–)\s+(.*))?$", re.IGNORECASE)
_LETTERHEAD = re.compile(r"^[A-ZÅÄÖ]?andläggare(?:\s+Till)?$")
_CASE_NUMBER = re.compile(r"^(?:Dnr|Diarienummer)\.?:?\s*(.+)$", re.IGNORECASE)
_DATE_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2})$")
_OPENING_START = re.compile(r"^Inledning$", re.IGNORECASE)
_CLOSING_START = re.compile(
    r"^(?:(?:Redovisning|Uppföljning) av (?:ekonomi|ekonomin)|Budget \d{4}|Övrigt)$"
)
_YEAR_IN_HEADER = re.compile(r"^(?:KF:s årsmål\s+)?år (\d{4})$", re.IGNORECASE)
_HEADING_YEAR = re.compile(r"\b(20\d{2})$")
_LIST_MARKER = re.compile(r"^(?:[-–—•*▪]|\d+(?:-\d+)?[.)])\s")
_SENTENCE_END = re.compile(r"[.!?]$")

# Goal fields under a goal heading, by their canonical spelling (misspellings tolerated).
_FIELDS = {
    "beskrivning": "description",
    "förväntatresultat": "expected_results",
    "förväntaderesultat": "expected_results",
    "arbetssätt": "ways_of_working",
    "resursanvändning": "resource_use",
    "uppföljning": "follow_up",
    "utveckling": "development",
}

# Words after which a heading line cannot end: the title goes on on the next line.
_OPEN_ENDINGS = {"och", "i", "för", "med", "en", "ett", "av", "till", "att", "som", "på", "där"}

# Sentence openings that name the unit: "Familjeenheten ansvarar", "Enheten för X är".
_NAMING_VERBS = (
    "är|har|ansvarar|utreder|tillhör|finns|består|arbetar|erbjuder|ger|bedriver|omfattar|"
    "utför|driver|verkar|riktar|leds|ingår|ska|handlägger|tar"
)
_UNIT_SUBJECT = re.compile(
    rf"(?:^|(?<=[.!?]\s))((?:Enheten för|Enhet för) [^.,;:]+?|[A-ZÅÄÖ][\wåäö-]*enheten"
    rf"|[A-ZÅÄÖ][\wåäö-]+s (?:[a-zåäö]+ ){{0,3}}(?:verksamhet|enhet|mottagning))"
    rf"(?:s uppdrag| (?:{_NAMING_VERBS})\b)"
)
_PLAN_OF = re.compile(
    r"\bVerksamhetsplan(?:en)?(?: \d{4})? för ([A-ZÅÄÖ][\wåäö-]*(?: [\wåäö-]+){0,3}?"
    r"(?:nämnd|nämnden|styrelse|styrelsen|enhet|enheten))\b"
)


def parse_text(text: str, *, source: str, unit_hint: str | None = None) -> ParsedDocument:
    """Parse one document, which may hold several plans, into ParsedDocument."""
    lines = undo_double_spacing(split_lines(text))
    lines = remove_tables_of_contents(remove_furniture(lines))
    wrap_width = estimate_wrap_width(lines)
    document = ParsedDocument(source=source)
    for chunk in split_into_plans(lines):
        builder = PlanBuilder(chunk, wrap_width)
        plan = builder.build()
        resolve_unit_and_year(plan, builder, unit_hint)
        document.plans.append(plan)
    if not document.plans:
        document.warnings.append(_("No plan was found in the document."))
    return document


# --- headings ---------------------------------------------------------------------------


def field_of_heading(text: str) -> str | None:
    """The goal field a heading line opens ("Arbets sätt" -> ways_of_working), if any."""
    if len(text) > 30 or not text[:1].isupper():
        return None
    key = re.sub(r"[^a-zåäöé]", "", text.lower())
    if key in _FIELDS:
        return _FIELDS[key]
    best = difflib.get_close_matches(key, list(_FIELDS), n=1, cutoff=0.85)
    return _FIELDS[best[0]] if best else None


def goal_heading(text: str) -> tuple[str, str] | None:
    """(level, rest of line) when the line opens a goal."""
    for level, pattern in (
        ("direction", _DIRECTION),
        ("area", _AREA),
        ("council", _COUNCIL),
        ("unit", _UNIT),
    ):
        match = pattern.match(text)
        if match:
            return level, match.group(1).strip()
    return None


def is_structural(text: str) -> bool:
    """A line that starts something new: a goal, a goal field or a table."""
    return bool(
        goal_heading(text)
        or field_of_heading(text)
        or is_indicator_header(text)
        or is_activity_header(text)
    )


# --- splitting a file into plans --------------------------------------------------------


def _is_plan_marker(line: Line) -> bool:
    text = line.text
    return bool(
        line.starts_document
        or _TITLE.match(text)
        or _LETTERHEAD.match(text)
        or _OPENING_START.match(text)
    )


def _letterhead_start(lines: list[Line], index: int) -> int:
    """Back up over the recipient lines printed above a first-page header."""
    start = index
    for _attempt in range(5):
        previous = lines[start - 1].text if start > 0 else ""
        if not previous or len(previous) > 60 or previous.endswith((".", "!", "?", ":")):
            break
        start -= 1
    return start


def split_into_plans(lines: list[Line]) -> list[list[Line]]:
    """Cut where a new plan begins: a letterhead, title or "Inledning" after a goal tree."""
    starts = [0]
    seen_goal = False
    seen_directions: set[str] = set()
    for i, line in enumerate(lines):
        heading = goal_heading(line.text)
        if heading and heading[0] == "direction":
            number = _GOAL_NUMBER.match(heading[1] or _next_text(lines, i))
            key = number.group(1) if number else ""
            if key and key in seen_directions:  # the goal tree starts over: a new plan
                starts.append(_letterhead_start(lines, i))
                seen_directions = set()
            seen_directions.add(key)
            seen_goal = True
        elif seen_goal and _is_plan_marker(line):
            starts.append(_letterhead_start(lines, i) if line.starts_document else i)
            seen_goal = False
            seen_directions = set()
    starts.append(len(lines))
    chunks = [lines[a:b] for a, b in itertools.pairwise(starts)]
    return [chunk for chunk in chunks if any(line.text for line in chunk)]


def _next_text(lines: list[Line], i: int) -> str:
    for line in lines[i + 1 : i + 3]:
        if line.text:
            return line.text
    return ""


# --- paragraphs -------------------------------------------------------------------------


def paragraphs(lines: list[Line], wrap_width: int | None, *, items: bool = False) -> list[str]:
    """Join wrapped lines into paragraphs (or list items, where a full stop ends an item)."""
    groups: list[list[str]] = []
    previous: Line | None = None
    for line in lines:
        if not line.text:
            previous = None
            continue
        if previous is None or _breaks_between(previous, line, wrap_width, items):
            groups.append([])
        groups[-1].append(line.text)
        previous = line
    return [join_wrapped(group) for group in groups if group]


def _breaks_between(first: Line, second: Line, wrap_width: int | None, items: bool) -> bool:
    before, after = first.text, second.text
    if _LIST_MARKER.match(after):
        return True
    if wrap_width is None:
        # One paragraph per line: only a page break (an empty line before a lower-case
        # start, or a stray last word) continues the paragraph on the next line.
        if not second.after_gap:
            return True
        fragment = len(after.split()) <= 2 and after.endswith(".")
        return not (after[:1].islower() or fragment)
    if not (after[:1].isupper() or after[:1].isdigit()):
        return False  # "(jmf 2023)", "och …": the sentence goes on
    short = wrap_width is None or len(before) < wrap_width * 0.8
    if _SENTENCE_END.search(before) or before.endswith(":"):
        return items or short
    if before.split()[-1].lower() in _OPEN_ENDINGS or before.endswith((",", "-", "–")):
        return False
    # Expected results are printed one per line, often without a full stop: a capital
    # after a complete line starts the next item. In prose only a short line ends one.
    return items or len(before) < wrap_width * 0.7


def looks_like_heading(lines: list[Line], i: int, wrap_width: int | None) -> bool:
    """A short stand-alone line opening a section: capitalised, no closing punctuation."""
    text = lines[i].text
    if not text or len(text) > 80 or not text[:1].isupper() or text.endswith((".", ",", ";", ":")):
        return False
    if _LIST_MARKER.match(text) or "\t" in text:
        return False
    if text.split()[-1].lower() in _OPEN_ENDINGS:
        return False
    following = next((line.text for line in lines[i + 1 : i + 3] if line.text), "")
    if following[:1].islower():
        return False
    previous = lines[i - 1].text if i > 0 else ""
    if wrap_width is None or not previous:
        return True
    return (
        len(previous) < wrap_width * 0.8
        or bool(_SENTENCE_END.search(previous))
        or previous.endswith(":")
    )


# --- one plan ---------------------------------------------------------------------------


class PlanBuilder:
    """Walks one plan's lines and fills a ParsedPlan."""

    def __init__(self, lines: list[Line], wrap_width: int | None) -> None:
        self.lines = lines
        self.wrap_width = wrap_width
        self.plan = ParsedPlan(unit=None, year=None)
        self.title_unit: str | None = None
        self.title_year: int | None = None
        self.header_years: list[int] = []
        self.placement: str = "opening"
        self.goal_stack: dict[str, ParsedGoal] = {}
        self.goal: ParsedGoal | None = None
        self.field: str | None = None
        self.body: list[Line] = []
        self.section: ParsedSection | None = None

    # -- driving

    def build(self) -> ParsedPlan:
        numbered = [line.number for line in self.lines if line.text]
        if numbered:
            self.plan.line_start, self.plan.line_end = numbered[0], numbered[-1]
        i = self._read_letterhead()
        while i < len(self.lines):
            i = self._step(i)
        self._flush()
        return self.plan

    def _step(self, i: int) -> int:
        line = self.lines[i]
        text = line.text
        if not text:
            self.body.append(line)
            return i + 1
        match = _YEAR_IN_HEADER.search(text)
        if match:
            self.header_years.append(int(match.group(1)))
        heading = goal_heading(text)
        if heading:
            return self._start_goal(i, *heading)
        if self.placement == "goals" and _CLOSING_START.match(text):
            self._flush()  # the last goal's text still belongs to that goal
            self.placement = "closing"
            self.goal = None
            return self._start_section(i)
        if self.goal is not None:
            return self._step_in_goal(i)
        if is_budget_header(text):
            return self._read_budget_table(i)
        if looks_like_heading(self.lines, i, self.wrap_width):
            return self._start_section(i)
        self.body.append(line)
        return i + 1

    def _step_in_goal(self, i: int) -> int:
        text = self.lines[i].text
        goal_field = field_of_heading(text)
        if goal_field:
            self._flush()
            self.field = goal_field
            return i + 1
        if is_indicator_header(text):
            return self._read_table(i, read_indicator_table)
        if is_activity_header(text):
            return self._read_table(i, read_activity_table)
        if _is_table_caption(self.lines, i):
            return i + 1
        self.body.append(self.lines[i])
        return i + 1

    # -- letterhead and title

    def _read_letterhead(self) -> int:
        """Take the case number, date and title from a letterhead; drop the rest of it."""
        first = next((i for i, line in enumerate(self.lines) if line.text), None)
        if first is None:
            return 0
        title_index = next(
            (i for i, line in enumerate(self.lines[:60]) if _TITLE.match(line.text)), None
        )
        starts_with_letterhead = (
            self.lines[first].starts_document
            or _LETTERHEAD.match(self.lines[first].text)
            or title_index is not None
        )
        if not starts_with_letterhead or title_index is None:
            return first
        end = self._letterhead_end(title_index)
        for line in self.lines[first:title_index] + self.lines[title_index:end]:
            self._read_letterhead_line(line.text)
        self._read_title(title_index)
        for i in range(title_index + 1, end):
            text = self.lines[i].text
            if text.lower() == "förslag till beslut":
                self.plan.opening_sections.append(
                    ParsedSection(heading=text, line=self.lines[i].number)
                )
        return end

    def _letterhead_end(self, title_index: int) -> int:
        for i in range(title_index + 1, min(len(self.lines), title_index + 40)):
            text = self.lines[i].text
            if _OPENING_START.match(text) or goal_heading(text):
                return i
        return title_index + 1

    def _read_letterhead_line(self, text: str) -> None:
        case = _CASE_NUMBER.match(text)
        if case and not self.plan.case_number:
            self.plan.case_number = case.group(1).strip()
        date = _DATE_LINE.match(text)
        if date and not self.plan.document_date:
            self.plan.document_date = date.group(1)

    def _read_title(self, index: int) -> None:
        match = _TITLE.match(self.lines[index].text)
        assert match is not None
        self.title_year = int(match.group(1))
        parts = [match.group(2) or ""]
        for line in self.lines[index + 1 : index + 3]:
            if line.text[:1].islower() or (
                parts[-1].split() and parts[-1].split()[-1] in _OPEN_ENDINGS
            ):
                parts.append(line.text)
            else:
                break
        name = join_wrapped(parts).strip()
        self.title_unit = name or None

    # -- goals

    def _start_goal(self, i: int, level: str, rest: str) -> int:
        self._flush()
        self.placement = "goals"
        self.section = None
        line_number = self.lines[i].number
        i += 1
        if not rest:  # "KF:s inriktningsmål:" with the numbered title on the next line
            while i < len(self.lines) and not self.lines[i].text:
                i += 1
            if i < len(self.lines) and not is_structural(self.lines[i].text):
                rest = self.lines[i].text
                i += 1
        number: str | None = None
        match = _GOAL_NUMBER.match(rest)
        if match and level != "unit":
            number, rest = match.group(1), match.group(2)
        parts = [rest]
        while i < len(self.lines) and self._continues_title(parts[-1], self.lines[i].text):
            parts.append(self.lines[i].text)
            i += 1
        goal = ParsedGoal(
            level=level,  # type: ignore[arg-type]
            title=join_wrapped(parts),
            number=number,
            line=line_number,
        )
        self._attach_goal(goal)
        return i

    @staticmethod
    def _continues_title(title_so_far: str, text: str) -> bool:
        if not text or is_structural(text) or not title_so_far:
            return not title_so_far and bool(text) and not is_structural(text)
        if _SENTENCE_END.search(title_so_far):
            return False
        last_word = title_so_far.split()[-1].lower()
        return text[:1].islower() or last_word in _OPEN_ENDINGS or title_so_far.endswith(",")

    def _attach_goal(self, goal: ParsedGoal) -> None:
        parent_level = {"area": "direction", "council": "area", "unit": "council"}.get(goal.level)
        parent = self.goal_stack.get(parent_level) if parent_level else None
        if parent_level and parent is None:
            # A layout without the level above (an enhetsmål straight under an area goal):
            # hang it on the nearest goal there is, and say so.
            parent = next(
                (
                    self.goal_stack[level]
                    for level in ("area", "direction")
                    if level in self.goal_stack
                ),
                None,
            )
            self.plan.warnings.append(
                _("The goal on line %(line)s has no goal on the level just above it.")
                % {"line": goal.line}
            )
        if parent is None:
            self.plan.goals.append(goal)
        else:
            parent.children.append(goal)
        order = ["direction", "area", "council", "unit"]
        for level in order[order.index(goal.level) :]:
            self.goal_stack.pop(level, None)
        self.goal_stack[goal.level] = goal
        self.goal = goal
        self.field = None

    # -- tables

    def _read_table(
        self, i: int, reader: Callable[[list[Line], int, BoundaryCheck], TableResult]
    ) -> int:
        self._flush()
        result: TableResult = reader(self.lines, i, is_structural_or_closing)
        goal = self.goal
        assert goal is not None
        goal.indicators.extend(result.indicators)
        goal.activities.extend(result.activities)
        self.field = None  # text after a table belongs to no field
        if result.leftover:
            return result.end - _count_from_end(self.lines, result.end, result.leftover)
        return result.end

    def _read_budget_table(self, i: int) -> int:
        self._flush_body_only()
        table, end = read_budget_table(self.lines, i, is_structural_or_closing)
        if self.section is None:
            self._start_section_named("", self.lines[i].number)
        assert self.section is not None
        self.section.tables.append(table)
        return end

    # -- sections and bodies

    def _start_section(self, i: int) -> int:
        self._flush()
        self._start_section_named(self.lines[i].text, self.lines[i].number)
        return i + 1

    def _start_section_named(self, heading: str, line: int) -> None:
        section = ParsedSection(
            heading=heading,
            placement="closing" if self.placement == "closing" else "opening",
            line=line,
        )
        if self.placement == "closing":
            self.plan.closing_sections.append(section)
        else:
            self.plan.opening_sections.append(section)
        self.section = section

    def _flush_body_only(self) -> None:
        if self.section is not None and any(line.text for line in self.body):
            text = "\n\n".join(paragraphs(self.body, self.wrap_width))
            self.section.body = "\n\n".join(part for part in (self.section.body, text) if part)
        self.body = []

    def _flush(self) -> None:
        """Put the collected lines where they belong: a goal field, a section or a new one."""
        body = self.body
        self.body = []
        if not any(line.text for line in body):
            return
        goal = self.goal
        if goal is None:
            if self.section is None:
                self._start_section_named("", next(line.number for line in body if line.text))
            self.body = body
            self._flush_body_only()
            return
        if self.field == "expected_results":
            goal.expected_results.extend(paragraphs(body, self.wrap_width, items=True))
            return
        text = "\n\n".join(paragraphs(body, self.wrap_width))
        if (
            self.field is None
            and goal.description == ""
            and not (goal.indicators or goal.activities)
        ):
            goal.description = text  # the narrative straight under a goal heading
        elif self.field is None:  # text after a table: kept beside the goal's fields
            first_line = next(line.number for line in body if line.text)
            goal.other_sections.append(ParsedSection(heading="", body=text, line=first_line))
        else:
            current = getattr(goal, self.field)
            setattr(goal, self.field, "\n\n".join(part for part in (current, text) if part))


# A table's caption ("Indikatorer" above "Indikator  Årsmål …"), as a PDF prints it.
_TABLE_CAPTIONS = {"indikatorer": is_indicator_header, "aktiviteter": is_activity_header}


def _is_table_caption(lines: list[Line], i: int) -> bool:
    is_header = _TABLE_CAPTIONS.get(lines[i].text.lower())
    following = next((line.text for line in lines[i + 1 : i + 3] if line.text), "")
    return is_header is not None and is_header(following)


def is_structural_or_closing(text: str) -> bool:
    return is_structural(text) or bool(_CLOSING_START.match(text))


def _count_from_end(lines: list[Line], end: int, leftover: list[Line]) -> int:
    """How many lines back from `end` the first leftover line is."""
    first = leftover[0]
    for back in range(1, end + 1):
        if lines[end - back] is first:
            return back
    return 0


# --- unit name and year -----------------------------------------------------------------


def resolve_unit_and_year(plan: ParsedPlan, builder: PlanBuilder, unit_hint: str | None) -> None:
    """Name the plan's unit and year from the title, the text or the hint; warn otherwise."""
    where = plan.line_start or 1
    unit = builder.title_unit or unit_from_text(plan)
    if unit is None and unit_hint:
        unit = unit_hint
    if unit is None:
        plan.warnings.append(
            _("The unit's name was not found (line %(line)s); give it with --unit.")
            % {"line": where}
        )
    plan.unit = unit
    plan.year = builder.title_year or _year_from_plan(plan, builder)
    if plan.year is None:
        plan.warnings.append(_("The plan's year was not found (line %(line)s).") % {"line": where})
    levels_present = {goal.level for goal in _walk_goals(plan.goals)}
    plan.is_council_plan = "unit" not in levels_present and (
        "council" in levels_present
        or bool(unit and re.search(r"(?:nämnd|nämnden|styrelse|styrelsen)$", unit))
    )


def _walk_goals(goals: list[ParsedGoal]) -> Iterator[ParsedGoal]:
    for goal in goals:
        yield goal
        yield from _walk_goals(goal.children)


def unit_from_text(plan: ParsedPlan) -> str | None:
    """The unit as its opening text names it: "Familjeenheten ansvarar för ..."."""
    text = "\n\n".join(section.body for section in plan.opening_sections)
    match = _PLAN_OF.search(text)
    if match:
        return match.group(1)
    for paragraph in text.split("\n\n"):
        match = _UNIT_SUBJECT.search(paragraph)
        if match:
            return match.group(1).strip()
    return None


def _year_from_plan(plan: ParsedPlan, builder: PlanBuilder) -> int | None:
    if builder.header_years:
        return Counter(builder.header_years).most_common(1)[0][0]
    years = Counter(
        int(activity.start[:4])
        for goal in _all_goals(plan.goals)
        for activity in goal.activities
        if activity.start
    )
    if years:  # most activities run within the plan's year
        return years.most_common(1)[0][0]
    for section in plan.opening_sections + plan.closing_sections:
        match = _HEADING_YEAR.search(section.heading)
        if match:
            return int(match.group(1))
    return None


def _all_goals(goals: list[ParsedGoal]) -> list[ParsedGoal]:
    found: list[ParsedGoal] = []
    for goal in goals:
        found.append(goal)
        found.extend(_all_goals(goal.children))
    return found
