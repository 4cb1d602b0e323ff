"""The history pages of a plan and of a goal: who changed what and when, kept after deletion,
filtered by person and dates, readable by the plan's readers only, in a fixed number of queries."""

import datetime
import re

import pytest
from django.urls import reverse

from styrkedja.goals import levels
from styrkedja.goals.models import ExpectedResult, Goal
from styrkedja.goals.services import delete_goal_content
from styrkedja.history.models import Change
from styrkedja.history.recording import acting
from styrkedja.history.writes import create_validated, update_edited
from styrkedja.org.models import Role
from styrkedja.plans.models import PlanGoal, PlanSection
from styrkedja.testing import factories

UTC = datetime.UTC


@pytest.fixture
def plan(city):
    return factories.create_plan(org_unit=city.unit, year=city.year)


@pytest.fixture
def council_goal(city):
    direction = factories.create_goal(
        level=levels.DIRECTION, owner=city.municipality, year=city.year, number="1"
    )
    area = factories.create_goal(
        level=levels.AREA, owner=city.municipality, year=city.year, parent=direction, number="1.1"
    )
    return factories.create_goal(
        level=levels.COUNCIL,
        owner=city.council,
        year=city.year,
        parent=area,
        number="1.1.1",
        title="Barn mår bra",
    )


@pytest.fixture
def goal(city, council_goal):
    return factories.create_goal(
        level=levels.UNIT,
        owner=city.unit,
        year=city.year,
        parent=council_goal,
        title="Familjer får stöd i tid",
        ways_of_working="Vi arbetar med tidiga insatser.",
        expected_results=["Väntetiden är kort"],
    )


def person(unit, role, first_name, last_name):
    user = factories.create_user(first_name=first_name, last_name=last_name)
    factories.create_membership(user=user, org_unit=unit, role=role)
    return user


@pytest.fixture
def eva(city):
    return person(city.unit, Role.EDITOR, "Eva", "Ek")


@pytest.fixture
def olle(city):
    return person(city.unit, Role.EDITOR, "Olle", "Berg")


@pytest.fixture
def reader(client, city):
    user = person(city.unit, Role.READER, "Rut", "Läsare")
    client.force_login(user)
    return user


def plan_history_url(plan):
    return reverse("history:index", args=[plan.pk])


def goal_history_url(plan, goal_id):
    return reverse("history:goal", args=[plan.pk, goal_id])


def edit(goal, user, **values):
    with acting(user=user):
        update_edited(goal, base_revision=None, **values)


def entries_of(response):
    return response.context["entries"]


def labels_of(response):
    return [entry.change.object_label for entry in entries_of(response)]


# What an entry shows ----------------------------------------------------------------------


def test_an_edit_on_the_goal_page_is_in_the_plans_history_with_editor_and_fields(
    client, plan, goal, eva, reader
):
    client.force_login(eva)
    response = client.post(
        reverse("goals:edit", args=[plan.pk, goal.pk]),
        {"title": "Familjer får stöd snabbt", "ways_of_working": "Vi arbetar med tidiga insatser."},
    )
    assert response.status_code == 302
    client.force_login(reader)
    response = client.get(plan_history_url(plan))
    assert response.status_code == 200
    (entry,) = entries_of(response)
    assert entry.change.who == "Eva Ek"
    assert entry.change.action == Change.Action.UPDATE
    (row,) = entry.fields  # the unchanged ways of working are not listed
    assert "".join(p.text for p in row.before) == "Familjer får stöd i tid"
    assert "".join(p.text for p in row.after) == "Familjer får stöd snabbt"
    html = response.content.decode()
    assert "Eva Ek" in html and "Familjer får stöd snabbt" in html
    # The word difference: the removed words struck out, the added ones marked, in words too.
    assert re.search(r"<del><span class=\"ds-sr-only\">[^<]+</span>i tid</del>", html)
    assert re.search(r"<ins><span class=\"ds-sr-only\">[^<]+</span>snabbt</ins>", html)


def test_the_action_is_written_out_and_the_time_is_local(client, plan, goal, eva, reader):
    with acting(user=eva):
        create_validated(PlanSection, plan=plan, heading="Inledning", body="Hej.", position=0)
    # 23.30 UTC on 1 March is 00.30 on 2 March in Stockholm.
    Change.objects.update(at=datetime.datetime(2026, 3, 1, 23, 30, tzinfo=UTC))
    html = client.get(plan_history_url(plan)).content.decode()
    assert "2 mars 2026 00:30" in html
    assert str(Change.Action.CREATE.label).capitalize() in html
    assert 'datetime="2026-03-02T00:30:00+01:00"' in html


def test_the_goal_page_lists_only_that_goals_changes(client, plan, goal, council_goal, eva, reader):
    other = factories.create_goal(
        level=levels.UNIT, owner=plan.org_unit, year=plan.year, parent=council_goal, title="Annat"
    )
    edit(goal, eva, title="Familjer får stöd direkt")
    edit(other, eva, title="Annat mål")
    (result,) = goal.expected_results.all()
    edit(result, eva, text="Väntetiden är mycket kort")
    response = client.get(goal_history_url(plan, goal.pk))
    assert response.status_code == 200
    assert labels_of(response) == ["Väntetiden är mycket kort", "Familjer får stöd direkt"]
    assert response.context["goal_label"] == "Familjer får stöd direkt"
    assert not response.context["goal_deleted"]
    plan_page = client.get(plan_history_url(plan))
    assert labels_of(plan_page) == [
        "Väntetiden är mycket kort",
        "Annat mål",
        "Familjer får stöd direkt",
    ]
    assert goal_history_url(plan, goal.pk) in plan_page.content.decode()


# Deleted goals ----------------------------------------------------------------------------


def test_a_deleted_goal_keeps_its_history_on_the_plan_and_goal_pages(
    client, plan, goal, eva, reader
):
    edit(goal, eva, title="Familjer får stöd snabbt")
    client.force_login(eva)
    response = client.post(reverse("goals:delete", args=[plan.pk, goal.pk]))
    assert response.status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()
    client.force_login(reader)

    plan_page = client.get(plan_history_url(plan))
    deletions = [e for e in entries_of(plan_page) if e.change.action == Change.Action.DELETE]
    assert {e.change.object_label for e in deletions} == {
        "Familjer får stöd snabbt",
        "Väntetiden är kort",
    }
    assert all(e.change.who == "Eva Ek" for e in deletions)
    # Deleted content is listed with what it last held.
    (goal_deletion,) = [e for e in deletions if e.change.object_type == "goals.goal"]
    before = {row.label: "".join(p.text for p in row.before) for row in goal_deletion.fields}
    assert "Vi arbetar med tidiga insatser." in before.values()
    assert all(row.after == [] for row in goal_deletion.fields)

    goal_page = client.get(goal_history_url(plan, goal.pk))
    assert goal_page.status_code == 200
    assert goal_page.context["goal_deleted"]
    assert goal_page.context["goal_label"] == "Familjer får stöd snabbt"
    assert [e.change.action for e in entries_of(goal_page)][-1] == Change.Action.UPDATE
    assert len(entries_of(goal_page)) == 3  # the edit, and the goal and its result deleted
    assert "Familjer får stöd snabbt" in goal_page.content.decode()


def test_a_deleted_goal_of_another_unit_is_not_found_through_this_plan(
    client, city, plan, council_goal, eva, reader
):
    theirs = factories.create_goal(
        level=levels.UNIT, owner=city.sibling, year=city.year, parent=council_goal, title="Deras"
    )
    theirs_id = theirs.pk
    with acting(user=eva):
        delete_goal_content(theirs)
    assert client.get(goal_history_url(plan, theirs_id)).status_code == 404
    sibling_plan = factories.create_plan(org_unit=city.sibling, year=city.year)
    client.force_login(person(city.sibling, Role.READER, "Sam", "Syskon"))
    response = client.get(goal_history_url(sibling_plan, theirs_id))
    assert response.status_code == 200
    assert response.context["goal_label"] == "Deras"


# Filters and pages ------------------------------------------------------------------------


def test_the_person_filter_offers_the_people_and_imports_and_keeps_to_the_chosen_one(
    client, plan, goal, eva, olle, reader
):
    edit(goal, eva, title="Evas titel")
    edit(goal, olle, title="Olles titel")
    with acting(import_job_id=7, import_name="vp-2026.docx"):
        update_edited(goal, base_revision=None, title="Importerad titel")
    response = client.get(plan_history_url(plan))
    choices = dict(response.context["form"].fields["person"].choices)
    assert choices[f"person-{eva.pk}"] == "Eva Ek"
    assert choices[f"person-{olle.pk}"] == "Olle Berg"
    assert "vp-2026.docx" in choices["import-7"]
    assert f'<option value="person-{eva.pk}">Eva Ek</option>' in response.content.decode()

    only_eva = client.get(plan_history_url(plan), {"person": f"person-{eva.pk}"})
    assert labels_of(only_eva) == ["Evas titel"]
    only_import = client.get(plan_history_url(plan), {"person": "import-7"})
    assert labels_of(only_import) == ["Importerad titel"]
    assert only_import.context["form"]["person"].value() == "import-7"  # the choice is kept
    everyone = client.get(plan_history_url(plan), {"person": ""})
    assert len(entries_of(everyone)) == 3


def test_the_date_filter_includes_both_days_in_local_time(client, plan, goal, eva, reader):
    edit(goal, eva, title="Före")
    edit(goal, eva, title="Natten")
    edit(goal, eva, title="Efter")
    times = {
        "Före": datetime.datetime(2026, 2, 28, 12, 0, tzinfo=UTC),
        # 00.30 on 2 March in Stockholm: a change of the 2nd, though UTC says the 1st.
        "Natten": datetime.datetime(2026, 3, 1, 23, 30, tzinfo=UTC),
        "Efter": datetime.datetime(2026, 3, 5, 9, 0, tzinfo=UTC),
    }
    for label, at in times.items():
        Change.objects.filter(object_label=label).update(at=at)

    def shown(**dates):
        response = client.get(plan_history_url(plan), dates)
        assert response.status_code == 200
        return labels_of(response)

    assert shown(from_date="2026-03-02", to_date="2026-03-02") == ["Natten"]
    assert shown(to_date="2026-03-01") == ["Före"]
    assert shown(from_date="2026-03-02") == ["Efter", "Natten"]
    assert shown(from_date="2026-02-28", to_date="2026-03-05") == ["Efter", "Natten", "Före"]
    assert shown(from_date="2026-03-06") == []


def test_a_bad_date_is_refused_with_a_message(client, plan, goal, eva, reader):
    edit(goal, eva, title="Något")
    response = client.get(plan_history_url(plan), {"from_date": "31/3/2026"})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'role="alert"' in html and "2026-03-31" in html
    assert 'aria-invalid="true"' in html
    assert response.context["entries"] == []
    backwards = client.get(
        plan_history_url(plan), {"from_date": "2026-03-05", "to_date": "2026-03-01"}
    )
    assert backwards.status_code == 422
    assert backwards.context["form"].errors["to_date"]
    unknown = client.get(goal_history_url(plan, goal.pk), {"person": "person-999999"})
    assert unknown.status_code == 422


def test_long_histories_come_in_pages_of_fifty_that_keep_the_filter(
    client, plan, goal, eva, reader
):
    for n in range(55):
        edit(goal, eva, title=f"Titel {n}")
    filters = {"person": f"person-{eva.pk}", "from_date": "2000-01-01"}
    first = client.get(plan_history_url(plan), filters)
    assert len(entries_of(first)) == 50
    assert labels_of(first)[0] == "Titel 54"
    html = first.content.decode()
    older = re.search(r'<a class="ds-link" rel="next" href="([^"]+)"', html)
    assert older is not None
    assert 'rel="prev"' not in html
    second = client.get(plan_history_url(plan) + older.group(1).replace("&amp;", "&"))
    assert second.context["form"].cleaned_data["person"] == f"person-{eva.pk}"
    assert labels_of(second) == [f"Titel {n}" for n in range(4, -1, -1)]
    assert 'rel="prev"' in second.content.decode()


def test_an_empty_history_says_so(client, plan, goal, reader):
    response = client.get(plan_history_url(plan))
    assert response.status_code == 200
    assert response.context["entries"] == []
    assert response.context["page"].paginator.count == 0


# Access ------------------------------------------------------------------------------------


def test_readers_of_the_unit_see_the_history_and_others_do_not(client, city, plan, goal, eva):
    edit(goal, eva, title="Ny titel")
    urls = [plan_history_url(plan), goal_history_url(plan, goal.pk)]
    for url in urls:
        assert client.get(url).status_code == 302  # anonymous: to the login page
        assert reverse("login") in client.get(url)["Location"]
    client.force_login(person(city.unit, Role.READER, "Rut", "Läsare"))
    for url in urls:
        assert client.get(url).status_code == 200
    client.force_login(person(city.sibling, Role.EDITOR, "Sam", "Syskon"))
    for url in urls:
        assert client.get(url).status_code in (403, 404)
    client.force_login(person(city.other_unit, Role.ADMINISTRATOR, "Ali", "Annan"))
    for url in urls:
        assert client.get(url).status_code in (403, 404)


def test_goals_the_plan_does_not_show_are_not_found(client, city, plan, goal, council_goal, reader):
    sibling_goal = factories.create_goal(
        level=levels.UNIT, owner=city.sibling, year=city.year, parent=council_goal
    )
    next_year = factories.get_or_create_year(number=2027)
    later_goal = factories.create_goal(
        level=levels.DIRECTION, owner=city.municipality, year=next_year
    )
    for goal_id in (sibling_goal.pk, later_goal.pk, 999999):
        assert client.get(goal_history_url(plan, goal_id)).status_code == 404
    # A goal from above that the plan shows has its history here.
    assert client.get(goal_history_url(plan, council_goal.pk)).status_code == 200
    assert client.get(reverse("history:index", args=[999999])).status_code == 404


def test_other_plans_choices_about_a_goal_stay_out_of_its_history(
    client, city, plan, goal, council_goal, eva, reader
):
    sibling_plan = factories.create_plan(org_unit=city.sibling, year=city.year)
    with acting(user=eva):
        create_validated(PlanGoal, plan=sibling_plan, goal=council_goal, title="Deras urval")
        create_validated(PlanGoal, plan=plan, goal=council_goal, title="Vårt urval")
    entries = entries_of(client.get(goal_history_url(plan, council_goal.pk)))
    assert [entry.change.plan_id for entry in entries] == [plan.pk]
    assert Change.objects.for_goal(council_goal.pk).count() == 2


# Links to the pages ------------------------------------------------------------------------


def test_the_plan_plan_edit_and_goal_pages_link_to_the_history(client, city, plan, goal, eva):
    client.force_login(eva)
    plan_page = client.get(reverse("ui:plan", args=[city.unit.pk, city.year.number]))
    assert f'href="{plan_history_url(plan)}"' in plan_page.content.decode()
    edit_page = client.get(reverse("plans:edit", args=[plan.pk]))
    assert f'href="{plan_history_url(plan)}"' in edit_page.content.decode()
    goal_page = client.get(reverse("goals:edit", args=[plan.pk, goal.pk]))
    assert f'href="{goal_history_url(plan, goal.pk)}"' in goal_page.content.decode()


# Query count -------------------------------------------------------------------------------


def record_changes(city, plan, goal, size):
    """`size` changes of goals, expected results and sections, by size // 3 people and imports."""
    people = [person(city.unit, Role.EDITOR, f"Person{n}", "Test") for n in range(size // 3 + 1)]
    section = factories.create_section(plan=plan, heading="Inledning")
    for n in range(size):
        who = {"user": people[n % len(people)]}
        if n % 4 == 3:
            who = {"import_job_id": n, "import_name": f"fil-{n}.docx"}
        with acting(**who):
            kind = n % 3
            if kind == 0:
                update_edited(goal, base_revision=None, ways_of_working=f"Vi arbetar {n} gånger.")
            elif kind == 1:
                create_validated(ExpectedResult, goal=goal, text=f"Res {n}")
            else:
                update_edited(section, base_revision=None, body=f"Text nummer {n}.")


# Session, user, plan, memberships; then the people in the filter, the count and the page.
PLAN_PAGE_QUERIES = 7
# The same, and the goal among the plan's goals (and, once deleted, its last change).
GOAL_PAGE_QUERIES = {False: 8, True: 9}


@pytest.mark.parametrize("size", [3, 30])
def test_the_plan_history_runs_a_fixed_number_of_queries(
    client, city, plan, goal, reader, size, django_assert_num_queries
):
    record_changes(city, plan, goal, size)
    url = plan_history_url(plan)
    client.get(url)
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        response = client.get(url, {"from_date": "2000-01-01"})
    assert len(entries_of(response)) == size
    assert len(response.context["form"].fields["person"].choices) > size // 3


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("deleted", [False, True])
def test_the_goal_history_runs_a_fixed_number_of_queries(
    client, city, plan, goal, reader, size, deleted, django_assert_num_queries
):
    record_changes(city, plan, goal, size)
    goal_id = goal.pk
    if deleted:
        with acting(user=None):
            delete_goal_content(goal)
    url = goal_history_url(plan, goal_id)
    client.get(url)
    with django_assert_num_queries(GOAL_PAGE_QUERIES[deleted]):
        response = client.get(url)
    assert response.status_code == 200
    assert len(entries_of(response)) == Change.objects.for_goal(goal_id).count() >= size * 2 // 3
