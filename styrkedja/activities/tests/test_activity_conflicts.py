"""No lost edits: two editors of the same activity. A save or a delete based on a revision
someone else has saved since is refused with what they changed, and nothing is written."""

import datetime

import pytest
from django.urls import reverse

from styrkedja.activities.models import Activity
from styrkedja.history.models import Change
from styrkedja.org.models import Role
from styrkedja.testing import factories
from styrkedja.testing.conflicts import person_with_browser, revision_in, their_change_in

ORIGINAL = "Vi ordnar föräldraträffar varje månad"
THEIRS = "Vi ordnar föräldraträffar varannan vecka"
MINE = "Vi ordnar föräldraträffar varje månad, även digitalt"


@pytest.fixture
def plan(city):
    return factories.create_plan(org_unit=city.unit, year=city.year)


@pytest.fixture
def council_goal(city):
    direction = factories.create_goal(
        level="direction", owner=city.municipality, year=city.year, number="1"
    )
    area = factories.create_goal(
        level="area", owner=city.municipality, year=city.year, number="1.1", parent=direction
    )
    return factories.create_goal(
        level="council", owner=city.council, year=city.year, number="1.1.1", parent=area
    )


@pytest.fixture
def unit_goal(city, council_goal):
    return factories.create_goal(level="unit", owner=city.unit, year=city.year, parent=council_goal)


@pytest.fixture
def activity(unit_goal):
    return factories.create_activity(
        goal=unit_goal, text=ORIGINAL, starts_on=datetime.date(2026, 1, 1)
    )


def edit_url(plan, activity):
    return reverse("activities:edit", args=[plan.pk, activity.goal_id, activity.pk])


def delete_url(plan, activity):
    return reverse("activities:delete", args=[plan.pk, activity.goal_id, activity.pk])


def data(text, revision, starts_on="2026-01-01"):
    return {"text": text, "starts_on": starts_on, "ends_on": "", "base_revision": revision}


def updates_of(instance):
    return list(Change.objects.for_object(instance).filter(action="update").order_by("at", "pk"))


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_a_save_on_an_old_revision_is_refused_with_their_change_and_my_text_kept(
    plan, activity, anna, bertil, htmx
):
    (anna_user, anna_client), (bertil_user, bertil_client) = anna, bertil
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = edit_url(plan, activity)
    annas_revision = revision_in(anna_client.get(url, **headers).content.decode())
    bertils_revision = revision_in(bertil_client.get(url).content.decode())
    assert bertil_client.post(url, data(THEIRS, bertils_revision)).status_code == 302

    refused = anna_client.post(url, data(MINE, annas_revision), **headers)

    assert refused.status_code == 409
    page = refused.content.decode()
    if htmx:
        assert page.strip().startswith(f'<tr id="activity-{activity.pk}" class="editing">')
    assert 'id="conflict"' in page
    assert "Bertil Berg" in page
    assert their_change_in(page) == ["varannan vecka"]
    assert f"{MINE}</textarea>" in page
    activity.refresh_from_db()
    assert activity.text == THEIRS

    # Saving again, knowingly, puts Anna's text in place of Bertil's.
    rebased = revision_in(page)
    assert rebased == str(activity.revision) != annas_revision
    saved = anna_client.post(url, data(MINE, rebased), **headers)
    assert saved.status_code == (200 if htmx else 302)
    activity.refresh_from_db()
    assert activity.text == MINE
    assert [(change.actor, change.fields["text"]) for change in updates_of(activity)] == [
        (bertil_user, [ORIGINAL, THEIRS]),
        (anna_user, [THEIRS, MINE]),
    ]


def test_the_discard_link_reloads_the_saved_activity(plan, activity, anna, bertil):
    (_anna_user, anna_client), (_bertil_user, bertil_client) = anna, bertil
    url = edit_url(plan, activity)
    annas_revision = revision_in(anna_client.get(url).content.decode())
    bertil_client.post(url, data(THEIRS, annas_revision))
    page = anna_client.post(url, data(MINE, annas_revision)).content.decode()
    assert f'<a class="ds-link" href="{url}">' in page  # discard my changes
    assert f"{THEIRS}</textarea>" in anna_client.get(url).content.decode()


def test_saving_what_is_already_stored_is_no_conflict(plan, activity, anna, bertil):
    (_anna_user, anna_client), (_bertil_user, bertil_client) = anna, bertil
    url = edit_url(plan, activity)
    annas_revision = revision_in(anna_client.get(url).content.decode())
    bertil_client.post(url, data(THEIRS, annas_revision))
    response = anna_client.post(url, data(THEIRS, annas_revision))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.text, activity.revision) == (THEIRS, 2)
    assert len(updates_of(activity)) == 1


def test_a_refused_save_does_not_change_who_carries_the_activity_out(city, plan, council_goal):
    activity = factories.create_activity(
        goal=council_goal, text=ORIGINAL, assigned_units=[city.unit]
    )
    _cecilia, cecilia_client = person_with_browser(
        city.council, "Cecilia", "Ek", role=Role.REVIEWER
    )
    _david, david_client = person_with_browser(city.council, "David", "Ek", role=Role.REVIEWER)
    url = edit_url(plan, activity)
    old = revision_in(cecilia_client.get(url).content.decode())
    david_client.post(url, {**data(THEIRS, old), "units": [city.unit.pk]})
    response = cecilia_client.post(url, {**data(MINE, old), "units": [city.sibling.pk]})
    assert response.status_code == 409
    assert list(activity.assigned_units.all()) == [city.unit]


def test_a_delete_confirmed_on_an_old_revision_is_refused(plan, activity, anna, bertil):
    (anna_user, anna_client), (bertil_user, bertil_client) = anna, bertil
    url = delete_url(plan, activity)
    confirmed = revision_in(anna_client.get(url).content.decode())
    edit = edit_url(plan, activity)
    bertil_client.post(edit, data(THEIRS, revision_in(bertil_client.get(edit).content.decode())))

    refused = anna_client.post(url, {"base_revision": confirmed})

    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Bertil Berg" in page  # the message names who changed it
    assert THEIRS in page
    assert Activity.objects.filter(pk=activity.pk).exists()

    assert anna_client.post(url, {"base_revision": revision_in(page)}).status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    changes = Change.objects.for_object(activity).order_by("at", "pk")
    assert [(change.action, change.actor) for change in changes] == [
        ("update", bertil_user),
        ("delete", anna_user),
    ]


def test_saving_again_after_a_conflict_keeps_their_change_of_a_field_i_left_alone(
    plan, activity, anna, bertil
):
    (_anna_user, anna_client), (_bertil_user, bertil_client) = anna, bertil
    url = edit_url(plan, activity)
    annas_revision = revision_in(anna_client.get(url).content.decode())
    bertil_client.post(url, data(ORIGINAL, annas_revision, starts_on="2026-03-01"))
    refused = anna_client.post(url, data(MINE, annas_revision))
    assert refused.status_code == 409
    page = refused.content.decode()
    assert 'name="starts_on" value="2026-03-01"' in page  # Bertil's date, in Anna's form
    resent = data(MINE, revision_in(page), starts_on="2026-03-01")
    assert anna_client.post(url, resent).status_code == 302
    activity.refresh_from_db()
    assert (activity.text, activity.starts_on) == (MINE, datetime.date(2026, 3, 1))
