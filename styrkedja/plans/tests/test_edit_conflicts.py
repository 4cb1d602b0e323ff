"""No lost edits in a plan: two editors of the same section, or of the plan's wording of a
goal from above. A save or a delete based on a revision someone else has saved since is
refused with what they changed, and nothing is written."""

import pytest
from django.urls import reverse

from styrkedja.history.models import Change
from styrkedja.plans.models import PlanGoal, PlanSection
from styrkedja.testing import factories
from styrkedja.testing.conflicts import revision_in, their_change_in

ORIGINAL = "Enheten arbetar med barn och familjer"
THEIRS = "Enheten arbetar varje dag med barn och familjer"
MINE = "Enheten arbetar med barn och familjer i hela stadsdelen"


@pytest.fixture
def plan(city):
    return factories.create_plan(org_unit=city.unit, year=city.year)


def updates_of(instance):
    return list(Change.objects.for_object(instance).filter(action="update").order_by("at", "pk"))


HTMX = pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])


# Sections ---------------------------------------------------------------------------------


@pytest.fixture
def section(plan):
    return factories.create_section(plan=plan, heading="Uppdrag", body=ORIGINAL)


def section_url(name, section):
    return reverse(f"plans:{name}", args=[section.plan_id, section.pk])


def section_data(body, revision, heading="Uppdrag"):
    return {
        "heading": heading,
        "level": 1,
        "placement": "opening",
        "body": body,
        "base_revision": revision,
    }


@HTMX
def test_a_section_saved_on_an_old_revision_is_refused_with_their_change_and_my_text_kept(
    section, anna, bertil, htmx
):
    (anna_user, anna_client), (bertil_user, bertil_client) = anna, bertil
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = section_url("section_edit", section)
    annas_revision = revision_in(anna_client.get(url, **headers).content.decode())
    bertils_revision = revision_in(bertil_client.get(url).content.decode())
    assert bertil_client.post(url, section_data(THEIRS, bertils_revision)).status_code == 302

    refused = anna_client.post(url, section_data(MINE, annas_revision), **headers)

    assert refused.status_code == 409
    page = refused.content.decode()
    if htmx:
        assert page.strip().startswith(f'<li id="section-{section.pk}" class="edit-row editing">')
    assert 'id="conflict"' in page
    assert "Bertil Berg" in page
    assert their_change_in(page) == ["varje dag "]
    assert f"{MINE}</textarea>" in page
    assert f'<a class="ds-link" href="{url}">' in page  # discard my changes
    section.refresh_from_db()
    assert section.body == THEIRS

    rebased = revision_in(page)
    assert rebased == str(section.revision) != annas_revision
    saved = anna_client.post(url, section_data(MINE, rebased), **headers)
    assert saved.status_code == (200 if htmx else 302)
    section.refresh_from_db()
    assert section.body == MINE
    assert [(change.actor, change.fields["body"]) for change in updates_of(section)] == [
        (bertil_user, [ORIGINAL, THEIRS]),
        (anna_user, [THEIRS, MINE]),
    ]


def test_saving_a_section_as_it_is_stored_is_no_conflict(section, anna, bertil):
    (_anna_user, anna_client), (_bertil_user, bertil_client) = anna, bertil
    url = section_url("section_edit", section)
    annas_revision = revision_in(anna_client.get(url).content.decode())
    bertil_client.post(url, section_data(THEIRS, annas_revision))
    assert anna_client.post(url, section_data(THEIRS, annas_revision)).status_code == 302
    section.refresh_from_db()
    assert (section.body, section.revision) == (THEIRS, 2)
    assert len(updates_of(section)) == 1


def test_a_section_changed_after_the_delete_was_confirmed_is_kept(section, anna, bertil):
    (anna_user, anna_client), (bertil_user, bertil_client) = anna, bertil
    url = section_url("section_delete", section)
    confirmed = revision_in(anna_client.get(url).content.decode())
    edit = section_url("section_edit", section)
    bertil_client.post(edit, section_data(THEIRS, confirmed))

    refused = anna_client.post(url, {"base_revision": confirmed})

    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Bertil Berg" in page  # the message names who changed it
    assert THEIRS in page  # and the page shows the section as it is now
    assert PlanSection.objects.filter(pk=section.pk).exists()

    assert anna_client.post(url, {"base_revision": revision_in(page)}).status_code == 302
    assert not PlanSection.objects.filter(pk=section.pk).exists()
    changes = Change.objects.for_object(section).order_by("at", "pk")
    assert [(change.action, change.actor) for change in changes] == [
        ("update", bertil_user),
        ("delete", anna_user),
    ]


# The plan's wording of a goal from above --------------------------------------------------


@pytest.fixture
def council_goal(city):
    direction = factories.create_goal(
        level="direction", owner=city.municipality, year=city.year, number="1"
    )
    area = factories.create_goal(
        level="area", owner=city.municipality, year=city.year, number="1.3", parent=direction
    )
    return factories.create_goal(
        level="council",
        owner=city.council,
        year=city.year,
        number="1.3.3",
        parent=area,
        title="Barn och unga får stöd tidigt",
        expected_results=["Fler barn får stöd", "Kortare väntetider"],
    )


@pytest.fixture
def inclusion(plan, council_goal):
    first = council_goal.expected_results.first()
    return factories.include_goal(
        plan=plan, goal=council_goal, title=ORIGINAL, expected_results=[first]
    )


def inclusion_url(inclusion):
    return reverse("inclusion:goal", args=[inclusion.plan_id, inclusion.goal_id])


def inclusion_data(title, revision, results):
    return {
        "title": title,
        "description": "",
        "base_revision": revision,
        **{f"result_{result.pk}": "on" for result in results},
    }


def shown_results(inclusion):
    return [row.expected_result for row in inclusion.expected_results.all()]


@HTMX
def test_the_plans_wording_saved_on_an_old_revision_is_refused_and_nothing_is_written(
    inclusion, council_goal, anna, bertil, htmx
):
    (anna_user, anna_client), (bertil_user, bertil_client) = anna, bertil
    first, second = council_goal.expected_results.all()
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = inclusion_url(inclusion)
    annas_revision = revision_in(anna_client.get(url, **headers).content.decode())
    bertils_revision = revision_in(bertil_client.get(url).content.decode())
    response = bertil_client.post(url, inclusion_data(THEIRS, bertils_revision, [first]))
    assert response.status_code == 302

    refused = anna_client.post(
        url, inclusion_data(MINE, annas_revision, [first, second]), **headers
    )

    assert refused.status_code == 409
    page = refused.content.decode()
    if htmx:
        assert page.strip().startswith('<form id="inclusion-form"')
    assert 'id="conflict"' in page
    assert "Bertil Berg" in page
    assert their_change_in(page) == ["varje dag "]
    assert f"{MINE}</textarea>" in page
    assert f'id="id_result_{second.pk}" checked' in page  # Anna's choice is kept in the form
    assert f'<a class="ds-link" href="{url}">' in page  # discard my changes
    inclusion.refresh_from_db()
    assert inclusion.title == THEIRS
    assert shown_results(inclusion) == [first]  # nothing of the refused save was written

    rebased = revision_in(page)
    assert rebased == str(inclusion.revision) != annas_revision
    saved = anna_client.post(url, inclusion_data(MINE, rebased, [first, second]), **headers)
    assert saved.status_code == (200 if htmx else 302)
    inclusion.refresh_from_db()
    assert inclusion.title == MINE
    assert shown_results(inclusion) == [first, second]
    assert [(change.actor, change.fields["title"]) for change in updates_of(inclusion)] == [
        (bertil_user, [ORIGINAL, THEIRS]),
        (anna_user, [THEIRS, MINE]),
    ]


def test_saving_the_plans_wording_as_it_is_stored_is_no_conflict(
    inclusion, council_goal, anna, bertil
):
    (_anna_user, anna_client), (_bertil_user, bertil_client) = anna, bertil
    first, second = council_goal.expected_results.all()
    url = inclusion_url(inclusion)
    annas_revision = revision_in(anna_client.get(url).content.decode())
    bertil_client.post(url, inclusion_data(THEIRS, annas_revision, [first]))
    response = anna_client.post(url, inclusion_data(THEIRS, annas_revision, [first, second]))
    assert response.status_code == 302
    inclusion.refresh_from_db()
    assert (inclusion.title, inclusion.revision) == (THEIRS, 2)
    assert shown_results(inclusion) == [first, second]
    assert len(updates_of(inclusion)) == 1


def test_the_plans_wording_of_the_goal_is_edited_on_the_inclusion_page(
    client, city, plan, council_goal, anna
):
    _anna_user, anna_client = anna
    first = council_goal.expected_results.first()
    url = reverse("inclusion:goal", args=[plan.pk, council_goal.pk])
    page = anna_client.get(url).content.decode()
    assert "base_revision" not in page  # nothing to check before the plan shows the goal
    anna_client.post(
        url,
        {
            "title": "Barnen i vår enhet får stöd tidigt",
            "description": "Vi når familjerna genom förskolorna.",
            f"result_{first.pk}": "on",
        },
    )
    inclusion = PlanGoal.objects.get(plan=plan, goal=council_goal)
    assert (inclusion.title, inclusion.description) == (
        "Barnen i vår enhet får stöd tidigt",
        "Vi når familjerna genom förskolorna.",
    )
    page = anna_client.get(url).content.decode()
    assert "Barnen i vår enhet får stöd tidigt</textarea>" in page
    assert f'name="base_revision" value="{inclusion.revision}"' in page
    # The goal's own title typed again is no wording of the plan's own.
    anna_client.post(
        url,
        {
            "title": council_goal.title,
            "description": inclusion.description,
            "base_revision": inclusion.revision,
        },
    )
    inclusion.refresh_from_db()
    assert inclusion.title == ""
