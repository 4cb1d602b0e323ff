"""The rule behind the proposed assessment of a goal: each indicator against its target, the
activities, and how they combine, with the reasons the page shows."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from styrkedja.indicators.models import Indicator
from styrkedja.indicators.targets import TargetKind, parse_target
from styrkedja.reports.models import ActivityStatus, GoalAssessment
from styrkedja.reports.proposal import (
    ActivityFacts,
    ActivityVerdict,
    IndicatorFacts,
    Judgement,
    TargetFacts,
    combine,
    is_late,
    judge_indicator,
    propose,
    summarise_activities,
)

Direction = Indicator.Direction
Status = ActivityStatus.Status
Assessment = GoalAssessment.Assessment
PERIOD_END = datetime.date(2026, 4, 30)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def target(text):
    parsed = parse_target(text)
    return TargetFacts(kind=parsed.kind, value=parsed.value, text=parsed.original_text)


def facts(target_text, outcome, *, direction=Direction.HIGHER_IS_BETTER, last_year=None, unit="%"):
    return IndicatorFacts(
        name="Andel nöjda brukare",
        unit=unit,
        direction=direction,
        target=target(target_text) if target_text is not None else None,
        outcome=None if outcome is None else Decimal(str(outcome)),
        last_year=None if last_year is None else Decimal(str(last_year)),
    )


def judged(target_text, outcome, **kwargs):
    return judge_indicator(facts(target_text, outcome, **kwargs)).judgement


# Every target kind with every direction: an outcome of 80 (last year 71).
TARGET_TEXTS = {
    TargetKind.VALUE: "70 %",
    TargetKind.MAXIMUM: "Max 70 %",
    TargetKind.MINIMUM: "Minst 70 %",
    TargetKind.BAND: "+/- 1 %",
    TargetKind.SET_BY_COUNCIL: "Tas fram av nämnd",
    TargetKind.INCREASE: "öka",
    TargetKind.DECREASE: "minska",
    TargetKind.TO_BE_DECIDED: "Fastställs i T1",
    TargetKind.NONE: "",
}
EXPECTED = {
    # kind: {direction: judgement}
    TargetKind.VALUE: {
        Direction.HIGHER_IS_BETTER: Judgement.MET,
        Direction.LOWER_IS_BETTER: Judgement.NOT_MET,
        Direction.BAND: Judgement.NOT_MET,
        Direction.NONE: Judgement.NOT_JUDGED,
    },
    # A bound, a band and a change carry their own direction: the indicator's does not matter.
    TargetKind.MAXIMUM: dict.fromkeys(Direction.values, Judgement.NOT_MET),
    TargetKind.MINIMUM: dict.fromkeys(Direction.values, Judgement.MET),
    TargetKind.BAND: dict.fromkeys(Direction.values, Judgement.NOT_MET),
    TargetKind.INCREASE: dict.fromkeys(Direction.values, Judgement.MET),
    TargetKind.DECREASE: dict.fromkeys(Direction.values, Judgement.NOT_MET),
    # Nothing to compare with, whatever the outcome.
    TargetKind.SET_BY_COUNCIL: dict.fromkeys(Direction.values, Judgement.NOT_JUDGED),
    TargetKind.TO_BE_DECIDED: dict.fromkeys(Direction.values, Judgement.NOT_JUDGED),
    TargetKind.NONE: dict.fromkeys(Direction.values, Judgement.NOT_JUDGED),
}


def test_the_examples_are_read_as_the_kinds_they_stand_for():
    assert {kind: target(text).kind for kind, text in TARGET_TEXTS.items()} == {
        kind: kind for kind in TARGET_TEXTS
    }
    assert set(TARGET_TEXTS) == set(TargetKind.values)


@pytest.mark.parametrize("direction", Direction.values)
@pytest.mark.parametrize("kind", TargetKind.values)
def test_every_target_kind_with_every_direction(kind, direction):
    result = judged(TARGET_TEXTS[kind], 80, direction=direction, last_year=71)
    assert result == EXPECTED[kind][direction]


@pytest.mark.parametrize("kind", TargetKind.values)
def test_an_indicator_without_an_outcome_yet_is_not_judged(kind):
    result = judged(TARGET_TEXTS[kind], None, last_year=71)
    if kind in (TargetKind.SET_BY_COUNCIL, TargetKind.TO_BE_DECIDED, TargetKind.NONE):
        assert result == Judgement.NOT_JUDGED  # no outcome would make a difference
    else:
        assert result == Judgement.NO_OUTCOME
    assert not result.counts


def test_an_indicator_without_any_target_is_not_judged():
    assert judged(None, 80) == Judgement.NOT_JUDGED


def test_a_value_target_without_a_number_is_not_judged():
    unreadable = TargetFacts(kind=TargetKind.VALUE, value=None, text="God nivå")
    result = judge_indicator(
        IndicatorFacts("Kvalitet", "", Direction.HIGHER_IS_BETTER, unreadable, Decimal(3))
    )
    assert result.judgement == Judgement.NOT_JUDGED
    assert (
        result.reason
        == "Kvalitet: the annual target “God nivå” has no number to compare with – not judged"
    )


# Tolerance: 5 % of the target value on the wrong side -------------------------------------


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("75", Judgement.MET),
        ("70", Judgement.MET),
        ("69.99", Judgement.WITHIN_TOLERANCE),
        ("66.5", Judgement.WITHIN_TOLERANCE),  # 70 − 5 % of 70, the edge
        ("66.49", Judgement.NOT_MET),
    ],
)
def test_higher_is_better_tolerance_edges(outcome, expected):
    assert judged("70 %", outcome, direction=Direction.HIGHER_IS_BETTER) == expected
    assert judged("Minst 70 %", outcome, direction=Direction.LOWER_IS_BETTER) == expected


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("8", Judgement.MET),
        ("10", Judgement.MET),
        ("10.01", Judgement.WITHIN_TOLERANCE),
        ("10.5", Judgement.WITHIN_TOLERANCE),  # 10 + 5 % of 10, the edge
        ("10.51", Judgement.NOT_MET),
    ],
)
def test_lower_is_better_tolerance_edges(outcome, expected):
    assert judged("10 dagar", outcome, direction=Direction.LOWER_IS_BETTER) == expected
    assert judged("Max 10 dagar", outcome, direction=Direction.HIGHER_IS_BETTER) == expected


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("50", Judgement.MET),
        ("52.5", Judgement.MET),  # inside the band of ± 5 % around the value
        ("47.5", Judgement.MET),
        ("52.51", Judgement.WITHIN_TOLERANCE),
        ("45", Judgement.WITHIN_TOLERANCE),  # the edge of the tolerance outside the band
        ("55.01", Judgement.NOT_MET),
        ("44.99", Judgement.NOT_MET),
    ],
)
def test_a_value_for_an_indicator_with_a_band_direction_is_the_middle_of_the_band(
    outcome, expected
):
    assert judged("50 %", outcome, direction=Direction.BAND) == expected


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("0", Judgement.MET),
        ("0.4", Judgement.MET),
        ("1", Judgement.MET),  # the edges belong to the band
        ("-1", Judgement.MET),
        ("1.01", Judgement.NOT_MET),  # the band is its own tolerance: nothing outside it
        ("-1.5", Judgement.NOT_MET),
    ],
)
def test_a_band_target_is_met_inside_the_band_around_zero(outcome, expected):
    assert judged("+/- 1 %", outcome, direction=Direction.BAND) == expected


def test_a_target_of_zero_has_no_tolerance():
    assert judged("0 st", "0", direction=Direction.HIGHER_IS_BETTER) == Judgement.MET
    assert judged("0 st", "-0.01", direction=Direction.HIGHER_IS_BETTER) == Judgement.NOT_MET
    assert judged("0 st", "0.01", direction=Direction.LOWER_IS_BETTER) == Judgement.NOT_MET


# Increase and decrease: against the same period last year ---------------------------------


@pytest.mark.parametrize(
    ("text", "outcome", "last_year", "expected"),
    [
        ("öka", "72", "70", Judgement.MET),
        ("öka", "70", "70", Judgement.NOT_MET),  # no change is no increase
        ("öka", "69", "70", Judgement.NOT_MET),
        ("minska", "69", "70", Judgement.MET),
        ("minska", "70", "70", Judgement.NOT_MET),
        ("minska", "71", "70", Judgement.NOT_MET),
    ],
)
def test_increase_and_decrease_compare_with_last_year(text, outcome, last_year, expected):
    assert judged(text, outcome, last_year=last_year) == expected


@pytest.mark.parametrize("text", ["öka", "minska"])
def test_increase_and_decrease_without_last_years_outcome_are_not_judged(text):
    result = judge_indicator(facts(text, 72, last_year=None))
    assert result.judgement == Judgement.NOT_JUDGED
    assert "no outcome for the same period last year" in result.reason


# Reasons ---------------------------------------------------------------------------------


def test_the_reason_names_the_indicator_the_outcome_the_target_and_the_judgement():
    assert judge_indicator(facts("70 %", 72)).reason == (
        "Andel nöjda brukare: outcome 72 % against the annual target 70 % – target met"
    )
    assert judge_indicator(facts("70 %", "67.5")).reason == (
        "Andel nöjda brukare: outcome 67.5 % against the annual target 70 % – within tolerance"
    )
    assert judge_indicator(facts("öka", 72, last_year="70.25")).reason == (
        "Andel nöjda brukare: outcome 72 % against 70.25 % the same period last year, "
        "annual target “öka” – target met"
    )
    assert judge_indicator(facts("70 %", None)).reason == "Andel nöjda brukare: no outcome yet"
    assert judge_indicator(facts("Tas fram av nämnd", 72)).reason == (
        "Andel nöjda brukare: the annual target is left to the committee (“Tas fram av nämnd”) "
        "and has no value yet – not judged"
    )
    assert judge_indicator(facts("70 %", 72, direction=Direction.NONE)).reason.endswith(
        "not judged, since the indicator has no direction"
    )


def test_numbers_in_the_reasons_are_written_the_swedish_way_in_swedish():
    with translation.override("sv"):
        reason = judge_indicator(facts("70 %", "67.5000")).reason
    assert "67,5 %" in reason and "67,5000" not in reason


# Activities ------------------------------------------------------------------------------


def activity(status, ends_on=datetime.date(2026, 12, 31)):
    return ActivityFacts(status=status, ends_on=ends_on)


def test_late_means_planned_to_end_before_the_period_did_and_not_done_or_cancelled():
    early = datetime.date(2026, 3, 31)
    assert is_late(status=Status.ONGOING, ends_on=early, period_ends_on=PERIOD_END)
    assert is_late(status=None, ends_on=early, period_ends_on=PERIOD_END)
    assert not is_late(status=Status.DONE, ends_on=early, period_ends_on=PERIOD_END)
    assert not is_late(status=Status.CANCELLED, ends_on=early, period_ends_on=PERIOD_END)
    assert not is_late(status=Status.ONGOING, ends_on=PERIOD_END, period_ends_on=PERIOD_END)
    assert not is_late(status=Status.ONGOING, ends_on=None, period_ends_on=PERIOD_END)


@pytest.mark.parametrize(
    ("statuses", "verdict"),
    [
        ([Status.DONE, Status.ONGOING, Status.NOT_STARTED], ActivityVerdict.ON_PLAN),
        ([Status.DONE, Status.DELAYED], ActivityVerdict.SOME_BEHIND),
        ([Status.ONGOING, Status.CANCELLED, None], ActivityVerdict.SOME_BEHIND),
        ([Status.DELAYED, Status.CANCELLED], ActivityVerdict.ALL_BEHIND),
        ([None, None], None),
    ],
)
def test_the_activities_verdict(statuses, verdict):
    summary = summarise_activities([activity(s) for s in statuses], period_ends_on=PERIOD_END)
    assert summary is not None and summary.verdict == verdict


def test_an_ongoing_activity_past_its_end_date_is_behind():
    late = activity(Status.ONGOING, ends_on=datetime.date(2026, 2, 28))
    summary = summarise_activities([late, activity(Status.DONE)], period_ends_on=PERIOD_END)
    assert summary is not None and summary.verdict == ActivityVerdict.SOME_BEHIND


def test_a_goal_without_activities_has_no_activity_summary():
    assert summarise_activities([], period_ends_on=PERIOD_END) is None


def test_the_activity_reasons():
    def reason(*statuses):
        summary = summarise_activities([activity(s) for s in statuses], period_ends_on=PERIOD_END)
        assert summary is not None
        return summary.reason

    assert reason(Status.DONE, Status.ONGOING) == (
        "Activities: 1 done and 1 under way on plan, none behind."
    )
    assert reason(Status.DONE, Status.DELAYED, None) == (
        "Activities: 1 of 2 delayed, cancelled or past their end date – this pulls the proposal "
        "down. 1 without a status yet."
    )
    assert reason(None) == "Activities: none has a status yet."


# Combining -------------------------------------------------------------------------------

MET, NEAR, MISSED = Judgement.MET, Judgement.WITHIN_TOLERANCE, Judgement.NOT_MET


@pytest.mark.parametrize(
    ("indicators", "activities", "expected"),
    [
        ([MET, MET], None, Assessment.MET),
        ([MET, MET], ActivityVerdict.ON_PLAN, Assessment.MET),
        ([MET, NEAR], ActivityVerdict.ON_PLAN, Assessment.PARTLY_MET),
        ([NEAR], None, Assessment.PARTLY_MET),
        ([MET, MISSED], None, Assessment.PARTLY_MET),
        ([MISSED, MISSED], ActivityVerdict.ON_PLAN, Assessment.NOT_MET),
        # Activities behind pull the proposal down.
        ([MET, MET], ActivityVerdict.SOME_BEHIND, Assessment.PARTLY_MET),
        ([MET, MISSED], ActivityVerdict.SOME_BEHIND, Assessment.PARTLY_MET),
        ([MET, MET], ActivityVerdict.ALL_BEHIND, Assessment.PARTLY_MET),
        ([MET, MISSED], ActivityVerdict.ALL_BEHIND, Assessment.NOT_MET),
        ([MISSED], ActivityVerdict.ALL_BEHIND, Assessment.NOT_MET),
        # Indicators that cannot be judged do not count.
        ([MET, Judgement.NO_OUTCOME, Judgement.NOT_JUDGED], None, Assessment.MET),
        # With no indicator judged, the activities alone.
        ([Judgement.NO_OUTCOME], ActivityVerdict.ON_PLAN, Assessment.MET),
        ([], ActivityVerdict.SOME_BEHIND, Assessment.PARTLY_MET),
        ([], ActivityVerdict.ALL_BEHIND, Assessment.NOT_MET),
        # Nothing to go on: no proposal.
        ([Judgement.NO_OUTCOME, Judgement.NOT_JUDGED], None, None),
        ([], None, None),
    ],
)
def test_combining_indicators_and_activities(indicators, activities, expected):
    assert combine(indicators, activities) == expected


def test_the_proposal_gives_one_reason_per_indicator_and_one_for_the_activities():
    result = propose(
        [
            facts("70 %", 72),
            facts("Max 10 dagar", 12, unit="dagar", direction=Direction.LOWER_IS_BETTER),
            facts("öka", None, last_year=3),
        ],
        [activity(Status.DONE), activity(Status.DELAYED)],
        period_ends_on=PERIOD_END,
    )
    assert result.assessment == Assessment.PARTLY_MET
    assert result.label == "partly met"
    assert result.reasons == [
        "Andel nöjda brukare: outcome 72 % against the annual target 70 % – target met",
        "Andel nöjda brukare: outcome 12 dagar against the annual target Max 10 dagar – "
        "target not met",
        "Andel nöjda brukare: no outcome yet",
        "Activities: 1 of 2 delayed, cancelled or past their end date – this pulls the "
        "proposal down.",
    ]


def test_a_delayed_activity_turns_met_indicators_into_partly_met():
    indicators = [facts("70 %", 72), facts("Minst 5 st", 6, unit="st")]
    on_plan = propose(indicators, [activity(Status.ONGOING)], period_ends_on=PERIOD_END)
    delayed = propose(indicators, [activity(Status.DELAYED)], period_ends_on=PERIOD_END)
    assert on_plan.assessment == Assessment.MET
    assert delayed.assessment == Assessment.PARTLY_MET


def test_no_proposal_when_nothing_can_be_judged():
    result = propose(
        [facts("70 %", None), facts("Fastställs 2026", 3)], [], period_ends_on=PERIOD_END
    )
    assert result.assessment is None and result.label == ""
    assert len(result.reasons) == 2
