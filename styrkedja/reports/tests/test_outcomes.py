"""Outcome entry: the table of a unit's indicators for a period, Swedish numbers, the error
summary, who may write, saving all or nothing, and two people saving the same rows."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from styrkedja.goals import levels
from styrkedja.goals.models import Goal
from styrkedja.history.models import Change
from styrkedja.history.recording import acting
from styrkedja.indicators.models import Indicator, Outcome
from styrkedja.org.models import Role
from styrkedja.periods.models import PeriodKind, ReportPeriod
from styrkedja.plans.models import Plan
from styrkedja.reports.outcomes import (
    OutcomeConflict,
    OutcomesRefused,
    RowEntry,
    RowValues,
    outcome_rows,
    parse_number,
    save_outcomes,
)
from styrkedja.testing import factories


def swedish(msgid):
    """The text the page shows for a msgid, whether or not it is translated yet."""
    with translation.override("sv"):
        return gettext(msgid)


def text_of(response):
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def outcomes_url(unit, kind="t1", year=2026):
    return reverse("reports:outcomes", args=[unit.pk, year, kind])


@dataclass
class World:
    """A unit's T1 with: a share in per cent under two of its goals, a count by sex whose
    target the nämnd set, and a nämnd indicator its plan includes from above."""

    period: ReportPeriod
    council_goal: Goal
    unit_goal: Goal
    second_goal: Goal
    share: Indicator
    participants: Indicator
    council_indicator: Indicator


def build_world(city, *, unit=None, size=0):
    """The world above for `unit` (city.unit by default), and `size` more goals,
    each with `size` more indicators (every other by sex, each with a target and
    outcomes)."""
    unit = unit or city.unit
    above = None
    for level, owner in ((levels.DIRECTION, city.municipality), (levels.AREA, city.municipality)):
        above = factories.create_goal(level=level, owner=owner, year=city.year, parent=above)
    council_goal = factories.create_goal(
        level=levels.COUNCIL,
        owner=city.council,
        year=city.year,
        parent=above,
        number="1.1.1",
        title="Barn och unga har goda uppväxtvillkor",
    )
    unit_goal = factories.create_goal(
        level=levels.UNIT,
        owner=unit,
        year=city.year,
        parent=council_goal,
        title="Familjer får stöd i tid",
    )
    second_goal = factories.create_goal(
        level=levels.UNIT,
        owner=unit,
        year=city.year,
        parent=council_goal,
        title="Brukarna är nöjda",
        position=1,
    )
    share = factories.create_indicator(name="Andel nöjda brukare", unit="%", goal=unit_goal)
    factories.attach_indicator(goal=second_goal, indicator=share)
    participants = factories.create_indicator(
        name="Antal deltagare", unit="st", by_sex=True, goal=unit_goal
    )
    council_indicator = factories.create_indicator(
        name="Andel barn med plan", unit="%", goal=council_goal
    )
    factories.create_target(indicator=share, org_unit=unit, year=city.year, text="70 %")
    factories.create_target(indicator=share, org_unit=unit, year=city.year, text="72 %", version=2)
    factories.create_target(
        indicator=share, org_unit=city.municipality, year=city.year, text="75 %"
    )
    factories.create_target(
        indicator=participants, org_unit=city.council, year=city.year, text="800 st"
    )
    plan = factories.create_plan(org_unit=unit, year=city.year)
    factories.include_goal(plan=plan, goal=council_goal, indicators=[council_indicator])
    period = ReportPeriod.objects.get(year=city.year, kind=PeriodKind.T1)
    for n in range(size):
        goal = factories.create_goal(
            level=levels.UNIT,
            owner=unit,
            year=city.year,
            parent=council_goal,
            title=f"Enhetsmål {n}",
            position=2 + n,
        )
        for i in range(size):
            indicator = factories.create_indicator(
                name=f"Indikator {n}.{i}", by_sex=i % 2 == 0, goal=goal
            )
            factories.create_target(
                indicator=indicator, org_unit=unit, year=city.year, text=f"{60 + i} %"
            )
            for sex in (Outcome.Sex.TOTAL, Outcome.Sex.WOMEN) if i % 2 == 0 else ("total",):
                factories.create_outcome(
                    indicator=indicator,
                    org_unit=unit,
                    period=period,
                    value=50 + i,
                    sex=sex,
                    comment="Som väntat" if sex == "total" else "",
                )
    return World(
        period=period,
        council_goal=council_goal,
        unit_goal=unit_goal,
        second_goal=second_goal,
        share=share,
        participants=participants,
        council_indicator=council_indicator,
    )


@pytest.fixture
def world(city):
    return build_world(city)


@pytest.fixture
def reader(city, user_with_role):
    return user_with_role(Role.READER, city.unit)


def table_data(page):
    """What the browser sends for the outcome table's form (inputs and comments)."""
    (form,) = [form for form in page.split("<form ")[1:] if "base_revision" in form]
    form = form.split("</form>")[0]
    data = {}
    for tag in re.findall(r"<input [^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if name is None or name.group(1) == "csrfmiddlewaretoken":
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, text in re.findall(
        r'<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S
    ):
        data[name] = html.unescape(text).removeprefix("\n")
    return data


def field(indicator, name):
    return f"indicator-{indicator.pk}-{name}"


def stored(world, city, indicator, sex="total"):
    return Outcome.objects.filter(
        indicator=indicator, org_unit=city.unit, period=world.period, sex=sex
    ).first()


# Reading numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit", "number"),
    [
        ("4,9", "", Decimal("4.9")),
        ("4.9", "", Decimal("4.9")),
        ("1 500", "st", Decimal("1500")),
        ("1\u00a0500,25", "kr", Decimal("1500.25")),
        ("12 000 000", "kr", Decimal("12000000")),
        ("70 %", "%", Decimal("70")),
        ("70%", "%", Decimal("70")),
        ("70 procent", "%", Decimal("70")),
        ("12 st", "st", Decimal("12")),
        ("−3", "", Decimal("-3")),
        ("0,1234", "", Decimal("0.1234")),
        ("  ", "%", None),
    ],
)
def test_numbers_are_read_as_swedes_write_them(text, unit, number):
    assert parse_number(text, unit=unit) == number


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("mycket", "%", "Enter a number, such as 4,9 or 1 500."),
        ("12 st", "%", "is not the indicator's unit"),
        ("70 %", "st", "is not the indicator's unit"),
        ("12 kr", "", "Write only the number"),
        ("1,2,3", "", "Enter a number, such as 4,9 or 1 500."),
        ("15 00", "", "Enter a number, such as 4,9 or 1 500."),
        ("4,12345", "", "Use at most four decimals."),
        ("12345678901", "", "The number is too large."),
    ],
)
def test_other_text_is_refused_with_a_reason(text, unit, message):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        parse_number(text, unit=unit)
    assert message in refused.value.messages[0]


# The table ---------------------------------------------------------------------------------


def test_the_table_has_one_row_per_indicator_with_its_goals_and_valid_targets(
    client, city, world, anna
):
    _user, browser = anna
    page = browser.get(outcomes_url(city.unit))
    assert page.status_code == 200
    text = text_of(page)
    rows = re.findall(r'<tr id="indicator-(\d+)"', page.content.decode())
    # Own goals' indicators first, the one followed under two goals once, then the nämnd's.
    assert rows == [
        str(world.share.pk),
        str(world.participants.pk),
        str(world.council_indicator.pk),
    ]
    share_row = text.split(f'id="indicator-{world.share.pk}"')[1].split("</tr>")[0]
    assert "Familjer får stöd i tid" in share_row and "Brukarna är nöjda" in share_row
    # The newest version of the unit's target, and KF:s årsmål beside it.
    assert ">72 %<span" in share_row and "<td>75 %</td>" in share_row
    participants_row = text.split(f'id="indicator-{world.participants.pk}"')[1].split("</tr>")[0]
    assert ">800 st<span" in participants_row  # the nämnd's, as the unit has none
    assert '<th scope="col">' in text and '<th scope="row">' in text


def test_only_indicators_reported_by_sex_have_women_and_men_inputs(city, world, anna):
    _user, browser = anna
    page = browser.get(outcomes_url(city.unit)).content.decode()
    assert f'name="{field(world.participants, "women")}"' in page
    assert f'name="{field(world.participants, "men")}"' in page
    assert f'name="{field(world.share, "women")}"' not in page
    assert page.count('inputmode="decimal"') == 3 + 1 + 1
    assert swedish("Not reported by sex") in page


def test_the_inputs_come_row_by_row_in_tab_order(city, world, anna):
    _user, browser = anna
    page = browser.get(outcomes_url(city.unit)).content.decode()
    names = re.findall(r'<(?:input|textarea) [^>]*name="(indicator-\d+-\w+)"', page)
    visible = [name for name in names if not name.endswith("base_revision")]
    assert visible == [
        field(world.share, "total"),
        field(world.share, "comment"),
        field(world.participants, "total"),
        field(world.participants, "women"),
        field(world.participants, "men"),
        field(world.participants, "comment"),
        field(world.council_indicator, "total"),
        field(world.council_indicator, "comment"),
    ]
    assert "tabindex" not in page.split("<table")[1].split("</table>")[0]


def test_saving_stores_swedish_numbers_comments_and_who_entered_them(city, world, anna):
    user, browser = anna
    data = table_data(browser.get(outcomes_url(city.unit)).content.decode())
    data[field(world.share, "total")] = "70,5 %"
    data[field(world.share, "comment")] = "Bättre än i fjol."
    data[field(world.participants, "total")] = "1 500"
    data[field(world.participants, "women")] = "800"
    data[field(world.participants, "men")] = "700 st"
    saved = browser.post(outcomes_url(city.unit), data)
    assert saved.status_code == 302
    assert saved.url == outcomes_url(city.unit)
    share = stored(world, city, world.share)
    assert share.value == Decimal("70.5")
    assert share.comment == "Bättre än i fjol."
    assert share.entered_by == user
    assert stored(world, city, world.participants, "women").value == 800
    assert stored(world, city, world.participants, "men").value == 700
    assert stored(world, city, world.council_indicator) is None  # left empty
    assert Plan.objects.filter(org_unit=city.unit, year=city.year, kind=PeriodKind.T1).exists()
    assert Change.objects.filter(object_type="indicators.outcome").count() == 4
    page = browser.get(outcomes_url(city.unit)).content.decode()
    assert 'value="70,5"' in page  # shown back as Swedes write it


def test_saving_the_table_unchanged_writes_nothing(city, world, anna):
    _user, browser = anna
    factories.create_outcome(
        indicator=world.share, org_unit=city.unit, period=world.period, value=Decimal("4.9")
    )
    data = table_data(browser.get(outcomes_url(city.unit)).content.decode())
    assert data[field(world.share, "total")] == "4,9"
    data[field(world.share, "total")] = "4.90"  # the same number, typed otherwise
    assert browser.post(outcomes_url(city.unit), data, follow=True).status_code == 200
    assert not Change.objects.exists()
    assert not Plan.objects.filter(kind=PeriodKind.T1).exists()


def test_emptying_a_value_and_its_comment_removes_the_outcome(city, world, anna):
    _user, browser = anna
    for sex in ("total", "women"):
        factories.create_outcome(
            indicator=world.participants,
            org_unit=city.unit,
            period=world.period,
            value=12,
            sex=sex,
            comment="Färre än väntat" if sex == "total" else "",
        )
    data = table_data(browser.get(outcomes_url(city.unit)).content.decode())
    data[field(world.participants, "women")] = ""
    data[field(world.participants, "total")] = ""
    assert browser.post(outcomes_url(city.unit), data).status_code == 302
    # The total stays for its comment, without a value; the women's value is gone.
    total = stored(world, city, world.participants)
    assert total.value is None and total.comment == "Färre än väntat"
    assert stored(world, city, world.participants, "women") is None
    data = table_data(browser.get(outcomes_url(city.unit)).content.decode())
    data[field(world.participants, "comment")] = ""
    assert browser.post(outcomes_url(city.unit), data).status_code == 302
    assert stored(world, city, world.participants) is None
    assert Change.objects.filter(action=Change.Action.DELETE).count() == 2


def test_a_wrong_number_is_listed_at_the_top_marked_on_its_cell_and_nothing_is_saved(
    city, world, anna
):
    _user, browser = anna
    data = table_data(browser.get(outcomes_url(city.unit)).content.decode())
    data[field(world.share, "total")] = "12 st"
    data[field(world.participants, "total")] = "mycket"
    data[field(world.council_indicator, "total")] = "55"
    refused = browser.post(outcomes_url(city.unit), data)
    assert refused.status_code == 422
    assert not Outcome.objects.exists()
    page = refused.content.decode()
    summary = page.split('id="error-summary"')[1].split("</div>")[0]
    total_id = f"id_{field(world.participants, 'total')}"
    assert f'href="#{total_id}"' in summary
    assert html.escape(swedish("Enter a number, such as 4,9 or 1 500.")) in summary
    assert f'href="#id_{field(world.share, "total")}"' in summary
    cell = re.search(rf'<input [^>]*id="{total_id}"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in cell
    assert f'aria-describedby="{total_id}-error"' in cell
    assert f'id="{total_id}-error"' in page
    # Everything typed is still there.
    assert 'value="mycket"' in cell
    council_cell = re.search(
        rf'<input [^>]*name="{field(world.council_indicator, "total")}"[^>]*>', page
    ).group(0)
    assert 'value="55"' in council_cell


def test_a_reader_sees_the_values_without_inputs_and_may_not_save(client, city, world, reader):
    factories.create_outcome(
        indicator=world.share,
        org_unit=city.unit,
        period=world.period,
        value=Decimal("64.5"),
        comment="Som väntat",
    )
    client.force_login(reader)
    page = client.get(outcomes_url(city.unit))
    assert page.status_code == 200
    text = page.content.decode()
    assert "<input" not in text.split("<table")[1].split("</table>")[0]
    assert "64,5" in text and "Som väntat" in text
    assert swedish("You may read these outcomes but not change them.") in text
    assert (
        "outcomes_upload" not in text
        and reverse("reports:outcomes_upload", args=[city.unit.pk, 2026, "t1"]) not in text
    )
    data = {field(world.share, "total"): "80", field(world.share, "base_revision"): ""}
    assert client.post(outcomes_url(city.unit), data).status_code == 403
    assert Outcome.objects.get().value == Decimal("64.5")


def test_an_editor_of_a_sibling_unit_gets_403(client, city, world, user_with_role):
    client.force_login(user_with_role(Role.EDITOR, city.sibling))
    assert client.get(outcomes_url(city.unit)).status_code == 403
    data = {field(world.share, "total"): "80", field(world.share, "base_revision"): ""}
    assert client.post(outcomes_url(city.unit), data).status_code == 403
    assert not Outcome.objects.exists()


def test_a_report_handed_in_is_read_only(city, world, anna):
    _user, browser = anna
    factories.create_plan(
        org_unit=city.unit, year=city.year, kind=PeriodKind.T1, status=Plan.Status.READY
    )
    page = browser.get(outcomes_url(city.unit)).content.decode()
    assert 'inputmode="decimal"' not in page
    data = {field(world.share, "total"): "80", field(world.share, "base_revision"): ""}
    assert browser.post(outcomes_url(city.unit), data).status_code == 403


def test_an_unknown_report_kind_is_404(city, world, anna):
    _user, browser = anna
    assert browser.get(outcomes_url(city.unit, kind="t3")).status_code == 404


# Two people ------------------------------------------------------------------------------


def test_a_row_saved_by_someone_else_is_refused_shown_and_saved_on_the_second_try(
    city, world, anna, bertil
):
    _anna, anna_browser = anna
    _bertil, bertil_browser = bertil
    anna_data = table_data(anna_browser.get(outcomes_url(city.unit)).content.decode())
    bertil_data = table_data(bertil_browser.get(outcomes_url(city.unit)).content.decode())

    anna_data[field(world.share, "total")] = "64,5"
    assert anna_browser.post(outcomes_url(city.unit), anna_data).status_code == 302

    bertil_data[field(world.share, "total")] = "66"
    bertil_data[field(world.council_indicator, "total")] = "40"  # a row nobody else touched
    refused = bertil_browser.post(outcomes_url(city.unit), bertil_data)
    assert refused.status_code == 409
    # Nothing was written: not the stale row, not the fresh one.
    assert stored(world, city, world.share).value == Decimal("64.5")
    assert stored(world, city, world.council_indicator) is None
    page = refused.content.decode()
    text = text_of(refused)
    alert = text.split('id="conflict"')[1].split("</div>")[0]
    assert "Anna Andersson" in alert
    assert f'href="#id_{field(world.share, "total")}"' in alert
    details = page.split(f'id="conflict-{world.share.pk}"')[1].split("</td>")[0]
    assert "Anna Andersson" in details and "64,5" in details
    share_cell = re.search(rf'<input [^>]*name="{field(world.share, "total")}"[^>]*>', page)
    assert 'value="66"' in share_cell.group(0)  # Bertil's input is kept
    assert f'aria-describedby="conflict-{world.share.pk}"' in share_cell.group(0)
    assert f'id="conflict-{world.council_indicator.pk}"' not in page

    again = table_data(page)
    assert bertil_browser.post(outcomes_url(city.unit), again).status_code == 302
    assert stored(world, city, world.share).value == 66
    assert stored(world, city, world.council_indicator).value == 40


def test_a_row_left_alone_does_not_undo_what_someone_else_saved(city, world, anna, bertil):
    _anna, anna_browser = anna
    _bertil, bertil_browser = bertil
    anna_data = table_data(anna_browser.get(outcomes_url(city.unit)).content.decode())
    bertil_data = table_data(bertil_browser.get(outcomes_url(city.unit)).content.decode())
    anna_data[field(world.share, "total")] = "64,5"
    assert anna_browser.post(outcomes_url(city.unit), anna_data).status_code == 302
    # Bertil's page still shows the share empty, but he changes only another row.
    bertil_data[field(world.participants, "total")] = "12"
    assert bertil_browser.post(outcomes_url(city.unit), bertil_data).status_code == 302
    assert stored(world, city, world.share).value == Decimal("64.5")
    assert stored(world, city, world.participants).value == 12


def test_the_same_value_saved_by_both_is_no_conflict(city, world, anna, bertil):
    _anna, anna_browser = anna
    _bertil, bertil_browser = bertil
    anna_data = table_data(anna_browser.get(outcomes_url(city.unit)).content.decode())
    bertil_data = table_data(bertil_browser.get(outcomes_url(city.unit)).content.decode())
    anna_data[field(world.share, "total")] = "64,5"
    bertil_data[field(world.share, "total")] = "64.5"
    assert anna_browser.post(outcomes_url(city.unit), anna_data).status_code == 302
    assert bertil_browser.post(outcomes_url(city.unit), bertil_data).status_code == 302
    assert Change.objects.filter(object_type="indicators.outcome").count() == 1


def test_a_row_added_after_the_page_was_loaded_is_not_emptied(city, world, anna):
    _user, browser = anna
    data = table_data(browser.get(outcomes_url(city.unit)).content.decode())
    added = factories.create_indicator(name="Antal hembesök", unit="st", goal=world.unit_goal)
    factories.create_outcome(indicator=added, org_unit=city.unit, period=world.period, value=7)
    data[field(world.share, "total")] = "50"
    assert browser.post(outcomes_url(city.unit), data).status_code == 302
    assert stored(world, city, added).value == 7
    assert stored(world, city, world.share).value == 50


# The service -------------------------------------------------------------------------------


def test_the_service_refuses_indicators_the_unit_does_not_report(city, world, anna):
    user, _browser = anna
    elsewhere = factories.create_indicator(name="Andel lån")
    entries = [
        RowEntry(indicator_id=world.share.pk, values=RowValues.of(total=Decimal(1)), version=None),
        RowEntry(indicator_id=elsewhere.pk, values=RowValues.of(total=Decimal(2)), version=None),
        RowEntry(
            indicator_id=world.council_indicator.pk,
            values=RowValues.of(total=Decimal(3), women=Decimal(1)),
            version=None,
        ),
    ]
    with acting(user=user), pytest.raises(OutcomesRefused) as refused:
        save_outcomes(
            unit=city.unit, year=city.year, period=world.period, entries=entries, user=user
        )
    assert set(refused.value.errors) == {elsewhere.pk, world.council_indicator.pk}
    assert not Outcome.objects.exists()


def test_the_service_refuses_a_stale_row_and_writes_none(city, world, anna, bertil):
    anna_user, _ = anna
    bertil_user, _ = bertil
    (share_row, participants_row, _council) = outcome_rows(city.unit, city.year, world.period)
    loaded_share, loaded_participants = share_row.version, participants_row.version
    with acting(user=anna_user):
        save_outcomes(
            unit=city.unit,
            year=city.year,
            period=world.period,
            entries=[RowEntry(world.share.pk, RowValues.of(total=Decimal(5)), loaded_share)],
            user=anna_user,
        )
    with acting(user=bertil_user), pytest.raises(OutcomeConflict) as conflict:
        save_outcomes(
            unit=city.unit,
            year=city.year,
            period=world.period,
            entries=[
                RowEntry(world.share.pk, RowValues.of(total=Decimal(6)), loaded_share),
                RowEntry(
                    world.participants.pk, RowValues.of(total=Decimal(7)), loaded_participants
                ),
            ],
            user=bertil_user,
        )
    (row_conflict,) = conflict.value.conflicts.values()
    assert row_conflict.row.values.total == 5
    assert row_conflict.people == ["Anna Andersson"]
    assert Outcome.objects.get().value == 5


# Queries -----------------------------------------------------------------------------------


def test_the_table_runs_the_same_number_of_queries_at_two_sizes(
    city, anna, django_assert_num_queries
):
    _user, browser = anna
    build_world(city, size=1)
    browser.get(outcomes_url(city.unit))  # warm up the session
    with CaptureQueriesContext(connection) as small:
        assert browser.get(outcomes_url(city.unit)).status_code == 200

    # A unit below with more of everything: goals, indicators, targets, outcomes.
    build_world(city, unit=city.sub_unit, size=4)
    with django_assert_num_queries(len(small)):
        page = browser.get(outcomes_url(city.sub_unit))
    assert page.content.decode().count('<tr id="indicator-') == 3 + 4 * 4
