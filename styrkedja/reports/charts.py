"""Charts of an indicator on report pages: outcome per period against the target and last year.

The chart is SVG markup built here, without JavaScript or a chart library, so that the
page and the PDF (WeasyPrint renders inline SVG) show the same picture. It carries its
own title and description, and the page prints the same numbers as a table beside it.
Colours are fixed presentation attributes (a strict CSP forbids inline styles); colour is
never the only signal: last year's bars are hatched, the target line is dashed, every
bar is labelled with its value and the legend names each series.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Subquery
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from styrkedja.indicators import target_versions
from styrkedja.indicators.models import Indicator, Outcome, Target
from styrkedja.indicators.targets import TargetKind
from styrkedja.org.models import OrgUnit
from styrkedja.periods.models import PeriodKind, ReportPeriod, Year

# The report periods in the order of the year; T2 and VB are cumulative.
REPORT_KINDS: tuple[str, ...] = (PeriodKind.T1, PeriodKind.T2, PeriodKind.ANNUAL_REPORT)

_MINUS = "\u2212"
_NO_BREAK = "\u00a0"


# Numbers ---------------------------------------------------------------------------------


def format_number(value: Decimal | float | int, places: int | None = None) -> str:
    """A number as Swedish text prints it: "1 234,5", "−0,5", "70" (no trailing zeros).

    `places` rounds to at most that many decimals first.
    """
    number = value if isinstance(value, Decimal) else Decimal(repr(value))
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(number.normalize(), "f")
    negative = text.startswith("-")
    integer, _point, fraction = text.lstrip("-").partition(".")
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    body = _NO_BREAK.join(groups) + ("," + fraction if fraction else "")
    return (_MINUS if negative and body.strip("0,") else "") + body


def format_with_unit(value: Decimal | None, unit: str) -> str:
    """ "4,9 %", "12 st"; an empty string for a missing value."""
    if value is None:
        return ""
    text = format_number(value)
    return f"{text}{_NO_BREAK}{unit}" if unit else text


# What a chart shows -----------------------------------------------------------------------


@dataclass(frozen=True)
class ChartTarget:
    """The target as the chart draws it: its kind, number and printed text."""

    kind: str
    value: Decimal | None
    text: str
    # The unit whose target it is, when not the reporting unit's own (it repeats one above).
    owner: str = ""

    @property
    def label(self) -> str:
        return f"{self.text} ({self.owner})" if self.owner else self.text

    @property
    def bounds(self) -> tuple[Decimal, Decimal] | None:
        """The low and high edge the chart draws, or None when the target has no line."""
        if self.value is None:
            return None
        if self.kind in (TargetKind.VALUE, TargetKind.MAXIMUM, TargetKind.MINIMUM):
            return self.value, self.value
        if self.kind == TargetKind.BAND:
            # "+/- 1 %": the outcome (a deviation) should stay within the band around zero.
            return -abs(self.value), abs(self.value)
        return None


@dataclass(frozen=True)
class ChartRow:
    period: str
    outcome: str
    previous: str


@dataclass(frozen=True)
class ChartData:
    """One indicator of one unit: outcomes per period this year and last, and the target."""

    # Unique on the page: the ids inside the SVG are built from it.
    chart_id: str
    indicator: str
    unit: str
    year: int
    periods: tuple[str, ...]
    outcomes: tuple[Decimal | None, ...]
    previous: tuple[Decimal | None, ...]
    target: ChartTarget | None = None

    def __post_init__(self) -> None:
        if not (len(self.periods) == len(self.outcomes) == len(self.previous)):
            raise ValueError("A chart needs one outcome and one previous value per period.")

    @property
    def previous_year(self) -> int:
        return self.year - 1

    @property
    def svg(self) -> SafeString:
        return indicator_chart(self)

    @property
    def rows(self) -> list[ChartRow]:
        """The chart's numbers as table rows; empty text where there is no outcome."""
        return [
            ChartRow(period, self._text(outcome), self._text(previous))
            for period, outcome, previous in zip(
                self.periods, self.outcomes, self.previous, strict=True
            )
        ]

    def _text(self, value: Decimal | None) -> str:
        return format_with_unit(value, self.unit)

    @property
    def target_note(self) -> str:
        """What the chart shows of the target, or why it draws none."""
        target = self.target
        if target is None or target.kind == TargetKind.NONE:
            return _("There is no target, so the chart has no target line.")
        values = {"target": target.label}
        if target.bounds is not None:
            if target.kind == TargetKind.MAXIMUM:
                return _("The dashed line is the upper bound of the target, %(target)s.") % values
            if target.kind == TargetKind.MINIMUM:
                return _("The dashed line is the lower bound of the target, %(target)s.") % values
            if target.kind == TargetKind.BAND:
                return (
                    _("The shaded band is the tolerance of the target, %(target)s, around zero.")
                    % values
                )
            return _("The dashed line is the annual target, %(target)s.") % values
        if target.kind == TargetKind.INCREASE:
            return _(
                "The target is to increase compared with the same period last year, "
                "so the chart has no target line: compare the two series."
            )
        if target.kind == TargetKind.DECREASE:
            return _(
                "The target is to decrease compared with the same period last year, "
                "so the chart has no target line: compare the two series."
            )
        if target.kind == TargetKind.SET_BY_COUNCIL:
            return _("The target is set by the committee, so the chart has no target line.")
        if target.kind == TargetKind.TO_BE_DECIDED:
            return _("The target is decided later, so the chart has no target line.")
        return _("The target %(target)s has no number, so the chart has no target line.") % values

    @property
    def title(self) -> str:
        return _("%(indicator)s: outcome per period") % {"indicator": self.indicator}

    @property
    def description(self) -> str:
        return " ".join(
            (
                self._series_text(self.year, self.outcomes),
                self._series_text(self.year - 1, self.previous),
                self.target_note,
            )
        )

    def _series_text(self, year: int, values: Sequence[Decimal | None]) -> str:
        if all(value is None for value in values):
            return _("No outcome for %(year)s.") % {"year": year}
        parts = [
            f"{period} {self._text(value) if value is not None else _('no outcome')}"
            for period, value in zip(self.periods, values, strict=True)
        ]
        return _("Outcome %(year)s: %(values)s.") % {"year": year, "values": ", ".join(parts)}


# Drawing ---------------------------------------------------------------------------------

WIDTH, HEIGHT = 560, 300
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 64, 544, 20, 208
PERIOD_LABEL_Y = 228
LEGEND_SERIES_Y, LEGEND_TARGET_Y = 256, 282

TEXT = "#1f2933"
AXIS = "#5f6b7a"
GRID = "#d5dae0"
CURRENT = "#1e5a96"
PREVIOUS = "#5f6b7a"
TARGET = "#a4262c"
BAND = "#f2d7a0"


def _attributes(values: dict[str, object]) -> str:
    return "".join(f' {name}="{escape(str(value))}"' for name, value in values.items())


def _tag(name: str, content: str = "", /, **attributes: object) -> str:
    """An SVG element; attribute names use _ for - (stroke_width → stroke-width)."""
    attrs = _attributes({key.rstrip("_").replace("_", "-"): v for key, v in attributes.items()})
    if content:
        return f"<{name}{attrs}>{content}</{name}>"
    return f"<{name}{attrs}/>"


def _text(x: float, y: float, text: str, font_size: float = 12, **attributes: object) -> str:
    return _tag(
        "text", escape(text), x=_n(x), y=_n(y), fill=TEXT, font_size=_n(font_size), **attributes
    )


def _n(value: float) -> str:
    """A coordinate, short: 64, 12.5."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _nice_step(span: float, ticks: int = 4) -> float:
    raw = span / ticks
    base = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * base >= raw:
            return factor * base
    return 10 * base  # pragma: no cover - the loop ends at 10


@dataclass(frozen=True)
class _Scale:
    low: float
    high: float
    step: float

    @classmethod
    def fitting(cls, values: Iterable[float]) -> _Scale:
        numbers = [0.0, *values]
        low, high = min(numbers), max(numbers)
        if high == low:
            high = low + 1
        step = _nice_step(high - low)
        return cls(math.floor(low / step) * step, math.ceil(high / step) * step, step)

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return PLOT_BOTTOM - share * (PLOT_BOTTOM - PLOT_TOP)

    @property
    def ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        return [self.low + index * self.step for index in range(count + 1)]

    @property
    def places(self) -> int:
        return max(0, -math.floor(math.log10(self.step)) + (1 if self.step % 1 else 0))

    @property
    def labels(self) -> list[tuple[float, str]]:
        return [(tick, format_number(tick, self.places)) for tick in self.ticks]

    @property
    def left(self) -> float:
        """Where the plot starts: far enough right for the longest label on the axis."""
        longest = max(len(label) for _tick, label in self.labels)
        return max(PLOT_LEFT, 16 + 7 * longest)


def indicator_chart(data: ChartData) -> SafeString:
    """The chart of one indicator as SVG markup: bars per period, this year solid and last
    year hatched, and the target as a dashed line (a value or a bound) or a band."""
    ids = {
        "title": f"{data.chart_id}-title",
        "desc": f"{data.chart_id}-desc",
        "hatch": f"{data.chart_id}-hatch",
    }
    bounds = data.target.bounds if data.target else None
    plotted = [float(v) for v in (*data.outcomes, *data.previous) if v is not None]
    if bounds is not None:
        plotted += [float(bounds[0]), float(bounds[1])]
    scale = _Scale.fitting(plotted)

    parts = [
        _tag("title", escape(data.title), id=ids["title"]),
        _tag("desc", escape(data.description), id=ids["desc"]),
        _tag(
            "defs",
            _tag(
                "pattern",
                _tag("rect", width=6, height=6, fill="#ffffff")
                + _tag("path", d="M0,0 L0,6", stroke=PREVIOUS, stroke_width=3),
                id=ids["hatch"],
                width=6,
                height=6,
                patternUnits="userSpaceOnUse",
                patternTransform="rotate(45)",
            ),
        ),
        *_axis(scale, data.unit),
    ]
    if bounds is not None and data.target is not None:
        parts.append(_target_mark(scale, data.target, bounds))
    parts += _bars(data, scale, ids["hatch"])
    parts += _legend(data, ids["hatch"])
    # Every text and attribute value above went through escape().
    return mark_safe(
        _tag(
            "svg",
            "".join(parts),
            xmlns="http://www.w3.org/2000/svg",
            viewBox=f"0 0 {WIDTH} {HEIGHT}",
            width=WIDTH,
            height=HEIGHT,
            role="img",
            aria_labelledby=f"{ids['title']} {ids['desc']}",
            class_="indicator-chart",
            font_family="system-ui, sans-serif",
        )
    )


def _axis(scale: _Scale, unit: str) -> list[str]:
    left = scale.left
    parts = [_text(left - 8, PLOT_TOP - 8, unit, text_anchor="end")] if unit else []
    for tick, label in scale.labels:
        y = scale.y(tick)
        is_zero = abs(tick) < scale.step / 1000
        parts.append(
            _tag(
                "line",
                x1=left,
                x2=PLOT_RIGHT,
                y1=_n(y),
                y2=_n(y),
                stroke=AXIS if is_zero else GRID,
                stroke_width=1.5 if is_zero else 1,
            )
        )
        parts.append(_text(left - 8, y + 4, label, text_anchor="end"))
    return parts


def _target_mark(scale: _Scale, target: ChartTarget, bounds: tuple[Decimal, Decimal]) -> str:
    low, high = scale.y(float(bounds[0])), scale.y(float(bounds[1]))
    line = {"x1": scale.left, "x2": PLOT_RIGHT, "stroke": TARGET, "stroke_width": 2}
    dashed = {**line, "stroke_dasharray": "8 4"}
    if target.kind == TargetKind.BAND:
        return _tag(
            "g",
            _tag(
                "rect",
                x=_n(scale.left),
                y=_n(high),
                width=_n(PLOT_RIGHT - scale.left),
                height=_n(low - high),
                fill=BAND,
                fill_opacity=0.6,
            )
            + _tag("line", y1=_n(low), y2=_n(low), **dashed)
            + _tag("line", y1=_n(high), y2=_n(high), **dashed),
            class_="chart-target",
        )
    return _tag("line", y1=_n(low), y2=_n(low), class_="chart-target", **dashed)


def _bars(data: ChartData, scale: _Scale, hatch_id: str) -> list[str]:
    parts = []
    group = (PLOT_RIGHT - scale.left) / len(data.periods)
    width = min(40.0, group * 0.3)
    zero = scale.y(0)
    for index, period in enumerate(data.periods):
        centre = scale.left + group * (index + 0.5)
        series = (
            (data.previous[index], centre - 3 - width, f"url(#{hatch_id})", PREVIOUS, "previous"),
            (data.outcomes[index], centre + 3, CURRENT, CURRENT, "current"),
        )
        for value, x, fill, stroke, name in series:
            label_x = x + width / 2
            if value is None:
                parts.append(_text(label_x, zero - 6, "–", text_anchor="middle"))
                continue
            top = scale.y(float(value))
            parts.append(
                _tag(
                    "rect",
                    x=_n(x),
                    y=_n(min(top, zero)),
                    width=_n(width),
                    height=_n(max(abs(zero - top), 1)),
                    fill=fill,
                    stroke=stroke,
                    class_=f"chart-{name}",
                )
            )
            label_y = top - 6 if top <= zero else top + 16
            label = format_number(value)
            parts.append(
                _text(
                    label_x,
                    label_y,
                    label,
                    # Long numbers get smaller so that they stay over their own bar.
                    font_size=max(8.0, min(12.0, (width + 6) / (0.6 * len(label)))),
                    text_anchor="middle",
                    # A white outline keeps the number legible where it crosses a line.
                    stroke="#ffffff",
                    stroke_width=3,
                    paint_order="stroke",
                )
            )
        parts.append(
            _text(centre, PERIOD_LABEL_Y, period, text_anchor="middle", font_weight="bold")
        )
    return parts


def _legend(data: ChartData, hatch_id: str) -> list[str]:
    y = LEGEND_SERIES_Y
    # In the order of the bars in each period: last year, then this year.
    parts = [
        _tag(
            "rect",
            x=PLOT_LEFT,
            y=y - 11,
            width=14,
            height=14,
            fill=f"url(#{hatch_id})",
            stroke=PREVIOUS,
        ),
        _text(PLOT_LEFT + 20, y, str(data.previous_year)),
        _tag("rect", x=PLOT_LEFT + 90, y=y - 11, width=14, height=14, fill=CURRENT, stroke=CURRENT),
        _text(PLOT_LEFT + 110, y, str(data.year)),
    ]
    target = data.target
    if target is not None and target.bounds is not None:
        y = LEGEND_TARGET_Y
        if target.kind == TargetKind.BAND:
            parts.append(
                _tag("rect", x=PLOT_LEFT, y=y - 11, width=28, height=14, fill=BAND, stroke=TARGET)
            )
        parts.append(
            _tag(
                "line",
                x1=PLOT_LEFT,
                x2=PLOT_LEFT + 28,
                y1=y - 4,
                y2=y - 4,
                stroke=TARGET,
                stroke_width=2,
                stroke_dasharray="8 4",
            )
        )
        parts.append(_text(PLOT_LEFT + 36, y, _legend_target_text(target)))
    return parts


def _legend_target_text(target: ChartTarget) -> str:
    values = {"target": target.label}
    if target.kind == TargetKind.MAXIMUM:
        return _("Upper bound: %(target)s") % values
    if target.kind == TargetKind.MINIMUM:
        return _("Lower bound: %(target)s") % values
    if target.kind == TargetKind.BAND:
        return _("Tolerance: %(target)s") % values
    return _("Annual target: %(target)s") % values


# Loading ---------------------------------------------------------------------------------


def chart_periods(indicator: Indicator, values: Iterable[tuple[str, bool]]) -> tuple[str, ...]:
    """The periods an indicator's chart shows: those its periodicity reports, and any other
    for which there is a value. `values` gives (period kind, has a value) pairs."""
    with_value = {kind for kind, present in values if present}
    expected: set[str] = set(REPORT_KINDS)
    if indicator.periodicity == Indicator.Periodicity.YEAR:
        expected = {PeriodKind.ANNUAL_REPORT}
    return tuple(kind for kind in REPORT_KINDS if kind in expected | with_value)


class ReportedFigures:
    """A unit's outcomes this year and last and the targets valid for one report period, for
    many indicators, in three queries however many indicators there are."""

    def __init__(self, unit: OrgUnit, period: ReportPeriod, indicator_ids: Iterable[int]) -> None:
        self.unit = unit
        self.period = period
        ids = sorted(set(indicator_ids))
        # This year's periods and last year's, in one query (the period's year may not be
        # loaded; its number comes with the periods).
        number = Year.objects.filter(pk=period.year_id).values("number")[:1]
        periods = list(
            ReportPeriod.objects.filter(
                Q(year_id=period.year_id) | Q(year__number=Subquery(number) - 1),
                kind__in=REPORT_KINDS,
            ).select_related("year")
        )
        self.year = next((p.year.number for p in periods if p.year_id == period.year_id), 0)
        self._period_ids = {(p.year.number, p.kind): p.pk for p in periods}
        self._outcomes: dict[tuple[int, int, str], Outcome] = {}
        self._targets: dict[int, Target] = {}
        if not ids:
            return
        for outcome in Outcome.objects.filter(
            org_unit=unit, indicator_id__in=ids, period__in=[p.pk for p in periods]
        ):
            self._outcomes[(outcome.indicator_id, outcome.period_id, outcome.sex)] = outcome
        self._targets = self._load_targets(ids)

    def _load_targets(self, ids: list[int]) -> dict[int, Target]:
        return target_versions.targets_in_force(
            unit=self.unit, period=self.period, indicator_ids=ids
        )

    def outcome(
        self, indicator_id: int, sex: str = Outcome.Sex.TOTAL, *, kind: str | None = None
    ) -> Outcome | None:
        """The unit's outcome in the report's period (or another of the same year)."""
        period_id = self._period_ids.get((self.year, kind or self.period.kind))
        return self._outcomes.get((indicator_id, period_id or 0, sex))

    def target(self, indicator_id: int) -> Target | None:
        return self._targets.get(indicator_id)

    def _value(self, indicator_id: int, year: int, kind: str) -> Decimal | None:
        period_id = self._period_ids.get((year, kind))
        outcome = self._outcomes.get((indicator_id, period_id or 0, Outcome.Sex.TOTAL))
        return outcome.value if outcome is not None else None

    def chart(self, chart_id: str, indicator: Indicator) -> ChartData:
        """The chart of the indicator: this year up to the report's period, and last year."""
        year = self.year
        shown = REPORT_KINDS[: REPORT_KINDS.index(self.period.kind) + 1]
        current = {
            kind: self._value(indicator.pk, year, kind) if kind in shown else None
            for kind in REPORT_KINDS
        }
        previous = {kind: self._value(indicator.pk, year - 1, kind) for kind in REPORT_KINDS}
        present = [
            (kind, current[kind] is not None or previous[kind] is not None) for kind in REPORT_KINDS
        ]
        periods = chart_periods(indicator, present)
        target = self.target(indicator.pk)
        return ChartData(
            chart_id=chart_id,
            indicator=indicator.name,
            unit=indicator.unit,
            year=year,
            periods=periods,
            outcomes=tuple(current[kind] for kind in periods),
            previous=tuple(previous[kind] for kind in periods),
            target=None if target is None else chart_target(target, self.unit),
        )


def chart_target(target: Target, unit: OrgUnit) -> ChartTarget:
    return ChartTarget(
        kind=target.kind,
        value=target.value,
        text=target.original_text or target.get_kind_display(),
        owner="" if target.org_unit_id == unit.pk else target.org_unit.name,
    )


def indicator_charts(
    unit: OrgUnit, period: ReportPeriod, indicators: Sequence[tuple[str, Indicator]]
) -> dict[str, ChartData]:
    """The charts of many indicators of a unit for a report period, by chart id, in a fixed
    number of queries. `indicators` pairs each chart id (unique on the page) with its indicator.
    """
    figures = ReportedFigures(unit, period, (indicator.pk for _id, indicator in indicators))
    return {chart_id: figures.chart(chart_id, indicator) for chart_id, indicator in indicators}
