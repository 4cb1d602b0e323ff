"""Read the plan's tables: indicators, activities and budget tables.

Tables reach us in three shapes: tab-separated rows (DOCX), one printed row per line, or
flattened by the PDF reader so that a row's cells follow each other over several lines
(the name wrapped, then the values, then the periodicity on a line of its own). Every
reader here takes the lines after a table header and returns what it understood plus the
index of the first line it did not use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .parsed import ParsedActivity, ParsedIndicator, ParsedTable
from .text_cleanup import Line, join_wrapped

# Tells a table reader that a line belongs to what comes after the table.
BoundaryCheck = Callable[[str], bool]

_PERIOD = r"(?:Tertial|År|Halvår|Månad|Kvartal)"
_ROW_END_PERIOD = re.compile(rf"(?:^|\s){_PERIOD}$")
_INDICATOR_HEADER = re.compile(r"^Indikator\b(?:\s+Årsmål\b.*)?$")
_ACTIVITY_HEADER = re.compile(r"^Aktivitet\s+Startdatum\s+Slutdatum$")
_ACTIVITY_HEADER_START = re.compile(r"^Aktivitet(?:\s+Startdatum)?$")
_DATE = r"\d{4}-\d{2}-\d{2}"
_TRAILING_DATES = re.compile(rf"^(.*?)\s*({_DATE})\s+({_DATE})$")
_COMMENT_HEADING = re.compile(r"^Kommentar:?$")
# Icon-column glyphs some readers print in front of an indicator name.
_LEADING_GLYPHS = "♀♂\uf0b7•▪* "

# The kinds of target value a cell can hold, strictest first.
_NUMBER = r"(?:\+/-\s?)?-?\d{1,3}(?:[  ]\d{3})*(?:,\d+)?|(?:\+/-\s?)?-?\d+(?:,\d+)?"
_UNIT = r"(?:\s?%|\s(?:st|kr|tkr|mnkr|GWh|MWh|kWh|ton|timmar|dagar|personer|procent))"
_KEYWORD_VALUE = (
    r"Tas fram av(?: [^\s\d]\S*)?|[Ff]astställs(?: \d{4})?|[Öö]ka|[Mm]inska|[Bb]ibehålla"
    r"|Max \d+(?: \w+)?"
)
_STRICT_VALUE = rf"(?:{_KEYWORD_VALUE}|(?:{_NUMBER}){_UNIT}?)"
_LOOSE_VALUE = rf"(?:{_NUMBER})(?:\s?%)?(?: [^\s\d][^\s]*| \d{{4}})+"
_BARE_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_COUNCIL_ONLY_VALUE = re.compile(r"^(?:Tas fram av|[Ff]astställs|[Öö]ka$|[Mm]inska$)")


def is_indicator_header(text: str) -> bool:
    cells = text.split("\t")
    if len(cells) > 1:
        return cells[0].strip() == "Indikator"
    return bool(_INDICATOR_HEADER.match(text))


def is_activity_header(text: str) -> bool:
    cells = [cell.strip() for cell in text.split("\t")]
    if len(cells) > 1:
        return cells[0] == "Aktivitet" and "Startdatum" in cells
    return bool(_ACTIVITY_HEADER.match(text))


def _skip_header(lines: list[Line], start: int, last_word: str) -> int:
    """Past a header that may be spread over several lines ("KF:s årsmål / år 2024")."""
    i = start
    for j in range(start, min(start + 8, len(lines))):
        if lines[j].text.split("\t")[-1].strip().endswith(last_word):
            return j + 1
    return i + 1


@dataclass
class TableResult:
    end: int  # index of the first line not used
    indicators: list[ParsedIndicator] = field(default_factory=list)
    activities: list[ParsedActivity] = field(default_factory=list)
    leftover: list[Line] = field(default_factory=list)  # text that turned out not to be a row


def _strip_glyphs(text: str) -> str:
    return text.lstrip(_LEADING_GLYPHS).strip()


def _join_cell_lines(lines: list[Line]) -> str:
    """Join a flattened row; a value cell wrapped inside a word ("styrel" / "se") is rejoined.

    A line without a trailing space may end a word or be cut inside one; it is taken as
    cut only once the values have begun, since names wrap at spaces.
    """
    parts: list[str] = []
    for index, line in enumerate(lines):
        if not line.text:
            continue
        previous = lines[index - 1] if index else None
        if (
            parts
            and previous is not None
            and previous.ends_mid_word
            and line.text[:1].islower()
            and split_values(join_wrapped(parts))[1]
        ):
            parts[-1] += line.text
        else:
            parts.append(line.text)
    return join_wrapped(parts)


def split_values(row: str) -> tuple[str, list[str]]:
    """Split "name value [value]" where the name comes first; values are read from the end.

    The strict form (numbers with a known unit, keywords) is tried first from the left, so
    that a number inside a name ("inom 48 timmar") is not taken for a value; the loose form
    lets the last value carry free words ("1,9 kg CO2 per kg livsmedel").
    """
    tokens = [match.start() for match in re.finditer(r"(?:^|(?<=\s))\S", row)]
    for pattern in (
        rf"(?P<a>{_STRICT_VALUE})(?:\s+(?P<b>{_STRICT_VALUE}))?",
        rf"(?P<a>{_STRICT_VALUE})\s+(?P<b>{_LOOSE_VALUE})",
        rf"(?P<a>{_LOOSE_VALUE})",
    ):
        compiled = re.compile(rf"^{pattern}$")
        for position in tokens[1:]:
            match = compiled.match(row[position:])
            if not match:
                continue
            values = [value for value in (match.group("a"), match.groupdict().get("b")) if value]
            if all(_BARE_YEAR.match(value) for value in values):
                continue  # a year closes a name or a unit text; it is never a target alone
            return row[:position].strip(), values
    return row.strip(), []


def _indicator_from_flat_row(rows: list[Line], has_council_column: bool) -> ParsedIndicator:
    text = _join_cell_lines(rows)
    period_match = _ROW_END_PERIOD.search(text)
    period = period_match.group(0).strip() if period_match else ""
    body = text[: period_match.start()].strip() if period_match else text
    name, values = split_values(body)
    return _indicator(name, values, period, rows[0].number, has_council_column)


def _indicator(
    name: str, values: list[str], period: str, line: int, has_council_column: bool
) -> ParsedIndicator:
    target, council_target = "", ""
    if len(values) >= 2:
        target, council_target = values[0], " ".join(values[1:])
    elif values:
        # A lone "Tas fram av nämnd" or "Fastställs 2024" can only be KF's column.
        if has_council_column and _COUNCIL_ONLY_VALUE.match(values[0]):
            council_target = values[0]
        else:
            target = values[0]
    return ParsedIndicator(_strip_glyphs(name), target, council_target, period, line=line)


def _ends_table(text: str) -> bool:
    """A line that cannot belong to a table: another table or a heading the caller knows."""
    return is_indicator_header(text) or is_activity_header(text)


def read_indicator_table(lines: list[Line], start: int, is_boundary: BoundaryCheck) -> TableResult:
    """Read indicator rows from the header at `start` until the table ends."""
    header = lines[start].text
    has_council_column = "KF" in " ".join(line.text for line in lines[start : start + 4])
    i = _skip_header(lines, start, "Periodicitet")
    result = TableResult(end=i)
    pending: list[Line] = []
    while i < len(lines):
        line = lines[i]
        text = line.text
        if is_indicator_header(text):  # repeated on a new page
            i = _skip_header(lines, i, "Periodicitet")
            continue
        if not text:
            i += 1
            continue
        if _COMMENT_HEADING.match(text) and result.indicators and not pending:
            comment, i = _read_comment(lines, i + 1, is_boundary)
            result.indicators[-1].comment = comment
            continue
        if is_boundary(text) or is_activity_header(text):
            break
        if "\t" in text or "\t" in header:
            indicator = _indicator_from_cells(text, header, line.number)
            if not indicator.name and result.indicators:  # cells continued after a page break
                _merge_cells(result.indicators[-1], indicator)
            elif indicator.target or indicator.council_target or indicator.period:
                result.indicators.append(indicator)
            elif result.indicators:  # a name continued after a page break
                previous = result.indicators[-1]
                previous.name = join_wrapped([previous.name, indicator.name])
            i += 1
            continue
        if not pending and text[:1].islower() and result.indicators:
            # The rest of the previous row's cell, carried over a page break.
            _continue_flat_row(result.indicators[-1], line, lines[i - 1])
            i += 1
            continue
        pending.append(line)
        i += 1
        if _ROW_END_PERIOD.search(text):
            result.indicators.append(_indicator_from_flat_row(pending, has_council_column))
            pending = []
        elif len(pending) > 8:  # prose, not a row: give it back
            break
    result.leftover = pending
    result.end = i
    return result


def _continue_flat_row(previous: ParsedIndicator, line: Line, line_before: Line) -> None:
    """Append a fragment carried over a page break to the cell it continues.

    A value ending in "av" ("Tas fram av") goes on with the fragment; a value cut inside
    a word ("nämnd/styrel" + "se") is rejoined without a space; anything else is the name.
    """
    field_name = "council_target" if previous.council_target else "target"
    value = getattr(previous, field_name)
    if value and value.split()[-1] in _OPEN_VALUE_ENDINGS:
        setattr(previous, field_name, f"{value} {line.text}")
    elif value and line_before.ends_mid_word and value.endswith(line_before.text):
        setattr(previous, field_name, value + line.text)
    else:
        previous.name = join_wrapped([previous.name, line.text])


_OPEN_VALUE_ENDINGS = ("av", "för", "till", "per")


def _merge_cells(previous: ParsedIndicator, continuation: ParsedIndicator) -> None:
    previous.target = join_wrapped([previous.target, continuation.target])
    previous.council_target = join_wrapped([previous.council_target, continuation.council_target])
    previous.period = previous.period or continuation.period


def _indicator_from_cells(text: str, header: str, line: int) -> ParsedIndicator:
    cells = [cell.strip() for cell in text.split("\t")]
    columns = [cell.strip() for cell in header.split("\t")]
    name = cells[0]
    period = cells[-1] if len(cells) > 1 and re.fullmatch(_PERIOD, cells[-1]) else ""
    values = cells[1:-1] if period else cells[1:]
    has_council_column = any(column.startswith("KF") for column in columns)
    if len(cells) == len(columns) and len(values) == len(columns) - 2:
        values = cells[1:-1]  # the cells line up with the header: read them by position
    if has_council_column and len(values) >= 2:
        return ParsedIndicator(_strip_glyphs(name), values[0], values[1], period, line=line)
    return _indicator(name, [value for value in values if value], period, line, has_council_column)


def _read_comment(lines: list[Line], start: int, is_boundary: BoundaryCheck) -> tuple[str, int]:
    parts: list[str] = []
    i = start
    while i < len(lines) and lines[i].text and not _ends_table(lines[i].text):
        if is_boundary(lines[i].text):
            break
        if parts and _ROW_END_PERIOD.search(lines[i].text):
            break
        parts.append(lines[i].text)
        i += 1
        if parts[-1].endswith("."):
            break
    return join_wrapped(parts), i


def read_activity_table(lines: list[Line], start: int, is_boundary: BoundaryCheck) -> TableResult:
    """Read activity rows: text, then start and end dates (on the last text line or alone)."""
    header = lines[start].text
    i = _skip_header(lines, start, "Slutdatum")
    result = TableResult(end=i)
    pending: list[Line] = []
    while i < len(lines):
        line = lines[i]
        text = line.text
        if is_activity_header(text) or (
            _ACTIVITY_HEADER_START.match(text) and not pending and "\t" not in header
        ):
            i = _skip_header(lines, i, "Slutdatum")
            continue
        if not text:
            i += 1
            continue
        if is_boundary(text) or is_indicator_header(text):
            break
        if "\t" in text:
            cells = [cell.strip() for cell in text.split("\t")]
            dates = [cell for cell in cells[1:] if re.fullmatch(_DATE, cell)]
            if cells[0] and len(dates) == 2:
                result.activities.append(
                    ParsedActivity(
                        _strip_glyphs(join_wrapped([line.text for line in pending] + [cells[0]])),
                        dates[0],
                        dates[1],
                        line=(pending[0] if pending else line).number,
                    )
                )
                pending = []
                i += 1
                continue
        match = _TRAILING_DATES.match(text.replace("\t", " "))
        if match:
            body = [entry.text for entry in pending] + [match.group(1)]
            first_line = (pending[0] if pending else line).number
            result.activities.append(
                ParsedActivity(
                    _strip_glyphs(join_wrapped(body)),
                    match.group(2),
                    match.group(3),
                    line=first_line,
                )
            )
            pending = []
        else:
            pending.append(line)
            if len(pending) > 10:  # prose, not a row: give it back
                i += 1
                break
        i += 1
    result.leftover = pending
    result.end = i
    return result


# --- budget tables ---------------------------------------------------------------------

_BUDGET_HEADER = re.compile(r"^(?:Mnkr|Tkr|Kr|Belopp i (?:mnkr|tkr))\b")
_AMOUNT = re.compile(r"^-?\d+(?:,\d+)?$")


def _split_amounts(text: str) -> tuple[str, list[str]]:
    """ "Förskola 285,3 284,9" -> ("Förskola", ["285,3", "284,9"])."""
    tokens = text.split()
    count = 0
    while count < len(tokens) and _AMOUNT.match(tokens[len(tokens) - 1 - count]):
        count += 1
    if not count:
        return text, []
    return " ".join(tokens[: len(tokens) - count]), tokens[len(tokens) - count :]


def is_budget_header(text: str) -> bool:
    return bool(_BUDGET_HEADER.match(text))


def _split_header_cells(text: str) -> list[str]:
    """Column headings: each ends with a year or a parenthesis ("VP 2020", "utfall 2019 (okt)")."""
    cells = re.findall(r".+?(?:\b\d{4}\b(?:\s*\([^)]*\))?|\([^)]*\))(?=\s|$)", text)
    return [cell.strip() for cell in cells] if cells else [text]


def read_budget_table(
    lines: list[Line], start: int, is_boundary: BoundaryCheck
) -> tuple[ParsedTable, int]:
    """A table whose rows end in amounts; the first row tells how many columns there are."""
    unit, _, rest = lines[start].text.partition(" ")
    header_parts = [rest]
    i = start + 1
    rows: list[list[str]] = []
    pending: list[str] = []
    pending_start = i
    columns = 0
    while i < len(lines):
        text = lines[i].text
        if not text:
            i += 1
            continue
        if is_boundary(text) or is_budget_header(text):
            break
        label_text, amounts = _split_amounts(text)
        # The first row must have amounts, not just a year ("budget 2019" is header text).
        first_row_ok = len(amounts) >= 2 or any("," in amount for amount in amounts)
        if (
            amounts
            and (len(amounts) == columns or (not columns and first_row_ok))
            and not text.endswith(".")
        ):
            columns = columns or len(amounts)
            label = join_wrapped([*pending, label_text])
            rows.append([label, *amounts])
            pending = []
        elif not rows and len(header_parts) < 6 and len(text) < 60:
            header_parts.append(text)
        elif len(text) < 70 and not text.endswith(".") and len(pending) < 2:
            pending_start = i if not pending else pending_start
            pending.append(text)
        else:
            break
        i += 1
    if pending:  # a label without amounts: prose after the table
        i = pending_start
    header = _split_header_cells(join_wrapped(header_parts))
    return ParsedTable(caption=unit, header=[unit, *header], rows=rows), i
