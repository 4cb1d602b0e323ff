"""Outcomes (utfall) of a unit for a report period: the rows of its table, the numbers people
type into it, and saving the table (or an uploaded file) all or nothing.

A row is one indicator the unit reports, however many of its goals follow it. Its values are
up to three `Outcome` rows (total, women, men); the row's comment is kept on the total. A row
carries a version: the revision of each of its outcomes and a digest of the values shown, so
that a save can tell a row the person left alone (skipped) from one they changed, and refuse a
change made on a row someone else has saved since (nothing is written then).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext as _

from styrkedja.goals.models import Goal
from styrkedja.history.models import Change
from styrkedja.history.writes import (
    EditConflict,
    create_validated,
    delete_recorded,
    update_edited,
)
from styrkedja.indicators import target_versions
from styrkedja.indicators.models import Indicator, Outcome, Target
from styrkedja.org.models import OrgUnit, User
from styrkedja.periods.models import ReportPeriod, Year
from styrkedja.reports import selection
from styrkedja.reports.services import get_or_create_report

TOTAL = Outcome.Sex.TOTAL
WOMEN = Outcome.Sex.WOMEN
MEN = Outcome.Sex.MEN
SEXES: tuple[str, ...] = (TOTAL, WOMEN, MEN)

# Outcome.value holds 14 digits, 4 of them after the decimal point.
MAX_DECIMALS = 4
MAX_WHOLE_DIGITS = 10


# Numbers as people write them ----------------------------------------------------------------
#
# The rule, for the table and for uploaded files alike:
# - a comma or a point is the decimal separator ("4,9" and "4.9" are the same number), so
#   "1,500" is one and a half; thousands may be grouped by spaces only ("1 500", "12 000 000");
# - a minus sign may lead ("-3", "−3");
# - the number may be followed by the indicator's own unit as the catalogue writes it ("12 st"
#   when the unit is "st"); for an indicator in per cent (its unit contains "%" or is "procent")
#   also by "%" or "procent". Any other text after the number is refused, because a number
#   written in another unit ("12 st" for a share, "5 tkr" for kronor) would be stored wrongly;
# - at most four decimals and ten digits before the decimal separator (what Outcome.value holds).

_SPACES = " \u00a0\u202f\u2009"
_NUMBER = re.compile(
    rf"^(?P<sign>[-−–]?)\s*"
    rf"(?P<number>\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|[.,]\d+)"
    rf"\s*(?P<suffix>.*)$"
)
PER_CENT_WORDS = ("%", "procent")


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def is_per_cent(unit: str) -> bool:
    plain = _plain(unit)
    return "%" in plain or plain == "procent"


def _suffix_allowed(suffix: str, unit: str) -> bool:
    plain = _plain(suffix)
    if plain == _plain(unit):
        return True
    return is_per_cent(unit) and plain in PER_CENT_WORDS


def check_number(number: Decimal) -> Decimal:
    """Refuse a number Outcome.value cannot hold; raises ValidationError."""
    if not number.is_finite():
        raise ValidationError(_("Enter a number, such as 4,9 or 1 500."))
    exponent = number.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent < -MAX_DECIMALS:
        raise ValidationError(_("Use at most four decimals."))
    if abs(number) >= Decimal(10) ** MAX_WHOLE_DIGITS:
        raise ValidationError(_("The number is too large."))
    return Decimal(plain_number(number)) + 0  # + 0 makes -0 plain 0


def parse_number(text: str, *, unit: str) -> Decimal | None:
    """The number in `text` by the rule above; None for an empty text. Raises ValidationError."""
    text = text.strip()
    if not text:
        return None
    match = _NUMBER.match(text)
    suffix = match["suffix"].strip() if match else ""
    if match is None or (suffix and (suffix[0].isdigit() or suffix[0] in ".,")):
        raise ValidationError(_("Enter a number, such as 4,9 or 1 500."))
    if suffix and not _suffix_allowed(suffix, unit):
        if unit:
            raise ValidationError(
                _("“%(suffix)s” is not the indicator's unit (%(unit)s). Write only the number.")
                % {"suffix": suffix, "unit": unit}
            )
        raise ValidationError(
            _("Write only the number, without “%(suffix)s”.") % {"suffix": suffix}
        )
    digits = re.sub(rf"[{_SPACES}]", "", match["number"]).replace(",", ".")
    try:
        number = Decimal(digits)
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only digits
        raise ValidationError(_("Enter a number, such as 4,9 or 1 500.")) from error
    return check_number(-number if match["sign"] else number)


def plain_number(value: Decimal) -> str:
    """A decimal without trailing zeros and never in exponent form ("60", "4.9")."""
    return format(value.normalize(), "f")


def format_number(value: Decimal | None) -> str:
    """A stored value as the page shows it and takes it back: "4,9" in Swedish, no grouping."""
    if value is None:
        return ""
    return plain_number(value).replace(".", str(formats.get_format("DECIMAL_SEPARATOR")))


# A row's values and version ---------------------------------------------------------------


@dataclass(frozen=True)
class RowValues:
    """What a row holds: a value per sex (women and men only where reported) and a comment."""

    total: Decimal | None = None
    women: Decimal | None = None
    men: Decimal | None = None
    comment: str = ""

    @classmethod
    def of(
        cls,
        *,
        total: Decimal | None = None,
        women: Decimal | None = None,
        men: Decimal | None = None,
        comment: str = "",
    ) -> RowValues:
        return cls(total=total, women=women, men=men, comment=normal_comment(comment))

    def value(self, sex: str) -> Decimal | None:
        value: Decimal | None = getattr(self, sex)
        return value

    def digest(self) -> str:
        """A short fingerprint of the values, equal for equal numbers however they were typed."""
        parts = [
            "" if value is None else plain_number(value)
            for value in (self.total, self.women, self.men)
        ]
        text = "\x1f".join([*parts, self.comment])
        return hashlib.sha256(text.encode()).hexdigest()[:12]


def normal_comment(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


_VERSION = re.compile(r"^(0|\d+\.\d+),(0|\d+\.\d+),(0|\d+\.\d+)(?:~([0-9a-f]{12}))?$")


@dataclass(frozen=True)
class RowVersion:
    """A row as someone loaded it: each sex's outcome as "pk.revision" ("0" for none), and a
    digest of the values they were shown (none for a row that came without one)."""

    state: tuple[str, str, str] = ("0", "0", "0")
    digest: str | None = None

    def __str__(self) -> str:
        text = ",".join(self.state)
        return f"{text}~{self.digest}" if self.digest else text

    @classmethod
    def parse(cls, text: str) -> RowVersion:
        """Raises ValueError for text that is not a version."""
        match = _VERSION.match(text.strip())
        if match is None:
            raise ValueError(text)
        return cls(state=(match[1], match[2], match[3]), digest=match[4])

    def revisions(self) -> dict[int, int]:
        """Revision by outcome pk."""
        found = {}
        for part in self.state:
            if part != "0":
                pk, revision = part.split(".")
                found[int(pk)] = int(revision)
        return found


# The table's rows --------------------------------------------------------------------------


@dataclass
class OutcomeRow:
    indicator: Indicator
    # The goals the unit follows the indicator under (usually one).
    goals: list[Goal]
    # The årsmål valid for the unit: its own, or failing that the nearest unit's above it.
    target: Target | None = None
    # KF:s årsmål: the target set on the municipality.
    council_target: Target | None = None
    stored: dict[str, Outcome] = field(default_factory=dict)

    @property
    def sexes(self) -> tuple[str, ...]:
        return SEXES if self.indicator.by_sex else (TOTAL,)

    @property
    def values(self) -> RowValues:
        def value(sex: str) -> Decimal | None:
            outcome = self.stored.get(sex)
            return outcome.value if outcome is not None and sex in self.sexes else None

        total = self.stored.get(TOTAL)
        return RowValues.of(
            total=value(TOTAL),
            women=value(WOMEN),
            men=value(MEN),
            comment=total.comment if total is not None else "",
        )

    @property
    def version(self) -> RowVersion:
        state = tuple(
            f"{outcome.pk}.{outcome.revision}" if (outcome := self.stored.get(sex)) else "0"
            for sex in SEXES
        )
        assert len(state) == 3
        return RowVersion(state=(state[0], state[1], state[2]), digest=self.values.digest())

    @property
    def goal_headings(self) -> list[str]:
        return [goal.heading for goal in self.goals]

    @property
    def target_text(self) -> str:
        return _target_text(self.target)

    @property
    def council_target_text(self) -> str:
        return _target_text(self.council_target)


def _target_text(target: Target | None) -> str:
    if target is None:
        return ""
    return target.original_text


def outcome_rows(
    unit: OrgUnit, year: Year, period: ReportPeriod, *, lock: bool = False
) -> list[OutcomeRow]:
    """The unit's table for the period, in plan order: four queries however many rows.

    `lock` locks the stored outcomes until the end of the transaction (for a save).
    """
    rows: dict[int, OutcomeRow] = {}
    for link in selection.reported_indicators(unit, year):
        row = rows.get(link.indicator_id)
        if row is None:
            rows[link.indicator_id] = OutcomeRow(indicator=link.indicator, goals=[link.goal])
        elif all(goal.pk != link.goal_id for goal in row.goals):
            row.goals.append(link.goal)
    if not rows:
        return []
    _fill_targets(unit, period, rows)
    outcomes = Outcome.objects.filter(
        org_unit=unit, period=period, indicator_id__in=list(rows)
    ).select_related("entered_by")
    if lock:
        outcomes = outcomes.select_for_update(of=("self",))
    for outcome in outcomes:
        row = rows[outcome.indicator_id]
        # The rows the caller already has, so that writing and recording cost no lookups.
        outcome.indicator = row.indicator
        outcome.org_unit = unit
        outcome.period = period
        row.stored[outcome.sex] = outcome
    return list(rows.values())


def _fill_targets(unit: OrgUnit, period: ReportPeriod, rows: dict[int, OutcomeRow]) -> None:
    """The target the report uses (the unit's own, or the nearest above it, in force for the
    period) and KF:s årsmål in force, as the plan prints them."""
    for indicator_id, target in target_versions.targets_in_force(
        unit=unit, period=period, indicator_ids=rows, municipality=False
    ).items():
        rows[indicator_id].target = target
    for indicator_id, target in target_versions.municipality_targets_in_force(
        period=period, indicator_ids=rows
    ).items():
        rows[indicator_id].council_target = target


# Saving ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowEntry:
    """A row as a person sent it: the values, and the version they started from (None: a
    request without one, saved unchecked)."""

    indicator_id: int
    values: RowValues
    version: RowVersion | None


class OutcomesRefused(Exception):
    """Rows that cannot be saved as sent (an indicator the unit does not report, values by
    sex for one not reported by sex); nothing was written."""

    def __init__(self, errors: dict[int, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass
class RowConflict:
    """A row someone else saved after the person loaded it: the row as stored now."""

    row: OutcomeRow
    changes: list[Change]

    @property
    def people(self) -> list[str]:
        return list(dict.fromkeys(change.who for change in self.changes))

    @property
    def last_at(self) -> Any:
        return self.changes[-1].at if self.changes else None


class OutcomeConflict(Exception):
    """Rows changed by someone else since they were loaded; nothing was written."""

    def __init__(self, conflicts: dict[int, RowConflict]) -> None:
        super().__init__(sorted(conflicts))
        self.conflicts = conflicts


def save_outcomes(
    *,
    unit: OrgUnit,
    year: Year,
    period: ReportPeriod,
    entries: Sequence[RowEntry],
    user: User,
) -> int:
    """Write the rows the person changed, all in one transaction; returns how many outcomes
    were created, changed or deleted.

    A row whose values equal those it was loaded with is left alone, and so is one equal
    to what is stored. A changed row whose stored outcomes moved on since its version is a
    conflict. Any conflict or refused row: nothing is written (OutcomeConflict,
    OutcomesRefused). The report row is created with the first outcome.
    """
    try:
        return _save(unit=unit, year=year, period=period, entries=entries, user=user)
    except (IntegrityError, EditConflict):
        # Someone wrote the same rows at the same moment, after our check: look again,
        # which reports their rows as conflicts (or saves, where nothing was lost).
        return _save(unit=unit, year=year, period=period, entries=entries, user=user)


def _save(
    *,
    unit: OrgUnit,
    year: Year,
    period: ReportPeriod,
    entries: Sequence[RowEntry],
    user: User,
) -> int:
    with transaction.atomic():
        rows = {row.indicator.pk: row for row in outcome_rows(unit, year, period, lock=True)}
        _refuse_unknown(rows, entries)
        changed: list[tuple[OutcomeRow, RowEntry]] = []
        stale: list[tuple[OutcomeRow, RowEntry]] = []
        for entry in entries:
            row = rows[entry.indicator_id]
            version = entry.version
            if version is not None and version.digest == entry.values.digest():
                continue  # Left as loaded.
            if entry.values == row.values:
                continue  # Already stored so.
            if version is not None and version.state != row.version.state:
                stale.append((row, entry))
            else:
                changed.append((row, entry))
        if stale:
            raise OutcomeConflict(_conflicts(stale))
        written = 0
        for row, entry in changed:
            written += _write_row(row, entry.values, unit=unit, period=period, user=user)
        if written:
            get_or_create_report(org_unit=unit, year=year, kind=period.kind)
    return written


def _refuse_unknown(rows: dict[int, OutcomeRow], entries: Sequence[RowEntry]) -> None:
    errors: dict[int, list[str]] = {}
    for entry in entries:
        row = rows.get(entry.indicator_id)
        if row is None:
            errors[entry.indicator_id] = [_("The unit does not report this indicator.")]
        elif not row.indicator.by_sex and (
            entry.values.women is not None or entry.values.men is not None
        ):
            errors[entry.indicator_id] = [_("This indicator is not reported by sex.")]
    if errors:
        raise OutcomesRefused(errors)


def _write_row(
    row: OutcomeRow, values: RowValues, *, unit: OrgUnit, period: ReportPeriod, user: User
) -> int:
    written = 0
    for sex in row.sexes:
        value = values.value(sex)
        comment = values.comment if sex == TOTAL else ""
        stored = row.stored.get(sex)
        if value is None and not comment:
            if stored is not None:
                written += delete_recorded([stored], base_revision=stored.revision)
            continue
        if stored is None:
            create_validated(
                Outcome,
                indicator=row.indicator,
                org_unit=unit,
                period=period,
                sex=sex,
                value=value,
                comment=comment,
                entered_by=user,
            )
            written += 1
        elif stored.value != value or stored.comment != comment:
            update_edited(
                stored,
                base_revision=stored.revision,
                value=value,
                comment=comment,
                entered_by=user,
            )
            written += 1
    return written


def _conflicts(stale: list[tuple[OutcomeRow, RowEntry]]) -> dict[int, RowConflict]:
    """Each stale row as stored now, with the changes made to its outcomes since it was loaded
    (one query for all rows)."""
    since: dict[int, int] = {}  # outcome pk → the revision the person saw (0: not there)
    for row, entry in stale:
        assert entry.version is not None
        since.update(entry.version.revisions())
        for outcome in row.stored.values():
            since.setdefault(outcome.pk, 0)
    changes = Change.objects.filter(
        object_type=Outcome._meta.label_lower, object_id__in=list(since)
    ).order_by("at", "pk")
    by_object: dict[int, list[Change]] = {}
    for change in changes:
        seen = since[change.object_id]
        if change.action == Change.Action.DELETE or (change.revision or 0) > seen:
            by_object.setdefault(change.object_id, []).append(change)
    conflicts = {}
    for row, entry in stale:
        assert entry.version is not None
        pks = set(entry.version.revisions()) | {outcome.pk for outcome in row.stored.values()}
        row_changes = sorted(
            (change for pk in pks for change in by_object.get(pk, [])),
            key=lambda change: (change.at, change.pk),
        )
        conflicts[row.indicator.pk] = RowConflict(row=row, changes=row_changes)
    return conflicts
