"""The outcome table as an Excel file (.xlsx), and reading it back all or nothing.

The file has one sheet: a title row naming the unit and report, a fixed header row, then one
row per indicator. Column A holds the indicator's id, by which a row is matched on upload;
the names, goals and targets are there to read and are ignored on upload. The sheet is
protected without a password so that only the cells to fill in (values, comment) can be
typed in; the women and men cells of an indicator not reported by sex are grey and locked,
and must stay empty. A hidden last column stamps each row with its version, so that a row
someone else has saved since the download is refused instead of overwritten; the same
column's title cell names the report, so that a file of another report is refused.

On upload every cell is checked and each problem listed as "Row N, column X: …"; nothing is
saved unless the whole file can be. Rows of the unit's indicators missing from the file are
left as they are; a row left as downloaded changes nothing, even if someone saved it since.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill, Protection  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from styrkedja.indicators.models import Indicator, Outcome
from styrkedja.org.models import OrgUnit, User
from styrkedja.periods.models import ReportPeriod, Year
from styrkedja.reports.outcomes import (
    MEN,
    TOTAL,
    WOMEN,
    OutcomeConflict,
    OutcomeRow,
    OutcomesRefused,
    RowEntry,
    RowValues,
    RowVersion,
    check_number,
    format_number,
    is_per_cent,
    parse_number,
    save_outcomes,
)

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 2_000_000
# What the zip may unpack to: a file of a few thousand rows is far below this.
MAX_UNPACKED_BYTES = 50_000_000
MAX_ROWS = 5_000

TITLE_ROW = 1
HEADER_ROW = 2
FIRST_ROW = 3

# The columns, in order: (key, header msgid as a function of the active language).
ID, NAME, UNIT, GOAL, TARGET, COUNCIL_TARGET, COMMENT, VERSION = (
    "id",
    "name",
    "unit",
    "goal",
    "target",
    "council_target",
    "comment",
    "version",
)
COLUMNS: tuple[str, ...] = (
    ID,
    NAME,
    UNIT,
    GOAL,
    TARGET,
    COUNCIL_TARGET,
    TOTAL,
    WOMEN,
    MEN,
    COMMENT,
    VERSION,
)
VALUE_COLUMNS = (TOTAL, WOMEN, MEN)
_WIDTHS = {ID: 12, NAME: 50, UNIT: 12, GOAL: 40, TARGET: 18, COUNCIL_TARGET: 18, COMMENT: 50}
_GREY = PatternFill(fill_type="solid", start_color="FFD9D9D9", end_color="FFD9D9D9")
STAMP = "styrkedja-outcomes"


def _headers() -> dict[str, str]:
    """The header of each column in the active language."""
    sex_labels: dict[str, str] = {
        str(sex): capfirst(str(Outcome.Sex(sex).label)) for sex in VALUE_COLUMNS
    }
    return {
        ID: _("Indicator id"),
        NAME: _("Indicator"),
        UNIT: _("Unit of measure"),
        GOAL: _("Goal"),
        TARGET: _("Annual target"),
        COUNCIL_TARGET: _("City council's annual target"),
        **sex_labels,
        COMMENT: _("Comment"),
        VERSION: _("Version (do not change)"),
    }


def _sheet_name() -> str:
    return _("Outcomes")


def _in_every_language(make: Callable[[], Any]) -> list[Any]:
    """What `make` gives in each language of the site: a file downloaded in English may be
    uploaded by someone reading Swedish."""
    found = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.append(make())
    return found


def letter(key: str) -> str:
    return get_column_letter(COLUMNS.index(key) + 1)


def report_stamp(unit: OrgUnit, year: Year, period: ReportPeriod) -> str:
    return f"{STAMP}:{unit.pk}:{year.number}:{period.kind}"


# Download ----------------------------------------------------------------------------------


def outcome_workbook(
    *, unit: OrgUnit, year: Year, period: ReportPeriod, title: str, rows: list[OutcomeRow]
) -> bytes:
    """The table as an .xlsx file."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_name()
    headers = _headers()
    sheet.cell(TITLE_ROW, 1, f"{_('Outcomes')} – {unit.name} – {title}").font = Font(
        bold=True, size=14
    )
    sheet.cell(TITLE_ROW, len(COLUMNS), report_stamp(unit, year, period))
    for index, key in enumerate(COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, index, headers[key])
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    unlocked = Protection(locked=False)
    for number, row in enumerate(rows, start=FIRST_ROW):
        values = row.values
        texts = {
            ID: row.indicator.pk,
            NAME: row.indicator.name,
            UNIT: row.indicator.unit,
            GOAL: "\n".join(row.goal_headings),
            TARGET: row.target_text,
            COUNCIL_TARGET: row.council_target_text,
            COMMENT: values.comment,
            VERSION: str(row.version),
        }
        for key, text in texts.items():
            cell = sheet.cell(number, COLUMNS.index(key) + 1, text or None)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(number, COLUMNS.index(COMMENT) + 1).protection = unlocked
        for sex in VALUE_COLUMNS:
            cell = sheet.cell(number, COLUMNS.index(sex) + 1)
            cell.alignment = Alignment(vertical="top")
            if sex in row.sexes:
                value = values.value(sex)
                cell.value = None if value is None else _spreadsheet_number(value)
                cell.protection = unlocked
            else:
                cell.fill = _GREY
    for key, width in _WIDTHS.items():
        sheet.column_dimensions[letter(key)].width = width
    sheet.column_dimensions[letter(VERSION)].hidden = True
    sheet.freeze_panes = sheet.cell(FIRST_ROW, 1)
    # Protected without a password: only the cells to fill in take input, and columns and
    # rows may still be resized.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _spreadsheet_number(value: Decimal) -> int | Decimal:
    plain = Decimal(format(value.normalize(), "f"))
    return int(plain) if plain == plain.to_integral_value() else plain


# Upload ------------------------------------------------------------------------------------


class UploadRefused(Exception):
    """The file was not saved; `errors` says why, each by row and column where it can."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(errors)
        self.errors = errors


def _at(row: int, key: str | None, message: str) -> str:
    if key is None:
        return _("Row %(row)s: %(message)s") % {"row": row, "message": message}
    return _("Row %(row)s, column %(column)s (%(name)s): %(message)s") % {
        "row": row,
        "column": letter(key),
        "name": _headers()[key],
        "message": message,
    }


def _message(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


def save_uploaded_outcomes(
    data: bytes,
    *,
    unit: OrgUnit,
    year: Year,
    period: ReportPeriod,
    rows: list[OutcomeRow],
    user: User,
) -> int:
    """Check the whole file and save it through the table's service; returns how many
    outcomes were written. Raises UploadRefused, having written nothing."""
    uploaded = read_outcome_file(data, unit=unit, year=year, period=period, rows=rows)
    try:
        return save_outcomes(
            unit=unit, year=year, period=period, entries=uploaded.entries, user=user
        )
    except OutcomesRefused as refused:
        raise UploadRefused(
            [
                _at(uploaded.row_numbers[indicator_id], None, message)
                for indicator_id, messages in refused.errors.items()
                for message in messages
            ]
        ) from refused
    except OutcomeConflict as conflict:
        errors = []
        for indicator_id, row_conflict in sorted(
            conflict.conflicts.items(), key=lambda item: uploaded.row_numbers[item[0]]
        ):
            total = row_conflict.row.values.total
            errors.append(
                _at(
                    uploaded.row_numbers[indicator_id],
                    None,
                    _(
                        "%(people)s saved this indicator after the file was downloaded "
                        "(total now: %(total)s). Download the file again, or enter the row "
                        "on the page."
                    )
                    % {
                        "people": ", ".join(row_conflict.people) or _("someone"),
                        "total": format_number(total) if total is not None else "–",
                    },
                )
            )
        raise UploadRefused(errors) from conflict


@dataclass
class UploadedTable:
    entries: list[RowEntry]
    # The file's row of each indicator, to tell where a refused row is.
    row_numbers: dict[int, int]


def read_outcome_file(
    data: bytes, *, unit: OrgUnit, year: Year, period: ReportPeriod, rows: list[OutcomeRow]
) -> UploadedTable:
    """Every row of the file as entries for save_outcomes; raises UploadRefused with every
    problem found."""
    sheet = _sheet(data)
    _check_stamp(sheet, unit, year, period)
    _check_header(sheet)
    reader = _RowReader(rows)
    for number, cells in enumerate(
        sheet.iter_rows(min_row=FIRST_ROW, max_col=len(COLUMNS)), start=FIRST_ROW
    ):
        if reader.read(number, dict(zip(COLUMNS, cells, strict=True))) > MAX_ROWS:
            raise UploadRefused(
                [
                    _("The file has more than %(count)s rows; it cannot be a table of outcomes.")
                    % {"count": MAX_ROWS}
                ]
            )
    reader.check_indicators_exist()
    if reader.errors:
        raise UploadRefused([message for _row, message in sorted(reader.errors)])
    return UploadedTable(entries=reader.entries, row_numbers=reader.row_numbers)


def _sheet(data: bytes) -> Any:
    not_xlsx = UploadRefused([_("The file is not an Excel file (.xlsx).")])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise not_xlsx from error
    if "xl/workbook.xml" not in names:
        raise not_xlsx
    if unpacked > MAX_UNPACKED_BYTES:
        raise UploadRefused([_("The file holds too much to be a table of outcomes.")])
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:
        # openpyxl raises many kinds of errors for a damaged file; all mean the same here.
        raise not_xlsx from error
    for name in _in_every_language(_sheet_name):
        if name in workbook.sheetnames:
            return workbook[name]
    raise UploadRefused(
        [
            _("The file has no sheet named “%(name)s”; it has %(sheets)s.")
            % {"name": _sheet_name(), "sheets": ", ".join(f"“{n}”" for n in workbook.sheetnames)}
        ]
    )


def _check_stamp(sheet: Any, unit: OrgUnit, year: Year, period: ReportPeriod) -> None:
    # Looked for along the whole title row, so that a moved column is reported by the
    # header check rather than as a file of no report.
    stamp = next(
        (
            cell.value
            for cell in sheet[TITLE_ROW]
            if isinstance(cell.value, str) and cell.value.startswith(f"{STAMP}:")
        ),
        None,
    )
    if stamp == report_stamp(unit, year, period):
        return
    if stamp is not None:
        title = sheet.cell(TITLE_ROW, 1).value or ""
        raise UploadRefused(
            [
                _(
                    "The file is the table of another report (%(title)s). Download the file "
                    "from this report's page."
                )
                % {"title": title}
            ]
        )
    raise UploadRefused(
        [
            _(
                "Row %(row)s: the file does not say which report it belongs to. Download the "
                "file from this page and fill that in."
            )
            % {"row": TITLE_ROW}
        ]
    )


def _check_header(sheet: Any) -> None:
    expected = _headers()
    accepted = _in_every_language(_headers)
    errors = []
    for index, key in enumerate(COLUMNS, start=1):
        found = sheet.cell(HEADER_ROW, index).value
        text = "" if found is None else " ".join(str(found).split())
        if not any(text == headers[key] for headers in accepted):
            errors.append(
                _at(
                    HEADER_ROW,
                    key,
                    _("the heading should be “%(expected)s” but is “%(found)s”.")
                    % {"expected": expected[key], "found": text},
                )
            )
    extra = sheet.cell(HEADER_ROW, len(COLUMNS) + 1).value
    if extra not in (None, ""):
        errors.append(
            _("Row %(row)s, column %(column)s: the table has a column too many (“%(found)s”).")
            % {"row": HEADER_ROW, "column": get_column_letter(len(COLUMNS) + 1), "found": extra}
        )
    if errors:
        errors.append(_("Do not change the header row. Download the file again if need be."))
        raise UploadRefused(errors)


class _RowReader:
    """Reads the rows one by one, collecting entries and errors."""

    def __init__(self, rows: list[OutcomeRow]) -> None:
        self.rows = {row.indicator.pk: row for row in rows}
        self.entries: list[RowEntry] = []
        self.row_numbers: dict[int, int] = {}
        # (row, message), to list them in the file's order.
        self.errors: list[tuple[int, str]] = []
        self.rows_read = 0
        # Ids the unit does not report, by row: known indicators or not, asked once at the end.
        self.unreported: dict[int, int] = {}

    def read(self, number: int, cells: dict[str, Any]) -> int:
        """Read a row of the file; returns how many rows with content have been read."""
        if all(_blank(cells[key].value) for key in COLUMNS if key != VERSION):
            return self.rows_read  # An empty row (a row cleared whole is left out, not emptied).
        self.rows_read += 1
        self._read(number, cells)
        return self.rows_read

    def _error(self, number: int, key: str | None, message: str) -> None:
        self.errors.append((number, _at(number, key, message)))

    def _read(self, number: int, cells: dict[str, Any]) -> None:
        indicator_id = self._indicator_id(number, cells[ID].value)
        if indicator_id is None:
            return
        if indicator_id in self.row_numbers:
            self._error(
                number,
                ID,
                _("indicator %(id)s is also on row %(other)s.")
                % {"id": indicator_id, "other": self.row_numbers[indicator_id]},
            )
            return
        row = self.rows.get(indicator_id)
        if row is None:
            self.unreported[indicator_id] = number
            return
        self.row_numbers[indicator_id] = number
        errors_before = len(self.errors)
        values: dict[str, Decimal | None] = {}
        for sex in VALUE_COLUMNS:
            cell = cells[sex]
            if sex not in row.sexes:
                if not _blank(cell.value):
                    self._error(
                        number,
                        sex,
                        _("this indicator is not reported by sex; leave the cell empty."),
                    )
                continue
            try:
                values[sex] = _cell_number(cell, row.indicator)
            except ValidationError as error:
                self._error(number, sex, _message(error))
        comment = cells[COMMENT].value
        version = _version(cells[VERSION].value)
        if version is None:
            self._error(
                number,
                VERSION,
                _("the hidden version of the row has been changed; download the file again."),
            )
        if len(self.errors) > errors_before or version is None:
            return
        self.entries.append(
            RowEntry(
                indicator_id=indicator_id,
                values=RowValues.of(
                    total=values.get(TOTAL),
                    women=values.get(WOMEN),
                    men=values.get(MEN),
                    comment="" if _blank(comment) else _comment_text(comment),
                ),
                version=version,
            )
        )

    def _indicator_id(self, number: int, value: Any) -> int | None:
        if _blank(value):
            self._error(number, ID, _("the indicator id is missing."))
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            indicator_id = None
        elif isinstance(value, float):
            indicator_id = int(value) if value.is_integer() and value > 0 else None
        else:
            text = str(value).strip()
            indicator_id = int(text) if text.isdigit() and int(text) > 0 else None
        if indicator_id is None:
            self._error(number, ID, _("“%(value)s” is not an indicator id.") % {"value": value})
        return indicator_id

    def check_indicators_exist(self) -> None:
        if not self.unreported:
            return
        known = set(
            Indicator.objects.filter(pk__in=list(self.unreported)).values_list("pk", flat=True)
        )
        for indicator_id, number in sorted(self.unreported.items(), key=lambda item: item[1]):
            message = (
                _("indicator %(id)s is not one the unit reports on in this report.")
                if indicator_id in known
                else _("there is no indicator with id %(id)s.")
            )
            self._error(number, ID, message % {"id": indicator_id})


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _comment_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _version(value: Any) -> RowVersion | None:
    """The row's version; a row added by hand has none and counts as loaded empty."""
    if _blank(value):
        return RowVersion()
    try:
        return RowVersion.parse(str(value))
    except ValueError:
        return None


def _cell_number(cell: Any, indicator: Indicator) -> Decimal | None:
    """A value cell as a number: numbers as they are (a cell formatted as per cent holds a
    fraction: 70 % is 0.7), text by the table's rule (outcomes.parse_number)."""
    value = cell.value
    if _blank(value):
        return None
    if isinstance(value, bool | datetime.date | datetime.time):
        raise ValidationError(_("Enter a number, such as 4,9 or 1 500."))
    if isinstance(value, str):
        return parse_number(value, unit=indicator.unit)
    if not isinstance(value, int | float | Decimal):
        raise ValidationError(_("Enter a number, such as 4,9 or 1 500."))
    number = Decimal(str(value))
    if "%" in str(cell.number_format or ""):
        if not is_per_cent(indicator.unit):
            raise ValidationError(
                _(
                    "The cell is formatted as per cent, but the indicator is measured in "
                    "%(unit)s. Write only the number."
                )
                % {"unit": indicator.unit or _("numbers")}
            )
        number = number * 100
    return check_number(number)
