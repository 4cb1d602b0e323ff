"""An import goes through the same check as a person's edit: it does not overwrite unseen work.

The preview notes what each plan would change; a plan someone changed after the preview
is stopped (nothing of it written) and listed with who changed what, the other plans
import, and "Preview again" shows what the import would now replace.
"""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from styrkedja.goals import levels
from styrkedja.goals.models import Goal
from styrkedja.history.models import Change
from styrkedja.importer.models import ImportJob
from styrkedja.importer.tests.test_parser_variants import COUNCIL_PLAN
from styrkedja.org.models import OrgUnit, Role
from styrkedja.plans.models import Plan, PlanSection
from styrkedja.testing import factories

EXAMPLE_PATH = Path(__file__).parent / "example_plan.txt"
EXAMPLE = EXAMPLE_PATH.read_text(encoding="utf-8")
UNIT = "Enheten för exempelstöd"
UNIT_GOAL = "Alla som söker stöd får svar inom en vecka"
OLD_WAYS = "Enheten har en gemensam inkorg som bevakas varje dag."
NEW_WAYS = "Enheten har en gemensam inkorg som bevakas två gånger om dagen."
OLD_MISSION = "Enheten för exempelstöd ger råd och stöd till invånare som behöver hjälp i vardagen."
NEW_MISSION = "Enheten för exempelstöd ger råd och stöd till alla invånare, dag som natt."
# The same plan corrected: the unit goal's ways of working and the opening section.
CORRECTED = EXAMPLE.replace(OLD_WAYS, NEW_WAYS).replace(OLD_MISSION, NEW_MISSION)
# The plan of another unit of the same nämnd.
OTHER_UNIT = "Enheten för provstöd"
OTHER = EXAMPLE.replace(UNIT, OTHER_UNIT)
PERSONS_WAYS = "Annas arbetssätt: vi ringer upp alla samma dag."


@pytest.fixture(autouse=True)
def run_tasks_at_once(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def administrator(city):
    user = factories.create_user(username="karin", first_name="Karin", last_name="Importör")
    factories.create_membership(user=user, org_unit=city.council, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def admin_client(administrator):
    client = Client()
    client.force_login(administrator)
    return client


def text_file(name, text):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def preview(client, city, *files) -> ImportJob:
    response = client.post(
        reverse("importer:upload"), {"council": city.council.pk, "documents": list(files)}
    )
    assert response.status_code == 302
    return ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def confirm(client, job) -> ImportJob:
    assert client.post(reverse("importer:confirm", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    return job


def import_via_web(client, city, *files) -> ImportJob:
    return confirm(client, preview(client, city, *files))


def result_of(job, name):
    return job.files.get(name=name).result


def unit_goal() -> Goal:
    return Goal.objects.get(owner__name=UNIT, level__code=levels.UNIT)


def mission() -> str:
    section = PlanSection.objects.get(plan__org_unit__name=UNIT, heading="Enhetens uppdrag")
    return section.body


def named_together(page: str, *words: str) -> bool:
    """Whether one list item of the page names all the words, in order."""
    pattern = "[^<]*".join(re.escape(word) for word in words)
    return re.search(rf"<li>[^<]*{pattern}[^<]*</li>", page) is not None


def edit_goal_as_a_person(city, ways_of_working) -> tuple[Change, object]:
    """A redaktör of the imported unit changes the unit goal through the edit page."""
    person = factories.create_user(username="anna", first_name="Anna", last_name="Redaktör")
    factories.create_membership(
        user=person, org_unit=OrgUnit.objects.get(name=UNIT), role=Role.EDITOR
    )
    client = Client()
    client.force_login(person)
    goal = unit_goal()
    plan = Plan.objects.get(org_unit__name=UNIT)
    url = reverse("goals:edit", args=[plan.pk, goal.pk])
    page = client.get(url).content.decode()
    revision = re.search(r'name="base_revision" value="(\d+)"', page)
    assert revision
    values = {
        "title": goal.title,
        "description": goal.description,
        "ways_of_working": ways_of_working,
        "resource_use": goal.resource_use,
        "follow_up": goal.follow_up,
        "development": goal.development,
        "base_revision": revision.group(1),
    }
    assert client.post(url, values).status_code == 302
    return Change.objects.for_object(goal).latest("at", "pk"), person


def test_a_plan_changed_after_the_preview_is_stopped_and_can_be_previewed_again(
    admin_client, city, administrator
):
    import_via_web(admin_client, city, text_file("plan.txt", EXAMPLE))
    job = preview(
        admin_client, city, text_file("plan.txt", CORRECTED), text_file("annan.txt", OTHER)
    )
    goal_key = f"goals.goal:{unit_goal().pk}"
    assert goal_key in job.files.get(name="plan.txt").preview[0]["base"]

    persons_change, _person = edit_goal_as_a_person(city, PERSONS_WAYS)
    job = confirm(admin_client, job)

    # The corrected plan is stopped whole: Anna's text stays, the section is not replaced,
    # and the import wrote nothing of it.
    (stopped,) = result_of(job, "plan.txt")
    assert stopped["status"] == "conflict"
    assert stopped["stopped"] == [
        {"key": goal_key, "label": UNIT_GOAL, "change_ids": [persons_change.pk]}
    ]
    assert unit_goal().ways_of_working == PERSONS_WAYS
    assert mission() == OLD_MISSION
    assert not Change.objects.filter(import_job_id=job.pk, import_name="plan.txt").exists()
    # The other file of the job imported.
    (other,) = result_of(job, "annan.txt")
    assert other["status"] == "created"
    assert Plan.objects.filter(org_unit__name=OTHER_UNIT).exists()
    assert Change.objects.filter(import_job_id=job.pk, import_name="annan.txt").exists()

    page = admin_client.get(reverse("importer:job", args=[job.pk])).content.decode()
    assert named_together(page, UNIT_GOAL, "Anna Redaktör")
    assert reverse("importer:preview_again", args=[job.pk]) in page

    # Preview again: a new job with only the stopped file, read from where it lies.
    response = admin_client.post(reverse("importer:preview_again", args=[job.pk]))
    again = ImportJob.objects.exclude(pk__in=[job.pk]).latest("pk")
    assert response["Location"] == reverse("importer:job", args=[again.pk])
    assert (again.created_by, again.council, again.status) == (
        administrator,
        city.council,
        ImportJob.Status.PREVIEWED,
    )
    (again_file,) = again.files.all()
    assert again_file.file.name == job.files.get(name="plan.txt").file.name
    # The preview warns that the import replaces Anna's work.
    assert again_file.preview[0]["overwrites"] == [persons_change.pk]
    page = admin_client.get(response["Location"]).content.decode()
    assert named_together(page, "Styrkedja", UNIT_GOAL, "Anna Redaktör")

    again = confirm(admin_client, again)
    assert result_of(again, "plan.txt")[0]["status"] == "updated"
    assert unit_goal().ways_of_working == NEW_WAYS
    assert mission() == NEW_MISSION
    replaced = Change.objects.for_object(unit_goal()).latest("at", "pk")
    assert (replaced.import_job_id, replaced.import_name, replaced.actor) == (
        again.pk,
        "plan.txt",
        administrator,
    )
    assert replaced.fields["ways_of_working"] == [PERSONS_WAYS, NEW_WAYS]
    assert replaced.who == "Import av plan.txt av Karin Importör"


def test_a_plan_the_preview_found_unchanged_is_stopped_if_someone_edits_it_before_the_import(
    admin_client, city
):
    import_via_web(admin_client, city, text_file("plan.txt", EXAMPLE))
    job = preview(admin_client, city, text_file("plan.txt", EXAMPLE))
    assert job.files.get().preview[0]["base"] == {}

    persons_change, _person = edit_goal_as_a_person(city, PERSONS_WAYS)
    job = confirm(admin_client, job)

    (stopped,) = result_of(job, "plan.txt")
    assert stopped["status"] == "conflict"
    assert stopped["stopped"][0]["change_ids"] == [persons_change.pk]
    assert unit_goal().ways_of_working == PERSONS_WAYS


def test_without_an_edit_between_preview_and_confirm_the_plan_is_updated(admin_client, city):
    import_via_web(admin_client, city, text_file("plan.txt", EXAMPLE))
    job = preview(admin_client, city, text_file("plan.txt", CORRECTED))
    assert job.files.get().preview[0]["overwrites"] == []

    job = confirm(admin_client, job)

    assert result_of(job, "plan.txt")[0]["status"] == "updated"
    assert unit_goal().ways_of_working == NEW_WAYS
    assert mission() == NEW_MISSION
    page = admin_client.get(reverse("importer:job", args=[job.pk])).content.decode()
    assert reverse("importer:preview_again", args=[job.pk]) not in page


def test_importing_the_same_file_again_changes_nothing_and_records_nothing(admin_client, city):
    import_via_web(admin_client, city, text_file("plan.txt", EXAMPLE))
    changes = Change.objects.count()

    job = import_via_web(admin_client, city, text_file("plan.txt", EXAMPLE))

    assert job.files.get().preview[0]["status"] == "unchanged"
    assert result_of(job, "plan.txt")[0]["status"] == "unchanged"
    assert Change.objects.count() == changes


def test_plans_of_one_file_that_write_the_same_shared_row_do_not_stop_each_other(
    admin_client, city
):
    # Both plans give the KF target of the shared indicator, differently: the preview ran
    # each alone, the import writes the second over the first.
    first = EXAMPLE.replace("Tas fram av nämnd", "75 %")
    second = OTHER.replace("Tas fram av nämnd", "85 %")

    job = import_via_web(admin_client, city, text_file("två.txt", first + "\n\n" + second))

    assert [entry["status"] for entry in result_of(job, "två.txt")] == ["created", "created"]
    assert Change.objects.filter(
        import_job_id=job.pk, action=Change.Action.UPDATE, object_type="indicators.target"
    ).exists()


def test_a_preview_warns_only_about_changes_people_made(admin_client, city):
    import_via_web(admin_client, city, text_file("plan.txt", EXAMPLE))
    job = preview(admin_client, city, text_file("plan.txt", CORRECTED))
    # The goal was last changed by the import itself: nothing to warn about.
    assert job.files.get().preview[0]["overwrites"] == []
    page = admin_client.get(reverse("importer:job", args=[job.pk])).content.decode()
    assert not named_together(page, "Styrkedja", UNIT_GOAL)


def test_the_command_line_import_is_recorded_as_the_files_import_without_a_person(city):
    call_command(
        "import_plans", "--council", city.council.name, str(EXAMPLE_PATH), stdout=StringIO()
    )

    changes = Change.objects.filter(plan_id=Plan.objects.get(org_unit__name=UNIT).pk)
    assert changes.exists()
    assert set(changes.values_list("import_name", "actor", "actor_name", "import_job_id")) == {
        ("example_plan.txt", None, "", None)
    }
    assert changes.first().who == "Import av example_plan.txt"


def test_the_command_line_import_is_not_checked_against_a_preview(city):
    call_command(
        "import_plans", "--council", city.council.name, str(EXAMPLE_PATH), stdout=StringIO()
    )
    edit_goal_as_a_person(city, PERSONS_WAYS)

    out = StringIO()
    call_command("import_plans", "--council", city.council.name, str(EXAMPLE_PATH), stdout=out)

    assert unit_goal().ways_of_working == OLD_WAYS
    assert "conflict" not in out.getvalue()


def test_a_committees_plan_refused_in_the_preview_is_not_imported_on_confirm(admin_client, city):
    job = import_via_web(admin_client, city, text_file("nämnd.txt", COUNCIL_PLAN))

    assert "Västra stadsdelsnämnd" in job.files.get().error
    assert not Plan.objects.exists()
    assert not OrgUnit.objects.filter(name="Västra stadsdelsnämnd").exists()


def test_only_a_job_with_stopped_plans_can_be_previewed_again(admin_client, city):
    job = import_via_web(admin_client, city, text_file("plan.txt", EXAMPLE))

    response = admin_client.post(reverse("importer:preview_again", args=[job.pk]))

    assert response["Location"] == reverse("importer:job", args=[job.pk])
    assert ImportJob.objects.count() == 1
