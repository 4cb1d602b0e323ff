"""The assessment page of a report: each of the unit's own goals with the system's proposal
and its reasons, and the person's assessment and analysis, one goal at a time."""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from styrkedja.history.models import Change
from styrkedja.history.writes import create_validated
from styrkedja.indicators.models import Indicator, Outcome, Target
from styrkedja.indicators.targets import parse_target
from styrkedja.org.models import Role
from styrkedja.periods.models import PeriodKind, ReportPeriod
from styrkedja.plans.models import Plan
from styrkedja.reports.assessments import proposals_for
from styrkedja.reports.models import ActivityStatus, GoalAssessment
from styrkedja.testing import factories
from styrkedja.testing.conflicts import person_with_browser

Assessment = GoalAssessment.Assessment
HTMX = {"HTTP_HX_REQUEST": "true"}


def period(city, kind=PeriodKind.T1, year=None):
    return ReportPeriod.objects.get(year=year or city.year, kind=kind)


def goal_chain(city):
    direction = factories.create_goal(level="direction", owner=city.municipality, year=city.year)
    area = factories.create_goal(
        level="area", owner=city.municipality, year=city.year, parent=direction
    )
    council_goal = factories.create_goal(
        level="council", owner=city.council, year=city.year, parent=area, title="Nämndens mål"
    )
    return council_goal


@pytest.fixture
def council_goal(city):
    return goal_chain(city)


@pytest.fixture
def goal(city, council_goal):
    """An enhetsmål whose indicator met its target in T1, with one activity on plan."""
    goal = factories.create_goal(
        level="unit",
        owner=city.unit,
        year=city.year,
        parent=council_goal,
        title="Familjer får stöd i tid",
    )
    indicator = factories.create_indicator(name="Andel nöjda familjer", goal=goal)
    factories.create_target(indicator=indicator, org_unit=city.unit, year=city.year, text="70 %")
    factories.create_outcome(indicator=indicator, org_unit=city.unit, period=period(city), value=72)
    factories.create_activity(goal=goal, text="Inför digitala besök")
    return goal


@pytest.fixture
def bare_goal(city, council_goal):
    """An enhetsmål with nothing to judge it by."""
    return factories.create_goal(
        level="unit", owner=city.unit, year=city.year, parent=council_goal, position=1
    )


def page_url(city, kind="t1"):
    return reverse("reports:assessments", args=[city.unit.pk, city.year.number, kind])


def assess_url(city, goal, kind="t1"):
    return reverse("reports:assess", args=[city.unit.pk, city.year.number, kind, goal.pk])


def revision_of(page, goal):
    found = re.search(rf'name="goal-{goal.pk}-base_revision" value="(\d+)"', page)
    assert found, "the goal has no form"
    return found.group(1)


def sent(goal, page=None, *, revision=None, **values):
    """The goal's form as the browser sends it."""
    data = {f"goal-{goal.pk}-{name}": value for name, value in values.items()}
    data[f"goal-{goal.pk}-base_revision"] = revision or revision_of(page, goal)
    return data


def section_of(page, goal):
    return page.split(f'id="goal-{goal.pk}"')[1].split("</section>")[0]


@pytest.fixture
def english(anna):
    anna[1].cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return anna[1]


# The page --------------------------------------------------------------------------------


def test_each_own_goal_shows_the_proposal_and_why(city, goal, bare_goal, council_goal, english):
    response = english.get(page_url(city))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nämndens mål" not in page  # a goal from above is its owner's to assess
    section = section_of(page, goal)
    assert "Proposal: Met" in section
    assert (
        "Andel nöjda familjer: outcome 72 % against the annual target 70 % – target met" in section
    )
    assert "Activities: none has a status yet." in section
    bare = section_of(page, bare_goal)
    assert "No proposal" in bare
    assert "(Proposal)" not in bare


def test_the_assessment_is_a_labelled_group_and_a_forecast_in_t1_and_t2(city, goal, english):
    for kind, forecast in (("t1", True), ("t2", True), ("vb", False)):
        section = section_of(english.get(page_url(city, kind)).content.decode(), goal)
        assert '<fieldset class="ds-fieldset">' in section
        legend = re.search(r"<legend[^>]*>(.*?)</legend>", section).group(1)
        assert ("forecast for the whole year" in legend) is forecast, kind
        assert f'for="id_goal-{goal.pk}-analysis">Analysis</label>' in section


def test_the_proposal_is_chosen_to_begin_with_and_marked(city, goal, english):
    section = section_of(english.get(page_url(city)).content.decode(), goal)
    assert re.search(
        r'<input type="radio" name="goal-\d+-assessment" value="met"[^>]* checked', section
    )
    assert re.search(r"Met <strong>\(Proposal\)</strong>", section)
    assert "Accept the proposal (met)" in section
    assert revision_of(section, goal) == "0"


def test_a_saved_assessment_is_shown_instead_of_the_proposal(city, goal, english):
    create_validated(
        GoalAssessment,
        goal=goal,
        period=period(city),
        assessment=Assessment.NOT_MET,
        analysis="Vi når inte ända fram.",
        proposed=Assessment.MET,
    )
    section = section_of(english.get(page_url(city)).content.decode(), goal)
    assert re.search(r'value="not_met"[^>]* checked', section)
    assert not re.search(r'value="met"[^>]* checked', section)
    assert "Vi når inte ända fram." in section
    assert "the system proposed “met”" in section
    assert revision_of(section, goal) == "1"


# Saving ----------------------------------------------------------------------------------


def test_saving_stores_the_assessment_with_the_proposal_and_records_it(city, goal, anna):
    user, client = anna
    page = client.get(page_url(city)).content.decode()
    response = client.post(
        assess_url(city, goal),
        sent(goal, page, assessment=Assessment.PARTLY_MET, analysis="Nöjdheten ökar."),
    )
    assert response.status_code == 302
    assert response.url == f"{page_url(city)}#goal-{goal.pk}"
    saved = GoalAssessment.objects.get(goal=goal, period=period(city))
    assert (saved.assessment, saved.analysis, saved.proposed, saved.revision) == (
        Assessment.PARTLY_MET,
        "Nöjdheten ökar.",
        Assessment.MET,
        1,
    )
    assert Plan.objects.filter(
        org_unit=city.unit, year=city.year, kind=PeriodKind.T1, status=Plan.Status.DRAFT
    ).exists()
    change = Change.objects.for_object(saved).get()
    assert (change.action, change.actor_id, change.goal_id) == (
        Change.Action.CREATE,
        user.pk,
        goal.pk,
    )
    assert change.fields["assessment"] == [None, Assessment.PARTLY_MET]


def test_accepting_the_proposal_takes_it_whatever_was_chosen(city, goal, anna):
    _user, client = anna
    page = client.get(page_url(city)).content.decode()
    data = sent(goal, page, assessment=Assessment.NOT_MET, analysis="")
    data["accept_proposal"] = "1"
    assert client.post(assess_url(city, goal), data).status_code == 302
    saved = GoalAssessment.objects.get(goal=goal)
    assert (saved.assessment, saved.proposed) == (Assessment.MET, Assessment.MET)


def test_htmx_gets_the_goal_back_saved_in_place(city, goal, english):
    page = english.get(page_url(city)).content.decode()
    response = english.post(
        assess_url(city, goal), sent(goal, page, assessment=Assessment.MET, analysis="Bra."), **HTMX
    )
    assert response.status_code == 200
    part = response.content.decode()
    assert part.lstrip().startswith(
        f'<section class="edit-group goal-assessment" id="goal-{goal.pk}"'
    )
    assert "The assessment was saved." in part
    assert revision_of(part, goal) == "1"


def test_an_updated_assessment_is_written_on_its_revision(city, goal, anna):
    _user, client = anna
    page = client.get(page_url(city)).content.decode()
    client.post(assess_url(city, goal), sent(goal, page, assessment=Assessment.MET, analysis="A"))
    page = client.get(page_url(city)).content.decode()
    client.post(assess_url(city, goal), sent(goal, page, assessment=Assessment.MET, analysis="B"))
    saved = GoalAssessment.objects.get(goal=goal)
    assert (saved.analysis, saved.revision) == ("B", 2)
    update = Change.objects.for_object(saved).get(action=Change.Action.UPDATE)
    assert update.fields == {"analysis": ["A", "B"]}


def test_without_a_choice_and_without_a_proposal_nothing_is_saved(city, bare_goal, anna):
    _user, client = anna
    page = client.get(page_url(city)).content.decode()
    data = sent(bare_goal, page, analysis="Text")
    data["accept_proposal"] = "1"  # there is none to accept
    response = client.post(assess_url(city, bare_goal), data)
    assert response.status_code == 422
    section = section_of(response.content.decode(), bare_goal)
    assert f'id="id_goal-{bare_goal.pk}-assessment_error"' in section
    assert "Text" in section
    assert not GoalAssessment.objects.exists()
    assert not Plan.objects.filter(kind=PeriodKind.T1).exists()


def test_a_goal_the_unit_does_not_own_cannot_be_assessed_here(city, council_goal, anna):
    response = anna[1].post(
        assess_url(city, council_goal), sent(council_goal, revision="0", assessment="met")
    )
    assert response.status_code == 404


# Who may ---------------------------------------------------------------------------------


def test_a_reader_sees_the_assessments_but_no_form_and_may_not_save(city, goal):
    create_validated(
        GoalAssessment,
        goal=goal,
        period=period(city),
        assessment=Assessment.MET,
        analysis="Allt enligt plan.",
        proposed=Assessment.MET,
    )
    _user, reader = person_with_browser(city.unit, "Lars", "Läsare", role=Role.READER)
    page = reader.get(page_url(city)).content.decode()
    assert "Allt enligt plan." in page
    assert 'type="radio"' not in page and "<textarea" not in page
    response = reader.post(
        assess_url(city, goal), sent(goal, revision="1", assessment="not_met", analysis="")
    )
    assert response.status_code == 403
    assert GoalAssessment.objects.get().assessment == Assessment.MET


def test_an_editor_of_a_sibling_unit_may_neither_read_nor_save(city, goal):
    _user, sibling_editor = person_with_browser(city.sibling, "Sara", "Syskon")
    assert sibling_editor.get(page_url(city)).status_code == 403
    data = sent(goal, revision="0", assessment="met", analysis="")
    assert sibling_editor.post(assess_url(city, goal), data).status_code == 403
    assert not GoalAssessment.objects.exists()


def test_a_report_marked_ready_can_no_longer_be_changed(city, goal, anna):
    factories.create_plan(
        org_unit=city.unit, year=city.year, kind=PeriodKind.T1, status=Plan.Status.READY
    )
    page = anna[1].get(page_url(city)).content.decode()
    assert 'type="radio"' not in page
    data = sent(goal, revision="0", assessment="met", analysis="")
    assert anna[1].post(assess_url(city, goal), data).status_code == 403
    assert not GoalAssessment.objects.exists()


# Two people at once ----------------------------------------------------------------------


def test_the_second_save_is_refused_shows_the_first_and_keeps_its_text(city, goal, anna, bertil):
    first = create_validated(
        GoalAssessment,
        goal=goal,
        period=period(city),
        assessment=Assessment.MET,
        analysis="Utkast.",
        proposed=Assessment.MET,
    )
    anna_page = anna[1].get(page_url(city)).content.decode()
    bertil_page = bertil[1].get(page_url(city)).content.decode()
    saved = anna[1].post(
        assess_url(city, goal),
        sent(goal, anna_page, assessment=Assessment.MET, analysis="Annas analys."),
    )
    assert saved.status_code == 302
    bertil[1].cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    refused = bertil[1].post(
        assess_url(city, goal),
        sent(goal, bertil_page, assessment=Assessment.PARTLY_MET, analysis="Bertils analys."),
    )
    assert refused.status_code == 409
    first.refresh_from_db()
    assert (first.assessment, first.analysis) == (Assessment.MET, "Annas analys.")
    section = section_of(refused.content.decode(), goal)
    assert "Someone else saved this while you were writing" in section
    assert "Anna Andersson" in section and "Annas" in section  # her change, as a diff
    assert "Bertils analys." in section  # his text is still in the form
    assert re.search(r'value="partly_met"[^>]* checked', section)
    assert revision_of(section, goal) == "2"
    again = bertil[1].post(
        assess_url(city, goal),
        sent(goal, section, assessment=Assessment.PARTLY_MET, analysis="Bertils analys."),
    )
    assert again.status_code == 302
    first.refresh_from_db()
    assert (first.assessment, first.analysis, first.revision) == (
        Assessment.PARTLY_MET,
        "Bertils analys.",
        3,
    )
    whos = [change.actor_name for change in Change.objects.for_object(first).order_by("pk")]
    assert whos == ["", "Anna Andersson", "Bertil Berg"]


def test_an_assessment_someone_else_made_first_is_not_overwritten_unseen(city, goal, anna, bertil):
    anna_page = anna[1].get(page_url(city)).content.decode()
    bertil_page = bertil[1].get(page_url(city)).content.decode()
    anna[1].post(
        assess_url(city, goal), sent(goal, anna_page, assessment="met", analysis="Anna först.")
    )
    refused = bertil[1].post(
        assess_url(city, goal),
        sent(goal, bertil_page, assessment="not_met", analysis="Bertil."),
        **HTMX,
    )
    assert refused.status_code == 409
    assert refused.content.decode().lstrip().startswith("<section")
    assert GoalAssessment.objects.get().analysis == "Anna först."


# What the proposal rests on ----------------------------------------------------------------


def reasons(city, goal, kind=PeriodKind.T1):
    with translation.override("en"):
        proposal = proposals_for(
            unit=city.unit, year=city.year, period=period(city, kind), goals=[goal]
        )[goal.pk]
        return proposal.assessment, proposal.reasons


def test_the_units_own_target_wins_over_the_one_above(city, council_goal):
    goal = factories.create_goal(level="unit", owner=city.unit, year=city.year, parent=council_goal)
    indicator = factories.create_indicator(name="Andel", goal=goal)
    factories.create_target(indicator=indicator, org_unit=city.council, year=city.year, text="90 %")
    factories.create_target(
        indicator=indicator, org_unit=city.municipality, year=city.year, text="95 %"
    )
    factories.create_outcome(indicator=indicator, org_unit=city.unit, period=period(city), value=80)
    assert reasons(city, goal)[1] == [
        "Andel: outcome 80 % against the annual target 90 % – target not met"
    ]
    factories.create_target(indicator=indicator, org_unit=city.unit, year=city.year, text="78 %")
    assert reasons(city, goal)[1] == [
        "Andel: outcome 80 % against the annual target 78 % – target met"
    ]


def test_the_target_is_the_version_in_force_at_the_end_of_the_period(city, council_goal):
    goal = factories.create_goal(level="unit", owner=city.unit, year=city.year, parent=council_goal)
    indicator = factories.create_indicator(name="Andel", goal=goal)
    factories.create_target(indicator=indicator, org_unit=city.unit, year=city.year, text="70 %")
    parsed = parse_target("85 %")
    create_validated(
        Target,
        indicator=indicator,
        org_unit=city.unit,
        year=city.year,
        version=2,
        kind=parsed.kind,
        value=parsed.value,
        unit=parsed.unit,
        original_text=parsed.original_text,
        valid_from=datetime.date(2026, 6, 1),
    )
    for kind in (PeriodKind.T1, PeriodKind.T2):
        factories.create_outcome(
            indicator=indicator, org_unit=city.unit, period=period(city, kind), value=80
        )
    assert reasons(city, goal, PeriodKind.T1)[0] == Assessment.MET  # 80 against 70
    assert reasons(city, goal, PeriodKind.T2)[0] == Assessment.NOT_MET  # 80 against 85


def test_increase_compares_the_total_with_the_same_period_last_year(city, council_goal):
    last_year = factories.get_or_create_year(number=2025)
    goal = factories.create_goal(level="unit", owner=city.unit, year=city.year, parent=council_goal)
    indicator = factories.create_indicator(name="Besök", unit="st", by_sex=True, goal=goal)
    factories.create_target(indicator=indicator, org_unit=city.unit, year=city.year, text="öka")
    assert reasons(city, goal) == (None, ["Besök: no outcome yet"])
    for value, sex in ((120, Outcome.Sex.TOTAL), (200, Outcome.Sex.WOMEN)):
        factories.create_outcome(
            indicator=indicator, org_unit=city.unit, period=period(city), value=value, sex=sex
        )
    assert reasons(city, goal)[0] is None  # nothing to compare with yet
    # Last year's T2 and another unit's T1 are not the same period of the unit.
    factories.create_outcome(
        indicator=indicator,
        org_unit=city.unit,
        period=period(city, PeriodKind.T2, last_year),
        value=50,
    )
    factories.create_outcome(
        indicator=indicator, org_unit=city.sibling, period=period(city, year=last_year), value=50
    )
    assert reasons(city, goal)[0] is None
    factories.create_outcome(
        indicator=indicator, org_unit=city.unit, period=period(city, year=last_year), value=130
    )
    assert reasons(city, goal) == (
        Assessment.NOT_MET,
        [
            "Besök: outcome 120 st against 130 st the same period last year, "
            "annual target “öka” – target not met"
        ],
    )


def test_the_goals_activities_count_with_the_units_statuses_of_the_period(city, goal):
    activity = goal.activities.get()
    create_validated(
        ActivityStatus,
        activity=activity,
        org_unit=city.unit,
        period=period(city, PeriodKind.T2),
        status=ActivityStatus.Status.DELAYED,
    )
    assert reasons(city, goal)[0] == Assessment.MET  # T2's status is not T1's
    create_validated(
        ActivityStatus,
        activity=activity,
        org_unit=city.unit,
        period=period(city),
        status=ActivityStatus.Status.CANCELLED,
    )
    assessment, why = reasons(city, goal)
    assert assessment == Assessment.PARTLY_MET
    assert why[-1].startswith("Activities: 1 of 1 delayed, cancelled")


# Queries ---------------------------------------------------------------------------------


def build(city, size):
    """`size` goals, each with `size` indicators (targets, outcomes now and last year) and
    `size` activities with statuses, and an assessment."""
    last_year = factories.get_or_create_year(number=2025)
    council_goal = goal_chain(city)
    for index in range(size):
        goal = factories.create_goal(
            level="unit", owner=city.unit, year=city.year, parent=council_goal, position=index
        )
        for position in range(size):
            indicator = factories.create_indicator(
                goal=goal, direction=Indicator.Direction.LOWER_IS_BETTER
            )
            factories.create_target(
                indicator=indicator,
                org_unit=city.unit if position % 2 else city.council,
                year=city.year,
                text="öka" if position % 3 == 0 else "10 %",
            )
            for year, value in ((city.year, 9), (last_year, 8)):
                factories.create_outcome(
                    indicator=indicator,
                    org_unit=city.unit,
                    period=period(city, year=year),
                    value=value,
                )
            activity = factories.create_activity(goal=goal, position=position)
            create_validated(
                ActivityStatus,
                activity=activity,
                org_unit=city.unit,
                period=period(city),
                status=ActivityStatus.Status.ONGOING,
            )
        create_validated(GoalAssessment, goal=goal, period=period(city), assessment=Assessment.MET)


@pytest.mark.parametrize("size", [1, 4])
def test_the_page_runs_the_same_queries_however_many_goals(city, size, django_assert_num_queries):
    build(city, size)
    user = factories.create_user()
    factories.create_membership(user=user, org_unit=city.unit, role=Role.EDITOR)
    client = Client()
    client.force_login(user)
    url = page_url(city)
    client.get(url)  # warm the caches of levels and the like
    with django_assert_num_queries(14):
        response = client.get(url)
    page = response.content.decode()
    assert page.count('name="goal-') == size * 5  # the revision, three choices, the analysis
    assert page.count("<li>") >= size * (size + 1)  # a reason per indicator and the activities
