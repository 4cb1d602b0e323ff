"""No lost edits on goals: two redaktörer of a unit edit the same goal through the views.

The first save wins; the second, made on the older revision, is refused with what the first
changed, keeps its text in the form, and goes through when sent again.
"""

import re

import pytest
from django.urls import reverse

from styrkedja.goals import levels
from styrkedja.goals.models import ExpectedResult, Goal
from styrkedja.history.models import Change
from styrkedja.testing import factories
from styrkedja.testing.conflicts import person_with_browser, revision_in

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def goal(city):
    above = None
    for level, owner in (
        (levels.DIRECTION, city.municipality),
        (levels.AREA, city.municipality),
        (levels.COUNCIL, city.council),
    ):
        above = factories.create_goal(level=level, owner=owner, year=city.year, parent=above)
    return factories.create_goal(
        level=levels.UNIT,
        owner=city.unit,
        year=city.year,
        parent=above,
        title="Familjer får stöd i tid",
        ways_of_working="Vi arbetar med tidiga insatser.",
        expected_results=["Väntetiden är kort"],
    )


@pytest.fixture
def plan(city):
    return factories.create_plan(org_unit=city.unit, year=city.year)


@pytest.fixture
def anna(city):
    user, client = person_with_browser(city.unit, "Anna", "Redaktör")
    return client, user


@pytest.fixture
def bo(city):
    user, client = person_with_browser(city.unit, "Bo", "Redaktör")
    return client, user


def goal_fields(**values):
    return {
        "title": "Familjer får stöd i tid",
        "ways_of_working": "Vi arbetar med tidiga insatser.",
        "resource_use": "",
        "follow_up": "",
        "development": "",
        **values,
    }


def test_the_second_save_is_refused_shows_the_first_and_keeps_its_text(plan, goal, anna, bo):
    anna_client, _ = anna
    bo_client, _ = bo
    url = reverse("goals:edit", args=[plan.pk, goal.pk])
    anna_revision = revision_in(anna_client.get(url).content.decode())
    bo_revision = revision_in(bo_client.get(url).content.decode())

    saved = anna_client.post(
        url, goal_fields(title="Familjer får stöd inom en vecka", base_revision=anna_revision)
    )
    assert saved.status_code == 302
    refused = bo_client.post(
        url,
        goal_fields(ways_of_working="Bos nya arbetssätt.", base_revision=bo_revision),
    )
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Någon annan har sparat" in page and "Anna Redaktör" in page
    # Anna's change, word by word, and Bo's text, still in the form.
    assert "inom en vecka" in page and "<del>" in page and "<ins>" in page
    assert "Bos nya arbetssätt." in page
    goal.refresh_from_db()
    assert goal.title == "Familjer får stöd inom en vecka"
    assert goal.ways_of_working == "Vi arbetar med tidiga insatser."

    # The form now holds Anna's title (Bo left it alone) and Bo's text, on Anna's revision.
    assert re.search(
        r'<textarea name="title"[^>]*>\s*Familjer får stöd inom en vecka</textarea>', page
    )
    assert re.search(
        r'<textarea name="ways_of_working"[^>]*>\s*Bos nya arbetssätt.</textarea>', page
    )
    assert revision_in(page) == "2"
    saved = bo_client.post(
        url,
        goal_fields(
            title="Familjer får stöd inom en vecka",
            ways_of_working="Bos nya arbetssätt.",
            base_revision=revision_in(page),
        ),
    )
    assert saved.status_code == 302
    goal.refresh_from_db()
    assert (goal.title, goal.ways_of_working, goal.revision) == (
        "Familjer får stöd inom en vecka",
        "Bos nya arbetssätt.",
        3,
    )
    whos = [change.actor_name for change in Change.objects.for_object(goal).order_by("pk")]
    assert whos == ["Anna Redaktör", "Bo Redaktör"]


def test_discarding_reloads_the_saved_version(plan, goal, anna, bo):
    anna_client, _ = anna
    bo_client, _ = bo
    url = reverse("goals:edit", args=[plan.pk, goal.pk])
    anna_client.post(url, goal_fields(title="Annas titel", base_revision="1"))
    page = bo_client.post(url, goal_fields(title="Bos titel", base_revision="1")).content.decode()
    assert f'href="{url}"' in page  # "Ta bort mina ändringar" goes back to the saved goal
    reloaded = bo_client.get(url).content.decode()
    assert "Annas titel" in reloaded and "Bos titel" not in reloaded
    assert revision_in(reloaded) == "2"


def test_an_inline_save_in_the_outline_is_refused_the_same_way(plan, goal, anna, bo):
    url = reverse("goals:edit", args=[plan.pk, goal.pk])
    anna[0].post(url, goal_fields(title="Annas titel", base_revision="1"), **HTMX)
    refused = bo[0].post(url, goal_fields(title="Bos titel", base_revision="1"), **HTMX)
    assert refused.status_code == 409
    page = refused.content.decode()
    assert page.lstrip().startswith(f'<div id="goal-{goal.pk}"')  # the row, for htmx to swap
    assert "Annas titel" in page and "Bos titel" in page
    assert Goal.objects.get(pk=goal.pk).title == "Annas titel"


def test_saving_what_is_already_saved_is_no_conflict(plan, goal, anna, bo):
    url = reverse("goals:edit", args=[plan.pk, goal.pk])
    anna[0].post(url, goal_fields(title="Samma titel", base_revision="1"))
    response = bo[0].post(url, goal_fields(title="Samma titel", base_revision="1"))
    assert response.status_code == 302
    assert Change.objects.for_object(goal).count() == 1


def test_an_expected_result_edited_meanwhile_is_not_overwritten(plan, goal, anna, bo):
    result = ExpectedResult.objects.get(goal=goal)
    url = reverse("goals:result_edit", args=[plan.pk, goal.pk, result.pk])
    form = bo[0].get(url, **HTMX).content.decode()
    revision = revision_in(form, "result-base_revision")
    anna[0].post(url, {"result-text": "Väntetiden är en vecka", "result-base_revision": revision})
    refused = bo[0].post(
        url, {"result-text": "Väntetiden är kortare", "result-base_revision": revision}, **HTMX
    )
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "en vecka" in page and "Väntetiden är kortare" in page
    result.refresh_from_db()
    assert result.text == "Väntetiden är en vecka"


def test_an_expected_result_changed_since_is_not_removed(plan, goal, anna, bo):
    result = ExpectedResult.objects.get(goal=goal)
    page = bo[0].get(reverse("goals:edit", args=[plan.pk, goal.pk])).content.decode()
    remove_form = page[
        page.index(reverse("goals:result_remove", args=[plan.pk, goal.pk, result.pk])) :
    ]
    revision = revision_in(remove_form)
    anna[0].post(
        reverse("goals:result_edit", args=[plan.pk, goal.pk, result.pk]),
        {"result-text": "Väntetiden är en vecka", "result-base_revision": revision},
    )
    response = bo[0].post(
        reverse("goals:result_remove", args=[plan.pk, goal.pk, result.pk]),
        {"base_revision": revision},
        **HTMX,
    )
    assert response.status_code == 409
    assert "Anna Redaktör" in response.content.decode()
    assert ExpectedResult.objects.filter(pk=result.pk).exists()


def test_a_goal_changed_after_the_delete_page_was_opened_is_not_deleted(plan, goal, anna, bo):
    delete_url = reverse("goals:delete", args=[plan.pk, goal.pk])
    revision = revision_in(bo[0].get(delete_url).content.decode())
    anna[0].post(
        reverse("goals:edit", args=[plan.pk, goal.pk]),
        goal_fields(title="Annas titel", base_revision=revision),
    )
    response = bo[0].post(delete_url, {"base_revision": revision})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Annas titel" in page and revision_in(page) == "2"
    assert Goal.objects.filter(pk=goal.pk).exists()
    assert bo[0].post(delete_url, {"base_revision": "2"}).status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()
    # The deleted goal's last content stays in the history.
    deleted = Change.objects.for_goal(goal.pk).get(
        action=Change.Action.DELETE, object_type="goals.goal"
    )
    assert deleted.fields["title"] == ["Annas titel", None] and deleted.actor_name == "Bo Redaktör"
