"""The status page of a report: every activity the unit carries out, by goal, with its status
for the period and a comment, saved together or not at all."""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from styrkedja.history.models import Change
from styrkedja.history.writes import create_validated
from styrkedja.org.models import Role
from styrkedja.periods.models import PeriodKind, ReportPeriod
from styrkedja.plans.models import Plan
from styrkedja.reports.models import ActivityStatus
from styrkedja.testing import factories
from styrkedja.testing.conflicts import form_data, person_with_browser

Status = ActivityStatus.Status


def goal_chain(city):
    """KF goals → the nämnd's goal → the unit's own goal."""
    direction = factories.create_goal(level="direction", owner=city.municipality, year=city.year)
    area = factories.create_goal(
        level="area", owner=city.municipality, year=city.year, parent=direction
    )
    council_goal = factories.create_goal(
        level="council",
        owner=city.council,
        year=city.year,
        parent=area,
        number="1.1.1",
        title="Fler barn växer upp i trygghet",
    )
    unit_goal = factories.create_goal(
        level="unit",
        owner=city.unit,
        year=city.year,
        parent=council_goal,
        title="Familjer får stöd i tid",
    )
    return council_goal, unit_goal


@pytest.fixture
def goals(city):
    return goal_chain(city)


@pytest.fixture
def activities(city, goals):
    council_goal, unit_goal = goals
    early = factories.create_activity(
        goal=unit_goal,
        text="Kartlägg väntetiderna",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 3, 31),
        position=0,
    )
    later = factories.create_activity(
        goal=unit_goal,
        text="Inför digitala besök",
        starts_on=datetime.date(2026, 2, 1),
        ends_on=datetime.date(2026, 11, 30),
        position=1,
    )
    assigned = factories.create_activity(
        goal=council_goal, text="Samverka med skolan", assigned_units=[city.unit]
    )
    return early, later, assigned


def page_url(city, kind="t1", unit=None):
    return reverse("reports:activities", args=[(unit or city.unit).pk, city.year.number, kind])


def t1(city):
    return ReportPeriod.objects.get(year=city.year, kind=PeriodKind.T1)


def field(activity, name):
    return f"activity-{activity.pk}-{name}"


def create_status(city, activity, status, comment="", kind=PeriodKind.T1):
    period = ReportPeriod.objects.get(year=city.year, kind=kind)
    return create_validated(
        ActivityStatus,
        activity=activity,
        org_unit=city.unit,
        period=period,
        status=status,
        comment=comment,
    )


@pytest.fixture
def editor_client(anna):
    return anna[1]


def test_the_page_lists_the_activities_by_goal_with_their_planned_dates(
    city, goals, activities, editor_client
):
    council_goal, unit_goal = goals
    early, later, assigned = activities
    response = editor_client.get(page_url(city))
    assert response.status_code == 200
    page = response.content.decode()
    # The unit's own goal first, then the goal above whose activity it carries out.
    assert page.index(unit_goal.title) < page.index(early.text) < page.index(later.text)
    assert page.index(later.text) < page.index(council_goal.title) < page.index(assigned.text)
    assert "Södra stadsdelsnämnden" in page  # whose goal the activity from above is
    assert "31 mars 2026" in page and "30 november 2026" in page
    # A status to choose for each activity, labelled for a screen reader.
    for activity in activities:
        assert f'name="{field(activity, "status")}"' in page
        assert f'name="{field(activity, "comment")}"' in page
        assert f'name="{field(activity, "base_revision")}" value="0"' in page
    assert re.search(r'<label class="ds-label ds-sr-only" for="id_activity-\d+-status">', page)


def test_an_activity_that_should_have_ended_is_marked_late_in_words(
    city, activities, editor_client
):
    early, later, _assigned = activities
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = editor_client.get(page_url(city)).content.decode()
    row = page.split(f'id="activity-{early.pk}"')[1].split("</tr>")[0]
    assert "Past its planned end date" in row
    assert (
        "Past its planned end date"
        not in page.split(f'id="activity-{later.pk}"')[1].split("</tr>")[0]
    )
    # Done, it is no longer late.
    create_status(city, early, Status.DONE)
    page = editor_client.get(page_url(city)).content.decode()
    assert "Past its planned end date" not in page


def test_saving_writes_the_rows_with_a_status_records_them_and_starts_the_report(
    city, activities, anna
):
    user, client = anna
    early, later, assigned = activities
    data = form_data(client.get(page_url(city)).content.decode())
    data[field(early, "status")] = Status.DELAYED
    data[field(early, "comment")] = "Vi saknade personal i februari."
    data[field(assigned, "status")] = Status.ONGOING
    # `later` is left without a status: it stays unsaved.
    response = client.post(page_url(city), data)
    assert response.status_code == 302 and response.url == page_url(city)
    saved = {
        row.activity_id: (row.status, row.comment, row.revision)
        for row in ActivityStatus.objects.filter(org_unit=city.unit, period=t1(city))
    }
    assert saved == {
        early.pk: (Status.DELAYED, "Vi saknade personal i februari.", 1),
        assigned.pk: (Status.ONGOING, "", 1),
    }
    assert Plan.objects.filter(
        org_unit=city.unit, year=city.year, kind=PeriodKind.T1, status=Plan.Status.DRAFT
    ).exists()
    changes = Change.objects.filter(object_type="reports.activitystatus").order_by("pk")
    assert [(c.action, c.object_id, c.actor_id) for c in changes] == [
        (Change.Action.CREATE, ActivityStatus.objects.get(activity=early).pk, user.pk),
        (Change.Action.CREATE, ActivityStatus.objects.get(activity=assigned).pk, user.pk),
    ]
    assert changes[0].fields["status"] == [None, Status.DELAYED]
    assert changes[0].org_unit_id == city.unit.pk and changes[0].year_id == city.year.pk
    # The page shows what was saved, based on the new revision.
    page = client.get(page_url(city)).content.decode()
    again = form_data(page)
    assert again[field(early, "status")] == Status.DELAYED
    assert again[field(early, "base_revision")] == "1"
    assert again[field(later, "status")] == ""


def test_a_changed_status_is_updated_and_recorded(city, activities, anna):
    _user, client = anna
    early = activities[0]
    create_status(city, early, Status.ONGOING)
    data = form_data(client.get(page_url(city)).content.decode())
    data[field(early, "status")] = Status.DONE
    assert client.post(page_url(city), data).status_code == 302
    status = ActivityStatus.objects.get(activity=early)
    assert (status.status, status.revision) == (Status.DONE, 2)
    update = Change.objects.for_object(status).get(action=Change.Action.UPDATE)
    assert update.fields == {"status": [Status.ONGOING, Status.DONE]}


def test_saving_without_a_change_writes_nothing(city, activities, anna):
    _user, client = anna
    create_status(city, activities[0], Status.ONGOING)
    data = form_data(client.get(page_url(city)).content.decode())
    assert client.post(page_url(city), data).status_code == 302
    assert ActivityStatus.objects.get().revision == 1
    assert Change.objects.filter(action=Change.Action.UPDATE).count() == 0


def test_a_comment_without_a_status_is_refused_and_nothing_is_saved(city, activities, anna):
    _user, client = anna
    early, later, _assigned = activities
    data = form_data(client.get(page_url(city)).content.decode())
    data[field(early, "status")] = Status.DONE
    data[field(later, "comment")] = "Startar i höst."
    response = client.post(page_url(city), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="id_{field(later, "status")}_error"' in page
    assert 'aria-invalid="true"' in page
    assert "Startar i höst." in page  # the input is kept
    assert not ActivityStatus.objects.exists()
    assert not Plan.objects.filter(kind=PeriodKind.T1).exists()


def test_a_saved_status_cannot_be_emptied(city, activities, anna):
    _user, client = anna
    create_status(city, activities[0], Status.ONGOING)
    data = form_data(client.get(page_url(city)).content.decode())
    data[field(activities[0], "status")] = ""
    assert client.post(page_url(city), data).status_code == 422
    assert ActivityStatus.objects.get().status == Status.ONGOING


def test_statuses_are_kept_per_period(city, activities, anna):
    _user, client = anna
    early = activities[0]
    create_status(city, early, Status.ONGOING, kind=PeriodKind.T1)
    data = form_data(client.get(page_url(city, "t2")).content.decode())
    assert data[field(early, "status")] == ""
    data[field(early, "status")] = Status.DONE
    assert client.post(page_url(city, "t2"), data).status_code == 302
    by_period = dict(
        ActivityStatus.objects.filter(activity=early).values_list("period__kind", "status")
    )
    assert by_period == {PeriodKind.T1: Status.ONGOING, PeriodKind.T2: Status.DONE}


# Who may ---------------------------------------------------------------------------------


def test_a_reader_sees_the_statuses_but_no_form_and_may_not_save(city, activities):
    create_status(city, activities[0], Status.DELAYED, comment="Personalbrist.")
    _user, reader = person_with_browser(city.unit, "Lars", "Läsare", role=Role.READER)
    response = reader.get(page_url(city))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Personalbrist." in page
    assert '<select name="activity-' not in page and "<textarea" not in page
    data = {field(activities[0], "status"): Status.DONE, field(activities[0], "base_revision"): "1"}
    assert reader.post(page_url(city), data).status_code == 403
    assert ActivityStatus.objects.get().status == Status.DELAYED


def test_an_editor_of_a_sibling_unit_may_neither_read_nor_save(city, activities):
    _user, sibling_editor = person_with_browser(city.sibling, "Sara", "Syskon")
    assert sibling_editor.get(page_url(city)).status_code == 403
    data = {field(activities[0], "status"): Status.DONE, field(activities[0], "base_revision"): "0"}
    assert sibling_editor.post(page_url(city), data).status_code == 403
    assert not ActivityStatus.objects.exists()


def test_a_report_marked_ready_can_no_longer_be_changed(city, activities, anna):
    _user, client = anna
    factories.create_plan(
        org_unit=city.unit, year=city.year, kind=PeriodKind.T1, status=Plan.Status.READY
    )
    page = client.get(page_url(city)).content.decode()
    assert '<select name="activity-' not in page  # shown, but not as a form
    data = {field(activities[0], "status"): Status.DONE, field(activities[0], "base_revision"): "0"}
    assert client.post(page_url(city), data).status_code == 403
    assert not ActivityStatus.objects.exists()
    # Another period's report is still a draft.
    assert client.get(page_url(city, "t2")).content.decode().count('<select name="activity-') == 3


def test_an_unknown_report_kind_is_not_found(city, anna):
    assert anna[1].get(page_url(city, "t3")).status_code == 404


# Two people at once ----------------------------------------------------------------------


def test_a_row_someone_else_saved_meanwhile_refuses_the_whole_save(city, activities, anna, bertil):
    early, later, _assigned = activities
    create_status(city, early, Status.ONGOING)
    _anna, anna_client = anna
    _bertil, bertil_client = bertil
    anna_data = form_data(anna_client.get(page_url(city)).content.decode())
    bertil_data = form_data(bertil_client.get(page_url(city)).content.decode())

    anna_data[field(early, "status")] = Status.DELAYED
    anna_data[field(early, "comment")] = "Annas kommentar"
    assert anna_client.post(page_url(city), anna_data).status_code == 302

    bertil_data[field(early, "status")] = Status.DONE
    bertil_data[field(later, "status")] = Status.ONGOING
    bertil_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    refused = bertil_client.post(page_url(city), bertil_data)
    assert refused.status_code == 409
    page = refused.content.decode()
    # Nothing of Bertil's was written, not even the row nobody else touched.
    assert ActivityStatus.objects.get(activity=early).status == Status.DELAYED
    assert not ActivityStatus.objects.filter(activity=later).exists()
    # The page names Anna and what she saved, at her row only, and keeps Bertil's input.
    assert "Anna Andersson" in page and "Annas kommentar" in page
    conflict_row = page.split(f'id="activity-{early.pk}"')[1].split('id="activity-')[0]
    assert "Status: Delayed" in conflict_row
    assert "Anna Andersson" not in page.split(f'id="activity-{later.pk}"')[1]
    again = form_data(page)
    assert again[field(early, "status")] == Status.DONE  # Bertil's choice
    assert again[field(early, "comment")] == "Annas kommentar"  # only Anna changed it
    assert again[field(early, "base_revision")] == "2"  # now based on Anna's save
    assert again[field(later, "status")] == Status.ONGOING
    assert again[field(later, "base_revision")] == "0"

    # Sent again, knowingly, it goes through.
    assert bertil_client.post(page_url(city), again).status_code == 302
    early_status = ActivityStatus.objects.get(activity=early)
    assert (early_status.status, early_status.comment, early_status.revision) == (
        Status.DONE,
        "Annas kommentar",
        3,
    )
    assert ActivityStatus.objects.get(activity=later).status == Status.ONGOING
    whos = [c.actor_name for c in Change.objects.for_object(early_status).order_by("pk")]
    assert whos == ["", "Anna Andersson", "Bertil Berg"]


def test_a_status_someone_else_reported_first_is_not_overwritten_unseen(
    city, activities, anna, bertil
):
    early = activities[0]
    anna_data = form_data(anna[1].get(page_url(city)).content.decode())
    bertil_data = form_data(bertil[1].get(page_url(city)).content.decode())
    anna_data[field(early, "status")] = Status.DELAYED
    assert anna[1].post(page_url(city), anna_data).status_code == 302
    bertil_data[field(early, "status")] = Status.DONE
    refused = bertil[1].post(page_url(city), bertil_data)
    assert refused.status_code == 409
    assert ActivityStatus.objects.get(activity=early).status == Status.DELAYED
    assert form_data(refused.content.decode())[field(early, "base_revision")] == "1"


def test_the_same_status_sent_twice_is_no_conflict(city, activities, anna, bertil):
    early = activities[0]
    anna_data = form_data(anna[1].get(page_url(city)).content.decode())
    bertil_data = form_data(bertil[1].get(page_url(city)).content.decode())
    anna_data[field(early, "status")] = Status.DONE
    bertil_data[field(early, "status")] = Status.DONE
    assert anna[1].post(page_url(city), anna_data).status_code == 302
    assert bertil[1].post(page_url(city), bertil_data).status_code == 302
    assert ActivityStatus.objects.get().revision == 1


# Queries ---------------------------------------------------------------------------------


def build(city, size):
    """`size` goals of the unit and of its nämnd, each with `size` activities, all reported."""
    council_goal, _unit_goal = goal_chain(city)
    for index in range(size):
        own = factories.create_goal(
            level="unit", owner=city.unit, year=city.year, parent=council_goal, position=index + 1
        )
        above = factories.create_goal(
            level="council", owner=city.council, year=city.year, parent=council_goal.parent
        )
        for position in range(size):
            for goal in (own, above):
                activity = factories.create_activity(
                    goal=goal,
                    position=position,
                    ends_on=datetime.date(2026, 2, 1),
                    assigned_units=[city.unit] if goal is above else [],
                )
                create_status(city, activity, Status.ONGOING)


@pytest.mark.parametrize("size", [1, 4])
def test_the_page_runs_the_same_queries_however_many_activities(
    city, size, django_assert_num_queries
):
    build(city, size)
    user = factories.create_user()
    factories.create_membership(user=user, org_unit=city.unit, role=Role.EDITOR)
    client = Client()
    client.force_login(user)
    url = page_url(city)
    client.get(url)  # warm the caches of levels and the like
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.content.decode().count('<select name="activity-') == 2 * size * size
