"""No lost edits: a save of an årsmål or a catalogue entry based on an older revision is
refused (409) with the other person's change shown and the user's input kept. Saving
again keeps the other person's change where the user left a field alone, and the user's
text where both wrote. Two people, each with their own browser (test client)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from styrkedja.history.models import Change
from styrkedja.indicators.models import Indicator, Target
from styrkedja.indicators.tests.test_indicator_editing import council_goal_of
from styrkedja.org.models import OrgUnit, Role
from styrkedja.testing import factories
from styrkedja.testing.conflicts import form_data

REVISION = re.compile(r'name="base_revision" value="(\d*)"')


def base_revision(response):
    """The revision the page's form carries, as the browser would send it back."""
    (value,) = REVISION.findall(response.content.decode())
    return value


def browser_of(user):
    client = Client()
    client.force_login(user)
    return client


def person(city, name, role=Role.EDITOR, unit=None):
    user = factories.create_user(first_name=name, last_name="Testsson")
    factories.create_membership(user=user, org_unit=unit or city.unit, role=role)
    return user


@pytest.fixture
def anna(city):
    return person(city, "Anna")


@pytest.fixture
def bertil(city):
    return person(city, "Bertil")


@pytest.fixture
def indicator(city):
    plan = factories.create_plan(org_unit=city.unit, year=city.year)
    goal = factories.create_goal(
        level="unit", owner=city.unit, year=city.year, parent=council_goal_of(city)
    )
    indicator = factories.create_indicator(name="Andel nöjda brukare", unit="%", goal=goal)
    indicator.target_url = reverse("indicators:target", args=[plan.pk, goal.pk, indicator.pk])
    return indicator


def target_of(city, indicator):
    return Target.objects.get(indicator=indicator, org_unit=city.unit, year=city.year)


def updates_by(target):
    changes = Change.objects.for_object(target).filter(action=Change.Action.UPDATE)
    return [change.actor for change in changes.order_by("at", "pk")]


# Årsmål ------------------------------------------------------------------------------------


@pytest.fixture
def target(city, indicator):
    return factories.create_target(
        indicator=indicator, org_unit=city.unit, year=city.year, text="60 %", comment="Start"
    )


def test_a_target_saved_meanwhile_is_not_overwritten_until_the_user_saves_again(
    city, indicator, target, anna, bertil
):
    url = indicator.target_url
    a, b = browser_of(anna), browser_of(bertil)
    a_revision = base_revision(a.get(url))
    b_revision = base_revision(b.get(url))
    assert a_revision == b_revision == str(target.revision)

    saved = b.post(url, {"kind": "value", "value": "70", "unit": "%", "comment": "Bertils"})
    assert saved.status_code == 302
    mine = {"kind": "value", "value": "75", "unit": "%", "comment": "Annas text"}
    refused = a.post(url, {**mine, "base_revision": a_revision})

    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Bertil Testsson" in page
    # Bertil's change, as the form shows values (not "70.0000"), beside Anna's.
    assert re.search(r"<del>(<span[^>]*>[^<]*</span>)?60</del>", page)
    assert re.search(r"<ins>(<span[^>]*>[^<]*</span>)?70</ins>", page)
    assert re.search(r"<ins>(<span[^>]*>[^<]*</span>)?Bertils</ins>", page)
    assert "70.0000" not in page
    # Anna's input is still in the form, and the discard link reloads the form.
    assert 'name="value" value="75"' in page and "Annas text" in page
    assert f'href="{url}">' in page
    assert target_of(city, indicator).original_text == "70 %"

    rebased = base_revision(refused)
    assert rebased == str(target_of(city, indicator).revision)
    assert a.post(url, {**mine, "base_revision": rebased}).status_code == 302
    saved_target = target_of(city, indicator)
    assert (saved_target.original_text, saved_target.comment) == ("75 %", "Annas text")
    assert updates_by(saved_target) == [bertil, anna]


def test_saving_what_the_other_person_saved_is_no_conflict(city, indicator, target, anna, bertil):
    url = indicator.target_url
    a, b = browser_of(anna), browser_of(bertil)
    a_revision = base_revision(a.get(url))
    same = {"kind": "maximum", "value": "10", "unit": "%", "comment": "Start"}
    assert b.post(url, {**same, "base_revision": base_revision(b.get(url))}).status_code == 302
    assert a.post(url, {**same, "base_revision": a_revision}).status_code == 302
    assert target_of(city, indicator).original_text == "Max 10 %"
    assert updates_by(target) == [bertil]


def test_what_only_the_other_person_changed_is_kept_when_saving_again(
    city, indicator, target, anna, bertil
):
    url = indicator.target_url
    a, b = browser_of(anna), browser_of(bertil)
    a_revision = base_revision(a.get(url))
    b.post(url, {"kind": "maximum", "value": "60", "unit": "%", "comment": "Start"})
    refused = a.post(
        url,
        {"kind": "value", "value": "60", "unit": "%", "comment": "Ny", "base_revision": a_revision},
    )

    assert refused.status_code == 409
    page = refused.content.decode()
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    # Only the kind was changed by Bertil; it reads as its label, not its code.
    assert re.findall(r'<th scope="row">([^<]*)</th>', table) == ["Typ av årsmål"]
    assert re.search(r"<del>(<span[^>]*>[^<]*</span>)?värde</del>", table)
    assert re.search(r"<ins>(<span[^>]*>[^<]*</span>)?högst</ins>", table)
    assert "<em>" in table  # Anna did not change the kind: the form now holds Bertil's.
    assert '<option value="maximum" selected>' in page
    assert 'name="value" value="60"' in page and "Ny" in page

    assert a.post(url, form_data(page)).status_code == 302
    saved = target_of(city, indicator)
    assert (saved.original_text, saved.comment) == ("Max 60 %", "Ny")
    assert updates_by(target) == [bertil, anna]


def test_a_first_target_set_meanwhile_is_a_conflict(city, indicator, anna, bertil):
    url = indicator.target_url
    a, b = browser_of(anna), browser_of(bertil)
    assert base_revision(a.get(url)) == "0"
    saved = b.post(
        url, {"kind": "value", "value": "70", "unit": "%", "base_revision": "0", "comment": ""}
    )
    assert saved.status_code == 302
    mine = {"kind": "value", "value": "80", "unit": "%", "comment": ""}

    refused = a.post(url, {**mine, "base_revision": "0"})

    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Bertil Testsson" in page
    assert re.search(r"<ins>(<span[^>]*>[^<]*</span>)?70</ins>", page)
    assert 'name="value" value="80"' in page
    assert target_of(city, indicator).original_text == "70 %"
    assert a.post(url, {**mine, "base_revision": base_revision(refused)}).status_code == 302
    target = target_of(city, indicator)
    assert target.original_text == "80 %"
    assert Target.objects.filter(indicator=indicator).count() == 1
    created = Change.objects.for_object(target).get(action=Change.Action.CREATE)
    assert created.actor == bertil
    assert updates_by(target) == [anna]


def test_the_same_first_target_set_twice_is_no_conflict(city, indicator, anna, bertil):
    url = indicator.target_url
    same = {"kind": "increase", "value": "", "unit": "%", "comment": "", "base_revision": "0"}
    assert browser_of(bertil).post(url, same).status_code == 302
    assert browser_of(anna).post(url, same).status_code == 302
    assert target_of(city, indicator).original_text == "öka"


def test_the_inline_target_row_answers_a_conflict_with_the_row_and_the_report(
    city, indicator, target, anna, bertil
):
    url = indicator.target_url
    a, b = browser_of(anna), browser_of(bertil)
    a_revision = base_revision(a.get(url, HTTP_HX_REQUEST="true"))
    b.post(
        url, {"kind": "value", "value": "70", "unit": "%", "comment": ""}, HTTP_HX_REQUEST="true"
    )
    mine = {"kind": "value", "value": "75", "unit": "%", "comment": "Annas"}

    refused = a.post(url, {**mine, "base_revision": a_revision}, HTTP_HX_REQUEST="true")

    assert refused.status_code == 409
    page = refused.content.decode()
    assert page.strip().startswith(f'<tr id="indicator-{indicator.pk}" class="editing">')
    assert page.count('class="ds-alert conflict"') == 1
    assert "Bertil Testsson" in page and 'name="value" value="75"' in page
    saved = a.post(url, {**mine, "base_revision": base_revision(refused)}, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200
    assert saved.content.decode().strip().startswith(f'<tr id="indicator-{indicator.pk}">')
    assert target_of(city, indicator).original_text == "75 %"
    assert updates_by(target) == [bertil, anna]


def test_a_first_inline_target_set_meanwhile_is_a_conflict(city, indicator, anna, bertil):
    url = indicator.target_url
    a = browser_of(anna)
    assert base_revision(a.get(url, HTTP_HX_REQUEST="true")) == "0"
    browser_of(bertil).post(url, {"kind": "value", "value": "70", "unit": "%"})
    refused = a.post(
        url,
        {"kind": "value", "value": "80", "unit": "%", "base_revision": "0"},
        HTTP_HX_REQUEST="true",
    )
    assert refused.status_code == 409
    assert 'class="ds-alert conflict"' in refused.content.decode()
    assert target_of(city, indicator).original_text == "70 %"


# Catalogue entries -------------------------------------------------------------------------


@pytest.fixture
def entry(db):
    return factories.create_indicator(
        name="Andel nöjda brukare (äldreomsorg)", owner_kind=OrgUnit.Kind.COUNCIL, unit="%"
    )


def entry_data(entry, **changes):
    """The edit form's fields as posted (by_sex left unticked unless given)."""
    return {
        "name": entry.name,
        "unit": entry.unit,
        "periodicity": entry.periodicity,
        "direction": entry.direction,
        "source": entry.source,
        "owner_kind": entry.owner_kind,
        "aggregation": entry.aggregation,
        **changes,
    }


def test_a_catalogue_entry_saved_meanwhile_is_not_overwritten_until_saved_again(city, entry):
    anna = person(city, "Anna", Role.ADMINISTRATOR, city.council)
    bertil = person(city, "Bertil", Role.ADMINISTRATOR, city.council)
    url = reverse("catalogue:edit", args=[entry.pk])
    a, b = browser_of(anna), browser_of(bertil)
    a_revision = base_revision(a.get(url))
    theirs = entry_data(
        entry,
        name="Andel nöjda brukare i äldreomsorgen",
        periodicity="half_year",
        by_sex="on",
        source="Kolada",
    )
    saved = b.post(url, {**theirs, "base_revision": base_revision(b.get(url))})
    assert saved.status_code == 302
    mine = entry_data(entry, source="Brukarundersökning")

    refused = a.post(url, {**mine, "base_revision": a_revision})

    assert refused.status_code == 409
    page = refused.content.decode()
    report = page.split('class="ds-alert conflict"')[1].split("</table>")[0]
    assert "Bertil Testsson" in report
    assert re.search(r"<ins>(<span[^>]*>[^<]*</span>)?i äldreomsorgen</ins>", report)
    # Choices and yes/no read as words, not codes.
    assert re.search(r"<ins>(<span[^>]*>[^<]*</span>)?Halvår</ins>", report)
    assert re.search(r"<ins>(<span[^>]*>[^<]*</span>)?Ja</ins>", report)
    assert "half_year" not in report and "True" not in report
    # Both changed the source: Anna's text stays in the form.
    assert 'value="Brukarundersökning"' in page
    entry.refresh_from_db()
    assert (entry.name, entry.source) == ("Andel nöjda brukare i äldreomsorgen", "Kolada")

    assert a.post(url, form_data(page)).status_code == 302
    entry.refresh_from_db()
    # Bertil's name, periodicity and tick are kept; the source is Anna's.
    assert (entry.name, entry.periodicity, entry.by_sex, entry.source) == (
        "Andel nöjda brukare i äldreomsorgen",
        "half_year",
        True,
        "Brukarundersökning",
    )
    assert entry.search_name == "andel nojda brukare i aldreomsorgen"
    assert updates_by(entry) == [bertil, anna]


def test_saving_a_catalogue_entry_as_the_other_person_did_is_no_conflict(city, entry):
    anna = person(city, "Anna", Role.ADMINISTRATOR, city.council)
    bertil = person(city, "Bertil", Role.ADMINISTRATOR, city.council)
    url = reverse("catalogue:edit", args=[entry.pk])
    a, b = browser_of(anna), browser_of(bertil)
    a_revision = base_revision(a.get(url))
    same = entry_data(entry, source="Kolada", by_sex="on")
    assert b.post(url, {**same, "base_revision": base_revision(b.get(url))}).status_code == 302
    assert a.post(url, {**same, "base_revision": a_revision}).status_code == 302
    assert Indicator.objects.get(pk=entry.pk).by_sex
    assert updates_by(entry) == [bertil]
