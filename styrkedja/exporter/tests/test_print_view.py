"""The print view: who may read it, the HTML the PDF is made from (title, contents, headings,
tables and charts), and a nämnd's compilation of all or the chosen units."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from styrkedja.exporter.html_render import render_html
from styrkedja.exporter.layout import build_export_document
from styrkedja.exporter.tests.test_layout import (
    build_goal_chain,
    build_unit_plan,
    build_unit_report,
    periods,  # noqa: F401 - a fixture
)
from styrkedja.org.models import Role
from styrkedja.testing import factories


def print_url(plan, query=""):
    return reverse("export:print", args=[plan.pk]) + query


def get_print_view(client, user, plan, query=""):
    client.force_login(user)
    return client.get(print_url(plan, query))


def level_one_headings(html):
    return re.findall(r"<h1 id=\"[^\"]+\">([^<]+)</h1>", html)


# Access -----------------------------------------------------------------------------------


def test_a_reader_of_the_unit_gets_the_print_view(client, city, user_with_role):
    plan = build_unit_plan(city)
    response = get_print_view(client, user_with_role(Role.READER, city.unit), plan)
    assert response.status_code == 200
    assert "<title>Verksamhetsplan 2026 – Familjeenheten</title>" in response.content.decode()


def test_a_reader_of_the_nämnd_may_read_its_units_plans(client, city, user_with_role):
    plan = build_unit_plan(city)
    response = get_print_view(client, user_with_role(Role.READER, city.council), plan)
    assert response.status_code == 200


def test_a_reader_of_another_nämnd_may_not(client, city, user_with_role):
    plan = build_unit_plan(city)
    response = get_print_view(client, user_with_role(Role.EDITOR, city.other_council), plan)
    assert response.status_code == 403


def test_someone_not_logged_in_is_sent_to_log_in(client, city):
    plan = build_unit_plan(city)
    response = client.get(print_url(plan))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_an_unknown_plan_is_not_found(client, city, user_with_role):
    client.force_login(user_with_role(Role.READER, city.unit))
    assert client.get(reverse("export:print", args=[999999])).status_code == 404


# The HTML ---------------------------------------------------------------------------------


def test_the_print_view_is_a_complete_swedish_document_with_its_own_stylesheet(
    client, city, user_with_role
):
    plan = build_unit_plan(city)
    html = get_print_view(client, user_with_role(Role.READER, city.unit), plan).content.decode()

    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="sv">' in html
    assert '<link rel="stylesheet" href="/static/exporter/print.css">' in html
    # Nothing from another host: the PDF renderer and a strict CSP both need that.
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
    assert "<style" not in html and "<script" not in html


def test_the_contents_link_to_every_heading_by_its_anchor(client, city, user_with_role):
    plan = build_unit_plan(city)
    html = get_print_view(client, user_with_role(Role.READER, city.unit), plan).content.decode()

    headings = re.findall(r'<h([1-4]) id="([^"]+)">([^<]+)</h\1>', html)
    contents = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', html)
    assert [(anchor, text) for level, anchor, text in headings if int(level) <= 3] == contents
    assert ("4", "Enhetsmål: Familjeenheten mål 0") in [(lv, text) for lv, _a, text in headings]
    assert "KF:s inriktningsmål: 1. Ett Testby som håller samman" in dict(contents).values()


def test_tables_have_a_caption_and_column_headers(city):
    html = render_html(build_export_document(build_unit_plan(city)))
    table = re.search(r"<table>.*?</table>", html, re.DOTALL).group(0)
    root = ET.fromstring(table)
    assert root.find("caption").text == "Indikatorer"
    header = root.find("thead/tr")
    assert [cell.get("scope") for cell in header] == ["col"] * 4
    assert [cell.text for cell in header] == ["Indikator", "Årsmål", "KF:s årsmål", "Periodicitet"]
    assert root.find("tbody/tr/th").get("scope") == "row"


def test_a_chart_is_inline_svg_in_a_figure_with_its_values_as_a_table(city, periods):  # noqa: F811
    html = render_html(build_export_document(build_unit_report(city, periods)))
    figure = re.search(r'<figure class="chart"[^>]*>.*?</figure>', html, re.DOTALL).group(0)
    assert re.search(r"<figure[^>]*><svg[^>]*role=\"img\"", figure)
    assert "<title" in figure
    caption = re.search(r"<figcaption>(.*)</figcaption>", figure, re.DOTALL).group(1)
    assert "<table>" in caption and '<th scope="col">Period</th>' in caption
    assert "64,5" in caption


# Compilation ------------------------------------------------------------------------------


@pytest.fixture
def nämnd_with_units(city):
    _direction, _area, council_goal = build_goal_chain(city)
    for unit in (city.unit, city.sibling):
        build_unit_plan(city, unit, council_goal=council_goal)
    return factories.create_plan(org_unit=city.council, year=city.year)


def test_a_nämnd_document_has_no_units_parts_unless_asked(
    client, city, user_with_role, nämnd_with_units
):
    reader = user_with_role(Role.READER, city.council)
    html = get_print_view(client, reader, nämnd_with_units).content.decode()
    assert "Familjeenheten" not in level_one_headings(html)


def test_all_units_are_compiled_in_organisation_order(
    client, city, user_with_role, nämnd_with_units
):
    reader = user_with_role(Role.READER, city.council)
    html = get_print_view(client, reader, nämnd_with_units, "?enheter=all").content.decode()
    units = [text for text in level_one_headings(html) if "mål" not in text]
    assert units == ["Familjeenheten", "Vuxenenheten"]


def test_only_the_chosen_units_are_compiled(client, city, user_with_role, nämnd_with_units):
    reader = user_with_role(Role.READER, city.council)
    html = get_print_view(
        client, reader, nämnd_with_units, f"?enhet={city.sibling.pk}"
    ).content.decode()
    units = [text for text in level_one_headings(html) if "mål" not in text]
    assert units == ["Vuxenenheten"]


def test_a_unit_outside_the_nämnd_cannot_be_chosen(client, city, user_with_role, nämnd_with_units):
    reader = user_with_role(Role.READER, city.municipality)
    response = get_print_view(client, reader, nämnd_with_units, f"?enhet={city.other_unit.pk}")
    assert response.status_code == 400
    assert "Biblioteksenheten" not in response.content.decode()
