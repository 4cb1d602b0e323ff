"""Importing from the browser: upload, preview without writing, confirm, progress, result."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from styrkedja.goals.models import Goal
from styrkedja.importer.models import ImportJob
from styrkedja.org.models import OrgUnit
from styrkedja.plans.models import Plan

EXAMPLE = (Path(__file__).parent / "example_plan.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def run_tasks_at_once(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def administrator(city, user_with_role):
    return user_with_role("administrator", city.council)


def upload(client, city, *files):
    return client.post(
        reverse("importer:upload"),
        {"council": city.council.pk, "documents": list(files)},
    )


def text_file(name, text=EXAMPLE):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


@pytest.mark.parametrize("role", ["reader", "editor", "reviewer"])
def test_only_administrators_may_import(client, city, user_with_role, role):
    client.force_login(user_with_role(role, city.council))
    assert client.get(reverse("importer:upload")).status_code == 403
    assert upload(client, city, text_file("plan.txt")).status_code == 403


def test_an_administrator_chooses_among_the_committees_they_administer(client, city, administrator):
    client.force_login(administrator)
    page = client.get(reverse("importer:upload")).content.decode()
    assert city.council.name in page
    assert city.other_council.name not in page
    response = client.post(
        reverse("importer:upload"),
        {"council": city.other_council.pk, "documents": [text_file("plan.txt")]},
    )
    assert response.status_code == 200
    assert not ImportJob.objects.exists()


def test_the_only_committee_an_administrator_has_is_chosen_for_them(client, city, administrator):
    client.force_login(administrator)
    page = client.get(reverse("importer:upload")).content.decode()
    assert f'<option value="{city.council.pk}" selected>' in page
    assert "---------" not in page


def test_the_preview_shows_what_would_be_created_and_writes_nothing(client, city, administrator):
    client.force_login(administrator)
    response = upload(client, city, text_file("plan.txt"))
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("importer:job", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Enheten för exempelstöd" in page
    assert "ny plan" in page
    assert not Plan.objects.exists()
    assert not OrgUnit.objects.filter(name="Enheten för exempelstöd").exists()


def test_confirming_runs_the_import_and_links_the_imported_plan(client, city, administrator):
    client.force_login(administrator)
    job_url = upload(client, city, text_file("plan.txt"))["Location"]
    job = ImportJob.objects.get()
    response = client.post(reverse("importer:confirm", args=[job.pk]))
    assert response["Location"] == job_url
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.progress_done, job.progress_total, job.percent) == (1, 1, 100)
    unit = OrgUnit.objects.get(name="Enheten för exempelstöd")
    assert unit.parent == city.council
    assert Goal.objects.filter(owner=unit).count() == 1
    page = client.get(job_url).content.decode()
    assert reverse("ui:plan", args=[unit.pk, 2026]) in page


def test_the_progress_partial_reloads_the_page_when_the_job_is_done(client, city, administrator):
    client.force_login(administrator)
    upload(client, city, text_file("plan.txt"))
    job = ImportJob.objects.get()
    client.post(reverse("importer:confirm", args=[job.pk]))
    response = client.get(reverse("importer:progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"
    assert 'value="100"' in response.content.decode()


def test_a_document_without_a_unit_name_asks_for_it_before_importing(client, city, administrator):
    client.force_login(administrator)
    nameless = EXAMPLE.replace(
        "Verksamhetsplan 2026 för Enheten för exempelstöd", "Verksamhetsplan 2026"
    )
    nameless = nameless.replace("Enheten för exempelstöd ger", "Vi ger")
    upload(client, city, text_file("utan-namn.txt", nameless))
    job = ImportJob.objects.get()
    page = client.get(reverse("importer:job", args=[job.pk])).content.decode()
    assert "Enhetens namn för utan-namn.txt" in page

    refused = client.post(reverse("importer:confirm", args=[job.pk]), {})
    assert refused.status_code == 400
    assert not Plan.objects.exists()

    field = f"unit_{job.files.get().pk}"
    client.post(reverse("importer:confirm", args=[job.pk]), {field: "Rådgivningsenheten"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEWED
    assert (
        "Rådgivningsenheten" in client.get(reverse("importer:job", args=[job.pk])).content.decode()
    )
    client.post(reverse("importer:confirm", args=[job.pk]))
    assert Plan.objects.get().org_unit.name == "Rådgivningsenheten"


def test_a_bad_file_is_reported_and_skipped_while_the_others_import(client, city, administrator):
    client.force_login(administrator)
    noise = bytes(range(256)) * 20
    upload(client, city, text_file("plan.txt"), SimpleUploadedFile("brus.txt", noise))
    job = ImportJob.objects.get()
    page = client.get(reverse("importer:job", args=[job.pk])).content.decode()
    assert "brus.txt: filen innehåller ingen läsbar text" in page
    client.post(reverse("importer:confirm", args=[job.pk]))
    assert Plan.objects.count() == 1


def test_a_file_over_the_limit_or_of_another_kind_is_refused_at_upload(
    client, city, administrator, settings
):
    settings.STYRKEDJA_IMPORT_MAX_BYTES = 100
    client.force_login(administrator)
    response = upload(client, city, text_file("plan.txt"), text_file("bild.png", "x"))
    page = response.content.decode()
    assert "plan.txt är större än 0 MB." in page
    assert "bild.png: bara .txt-, .pdf- och .docx-filer kan läsas in." in page
    assert not ImportJob.objects.exists()


def test_another_users_job_is_not_found(client, city, administrator, user_with_role):
    client.force_login(administrator)
    upload(client, city, text_file("plan.txt"))
    job = ImportJob.objects.get()
    client.force_login(user_with_role("administrator", city.council))
    assert client.get(reverse("importer:job", args=[job.pk])).status_code == 404
    assert client.post(reverse("importer:confirm", args=[job.pk])).status_code == 404
