"""Making a plan's documents from the browser: start, progress, list, download, and the rule
that an adopted version's documents never change."""

from __future__ import annotations

import io
import json
from urllib.parse import quote

import docx
import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import localtime

from styrkedja.exporter import tasks
from styrkedja.exporter.export_models import RENDERING, ExportedFile, plan_version
from styrkedja.goals import levels
from styrkedja.periods.models import PeriodKind
from styrkedja.plans.models import Plan
from styrkedja.testing import factories
from styrkedja.workflow.models import Transition


@pytest.fixture(autouse=True)
def run_tasks_at_once(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


class FakeRenderer:
    """Stands in for the document renderers where the test is about pages, storage and tasks."""

    def __init__(self) -> None:
        self.calls: list[tuple[Plan, list[str], str]] = []
        self.error: Exception | None = None

    def __call__(self, plan, *, units, export_format, on_step=None):  # type: ignore[no-untyped-def]
        self.calls.append((plan, [unit.name for unit in units], export_format))
        if on_step is not None:
            on_step(RENDERING)
        if self.error is not None:
            raise self.error
        return f"{export_format}: {plan}".encode()


@pytest.fixture
def renderer(monkeypatch) -> FakeRenderer:
    fake = FakeRenderer()
    monkeypatch.setattr(tasks, "render_export", fake)
    return fake


@pytest.fixture
def plan(city):
    """A unit's plan with an opening section and a goal of its own under the chain above."""
    plan = factories.create_plan(org_unit=city.unit, year=city.year)
    factories.create_section(plan=plan, heading="Inledning", body="Familjeenheten ger stöd.")
    direction = factories.create_goal(
        level=levels.DIRECTION, owner=city.municipality, year=city.year, number="1"
    )
    area = factories.create_goal(
        level=levels.AREA, owner=city.municipality, year=city.year, number="1.3", parent=direction
    )
    council_goal = factories.create_goal(
        level=levels.COUNCIL, owner=city.council, year=city.year, number="1.3.3", parent=area
    )
    factories.create_goal(
        level=levels.UNIT,
        owner=city.unit,
        year=city.year,
        parent=council_goal,
        title="Barn och unga får stöd i tid",
        expected_results=["Kortare väntetider"],
    )
    return plan


@pytest.fixture
def reader(city, user_with_role):
    return user_with_role("reader", city.council)


def start(client, plan, export_format="docx", **data):
    return client.post(reverse("exports:index", args=[plan.pk]), {"format": export_format, **data})


def adopt(plan, status=Plan.Status.ADOPTED):
    Plan.objects.filter(pk=plan.pk).update(status=status)
    plan.refresh_from_db()


def test_a_reader_makes_a_document_and_downloads_it_under_its_swedish_name(
    client, plan, reader, renderer
):
    client.force_login(reader)
    response = start(client, plan)
    exported = ExportedFile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("exports:file", args=[plan.pk, exported.pk])
    assert exported.status == ExportedFile.Status.DONE
    assert exported.progress == 100
    assert exported.finished_at is not None
    assert exported.created_by == reader
    assert exported.size == len(b"docx: ") + len(str(plan).encode())
    assert exported.file.name.startswith(f"exports/{plan.pk}/")

    page = client.get(response["Location"]).content.decode()
    download_url = reverse("exports:download", args=[plan.pk, exported.pk])
    assert download_url in page
    assert "hx-trigger" not in page

    download = client.get(download_url)
    assert download.status_code == 200
    assert download["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    name = "Verksamhetsplan 2026 – Familjeenheten.docx"
    assert f"filename*=utf-8''{quote(name)}" in download["Content-Disposition"]
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == f"docx: {plan}".encode()


def test_the_list_shows_each_document_with_its_format_version_maker_time_and_size(
    client, plan, reader, renderer
):
    client.force_login(reader)
    start(client, plan, "pdf")
    exported = ExportedFile.objects.get()
    page = client.get(reverse("exports:index", args=[plan.pk])).content.decode()
    assert "Verksamhetsplan 2026 – Familjeenheten.pdf" in page
    assert reverse("exports:download", args=[plan.pk, exported.pk]) in page
    assert "PDF" in page
    assert "1 (utkast)" in page
    assert str(reader) in page
    assert localtime(exported.created_at).strftime("%Y-%m-%d %H:%M") in page
    assert "byte" in page


def test_a_draft_is_exported_again_and_every_document_is_kept(client, plan, reader, renderer):
    client.force_login(reader)
    start(client, plan)
    start(client, plan)
    files = list(ExportedFile.objects.all())
    assert len(files) == 2
    assert {file.status for file in files} == {ExportedFile.Status.DONE}
    assert files[0].file.name != files[1].file.name
    page = client.get(reverse("exports:index", args=[plan.pk])).content.decode()
    for file in files:
        assert reverse("exports:download", args=[plan.pk, file.pk]) in page
    assert len(renderer.calls) == 2


@pytest.mark.parametrize("status", [Plan.Status.ADOPTED, Plan.Status.LOCKED])
def test_an_adopted_version_is_made_once_and_then_offered_as_it_is(
    client, plan, reader, renderer, status, settings
):
    adopt(plan, status)
    client.force_login(reader)
    first = start(client, plan)
    exported = ExportedFile.objects.get()
    # The message is worded when the export is refused, so in the language of that request.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    second = start(client, plan, follow=False)
    assert ExportedFile.objects.count() == 1
    assert len(renderer.calls) == 1
    assert second["Location"] == first["Location"]
    page = client.get(second["Location"]).content.decode()
    assert "This version is adopted, so its documents do not change." in page
    assert reverse("exports:download", args=[plan.pk, exported.pk]) in page


def test_an_adopted_version_gets_one_document_per_format_and_set_of_units(
    client, city, plan, reader, renderer
):
    council_plan = factories.create_plan(org_unit=city.council, year=city.year)
    adopt(council_plan)
    client.force_login(reader)
    start(client, council_plan, "docx")
    start(client, council_plan, "pdf")
    start(client, council_plan, "docx", include="all")
    start(client, council_plan, "docx", include="all")
    assert ExportedFile.objects.count() == 3
    assert sorted(ExportedFile.objects.values_list("format", flat=True)) == ["docx", "docx", "pdf"]


def test_a_reopened_plan_is_a_new_version_with_new_documents(client, plan, reader, renderer):
    adopt(plan)
    client.force_login(reader)
    start(client, plan)
    Transition.objects.create(
        plan=plan, action="reopen", from_status="adopted", to_status="draft", version=2
    )
    adopt(plan)  # the second version adopted in its turn
    start(client, plan)
    start(client, plan)
    assert list(ExportedFile.objects.order_by("pk").values_list("version", flat=True)) == [1, 2]


def test_a_document_made_of_the_draft_is_not_the_adopted_versions_document(
    client, plan, reader, renderer
):
    client.force_login(reader)
    start(client, plan)
    adopt(plan)
    start(client, plan)
    start(client, plan)
    assert list(ExportedFile.objects.order_by("pk").values_list("plan_status", flat=True)) == [
        "draft",
        "adopted",
    ]


def test_a_failed_export_shows_its_error_and_the_adopted_version_can_be_made_again(
    client, plan, reader, renderer
):
    adopt(plan)
    renderer.error = ValueError("Mallen saknar rubrikformat")
    client.force_login(reader)
    response = start(client, plan)
    failed = ExportedFile.objects.get()
    assert failed.status == ExportedFile.Status.FAILED
    assert failed.error == "Mallen saknar rubrikformat"
    assert failed.finished_at is not None
    page = client.get(response["Location"]).content.decode()
    assert "Mallen saknar rubrikformat" in page
    assert 'role="alert"' in page
    assert client.get(reverse("exports:download", args=[plan.pk, failed.pk])).status_code == 404

    renderer.error = None
    start(client, plan)
    assert ExportedFile.objects.filter(status=ExportedFile.Status.DONE).count() == 1


def test_the_task_runs_a_file_only_once(plan, reader, renderer):
    exported, _created = tasks.start_export(plan=plan, export_format="json", units=[], user=reader)
    exported.refresh_from_db()
    made = (exported.file.name, exported.finished_at)
    tasks.run_export.call(exported.pk)
    exported.refresh_from_db()
    assert (exported.file.name, exported.finished_at) == made
    assert len(renderer.calls) == 1


def test_the_progress_page_polls_with_htmx_while_the_document_is_made(client, plan, reader):
    exported = ExportedFile.objects.create(
        plan=plan,
        version=1,
        plan_status="draft",
        format="pdf",
        name="Verksamhetsplan 2026 – Familjeenheten.pdf",
        status=ExportedFile.Status.RUNNING,
        progress=40,
    )
    url = reverse("exports:file", args=[plan.pk, exported.pk])
    client.force_login(reader)

    part = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in part
    assert 'hx-trigger="every 1s"' in part
    assert f'hx-get="{url}"' in part
    assert 'role="progressbar"' in part
    assert 'aria-valuenow="40"' in part

    page = client.get(url).content.decode()
    assert "<html" in page
    # Without JavaScript the page offers to load itself again.
    assert f'<a class="ds-link" href="{url}">' in page
    assert 'aria-valuenow="40"' in page

    ExportedFile.objects.filter(pk=exported.pk).update(status="done", progress=100)
    finished = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in finished
    assert reverse("exports:download", args=[plan.pk, exported.pk]) in finished


def test_a_document_still_being_made_cannot_be_downloaded(client, plan, reader):
    exported = ExportedFile.objects.create(
        plan=plan, version=1, plan_status="draft", format="pdf", name="x.pdf"
    )
    client.force_login(reader)
    response = client.get(reverse("exports:download", args=[plan.pk, exported.pk]))
    assert response.status_code == 404


def test_a_committees_plan_offers_its_units_in_organisation_order(client, city, reader, renderer):
    council_plan = factories.create_plan(org_unit=city.council, year=city.year)
    for unit in (city.sibling, city.sub_unit, city.unit):
        factories.create_plan(org_unit=unit, year=city.year)
    # Another kind and another committee's unit are not offered.
    factories.create_plan(org_unit=city.department, year=city.year, kind=PeriodKind.T1)
    factories.create_plan(org_unit=city.other_unit, year=city.year)
    client.force_login(reader)

    page = client.get(reverse("exports:index", args=[council_plan.pk])).content.decode()
    offered = [city.unit.name, city.sub_unit.name, city.sibling.name]
    positions = [page.index(f">{name}</label>") for name in offered]
    assert positions == sorted(positions)  # the tree's order, not the alphabet's
    assert f">{city.department.name}</label>" not in page
    assert city.other_unit.name not in page

    start(client, council_plan, "docx", include="all")
    assert renderer.calls[-1][1] == offered
    start(client, council_plan, "docx", include="chosen", units=[city.sibling.pk, city.unit.pk])
    assert renderer.calls[-1][1] == [city.unit.name, city.sibling.name]
    assert ExportedFile.objects.first().units == sorted([city.sibling.pk, city.unit.pk])
    start(client, council_plan, "docx", include="none", units=[city.unit.pk])
    assert renderer.calls[-1][1] == []

    listing = client.get(reverse("exports:index", args=[council_plan.pk])).content.decode()
    assert f"{city.unit.name}, {city.sibling.name}" in listing


def test_a_committees_report_offers_the_units_that_plan_even_before_they_report(
    client, city, reader
):
    report = factories.create_plan(org_unit=city.council, year=city.year, kind=PeriodKind.T1)
    factories.create_plan(org_unit=city.unit, year=city.year)  # its plan, no T1 yet
    client.force_login(reader)
    page = client.get(reverse("exports:index", args=[report.pk])).content.decode()
    assert f">{city.unit.name}</label>" in page
    assert f">{city.sibling.name}</label>" not in page
    assert reverse("reports:report", args=[city.council.pk, 2026, "t1"]) in page


def test_choosing_no_unit_to_include_is_refused_and_makes_nothing(client, city, reader, renderer):
    council_plan = factories.create_plan(org_unit=city.council, year=city.year)
    factories.create_plan(org_unit=city.unit, year=city.year)
    client.force_login(reader)
    response = start(client, council_plan, "docx", include="chosen")
    assert response.status_code == 400
    assert 'id="id_units_error"' in response.content.decode()
    assert not ExportedFile.objects.exists()


def test_a_units_plan_offers_no_units(client, city, plan, reader):
    factories.create_plan(org_unit=city.sub_unit, year=city.year)
    client.force_login(reader)
    page = client.get(reverse("exports:index", args=[plan.pk])).content.decode()
    assert 'name="include"' not in page
    assert 'name="format"' in page


def test_someone_who_may_not_read_the_plan_gets_nothing(
    client, city, plan, reader, user_with_role, renderer
):
    client.force_login(reader)
    start(client, plan)
    exported = ExportedFile.objects.get()
    client.force_login(user_with_role("editor", city.other_council))
    assert client.get(reverse("exports:index", args=[plan.pk])).status_code == 403
    assert start(client, plan).status_code == 403
    assert client.get(reverse("exports:file", args=[plan.pk, exported.pk])).status_code == 403
    assert client.get(reverse("exports:download", args=[plan.pk, exported.pk])).status_code == 403
    assert ExportedFile.objects.count() == 1

    client.logout()
    response = client.get(reverse("exports:download", args=[plan.pk, exported.pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_file_is_only_found_under_its_own_plan(client, city, plan, reader, renderer):
    other_plan = factories.create_plan(org_unit=city.sibling, year=city.year)
    client.force_login(reader)
    start(client, plan)
    exported = ExportedFile.objects.get()
    assert client.get(reverse("exports:file", args=[other_plan.pk, exported.pk])).status_code == 404
    response = client.get(reverse("exports:download", args=[other_plan.pk, exported.pk]))
    assert response.status_code == 404


def test_the_document_list_runs_the_same_queries_however_many_files(client, city, reader, renderer):
    council_plan = factories.create_plan(org_unit=city.council, year=city.year)
    for unit in (city.unit, city.sibling):
        factories.create_plan(org_unit=unit, year=city.year)
    client.force_login(reader)
    url = reverse("exports:index", args=[council_plan.pk])
    start(client, council_plan, "docx")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    start(client, council_plan, "pdf", include="all")
    start(client, council_plan, "html", include="chosen", units=[city.sibling.pk])
    factories.create_plan(org_unit=city.sub_unit, year=city.year)
    assert count() == few


def test_the_version_is_the_workflows_version(plan, reader):
    from styrkedja.workflow.services import current_version

    assert plan_version(plan) == current_version(plan) == 1
    for action, version in [("mark_ready", 1), ("reopen", 2), ("mark_ready", 2), ("reopen", 3)]:
        Transition.objects.create(
            plan=plan, action=action, from_status="draft", to_status="ready", version=version
        )
        assert plan_version(plan) == current_version(plan) == version


def test_the_button_leads_to_the_documents_and_is_absent_without_a_plan(plan):
    button = render_to_string("exporter/_export_button.html", {"plan": plan})
    assert reverse("exports:index", args=[plan.pk]) in button
    assert render_to_string("exporter/_export_button.html", {"plan": None}).strip() == ""


# The real renderers, through the page: each format comes out as what it says it is.


def made_file(client, plan, export_format: str) -> tuple[ExportedFile, bytes]:
    response = start(client, plan, export_format)
    assert response.status_code == 302
    exported = ExportedFile.objects.get(format=export_format)
    assert exported.status == ExportedFile.Status.DONE, exported.error
    download = client.get(reverse("exports:download", args=[plan.pk, exported.pk]))
    assert download["Content-Type"] == exported.content_type
    return exported, b"".join(download.streaming_content)


def test_the_word_document_opens_in_python_docx(client, plan, reader):
    client.force_login(reader)
    _exported, content = made_file(client, plan, "docx")
    text = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(content)).paragraphs)
    assert "Familjeenheten" in text
    assert "Barn och unga får stöd i tid" in text


def test_the_pdf_is_a_pdf(client, plan, reader):
    client.force_login(reader)
    _exported, content = made_file(client, plan, "pdf")
    assert content.startswith(b"%PDF")


def test_the_print_view_names_the_organisation(client, plan, reader):
    client.force_login(reader)
    exported, content = made_file(client, plan, "html")
    assert exported.content_type == "text/html; charset=utf-8"
    html = content.decode()
    assert "<html" in html
    assert "Familjeenheten" in html
    assert "Barn och unga får stöd i tid" in html


def test_the_json_is_the_importers_form(client, plan, reader):
    client.force_login(reader)
    _exported, content = made_file(client, plan, "json")
    data = json.loads(content)
    assert [entry["unit"] for entry in data["plans"]] == ["Familjeenheten"]
