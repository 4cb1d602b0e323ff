"""The assessment the system proposes for a goal in a period, and the reasons it gives.

Pure rules over facts the caller has gathered (assessments.py reads them from the database),
so that every case can be tested without one. The person assessing decides; the proposal
only says what the numbers and the activities suggest, and why.

The rule, in full:

Each indicator of the goal is judged on its total outcome for the period against the
target in force (the unit's own, else the nearest unit's above it):
- "value" follows the indicator's direction: higher is better → met at or above the
  target, lower is better → met at or below it. An indicator whose direction is a band
  treats the value as the middle of a band of ± TOLERANCE: met inside it. An indicator
  without a direction is not judged against a plain value: over or under could be good.
- "at least" (minimum) and "at most" (maximum) carry their own direction, whatever the
  indicator's.
- Tolerance: an outcome on the wrong side of the target by at most TOLERANCE (5 %) of the
  target value counts as "within tolerance" (a target of 70 % is within tolerance from
  66,5 %). A target of 0 has no tolerance. For a band-direction value the tolerance lies
  outside the band: up to twice TOLERANCE from the middle.
- "within a band" (+/- 1 %) is met when the outcome lies within the band around zero, edges
  included; the band is itself the tolerance, so outside it is not met.
- "increase" and "decrease" compare with the total outcome of the same period last year:
  any increase (decrease) is met, no change or the other way is not; without last year's
  outcome the indicator is not judged.
- "set by the committee", "decided later", no target, and a value target without a
  number are not judged; an indicator without an outcome yet is not judged either.

The goal's activities, by their status for the period: done is done; ongoing and not
started are on plan unless their end date is before the period's end (then late); delayed,
cancelled and late ones are behind. Activities without a status do not count.

Combining: the judged indicators give met when all are met, not met when none is met or
within tolerance, else partly met. Activities behind pull that down: some behind turn met
into partly met; all behind take one step down (met → partly met → not met). With no
indicator judged, the activities alone propose: all on plan → met, some behind → partly
met, all behind → not met. With nothing judged at all there is no proposal.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styrkedja.indicators.models import Indicator
from styrkedja.indicators.targets import TargetKind
from styrkedja.reports.models import ActivityStatus, GoalAssessment

# How far on the wrong side of a target an outcome may be and still count as close: a
# share of the target value.
TOLERANCE = Decimal("0.05")

Assessment = GoalAssessment.Assessment
Status = ActivityStatus.Status
Direction = Indicator.Direction


class Judgement(enum.StrEnum):
    MET = "met"
    WITHIN_TOLERANCE = "within_tolerance"
    NOT_MET = "not_met"
    NO_OUTCOME = "no_outcome"
    NOT_JUDGED = "not_judged"

    @property
    def label(self) -> str:
        return str(_JUDGEMENT_LABELS[self])

    @property
    def counts(self) -> bool:
        """Whether the indicator takes part in the proposal."""
        return self in (Judgement.MET, Judgement.WITHIN_TOLERANCE, Judgement.NOT_MET)


_JUDGEMENT_LABELS = {
    Judgement.MET: gettext_lazy("target met"),
    Judgement.WITHIN_TOLERANCE: gettext_lazy("within tolerance"),
    Judgement.NOT_MET: gettext_lazy("target not met"),
    Judgement.NO_OUTCOME: gettext_lazy("no outcome yet"),
    Judgement.NOT_JUDGED: gettext_lazy("not judged"),
}


# Facts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetFacts:
    kind: str
    value: Decimal | None
    text: str  # as the plan prints it ("70 %", "öka")


@dataclass(frozen=True)
class IndicatorFacts:
    name: str
    unit: str  # the indicator's unit of measure ("%", "st")
    direction: str
    target: TargetFacts | None
    outcome: Decimal | None  # the total for the period
    last_year: Decimal | None = None  # the total for the same period last year


@dataclass(frozen=True)
class ActivityFacts:
    status: str | None  # None: no status reported for the period
    ends_on: datetime.date | None


# Results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorJudgement:
    judgement: Judgement
    reason: str


class ActivityVerdict(enum.StrEnum):
    ON_PLAN = "on_plan"
    SOME_BEHIND = "some_behind"
    ALL_BEHIND = "all_behind"


@dataclass(frozen=True)
class ActivitySummary:
    verdict: ActivityVerdict | None  # None: none of them has a status yet
    reason: str


@dataclass(frozen=True)
class Proposal:
    assessment: str | None  # a GoalAssessment.Assessment value; None: nothing to go on
    indicators: list[IndicatorJudgement] = field(default_factory=list)
    activities: ActivitySummary | None = None

    @property
    def reasons(self) -> list[str]:
        """One sentence per indicator and one for the activities, as the page lists them."""
        reasons = [judged.reason for judged in self.indicators]
        if self.activities is not None:
            reasons.append(self.activities.reason)
        return reasons

    @property
    def label(self) -> str:
        return str(Assessment(self.assessment).label) if self.assessment else ""


# Indicators ------------------------------------------------------------------------------


def _number(value: Decimal) -> str:
    """A decimal as people write it here: no trailing zeros, the locale's decimal sign."""
    plain = format(value.normalize(), "f")
    return str(formats.number_format(Decimal(plain), use_l10n=True))


def _amount(value: Decimal, unit: str) -> str:
    return f"{_number(value)} {unit}".strip()


def _compare_at_least(outcome: Decimal, target: Decimal) -> Judgement:
    if outcome >= target:
        return Judgement.MET
    if outcome >= target - abs(target) * TOLERANCE:
        return Judgement.WITHIN_TOLERANCE
    return Judgement.NOT_MET


def _compare_at_most(outcome: Decimal, target: Decimal) -> Judgement:
    if outcome <= target:
        return Judgement.MET
    if outcome <= target + abs(target) * TOLERANCE:
        return Judgement.WITHIN_TOLERANCE
    return Judgement.NOT_MET


def _compare_band_middle(outcome: Decimal, middle: Decimal) -> Judgement:
    distance = abs(outcome - middle)
    if distance <= abs(middle) * TOLERANCE:
        return Judgement.MET
    if distance <= abs(middle) * TOLERANCE * 2:
        return Judgement.WITHIN_TOLERANCE
    return Judgement.NOT_MET


def _not_judged(facts: IndicatorFacts, target: TargetFacts | None) -> str | None:
    """Why the indicator cannot be judged whatever its outcome, or None if it can be."""
    if target is None or target.kind == TargetKind.NONE:
        return _("%(indicator)s: no annual target – not judged") % {"indicator": facts.name}
    if target.kind == TargetKind.SET_BY_COUNCIL:
        return _(
            "%(indicator)s: the annual target is left to the committee (“%(target)s”) and has "
            "no value yet – not judged"
        ) % {"indicator": facts.name, "target": target.text}
    if target.kind == TargetKind.TO_BE_DECIDED:
        return _(
            "%(indicator)s: the annual target is not decided yet (“%(target)s”) – not judged"
        ) % {
            "indicator": facts.name,
            "target": target.text,
        }
    if target.kind in (TargetKind.INCREASE, TargetKind.DECREASE):
        return None
    if target.value is None:
        return _(
            "%(indicator)s: the annual target “%(target)s” has no number to compare with – "
            "not judged"
        ) % {"indicator": facts.name, "target": target.text}
    return None


def judge_indicator(facts: IndicatorFacts) -> IndicatorJudgement:
    """Judge one indicator's outcome against its target (see the module's rule)."""
    target = facts.target
    reason = _not_judged(facts, target)
    if reason is not None:
        return IndicatorJudgement(Judgement.NOT_JUDGED, reason)
    assert target is not None
    if facts.outcome is None:
        return IndicatorJudgement(
            Judgement.NO_OUTCOME, _("%(indicator)s: no outcome yet") % {"indicator": facts.name}
        )
    outcome = facts.outcome
    if target.kind in (TargetKind.INCREASE, TargetKind.DECREASE):
        return _judge_change(facts, target, outcome)
    assert target.value is not None
    value = target.value
    if target.kind == TargetKind.BAND:
        judgement = Judgement.MET if abs(outcome) <= abs(value) else Judgement.NOT_MET
    elif target.kind == TargetKind.MINIMUM:
        judgement = _compare_at_least(outcome, value)
    elif target.kind == TargetKind.MAXIMUM:
        judgement = _compare_at_most(outcome, value)
    elif facts.direction == Direction.HIGHER_IS_BETTER:
        judgement = _compare_at_least(outcome, value)
    elif facts.direction == Direction.LOWER_IS_BETTER:
        judgement = _compare_at_most(outcome, value)
    elif facts.direction == Direction.BAND:
        judgement = _compare_band_middle(outcome, value)
    else:
        return IndicatorJudgement(
            Judgement.NOT_JUDGED,
            _(
                "%(indicator)s: outcome %(outcome)s against the annual target %(target)s – not "
                "judged, since the indicator has no direction"
            )
            % {
                "indicator": facts.name,
                "outcome": _amount(outcome, facts.unit),
                "target": target.text,
            },
        )
    return IndicatorJudgement(
        judgement,
        _("%(indicator)s: outcome %(outcome)s against the annual target %(target)s – %(judgement)s")
        % {
            "indicator": facts.name,
            "outcome": _amount(outcome, facts.unit),
            "target": target.text,
            "judgement": judgement.label,
        },
    )


def _judge_change(
    facts: IndicatorFacts, target: TargetFacts, outcome: Decimal
) -> IndicatorJudgement:
    if facts.last_year is None:
        return IndicatorJudgement(
            Judgement.NOT_JUDGED,
            _(
                "%(indicator)s: outcome %(outcome)s, annual target “%(target)s”, but no outcome "
                "for the same period last year to compare with – not judged"
            )
            % {
                "indicator": facts.name,
                "outcome": _amount(outcome, facts.unit),
                "target": target.text,
            },
        )
    if target.kind == TargetKind.INCREASE:
        met = outcome > facts.last_year
    else:
        met = outcome < facts.last_year
    judgement = Judgement.MET if met else Judgement.NOT_MET
    return IndicatorJudgement(
        judgement,
        _(
            "%(indicator)s: outcome %(outcome)s against %(last_year)s the same period last year, "
            "annual target “%(target)s” – %(judgement)s"
        )
        % {
            "indicator": facts.name,
            "outcome": _amount(outcome, facts.unit),
            "last_year": _amount(facts.last_year, facts.unit),
            "target": target.text,
            "judgement": judgement.label,
        },
    )


# Activities ------------------------------------------------------------------------------


def is_late(
    *, status: str | None, ends_on: datetime.date | None, period_ends_on: datetime.date
) -> bool:
    """Planned to end before the period did, and neither done nor cancelled."""
    return (
        ends_on is not None
        and ends_on < period_ends_on
        and status not in (Status.DONE, Status.CANCELLED)
    )


def summarise_activities(
    activities: Sequence[ActivityFacts], *, period_ends_on: datetime.date
) -> ActivitySummary | None:
    """How the goal's activities stand; None for a goal without activities."""
    if not activities:
        return None
    reported = [activity for activity in activities if activity.status]
    missing = len(activities) - len(reported)
    if not reported:
        return ActivitySummary(None, _("Activities: none has a status yet."))
    done = sum(1 for activity in reported if activity.status == Status.DONE)
    behind = sum(
        1
        for activity in reported
        if activity.status in (Status.DELAYED, Status.CANCELLED)
        or is_late(status=activity.status, ends_on=activity.ends_on, period_ends_on=period_ends_on)
    )
    if behind == 0:
        verdict = ActivityVerdict.ON_PLAN
        reason = _("Activities: %(done)d done and %(on_plan)d under way on plan, none behind.") % {
            "done": done,
            "on_plan": len(reported) - done,
        }
    else:
        verdict = (
            ActivityVerdict.ALL_BEHIND if behind == len(reported) else ActivityVerdict.SOME_BEHIND
        )
        reason = _(
            "Activities: %(behind)d of %(reported)d delayed, cancelled or past their end date – "
            "this pulls the proposal down."
        ) % {"behind": behind, "reported": len(reported)}
    if missing:
        reason = f"{reason} " + _("%(missing)d without a status yet.") % {"missing": missing}
    return ActivitySummary(verdict, reason)


# The proposal ----------------------------------------------------------------------------

_STEP_DOWN = {
    Assessment.MET: Assessment.PARTLY_MET,
    Assessment.PARTLY_MET: Assessment.NOT_MET,
    Assessment.NOT_MET: Assessment.NOT_MET,
}


def _from_indicators(judgements: Sequence[Judgement]) -> str | None:
    counted = [judgement for judgement in judgements if judgement.counts]
    if not counted:
        return None
    if all(judgement == Judgement.MET for judgement in counted):
        return Assessment.MET
    if all(judgement == Judgement.NOT_MET for judgement in counted):
        return Assessment.NOT_MET
    return Assessment.PARTLY_MET


def combine(indicators: Sequence[Judgement], activities: ActivityVerdict | None) -> str | None:
    """The proposed assessment from the indicators' judgements and the activities' verdict."""
    proposed = _from_indicators(indicators)
    if proposed is None:
        return {
            ActivityVerdict.ON_PLAN: Assessment.MET,
            ActivityVerdict.SOME_BEHIND: Assessment.PARTLY_MET,
            ActivityVerdict.ALL_BEHIND: Assessment.NOT_MET,
            None: None,
        }[activities]
    if activities == ActivityVerdict.SOME_BEHIND and proposed == Assessment.MET:
        return Assessment.PARTLY_MET
    if activities == ActivityVerdict.ALL_BEHIND:
        return _STEP_DOWN[Assessment(proposed)]
    return proposed


def propose(
    indicators: Sequence[IndicatorFacts],
    activities: Sequence[ActivityFacts],
    *,
    period_ends_on: datetime.date,
) -> Proposal:
    """The proposal for one goal in one period, with its reasons."""
    judged = [judge_indicator(facts) for facts in indicators]
    summary = summarise_activities(activities, period_ends_on=period_ends_on)
    assessment = combine([item.judgement for item in judged], summary.verdict if summary else None)
    return Proposal(assessment=assessment, indicators=judged, activities=summary)
