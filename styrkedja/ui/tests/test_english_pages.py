"""The English interface has no Swedish left in it.

Pages are rendered in English over data written in English, and no Swedish
translation of any message may appear in them: a string rendered without
gettext, or a template that forgot {% translate %}, shows up here.
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from styrkedja.goals.services import delete_goal_content
from styrkedja.history.recording import acting
from styrkedja.history.writes import update_edited
from styrkedja.org.models import OrgUnit
from styrkedja.reports.models import ActivityStatus, GoalAssessment
from styrkedja.testing import factories


def swedish_messages() -> set[str]:
    """Phrases of the Swedish translations that are not in the English original."""
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale/sv/LC_MESSAGES/django.po"))
    found = set()
    for entry in catalogue.translated_entries():
        text = re.sub(r"%\(\w+\)s|<[^>]+>", " ", entry.msgstr)
        for phrase in re.split(r"[.:;,()“”\"]", text):
            phrase = " ".join(phrase.split())
            if len(phrase) >= 4 and phrase.casefold() not in entry.msgid.casefold():
                found.add(phrase)
    return found


@pytest.fixture
def english_world(city):
    city.unit.name = "Alpha unit"
    city.unit.save()
    plan = factories.create_plan(org_unit=city.unit, year=city.year)
    direction = factories.create_goal(
        level="direction", owner=city.municipality, year=city.year, number="1", title="A city"
    )
    area = factories.create_goal(
        level="area",
        owner=city.municipality,
        year=city.year,
        number="1.1",
        parent=direction,
        title="Area goal",
    )
    council_goal = factories.create_goal(
        level="council",
        owner=city.council,
        year=city.year,
        number="1.1.1",
        parent=area,
        title="Council goal",
        description="Described.",
        expected_results=["Result one"],
    )
    unit_goal = factories.create_goal(
        level="unit",
        owner=city.unit,
        year=city.year,
        parent=council_goal,
        title="Unit goal",
        expected_results=["Result two"],
        ways_of_working="Work.",
        resource_use="Money.",
        follow_up="Checks.",
        development="Growth.",
    )
    indicator = factories.create_indicator(name="Share of happy users", goal=unit_goal)
    factories.create_target(indicator=indicator, org_unit=city.unit, year=city.year, text="70 %")
    activity = factories.create_activity(goal=unit_goal, text="Do the thing")
    t1 = city.year.periods.get(kind="T1")
    factories.create_outcome(indicator=indicator, org_unit=city.unit, period=t1, value=72)
    ActivityStatus.objects.create(
        activity=activity, org_unit=city.unit, period=t1, status="ongoing", comment="On track."
    )
    GoalAssessment.objects.create(
        goal=unit_goal, period=t1, assessment="partly_met", analysis="Getting there."
    )
    factories.include_goal(plan=plan, goal=council_goal)
    section = factories.create_section(plan=plan, heading="Introduction", body="Hello.")
    # Some history: an edit, and a goal deleted with its expected result.
    gone = factories.create_goal(
        level="unit",
        owner=city.unit,
        year=city.year,
        parent=council_goal,
        title="Gone goal",
        expected_results=["Gone result"],
    )
    gone_id = gone.pk
    with acting(user=factories.create_user(first_name="Ada", last_name="Editor")):
        update_edited(unit_goal, base_revision=None, ways_of_working="Work together.")
        delete_goal_content(gone)
    return {
        "plan": plan,
        "section": section,
        "goal": unit_goal,
        "council_goal": council_goal,
        "gone_goal_id": gone_id,
        "indicator": indicator,
    }


def english_pages(city, world):
    plan, section, goal = world["plan"], world["section"], world["goal"]
    return [
        reverse("ui:start"),
        reverse("ui:plan", args=[city.unit.pk, 2026]),
        reverse("plans:edit", args=[plan.pk]),
        reverse("plans:section_create", args=[plan.pk]),
        reverse("plans:section_edit", args=[plan.pk, section.pk]),
        reverse("plans:section_delete", args=[plan.pk, section.pk]),
        reverse("importer:upload"),
        reverse("goals:edit", args=[plan.pk, goal.pk]),
        reverse("goals:create", args=[plan.pk, world["council_goal"].pk]),
        reverse("goals:move", args=[plan.pk, goal.pk]),
        reverse("goals:delete", args=[plan.pk, goal.pk]),
        reverse("activities:goal", args=[plan.pk, goal.pk]),
        reverse("activities:create", args=[plan.pk, goal.pk]),
        reverse("indicators:goal", args=[plan.pk, goal.pk]),
        reverse("indicators:define", args=[plan.pk, goal.pk]),
        reverse("inclusion:index", args=[plan.pk]),
        reverse("inclusion:goal", args=[plan.pk, world["council_goal"].pk]),
        reverse("rollover:start", args=[city.council.pk]),
        reverse("comments:list", args=[plan.pk]),
        reverse("comments:create", args=[plan.pk]) + f"?section={section.pk}",
        reverse("history:index", args=[plan.pk]),
        reverse("history:goal", args=[plan.pk, goal.pk]),
        reverse("history:goal", args=[plan.pk, world["gone_goal_id"]]),
        *[
            reverse(f"reports:{page}", args=[city.unit.pk, 2026, "t1"])
            for page in ("report", "outcomes", "outcomes_upload", "activities", "assessments")
        ],
        reverse("reports:report", args=[city.council.pk, 2026, "t1"]),
        reverse("reports:target", args=[city.unit.pk, 2026, "t1", world["indicator"].pk]),
        reverse("overview:overview", args=[city.council.pk, 2026, "t1"]),
        reverse("overview:remind", args=[city.council.pk, 2026, "t1"]),
        reverse("workflow:log", args=[plan.pk]),
        reverse("delegation:setting", args=[city.council.pk]),
        reverse("exports:index", args=[plan.pk]),
    ]


def appears(phrase: str, text: str) -> bool:
    """The phrase as whole words (so "avdelning" is not found in a unit's own name)."""
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    html = re.sub(r'<option[^>]*lang="sv"[^>]*>.*?</option>', " ", html)  # the language menu
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_english_pages_show_no_swedish_interface_text(client, city, english_world, user_with_role):
    user = user_with_role("administrator", city.council)
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    swedish = swedish_messages()
    assert len(swedish) > 50  # the catalogue was read
    for url in english_pages(city, english_world):
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        leftovers = sorted(phrase for phrase in swedish if appears(phrase, text))
        assert leftovers == [], (url, leftovers)


def test_the_check_notices_swedish_text_on_an_english_page(
    client, city, english_world, user_with_role
):
    """The test above must be able to fail: a Swedish message in an English page is found."""
    swedish = swedish_messages()
    assert "Inga avsnitt ännu" in swedish
    assert [p for p in swedish if appears(p, visible_text("<p>Inga avsnitt ännu.</p>"))]
    assert OrgUnit.objects.filter(name="Alpha unit").exists()
