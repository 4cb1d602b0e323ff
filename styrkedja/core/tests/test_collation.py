from styrkedja.core.collation import swedish_sort_key
from styrkedja.org.models import OrgUnit
from styrkedja.testing import factories

NAMES = ["Örby", "Åby", "Zeta", "alfa", "Äby", "Bromma", "Östermalm", "Aspudden", "Émile"]
SWEDISH_ORDER = ["alfa", "Aspudden", "Bromma", "Émile", "Zeta", "Åby", "Äby", "Örby", "Östermalm"]


def test_swedish_sort_key_puts_å_ä_ö_after_z():
    assert sorted(NAMES, key=swedish_sort_key) == SWEDISH_ORDER


def test_the_database_sorts_names_the_swedish_way(db):
    municipality = factories.create_org_unit(name="Testby", kind=OrgUnit.Kind.MUNICIPALITY)
    for name in NAMES:
        factories.create_org_unit(name=name, kind=OrgUnit.Kind.COUNCIL, parent=municipality)
    ordered = OrgUnit.objects.filter(parent=municipality).in_swedish_order()
    assert [unit.name for unit in ordered] == SWEDISH_ORDER
