"""The write helpers: revisions refuse stale edits, and every change of content is recorded."""

from decimal import Decimal

import pytest

from styrkedja.goals import levels
from styrkedja.goals.models import ExpectedResult, Goal
from styrkedja.history.conflicts import refuse_edit
from styrkedja.history.diff import Piece, word_diff
from styrkedja.history.models import Change
from styrkedja.history.recording import acting
from styrkedja.history.writes import (
    EditConflict,
    bulk_create_recorded,
    create_validated,
    delete_recorded,
    update_changed_fields,
    update_edited,
)
from styrkedja.plans.models import PlanSection
from styrkedja.testing import factories


@pytest.fixture
def anna(db):
    return factories.create_user(username="anna", first_name="Anna", last_name="Berg")


@pytest.fixture
def bo(db):
    return factories.create_user(username="bo", first_name="Bo", last_name="Ek")


@pytest.fixture
def goal(city):
    return factories.create_goal(
        level=levels.DIRECTION, owner=city.municipality, year=city.year, title="Barn mår bra"
    )


def test_an_edit_on_the_stored_revision_is_written_counted_and_recorded(goal, anna):
    with acting(user=anna):
        assert update_edited(goal, base_revision=1, title="Alla barn mår bra")
    goal.refresh_from_db()
    assert (goal.title, goal.revision) == ("Alla barn mår bra", 2)
    change = Change.objects.for_object(goal).get()
    assert change.action == Change.Action.UPDATE
    assert change.actor == anna and change.who == "Anna Berg"
    assert change.fields == {"title": ["Barn mår bra", "Alla barn mår bra"]}
    assert change.revision == 2
    assert (change.org_unit_id, change.year_id, change.goal_id) == (
        goal.owner_id,
        goal.year_id,
        goal.pk,
    )


def test_an_edit_on_an_older_revision_is_refused_and_writes_nothing(goal, anna, bo):
    with acting(user=anna):
        update_edited(goal, base_revision=1, title="Annas titel")
    stale = Goal.objects.get(pk=goal.pk)
    stale.title = "Bos titel"  # as a bound ModelForm leaves its instance
    with acting(user=bo), pytest.raises(EditConflict) as refused:
        update_edited(stale, base_revision=1, title="Bos titel")
    assert refused.value.current.title == "Annas titel"  # the instance is reloaded
    assert [change.who for change in refused.value.changes] == ["Anna Berg"]
    goal.refresh_from_db()
    assert (goal.title, goal.revision) == ("Annas titel", 2)
    assert Change.objects.for_object(goal).count() == 1


def test_an_edit_that_changes_nothing_is_no_conflict(goal, anna):
    with acting(user=anna):
        update_edited(goal, base_revision=1, title="Samma")
    assert update_edited(goal, base_revision=1, title="Samma") is False
    assert Change.objects.for_object(goal).count() == 1


def test_without_a_revision_the_edit_is_unchecked(goal):
    update_edited(goal, base_revision=1, title="Först")
    assert update_edited(goal, base_revision=None, title="Sedan")
    goal.refresh_from_db()
    assert (goal.title, goal.revision) == ("Sedan", 3)


def test_order_alone_is_neither_a_revision_nor_history(goal):
    assert update_changed_fields(goal, position=7)
    goal.refresh_from_db()
    assert (goal.position, goal.revision) == (7, 1)
    assert not Change.objects.exists()


def test_creating_and_deleting_are_recorded_and_the_history_outlives_the_row(goal, bo):
    with acting(user=bo):
        result = create_validated(ExpectedResult, goal=goal, text="Kortare köer", position=0)
        result_id = result.pk
        delete_recorded([result])
    assert not ExpectedResult.objects.filter(pk=result_id).exists()
    created, deleted = Change.objects.filter(object_id=result_id).order_by("pk")
    assert created.action == Change.Action.CREATE and created.fields["text"] == [
        None,
        "Kortare köer",
    ]
    assert deleted.action == Change.Action.DELETE and deleted.fields["text"] == [
        "Kortare köer",
        None,
    ]
    assert deleted.goal_id == goal.pk and deleted.object_label == "Kortare köer"
    assert {change.actor_name for change in (created, deleted)} == {"Bo Ek"}


def test_a_delete_based_on_an_older_revision_is_refused(goal):
    update_edited(goal, base_revision=1, title="Ny titel")
    with pytest.raises(EditConflict):
        delete_recorded([goal], base_revision=1)
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_rows_inserted_together_are_each_recorded(city):
    plan = factories.create_plan(org_unit=city.unit, year=city.year)
    rows = [PlanSection(plan=plan, heading=f"Avsnitt {n}", body="Text", position=n) for n in (1, 2)]
    bulk_create_recorded(PlanSection, rows)
    changes = Change.objects.filter(object_type="plans.plansection", plan_id=plan.pk)
    assert sorted(change.object_label for change in changes) == ["Avsnitt 1", "Avsnitt 2"]


def test_an_import_is_named_as_such(goal, anna):
    with acting(user=anna, import_job_id=4, import_name="plan.pdf") as actor:
        update_changed_fields(goal, title="Importerad titel")
    change = Change.objects.for_object(goal).get()
    assert change.who == "Import av plan.pdf av Anna Berg"
    assert change.import_job_id == 4
    # The import notes what it touched, with the revision before, for its own check.
    assert [(t.key, t.revision_before) for t in actor.touched] == [(f"goals.goal:{goal.pk}", 1)]
    with acting(import_name="plan.pdf"):
        update_changed_fields(goal, title="Igen")
    assert Change.objects.for_object(goal).first().who == "Import av plan.pdf"


def test_changes_without_a_person_or_import_are_the_systems(goal):
    update_changed_fields(goal, title="Av systemet")
    assert Change.objects.get().who == "systemet"


def test_the_word_diff_gives_the_texts_back():
    pieces = word_diff("Alla barn mår bra i skolan", "Alla elever mår bra i skolan nu")
    assert Piece("removed", "barn ") in pieces and Piece("added", "elever ") in pieces
    assert "".join(p.text for p in pieces if p.kind != "added") == "Alla barn mår bra i skolan"
    assert "".join(p.text for p in pieces if p.kind != "removed") == (
        "Alla elever mår bra i skolan nu"
    )


def test_a_rewritten_text_is_shown_as_old_and_new_not_as_scraps():
    assert word_diff("Ett helt annat stycke text här", "Något nytt i stället") == [
        Piece("removed", "Ett helt annat stycke text här"),
        Piece("added", "Något nytt i stället"),
    ]


def test_the_conflict_report_shows_their_change_and_your_text(goal, anna):
    from styrkedja.goals.forms import GoalForm

    with acting(user=anna):
        update_edited(goal, base_revision=1, title="Alla barn mår bra")
    form = GoalForm(
        {"title": "Barnen mår bra", "description": "", "number": "", "base_revision": "1"},
        instance=Goal.objects.get(pk=goal.pk),
        level=goal.level,
    )
    assert form.is_valid(), form.errors
    with pytest.raises(EditConflict) as refused:
        update_edited(form.instance, base_revision=1, **form.edited_values())
    report = refuse_edit(refused.value, form, discard_url="/tillbaka/")
    assert report.people == ["Anna Berg"]
    (title,) = report.fields
    assert (title.theirs, title.yours) == ("Alla barn mår bra", "Barnen mår bra")
    assert title.you_changed_it
    assert Piece("added", "Alla barn ") in title.their_change
    # The form keeps the user's title and is now based on the stored revision.
    assert (form.data["title"], form.data["base_revision"]) == ("Barnen mår bra", "2")


def test_a_field_only_the_other_person_changed_takes_their_value(goal, anna):
    from styrkedja.goals.forms import GoalForm

    with acting(user=anna):
        update_edited(goal, base_revision=1, title="Annas titel")
    form = GoalForm(
        {"title": "Barn mår bra", "description": "Min beskrivning", "base_revision": "1"},
        instance=Goal.objects.get(pk=goal.pk),
        level=goal.level,
    )
    assert form.is_valid(), form.errors
    with pytest.raises(EditConflict) as refused:
        update_edited(form.instance, base_revision=1, **form.edited_values())
    (title,) = refuse_edit(refused.value, form, discard_url="/").fields
    assert not title.you_changed_it
    assert form.data["title"] == "Annas titel"
    assert form.data["description"] == "Min beskrivning"


def test_the_history_shows_choices_by_label_and_numbers_as_people_write_them(city):
    indicator = factories.create_indicator(name="Andel nöjda")
    target = factories.create_target(
        indicator=indicator, org_unit=city.unit, year=city.year, text="60 %"
    )
    update_changed_fields(target, kind="maximum", value=Decimal("4.5"))
    (kind, value) = sorted(Change.objects.get().field_rows(), key=lambda row: row.name)
    assert (kind.old, kind.new, kind.is_text) == ("värde", "högst", False)
    assert (value.old, value.new) == ("60", "4,5")
