"""The indicator catalogue: everyone with a role reads and searches it; administratörer edit
its entries, and only the kommun's administratörer edit KF indicators."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styrkedja.indicators.models import Indicator
from styrkedja.org.models import OrgUnit, Role
from styrkedja.testing import factories
from styrkedja.testing.access_matrix import request_all_ways

PLACES = ("the council", "a unit below", "another council", "the municipality")
MATRIX = [(None, None)] + [(role, place) for role in Role.values for place in PLACES]

ENTRY = {
    "name": "Andel elever som känner sig trygga i skolan",
    "unit": "%",
    "periodicity": "year",
    "by_sex": "on",
    "direction": "higher",
    "source": "Stockholmsenkäten",
    "owner_kind": "namnd",
    "aggregation": "mean",
}


def matrix_id(case):
    role, place = case
    return "no-membership" if role is None else f"{role}-on-{place.replace(' ', '-')}"


def user_on(city, role, place):
    user = factories.create_user()
    if role is not None:
        unit = {
            "the council": city.council,
            "a unit below": city.department,
            "another council": city.other_council,
            "the municipality": city.municipality,
        }[place]
        factories.create_membership(user=user, org_unit=unit, role=role)
    return user


def may_read(role, place):
    return role is not None


def may_edit(role, place, owner_kind):
    """KF indicators: the kommun's administratörer; the others: any nämnd's administratör."""
    if role != Role.ADMINISTRATOR:
        return False
    if owner_kind == OrgUnit.Kind.MUNICIPALITY:
        return place == "the municipality"
    return place in ("the council", "another council", "the municipality")


@pytest.fixture
def indicator(db):
    return factories.create_indicator(
        name="Andel nöjda brukare (äldreomsorg)", owner_kind=OrgUnit.Kind.COUNCIL
    )


@pytest.fixture
def kf_indicator(db):
    return factories.create_indicator(
        name="Övergång till fossilfria fordon", owner_kind=OrgUnit.Kind.MUNICIPALITY
    )


def login(client, city, role, place):
    user = user_on(city, role, place)
    client.force_login(user)
    return user


def page(response):
    return response.content.decode()


def test_a_reader_sees_the_catalogue_in_swedish_order_without_edit_links(
    client, city, indicator, kf_indicator
):
    factories.create_indicator(name="Zonindelning klar")
    login(client, city, Role.READER, "a unit below")
    content = page(client.get(reverse("catalogue:index")))
    positions = [
        content.index(name)
        for name in ("Andel nöjda brukare", "Zonindelning klar", "Övergång till fossilfria")
    ]
    assert positions == sorted(positions)
    assert "3 indikatorer" in content
    assert reverse("catalogue:edit", args=[indicator.pk]) not in content


def test_searching_folds_case_and_swedish_letters(client, city, indicator, kf_indicator):
    login(client, city, Role.READER, "the council")
    content = page(client.get(reverse("catalogue:index"), {"q": "OVERGANG fordon"}))
    assert "Övergång till fossilfria fordon" in content
    assert "Andel nöjda brukare" not in content
    assert "En indikator matchar ”OVERGANG fordon”" in content
    partial = page(client.get(reverse("catalogue:index"), {"q": "nojda"}, HTTP_HX_REQUEST="true"))
    assert partial.strip().startswith('<div id="catalogue-results"')
    assert "Andel nöjda brukare" in partial
    none = page(client.get(reverse("catalogue:index"), {"q": "finns inte"}))
    assert "Ingen indikator matchar ”finns inte”." in none


def test_a_council_administrator_edits_an_entry_and_search_follows_the_new_name(
    client, city, indicator, kf_indicator
):
    login(client, city, Role.ADMINISTRATOR, "the council")
    listing = page(client.get(reverse("catalogue:index")))
    assert reverse("catalogue:edit", args=[indicator.pk]) in listing
    assert reverse("catalogue:edit", args=[kf_indicator.pk]) not in listing
    response = client.post(reverse("catalogue:edit", args=[indicator.pk]), ENTRY)
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == ENTRY["name"]
    assert indicator.search_name == "andel elever som kanner sig trygga i skolan"
    assert (indicator.by_sex, indicator.source, indicator.aggregation) == (
        True,
        "Stockholmsenkäten",
        "mean",
    )
    found = page(client.get(reverse("catalogue:index"), {"q": "TRYGGA skolan"}))
    assert ENTRY["name"] in found


def test_a_council_administrator_may_not_make_an_indicator_a_kf_indicator(client, city, indicator):
    login(client, city, Role.ADMINISTRATOR, "the council")
    form = page(client.get(reverse("catalogue:edit", args=[indicator.pk])))
    assert 'value="kommun"' not in form
    response = client.post(
        reverse("catalogue:edit", args=[indicator.pk]), {**ENTRY, "owner_kind": "kommun"}
    )
    assert response.status_code == 422
    indicator.refresh_from_db()
    assert indicator.owner_kind == OrgUnit.Kind.COUNCIL


def test_only_the_municipalitys_administrator_edits_a_kf_indicator(client, city, kf_indicator):
    url = reverse("catalogue:edit", args=[kf_indicator.pk])
    login(client, city, Role.ADMINISTRATOR, "the council")
    refused = client.post(url, {**ENTRY, "owner_kind": "kommun"})
    assert refused.status_code == 403
    assert "Bara en administratör för kommunen redigerar KF:s indikatorer." in page(refused)
    login(client, city, Role.ADMINISTRATOR, "the municipality")
    assert client.post(url, {**ENTRY, "owner_kind": "kommun"}).status_code == 302
    kf_indicator.refresh_from_db()
    assert (kf_indicator.name, kf_indicator.owner_kind) == (ENTRY["name"], "kommun")


def test_an_entry_without_a_name_is_refused_and_keeps_what_was_typed(client, city, indicator):
    login(client, city, Role.ADMINISTRATOR, "the council")
    response = client.post(
        reverse("catalogue:edit", args=[indicator.pk]), {**ENTRY, "name": "  ", "source": "Kolada"}
    )
    assert response.status_code == 422
    content = page(response)
    assert "Ge indikatorn ett namn." in content
    assert 'value="Kolada"' in content
    indicator.refresh_from_db()
    assert indicator.name == "Andel nöjda brukare (äldreomsorg)"


def test_a_name_the_catalogue_already_has_is_refused(client, city, indicator):
    factories.create_indicator(name="Antal besök", periodicity="year")
    login(client, city, Role.ADMINISTRATOR, "the council")
    response = client.post(
        reverse("catalogue:edit", args=[indicator.pk]), {**ENTRY, "name": "antal BESÖK"}
    )
    assert response.status_code == 422
    assert "Katalogen har redan ”Antal besök” med periodicitet år." in page(response)


def test_unknown_entries_are_not_found(client, city):
    login(client, city, Role.ADMINISTRATOR, "the municipality")
    assert client.get(reverse("catalogue:edit", args=[999999])).status_code == 404


@pytest.mark.parametrize("case", MATRIX, ids=matrix_id)
def test_catalogue_access_matrix(client, city, case):
    role, place = case
    login(client, city, role, place)
    for name, status in request_all_ways(client, lambda: reverse("catalogue:index"), {}, ("GET",)):
        expected = 200 if may_read(role, place) else 403
        assert status().status_code == expected, name
    for owner_kind in (OrgUnit.Kind.UNIT, OrgUnit.Kind.COUNCIL, OrgUnit.Kind.MUNICIPALITY):
        entry = factories.create_indicator(name=f"Indikator {owner_kind}", owner_kind=owner_kind)
        allowed = may_edit(role, place, owner_kind)
        data = {**ENTRY, "name": f"Ändrad {owner_kind}", "owner_kind": owner_kind}
        url = reverse("catalogue:edit", args=[entry.pk])
        for way, send in request_all_ways(client, lambda url=url: url, data):
            status = send().status_code
            if allowed:
                assert status in (200, 302), (owner_kind, way, status)
            else:
                assert status == 403, (owner_kind, way, status)
        entry.refresh_from_db()
        assert (entry.name == data["name"]) is allowed


def test_the_catalogue_runs_the_same_number_of_queries_at_two_sizes(client, city):
    login(client, city, Role.ADMINISTRATOR, "the council")

    def count(query):
        url = reverse("catalogue:index")
        client.get(url, query)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, query).status_code == 200
        return len(queries)

    factories.create_indicator(name="Andel 0", owner_kind=OrgUnit.Kind.MUNICIPALITY)
    small = count({}), count({"q": "andel"})
    for n in range(1, 8):
        factories.create_indicator(
            name=f"Andel {n}", owner_kind=[OrgUnit.Kind.UNIT, OrgUnit.Kind.COUNCIL][n % 2]
        )
    assert (count({}), count({"q": "andel"})) == small


def test_a_large_catalogue_is_shown_a_page_at_a_time(client, city):
    login(client, city, Role.READER, "the council")
    Indicator.objects.bulk_create(
        Indicator(name=f"Indikator {n:03}", search_name=f"indikator {n:03}") for n in range(60)
    )
    first = page(client.get(reverse("catalogue:index")))
    assert "Indikator 049" in first and "Indikator 050" not in first
    assert "Sida 1 av 2" in first
    second = page(client.get(reverse("catalogue:index"), {"sida": 2}))
    assert "Indikator 050" in second and "Indikator 049" not in second
