"""The controller overview of a nämnd: each unit's report status, what it lacks, what is late,
who may see it, what it costs in queries, and the reminder to the late units."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from styrkedja.activities.models import Activity
from styrkedja.goals.models import Goal
from styrkedja.history.writes import create_validated
from styrkedja.indicators.models import Indicator, Outcome
from styrkedja.org.models import OrgUnit, Role, User
from styrkedja.periods.models import PeriodKind, ReportPeriod
from styrkedja.periods.services import set_deadlines
from styrkedja.plans.models import Plan
from styrkedja.reports import selection
from styrkedja.reports.models import ActivityStatus, GoalAssessment, Reminder
from styrkedja.reports.overview import Missing, council_overview, is_overdue
from styrkedja.testing import factories
from styrkedja.testing.access_matrix import check_status

# The T1 deadlines of the `city` year (periods.services defaults): units, then their nämnd.
UNITS_DUE = datetime.date(2026, 5, 21)
COUNCIL_DUE = datetime.date(2026, 6, 4)


def t1(city) -> ReportPeriod:
    return ReportPeriod.objects.select_related("year").get(year=city.year, kind=PeriodKind.T1)


def assess(goal: Goal, period: ReportPeriod) -> GoalAssessment:
    return create_validated(
        GoalAssessment, goal=goal, period=period, assessment=GoalAssessment.Assessment.MET
    )


def give_status(activity: Activity, unit: OrgUnit, period: ReportPeriod) -> ActivityStatus:
    return create_validated(
        ActivityStatus,
        activity=activity,
        org_unit=unit,
        period=period,
        status=ActivityStatus.Status.ONGOING,
    )


@dataclass
class World:
    """What the units of `city` report in 2026.

    - the nämnd: one nämndmål with two indicators and one activity (carried out by
      Familjeenheten); it has not started its T1;
    - Familjeenheten (`unit`): two enhetsmål, each with an indicator and an activity; its plan
      includes the nämndmål with one of its indicators; the nämnd's activity is assigned to it.
      Its T1 is complete and marked ready;
    - Vuxenenheten (`sibling`): one enhetsmål with an indicator and an activity; a draft T1 with
      its outcome entered and nothing else;
    - Familjebehandlarna (`sub_unit`): one enhetsmål with an indicator; nothing written.
    """

    council_goal: Goal
    shared: Indicator
    council_only: Indicator
    council_activity: Activity
    unit_goals: list[Goal]
    unit_indicators: list[Indicator]
    unit_activities: list[Activity]
    sibling_goal: Goal
    sibling_indicator: Indicator
    sibling_activity: Activity
    sub_goal: Goal
    sub_indicator: Indicator


def build_world(city) -> World:
    year = city.year
    direction = factories.create_goal(
        level="direction", owner=city.municipality, year=year, number="1"
    )
    area = factories.create_goal(
        level="area", owner=city.municipality, year=year, number="1.1", parent=direction
    )
    council_goal = factories.create_goal(
        level="council", owner=city.council, year=year, number="1.1.1", parent=area
    )
    shared = factories.create_indicator(goal=council_goal)
    council_only = factories.create_indicator(goal=council_goal)
    council_activity = factories.create_activity(goal=council_goal, assigned_units=[city.unit])
    unit_goals = [
        factories.create_goal(level="unit", owner=city.unit, year=year, parent=council_goal)
        for _ in range(2)
    ]
    unit_plan = factories.create_plan(org_unit=city.unit, year=year)
    factories.include_goal(plan=unit_plan, goal=council_goal, indicators=[shared], activities=[])
    sibling_goal = factories.create_goal(
        level="unit", owner=city.sibling, year=year, parent=council_goal
    )
    sub_goal = factories.create_goal(
        level="unit", owner=city.sub_unit, year=year, parent=council_goal
    )
    return World(
        council_goal=council_goal,
        shared=shared,
        council_only=council_only,
        council_activity=council_activity,
        unit_goals=unit_goals,
        unit_indicators=[factories.create_indicator(goal=goal) for goal in unit_goals],
        unit_activities=[factories.create_activity(goal=goal) for goal in unit_goals],
        sibling_goal=sibling_goal,
        sibling_indicator=factories.create_indicator(goal=sibling_goal),
        sibling_activity=factories.create_activity(goal=sibling_goal),
        sub_goal=sub_goal,
        sub_indicator=factories.create_indicator(goal=sub_goal),
    )


def report_t1(city, world: World) -> None:
    """Familjeenheten reports everything and marks it ready; Vuxenenheten enters its outcome."""
    period = t1(city)
    for indicator in [*world.unit_indicators, world.shared]:
        factories.create_outcome(indicator=indicator, org_unit=city.unit, period=period, value=70)
    for goal in world.unit_goals:
        assess(goal, period)
    for activity in [*world.unit_activities, world.council_activity]:
        give_status(activity, city.unit, period)
    factories.create_plan(
        org_unit=city.unit, year=city.year, kind=PeriodKind.T1, status=Plan.Status.READY
    )
    factories.create_outcome(
        indicator=world.sibling_indicator, org_unit=city.sibling, period=period, value=12
    )
    factories.create_plan(org_unit=city.sibling, year=city.year, kind=PeriodKind.T1)


@pytest.fixture
def world(city) -> World:
    built = build_world(city)
    report_t1(city, built)
    return built


def rows_by_unit(city, today=UNITS_DUE):
    return {row.unit: row for row in council_overview(city.council, t1(city), today=today)}


# What each unit lacks --------------------------------------------------------------------------


def test_the_overview_lists_the_nämnd_first_and_then_its_units_but_not_the_avdelning(city, world):
    rows = council_overview(city.council, t1(city), today=UNITS_DUE)
    assert [row.unit for row in rows] == [city.council, city.sub_unit, city.unit, city.sibling]


def test_a_complete_unit_lacks_nothing_and_shows_its_report_status(city, world):
    row = rows_by_unit(city)[city.unit]
    assert row.status == Plan.Status.READY
    assert row.outcomes == Missing(missing=0, expected=3)  # two own, one included from above
    assert row.assessments == Missing(missing=0, expected=2)
    assert row.activity_statuses == Missing(missing=0, expected=3)  # two own, one assigned
    assert not row.lacks_anything


def test_a_partly_reported_unit_lacks_its_assessment_and_activity_status(city, world):
    row = rows_by_unit(city)[city.sibling]
    assert row.status == Plan.Status.DRAFT
    assert row.outcomes == Missing(missing=0, expected=1)
    assert row.assessments == Missing(missing=1, expected=1)
    assert row.activity_statuses == Missing(missing=1, expected=1)


def test_a_unit_that_has_not_started_lacks_everything_it_reports(city, world):
    row = rows_by_unit(city)[city.sub_unit]
    assert row.status is None and row.not_started
    assert row.outcomes == Missing(missing=1, expected=1)
    assert row.assessments == Missing(missing=1, expected=1)
    assert row.activity_statuses == Missing(missing=0, expected=0)


def test_the_nämnd_lacks_what_it_reports_on_its_own_goals(city, world):
    row = rows_by_unit(city)[city.council]
    assert row.not_started
    assert row.outcomes == Missing(missing=2, expected=2)
    assert row.assessments == Missing(missing=1, expected=1)
    assert row.activity_statuses == Missing(missing=1, expected=1)


def test_an_outcome_counts_once_its_total_has_a_value_or_a_comment(city, world):
    period = t1(city)
    factories.create_outcome(
        indicator=world.council_only, org_unit=city.council, period=period, value=None
    )
    assert rows_by_unit(city)[city.council].outcomes.missing == 2
    factories.create_outcome(
        indicator=world.shared,
        org_unit=city.council,
        period=period,
        value=None,
        comment="Mäts inte i T1.",
    )
    assert rows_by_unit(city)[city.council].outcomes.missing == 1


def test_an_outcome_for_women_only_does_not_fill_in_the_total(city, world):
    by_sex = factories.create_indicator(by_sex=True, goal=world.sub_goal)
    factories.create_outcome(
        indicator=by_sex,
        org_unit=city.sub_unit,
        period=t1(city),
        value=3,
        sex=Outcome.Sex.WOMEN,
    )
    assert rows_by_unit(city)[city.sub_unit].outcomes == Missing(missing=2, expected=2)


def test_what_is_reported_for_another_period_does_not_count(city, world):
    t2 = ReportPeriod.objects.select_related("year").get(year=city.year, kind=PeriodKind.T2)
    row = {row.unit: row for row in council_overview(city.council, t2, today=UNITS_DUE)}[city.unit]
    assert row.not_started
    assert (row.outcomes.missing, row.assessments.missing, row.activity_statuses.missing) == (
        3,
        2,
        3,
    )


def test_a_unit_closed_before_the_year_is_left_out(city, world):
    closed = factories.create_org_unit(
        name="Nedlagda enheten",
        parent=city.department,
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2025, 12, 31),
    )
    assert closed not in rows_by_unit(city)


# The bulk answers agree with reports/selection.py -----------------------------------------------


def selection_answers(unit: OrgUnit, period: ReportPeriod) -> tuple[Missing, Missing, Missing]:
    """What the unit lacks, asked one unit at a time through reports/selection.py."""
    year = period.year
    indicators = {link.indicator_id for link in selection.reported_indicators(unit, year)}
    with_outcome = set(
        Outcome.objects.filter(org_unit=unit, period=period, sex=Outcome.Sex.TOTAL)
        .filter(Q(value__isnull=False) | ~Q(comment=""))
        .values_list("indicator_id", flat=True)
    )
    goals = {goal.pk for goal in selection.own_goals(unit, year)}
    assessed = set(GoalAssessment.objects.filter(period=period).values_list("goal_id", flat=True))
    activities = {activity.pk for activity in selection.reported_activities(unit, year)}
    with_status = set(
        ActivityStatus.objects.filter(org_unit=unit, period=period).values_list(
            "activity_id", flat=True
        )
    )
    return (
        Missing(len(indicators - with_outcome), len(indicators)),
        Missing(len(goals - assessed), len(goals)),
        Missing(len(activities - with_status), len(activities)),
    )


def test_the_bulk_answers_agree_with_the_selection_unit_by_unit(city, world):
    period = t1(city)
    year = city.year
    # Twists that selection.py handles: an indicator both under an own goal and included from
    # above (counted once); an indicator of another goal added under the nämndmål in a plan
    # (not reported); an activity assigned to a unit and included in its plan (once); an
    # activity of another year assigned to the unit (not reported); a report's inclusions
    # (only the operational plan's count).
    factories.attach_indicator(goal=world.unit_goals[0], indicator=world.shared)
    sibling_plan = factories.create_plan(org_unit=city.sibling, year=year)
    factories.include_goal(
        plan=sibling_plan,
        goal=world.council_goal,
        indicators=[world.council_only, world.sub_indicator],
        activities=[world.council_activity],
    )
    factories.create_activity(goal=world.council_goal, assigned_units=[city.sibling])
    next_year = factories.get_or_create_year(number=2027)
    next_goal = factories.create_goal(level="direction", owner=city.municipality, year=next_year)
    factories.create_activity(goal=next_goal, assigned_units=[city.unit])
    t1_report = Plan.objects.get(org_unit=city.sibling, year=year, kind=PeriodKind.T1)
    factories.include_goal(plan=t1_report, goal=world.council_goal, indicators=[world.shared])
    factories.create_outcome(
        indicator=world.council_only, org_unit=city.sibling, period=period, value=1
    )
    give_status(world.council_activity, city.sibling, period)
    assess(world.council_goal, period)

    rows = council_overview(city.council, period, today=UNITS_DUE)
    assert len(rows) == 4
    for row in rows:
        assert (row.outcomes, row.assessments, row.activity_statuses) == selection_answers(
            row.unit, period
        ), row.unit
    # The twists are really there, so the comparison is not of empty sets.
    sibling = next(row for row in rows if row.unit == city.sibling)
    assert sibling.outcomes == Missing(missing=0, expected=2)
    assert sibling.activity_statuses == Missing(missing=2, expected=3)


# Late or not ------------------------------------------------------------------------------------


def test_nobody_is_late_on_the_day_of_the_deadline(city, world):
    assert not any(row.overdue for row in rows_by_unit(city, UNITS_DUE).values())


def test_the_day_after_the_deadline_the_units_that_have_not_handed_in_are_late(city, world):
    rows = rows_by_unit(city, UNITS_DUE + datetime.timedelta(days=1))
    assert {unit for unit, row in rows.items() if row.overdue} == {city.sibling, city.sub_unit}
    assert rows[city.unit].deadline == UNITS_DUE
    assert rows[city.council].deadline == COUNCIL_DUE


def test_the_nämnd_is_late_only_after_its_own_later_deadline(city, world):
    assert not rows_by_unit(city, COUNCIL_DUE)[city.council].overdue
    assert rows_by_unit(city, COUNCIL_DUE + datetime.timedelta(days=1))[city.council].overdue


@pytest.mark.parametrize(
    "status, late",
    [
        (None, True),
        (Plan.Status.DRAFT, True),
        (Plan.Status.READY, False),
        (Plan.Status.APPROVED, False),
        (Plan.Status.ADOPTED, False),
        (Plan.Status.LOCKED, False),
    ],
)
def test_a_report_handed_in_is_not_late_after_the_deadline(status, late):
    day_after = UNITS_DUE + datetime.timedelta(days=1)
    assert is_overdue(status, UNITS_DUE, day_after) is late
    assert is_overdue(status, UNITS_DUE, UNITS_DUE) is False


def test_without_a_deadline_nobody_is_late(city, world):
    set_deadlines(t1(city), {OrgUnit.Kind.UNIT: None})
    rows = rows_by_unit(city, datetime.date(2027, 1, 1))
    assert rows[city.sibling].deadline is None and not rows[city.sibling].overdue


# The page ---------------------------------------------------------------------------------------


def overview_url(city, kind="t1", year=2026, unit=None):
    return reverse("overview:overview", args=[(unit or city.council).pk, year, kind])


def remind_url(city, kind="t1"):
    return reverse("overview:remind", args=[city.council.pk, 2026, kind])


@pytest.fixture
def reviewer(client, city) -> User:
    user = factories.create_user(first_name="Gun", last_name="Granskare")
    factories.create_membership(user=user, org_unit=city.council, role=Role.REVIEWER)
    client.force_login(user)
    return user


def make_late(city, days: int = 1) -> None:
    """Move the units' T1 deadline into the past (the page uses today's date), the nämnd's not."""
    today = timezone.localdate()
    set_deadlines(
        t1(city),
        {
            OrgUnit.Kind.UNIT: today - datetime.timedelta(days=days),
            OrgUnit.Kind.COUNCIL: today + datetime.timedelta(days=30),
        },
    )


def table_rows(response) -> list[str]:
    """The text of each body row of the overview table, in order."""
    html = response.content.decode()
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return [" ".join(part.split()) for part in body.split("<tr>")[1:]]


def test_the_page_shows_every_unit_with_its_status_lacks_and_a_link_to_its_report(
    client, city, world, reviewer
):
    make_late(city)
    response = client.get(overview_url(city))
    assert response.status_code == 200
    rows = table_rows(response)
    assert len(rows) == 4
    assert city.council.name in rows[0]
    for unit in (city.council, city.unit, city.sibling, city.sub_unit):
        assert reverse("reports:report", args=[unit.pk, 2026, "t1"]) in response.content.decode()
    sibling_row = next(row for row in rows if city.sibling.name in row)
    assert "⚠" in sibling_row
    unit_row = next(row for row in rows if f">{city.unit.name}<" in row)
    assert "⚠" not in unit_row and "✓" in unit_row


def test_only_late_shows_the_late_units(client, city, world, reviewer):
    make_late(city)
    rows = table_rows(client.get(overview_url(city) + "?show=late"))
    assert len(rows) == 2
    assert city.sub_unit.name in rows[0] and city.sibling.name in rows[1]


def test_only_not_started_shows_the_units_without_a_report(client, city, world, reviewer):
    rows = table_rows(client.get(overview_url(city) + "?show=not_started"))
    assert len(rows) == 2
    assert city.council.name in rows[0] and city.sub_unit.name in rows[1]


def test_sorting_by_status_puts_the_units_not_started_first_and_keeps_the_nämnd_on_top(
    client, city, world, reviewer
):
    by_name = table_rows(client.get(overview_url(city) + "?sort=name"))
    by_status = table_rows(client.get(overview_url(city) + "?sort=status"))
    order = [city.council, city.sub_unit, city.unit, city.sibling]  # Swedish alphabetical
    assert [unit.name for unit in order] == [
        next(unit.name for unit in order if f">{unit.name}<" in row) for row in by_name
    ]
    # not started (Familjebehandlarna), draft (Vuxenenheten), marked ready (Familjeenheten)
    order = [city.council, city.sub_unit, city.sibling, city.unit]
    assert [unit.name for unit in order] == [
        next(unit.name for unit in order if f">{unit.name}<" in row) for row in by_status
    ]


def test_an_unknown_sort_or_filter_shows_the_default(client, city, world, reviewer):
    response = client.get(overview_url(city) + "?sort=evil&show=nothing")
    assert response.status_code == 200 and len(table_rows(response)) == 4


def test_the_page_links_to_the_three_report_periods(client, city, world, reviewer):
    page = client.get(overview_url(city)).content.decode()
    for kind in ("t1", "t2", "vb"):
        assert overview_url(city, kind) in page


def test_an_unknown_period_or_a_unit_that_is_not_a_nämnd_is_not_found(client, city, reviewer):
    assert client.get(overview_url(city, kind="vp")).status_code == 404
    assert client.get(overview_url(city, year=1999)).status_code == 404
    assert client.get(overview_url(city, unit=city.unit)).status_code == 404
    assert client.get(reverse("overview:overview", args=[99999, 2026, "t1"])).status_code == 404


# Who may see it ---------------------------------------------------------------------------------

PLACES = ("the nämnd", "the kommun", "a unit of the nämnd", "another nämnd")
ROLES = (None, Role.READER, Role.EDITOR, Role.REVIEWER, Role.ADMINISTRATOR)


def membership_place(city, place):
    return {
        "the nämnd": city.council,
        "the kommun": city.municipality,
        "a unit of the nämnd": city.unit,
        "another nämnd": city.other_council,
    }[place]


@pytest.mark.parametrize(
    "role, place",
    [(role, place) for role in ROLES for place in PLACES],
    ids=lambda value: str(value or "no-role"),
)
def test_overview_access_matrix(client, city, world, role, place):
    make_late(city)
    user = factories.create_user(email="kontroll@example.org")
    if role is not None:
        factories.create_membership(user=user, org_unit=membership_place(city, place), role=role)
    client.force_login(user)
    allowed = role in (Role.REVIEWER, Role.ADMINISTRATOR) and place in ("the nämnd", "the kommun")
    check_status(client.get(overview_url(city)), allowed=allowed, label="overview")
    check_status(client.get(remind_url(city)), allowed=allowed, label="confirmation")
    # Sub_unit has no redaktör, so sending is refused as a changed list (409) when allowed.
    response = client.post(remind_url(city), {"unit": [city.sub_unit.pk]})
    assert response.status_code == (409 if allowed else 403), response.status_code
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_an_editor_of_a_unit_is_refused_and_another_nämnds_reviewer_too(client, city, world):
    editor = factories.create_user()
    factories.create_membership(user=editor, org_unit=city.unit, role=Role.EDITOR)
    client.force_login(editor)
    assert client.get(overview_url(city)).status_code == 403
    stranger = factories.create_user()
    factories.create_membership(user=stranger, org_unit=city.other_council, role=Role.REVIEWER)
    client.force_login(stranger)
    assert client.get(overview_url(city)).status_code == 403
    assert client.get(overview_url(city, unit=city.other_council)).status_code == 200


def test_an_anonymous_visitor_is_sent_to_log_in(client, city):
    response = client.get(overview_url(city))
    assert response.status_code == 302 and "logga-in" in response["Location"]


# Query budget -----------------------------------------------------------------------------------


def grow(city, count: int) -> None:
    """Add `count` units, each with goals, indicators, activities, a report, something
    reported, a reminder and an editor, so that every relation the page reads grows."""
    period = t1(city)
    council_goal = Goal.objects.get(owner=city.council, year=city.year)
    reviewer = User.objects.filter(memberships__role=Role.REVIEWER).first()
    for number in range(count):
        unit = factories.create_org_unit(name=f"Enhet {number:02}", parent=city.department)
        editor = factories.create_user(email=f"enhet{number}@example.org")
        factories.create_membership(user=editor, org_unit=unit, role=Role.EDITOR)
        factories.create_plan(org_unit=unit, year=city.year, kind=PeriodKind.T1)
        for _ in range(2):
            goal = factories.create_goal(
                level="unit", owner=unit, year=city.year, parent=council_goal
            )
            indicator = factories.create_indicator(goal=goal)
            activity = factories.create_activity(goal=goal)
            factories.create_outcome(indicator=indicator, org_unit=unit, period=period, value=5)
            give_status(activity, unit, period)
        Reminder.objects.create(
            council=city.council,
            period=period,
            unit=unit,
            sent_at=timezone.now(),
            sent_by=reviewer,
            recipients=[editor.email],
        )


@pytest.mark.parametrize("page", ["overview", "confirmation"])
def test_the_pages_run_the_same_number_of_queries_with_3_and_12_units(
    client, city, world, reviewer, django_assert_num_queries, page
):
    make_late(city)
    url = overview_url(city) if page == "overview" else remind_url(city)
    client.get(url)  # the session and the translations are loaded once
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(city, 9)
    with django_assert_num_queries(len(small)):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Enhet 0") == 9


def test_the_overview_asks_seven_queries_whatever_the_size(city, world, django_assert_num_queries):
    period = t1(city)
    with django_assert_num_queries(7):
        council_overview(city.council, period, today=UNITS_DUE)
    grow(city, 9)
    with django_assert_num_queries(7):
        assert len(council_overview(city.council, period, today=UNITS_DUE)) == 13


# Reminders --------------------------------------------------------------------------------------


@pytest.fixture
def editors(city, world) -> dict[str, User]:
    """Redaktörer of the units, and people who must not get a reminder."""
    people = {
        "unit": factories.create_user(email="familj@example.org"),
        "sibling_1": factories.create_user(first_name="Vera", email="vera@example.org"),
        "sibling_2": factories.create_user(first_name="Ali", email="ali@example.org"),
        "sibling_no_email": factories.create_user(first_name="Utan", last_name="Adress"),
        "sub_unit": factories.create_user(email="behandlare@example.org"),
        "department": factories.create_user(email="avdelning@example.org"),
        "sibling_reviewer": factories.create_user(email="granskare@example.org"),
    }
    places = {
        "unit": city.unit,
        "sibling_1": city.sibling,
        "sibling_2": city.sibling,
        "sibling_no_email": city.sibling,
        "sub_unit": city.sub_unit,
        "department": city.department,
    }
    for name, unit in places.items():
        factories.create_membership(user=people[name], org_unit=unit, role=Role.EDITOR)
    factories.create_membership(
        user=people["sibling_reviewer"], org_unit=city.sibling, role=Role.REVIEWER
    )
    return people


def test_the_confirmation_lists_the_late_units_and_who_gets_their_reminder(
    client, city, world, editors, reviewer
):
    make_late(city)
    response = client.get(remind_url(city))
    assert response.status_code == 200
    page = response.content.decode()
    rows = table_rows(response)
    assert len(rows) == 2
    sibling_row = next(row for row in rows if city.sibling.name in row)
    assert "ali@example.org" in sibling_row and "vera@example.org" in sibling_row
    assert "Utan Adress" in sibling_row  # named as an editor without an address
    assert "behandlare@example.org" in page
    for address in ("familj@example.org", "avdelning@example.org", "granskare@example.org"):
        assert address not in page
    assert mail.outbox == []  # looking sends nothing


def test_sending_emails_each_late_units_editors_once_and_records_it(
    client, city, world, editors, reviewer
):
    make_late(city, days=3)
    response = client.post(remind_url(city), {"unit": [city.sibling.pk, city.sub_unit.pk]})
    assert response.status_code == 302
    assert response["Location"] == overview_url(city)

    assert len(mail.outbox) == 2
    by_unit = {
        unit: next(message for message in mail.outbox if unit.name in message.subject)
        for unit in (city.sibling, city.sub_unit)
    }
    assert by_unit[city.sibling].to == ["ali@example.org", "vera@example.org"]
    assert by_unit[city.sub_unit].to == ["behandlare@example.org"]
    body = by_unit[city.sibling].body
    link = reverse("reports:report", args=[city.sibling.pk, 2026, "t1"])
    assert f"http://testserver{link}" in body
    due = timezone.localdate() - datetime.timedelta(days=3)
    assert f"{due.day} " in body and str(due.year) in body
    assert city.council.name in body
    assert by_unit[city.sibling].reply_to == []  # the reviewer has no address
    recorded = {
        reminder.unit: reminder
        for reminder in Reminder.objects.filter(council=city.council, period=t1(city))
    }
    assert set(recorded) == {city.sibling, city.sub_unit}
    assert recorded[city.sibling].recipients == ["ali@example.org", "vera@example.org"]
    assert recorded[city.sibling].sent_by == reviewer

    def last_reminded(unit):
        """The text after the row's late mark: the date it was last reminded, if ever."""
        rows = table_rows(client.get(overview_url(city)))
        return next(row for row in rows if unit.name in row).split("⚠")[-1]

    assert str(timezone.localdate().year) in last_reminded(city.sibling)
    Reminder.objects.all().delete()
    assert str(timezone.localdate().year) not in last_reminded(city.sibling)


def test_the_email_says_what_is_missing_and_when_it_was_due(client, city, world, editors, reviewer):
    make_late(city)
    client.post(remind_url(city), {"unit": [city.sibling.pk]})
    (message,) = mail.outbox
    lines = message.body.splitlines()
    missing = [line for line in lines if line.startswith("- ")]
    assert len(missing) == 2  # the assessment and the activity status; the outcome is in
    assert all("1" in line for line in missing)


def test_a_unit_no_longer_late_when_confirmed_gets_nothing_and_the_list_is_shown_again(
    client, city, world, editors, reviewer
):
    make_late(city)
    Plan.objects.filter(org_unit=city.sibling, kind=PeriodKind.T1).update(status=Plan.Status.READY)
    response = client.post(remind_url(city), {"unit": [city.sibling.pk, city.sub_unit.pk]})
    assert response.status_code == 409
    assert mail.outbox == [] and not Reminder.objects.exists()
    assert len(table_rows(response)) == 1


def test_a_late_unit_without_an_editor_with_an_address_cannot_be_sent_to(
    client, city, world, reviewer
):
    make_late(city)
    page = client.get(remind_url(city)).content.decode()
    assert 'name="unit"' not in page
    response = client.post(remind_url(city), {"unit": [city.sibling.pk]})
    assert response.status_code == 409 and mail.outbox == []


class RefusingSecondEmail(EmailBackend):
    """A mail server that takes the first email and then refuses."""

    def send_messages(self, messages):
        if mail.outbox:
            raise ConnectionRefusedError("refused")
        return super().send_messages(messages)


def test_when_the_mail_server_refuses_the_emails_sent_are_recorded_and_the_rest_named(
    client, city, world, editors, reviewer, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingSecondEmail"
    make_late(city)
    response = client.post(
        remind_url(city), {"unit": [city.sibling.pk, city.sub_unit.pk]}, follow=True
    )
    assert len(mail.outbox) == 1
    assert Reminder.objects.count() == 1
    failed = city.sibling if Reminder.objects.get().unit == city.sub_unit else city.sub_unit
    messages = [str(message) for message in response.context["messages"]]
    assert any(failed.name in message and "refused" in message for message in messages)
