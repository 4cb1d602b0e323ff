import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from styrkedja.org.models import OrgUnit
from styrkedja.testing import factories


def test_paths_follow_the_parent_chain(city):
    assert city.sub_unit.path == (
        f"/{city.municipality.pk}/{city.council.pk}/{city.department.pk}/"
        f"{city.unit.pk}/{city.sub_unit.pk}/"
    )
    assert city.sub_unit.ancestor_ids == [
        city.municipality.pk,
        city.council.pk,
        city.department.pk,
        city.unit.pk,
    ]


def test_moving_a_unit_moves_everything_below_it(city):
    city.unit.parent = city.other_council
    city.unit.save()
    city.sub_unit.refresh_from_db()
    assert city.sub_unit.path.startswith(city.other_council.path)
    assert set(OrgUnit.objects.descendants_of(city.other_council)) == {
        city.other_council,
        city.other_unit,
        city.unit,
        city.sub_unit,
    }
    assert city.sub_unit not in OrgUnit.objects.descendants_of(city.council)


def test_a_municipality_has_no_parent(city):
    with pytest.raises(ValidationError, match="trädets topp"):
        factories.create_org_unit(kind=OrgUnit.Kind.MUNICIPALITY, parent=city.municipality)


def test_only_a_municipality_may_lack_a_parent(db):
    with pytest.raises(ValidationError) as error:
        factories.create_org_unit(kind=OrgUnit.Kind.COUNCIL, parent=None)
    assert "parent" in error.value.message_dict


def test_a_committee_cannot_sit_below_a_unit(city):
    with pytest.raises(ValidationError) as error:
        factories.create_org_unit(kind=OrgUnit.Kind.COUNCIL, parent=city.unit)
    assert "parent" in error.value.message_dict


def test_a_unit_cannot_be_moved_below_itself(city):
    city.unit.parent = city.sub_unit
    with pytest.raises(ValidationError, match="under sig själv"):
        city.unit.full_clean()


def test_validity_cannot_end_before_it_starts(city):
    city.unit.valid_from = datetime.date(2024, 1, 1)
    city.unit.valid_to = datetime.date(2023, 12, 31)
    with pytest.raises(ValidationError) as error:
        city.unit.full_clean()
    assert "valid_to" in error.value.message_dict


def test_deleting_a_unit_with_plans_is_refused(city):
    factories.create_plan(org_unit=city.unit, year=city.year)
    city.sub_unit.delete()  # no plans: allowed
    with pytest.raises(ProtectedError):
        city.unit.delete()
    assert OrgUnit.objects.filter(pk=city.unit.pk).exists()


def test_deleting_a_unit_with_units_below_it_is_refused(city):
    with pytest.raises(ProtectedError):
        city.department.delete()


def test_council_is_the_nearest_committee_above(city):
    assert city.sub_unit.council() == city.council
    assert city.council.council() == city.council
    assert city.municipality.council() is None
