import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styrkedja.org.models import OrgUnit
from styrkedja.testing import factories


def test_the_start_page_runs_the_same_number_of_queries_at_two_sizes(client, city, user_with_role):
    user = user_with_role("reader", city.municipality)
    client.force_login(user)
    client.get(reverse("ui:start"))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("ui:start")).status_code == 200
        return len(queries)

    small = count()
    for n in range(5):
        unit = factories.create_org_unit(name=f"Ny enhet {n}", parent=city.department)
        factories.create_plan(org_unit=unit, year=city.year)
    assert count() == small


def test_a_user_without_roles_is_told_to_ask_for_access(client, city, user_with_role):
    client.force_login(user_with_role(None, None))
    page = client.get(reverse("ui:start")).content.decode()
    assert "Du har ännu ingen roll" in page
    assert "Testby" not in page


def test_the_language_switch_changes_the_interface_language(client, city, user_with_role):
    client.force_login(user_with_role("reader", city.unit))
    assert "Planer" in client.get(reverse("ui:start")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": reverse("ui:start")})
    page = client.get(reverse("ui:start")).content.decode()
    assert '<html lang="en"' in page
    assert "Plans" in page and "Planer" not in page


def test_pages_carry_a_strict_content_security_policy(client, city, user_with_role):
    client.force_login(user_with_role("reader", city.unit))
    policy = client.get(reverse("ui:start"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy


OUR_ADMIN_MODELS = [
    model for model in admin.site._registry if model.__module__.startswith("styrkedja")
]


@pytest.mark.parametrize("model", OUR_ADMIN_MODELS, ids=lambda model: model.__name__)
def test_every_admin_screen_opens(admin_client, city, model):
    opts = model._meta
    for view in ("changelist", "add"):
        response = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}"))
        assert response.status_code == 200, (model, view)


def test_the_admin_refuses_to_delete_a_unit_with_plans(admin_client, city):
    factories.create_plan(org_unit=city.other_unit, year=city.year)
    url = reverse("admin:org_orgunit_delete", args=[city.other_unit.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert OrgUnit.objects.filter(pk=city.other_unit.pk).exists()
    assert response.status_code == 200  # the page that explains what protects it


def test_the_interface_is_swedish_whatever_the_browser_prefers(client, city, user_with_role):
    client.force_login(user_with_role("reader", city.unit))
    page = client.get(reverse("ui:start"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="sv"' in page and "Planer" in page
