"""manage.py export_plan: each format from the database, a nämnd's units, and bad input that
writes nothing."""

from __future__ import annotations

import json
import os
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from styrkedja.exporter.management.commands import export_plan
from styrkedja.goals import levels
from styrkedja.periods.models import PeriodKind
from styrkedja.testing import factories


@pytest.fixture(autouse=True)
def swedish_command_line(monkeypatch):
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def plans(city):
    """The nämnd's plan with a goal, and plans of three units under it."""
    council_plan = factories.create_plan(org_unit=city.council, year=city.year)
    factories.create_section(
        plan=council_plan, heading="Inledning", body="Nämnden leder socialtjänsten."
    )
    direction = factories.create_goal(
        level=levels.DIRECTION, owner=city.municipality, year=city.year, number="1"
    )
    area = factories.create_goal(
        level=levels.AREA, owner=city.municipality, year=city.year, number="1.3", parent=direction
    )
    factories.create_goal(
        level=levels.COUNCIL,
        owner=city.council,
        year=city.year,
        number="1.3.3",
        parent=area,
        title="Barn och unga får stöd tidigt",
    )
    for unit in (city.sibling, city.sub_unit, city.unit):
        factories.create_plan(org_unit=unit, year=city.year)
    return council_plan


def export(output: Path, org: str, *options: str, year: int = 2026) -> str:
    stdout = StringIO()
    call_command(
        "export_plan",
        "--org",
        org,
        "--year",
        str(year),
        "--output",
        str(output),
        *options,
        stdout=stdout,
    )
    return stdout.getvalue()


def test_word_opens_in_python_docx(city, plans, tmp_path):
    output = tmp_path / "plan.docx"
    export(output, city.council.name, "--format", "docx")
    text = "\n".join(paragraph.text for paragraph in docx.Document(str(output)).paragraphs)
    assert city.council.name in text
    assert "Barn och unga får stöd tidigt" in text


def test_pdf_is_a_pdf(city, plans, tmp_path):
    output = tmp_path / "plan.pdf"
    export(output, city.council.name, "--format", "pdf")
    assert output.read_bytes().startswith(b"%PDF")


def test_html_is_the_print_view_naming_the_organisation(city, plans, tmp_path):
    output = tmp_path / "plan.html"
    export(output, city.council.name, "--format", "html")
    html = output.read_text(encoding="utf-8")
    assert "<html" in html
    assert city.council.name in html


def test_json_is_the_importers_form(city, plans, tmp_path):
    output = tmp_path / "plan.json"
    message = export(output, city.council.name, "--format", "json")
    data = json.loads(output.read_text(encoding="utf-8"))
    assert [plan["unit"] for plan in data["plans"]] == [city.council.name]
    assert str(output) in message


def test_with_units_the_units_follow_in_organisation_order(city, plans, tmp_path):
    output = tmp_path / "plans.json"
    export(output, city.council.name, "--with-units")
    data = json.loads(output.read_text(encoding="utf-8"))
    # Familjebehandlarna sorts before Familjeenheten, but sits under it in the tree.
    assert [plan["unit"] for plan in data["plans"]] == [
        city.council.name,
        city.unit.name,
        city.sub_unit.name,
        city.sibling.name,
    ]


def test_chosen_units_are_the_only_ones_included(city, plans, tmp_path):
    output = tmp_path / "plans.json"
    export(output, city.council.name, "--unit", city.sibling.name, "--unit", city.unit.name)
    data = json.loads(output.read_text(encoding="utf-8"))
    assert [plan["unit"] for plan in data["plans"]] == [
        city.council.name,
        city.unit.name,
        city.sibling.name,
    ]


def test_a_word_compilation_gets_the_units_in_organisation_order(
    city, plans, tmp_path, monkeypatch
):
    seen = []

    def render(plan, *, units, export_format, on_step=None):  # type: ignore[no-untyped-def]
        seen.append((plan, [unit.name for unit in units], export_format))
        return b"compiled"

    monkeypatch.setattr(export_plan, "render_export", render)
    output = tmp_path / "plans.docx"
    export(output, city.council.name, "--format", "docx", "--with-units")
    assert seen == [(plans, [city.unit.name, city.sub_unit.name, city.sibling.name], "docx")]
    assert output.read_bytes() == b"compiled"


def test_a_real_word_compilation_holds_the_units_parts(city, plans, tmp_path):
    output = tmp_path / "plans.docx"
    export(output, city.council.name, "--format", "docx", "--unit", city.sibling.name)
    text = "\n".join(paragraph.text for paragraph in docx.Document(str(output)).paragraphs)
    assert city.sibling.name in text
    assert city.unit.name not in text


def test_a_committee_without_a_plan_of_its_own_still_gives_its_units_plans_as_json(city, tmp_path):
    factories.create_plan(org_unit=city.unit, year=city.year)
    output = tmp_path / "plans.json"
    export(output, city.council.name, "--with-units")
    data = json.loads(output.read_text(encoding="utf-8"))
    assert [plan["unit"] for plan in data["plans"]] == [city.unit.name]


def test_a_report_is_exported_by_its_kind(city, plans, tmp_path):
    factories.create_plan(org_unit=city.council, year=city.year, kind=PeriodKind.T1)
    output = tmp_path / "t1.html"
    export(output, city.council.name, "--kind", "t1", "--format", "html")
    assert city.council.name in output.read_text(encoding="utf-8")


def error_of(output: Path, org: str, *options: str, year: int = 2026) -> str:
    with pytest.raises(CommandError) as raised:
        export(output, org, *options, year=year)
    return str(raised.value)


@pytest.fixture
def earlier_output(tmp_path) -> Path:
    """An output file from an earlier run, which a failed run must leave as it was."""
    output = tmp_path / "plan.docx"
    output.write_bytes(b"earlier")
    return output


def assert_nothing_written(output: Path) -> None:
    assert output.read_bytes() == b"earlier"
    assert sorted(path.name for path in output.parent.iterdir()) == [output.name]


def test_an_unknown_organisation_is_named_and_nothing_is_written(city, plans, earlier_output):
    message = error_of(earlier_output, "Norra nämnden", "--format", "docx")
    assert message == "Ingen organisationsenhet heter Norra nämnden."
    assert_nothing_written(earlier_output)


def test_a_missing_plan_or_report_is_named_and_nothing_is_written(city, plans, earlier_output):
    message = error_of(earlier_output, city.council.name, "--kind", "vb", "--format", "pdf")
    assert message == f"{city.council.name} har ingen sådan plan för 2026."
    assert_nothing_written(earlier_output)
    message = error_of(earlier_output, city.council.name, "--format", "docx", year=2031)
    assert message == f"{city.council.name} har ingen sådan plan för 2031."
    assert_nothing_written(earlier_output)


def test_a_unit_not_below_the_committee_is_refused_and_nothing_is_written(
    city, plans, earlier_output
):
    factories.create_plan(org_unit=city.other_unit, year=city.year)
    message = error_of(
        earlier_output, city.council.name, "--format", "docx", "--unit", city.other_unit.name
    )
    assert city.other_unit.name in message
    assert city.council.name in message
    assert_nothing_written(earlier_output)


def test_an_unknown_unit_or_one_without_a_plan_is_refused_and_nothing_is_written(
    city, plans, earlier_output
):
    message = error_of(earlier_output, city.council.name, "--unit", "Okända enheten")
    assert message == "Ingen organisationsenhet heter Okända enheten."
    message = error_of(earlier_output, city.council.name, "--unit", city.department.name)
    assert message == f"{city.department.name} har ingen sådan plan för 2026."
    assert_nothing_written(earlier_output)


def test_a_missing_folder_is_named(city, plans, tmp_path):
    output = tmp_path / "saknas" / "plan.docx"
    message = error_of(output, city.council.name, "--format", "docx")
    assert str(output.parent) in message
    assert not output.parent.exists()


def test_a_rendering_that_fails_leaves_the_earlier_file_untouched(
    city, plans, earlier_output, monkeypatch
):
    def render(plan, *, units, export_format, on_step=None):  # type: ignore[no-untyped-def]
        raise RuntimeError("trasig mall")

    monkeypatch.setattr(export_plan, "render_export", render)
    with pytest.raises(RuntimeError, match="trasig mall"):
        export(earlier_output, city.council.name, "--format", "docx")
    assert_nothing_written(earlier_output)


def test_a_write_that_fails_leaves_no_half_file(city, plans, earlier_output, monkeypatch):
    def fail(source, destination):  # type: ignore[no-untyped-def]
        raise OSError("disken är full")

    monkeypatch.setattr(export_plan.os, "replace", fail)
    with pytest.raises(OSError, match="disken är full"):
        export(earlier_output, city.council.name, "--format", "json")
    assert_nothing_written(earlier_output)


def test_the_written_file_gets_the_usual_permissions(city, plans, tmp_path):
    output = tmp_path / "plan.json"
    umask = os.umask(0o022)
    try:
        export(output, city.council.name)
    finally:
        os.umask(umask)
    # As the umask says, not private like the temporary file it was written as.
    assert output.stat().st_mode & 0o777 == 0o644
