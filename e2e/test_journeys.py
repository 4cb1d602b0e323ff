"""User journeys of issue #5 (item 5) in Chromium, on the demo city, through the live server.

(a) a redaktör writes an enhetsmål with expected results, an activity and an indicator with
    its årsmål, and finds all of it on the plan page after a reload;
(b) a redaktör of a sibling unit is refused that goal's pages and partials;
(c) two redaktörer edit the same goal; the second is warned, sees the first one's change,
    loses nothing, and saves both;
(d) a granskare comments on a section, the redaktör answers and marks the comment resolved;
(e) journey (a) with the keyboard alone;
(f) issue #6: a unit's T1 (outcomes entered by keyboard, two activity statuses, an assessment
    accepted from the proposal, klarmarkera), returned by the granskare with a comment.

Each step runs inside `step(...)`, so a journey that cannot go on says which step failed and
on which page.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import call_command
from pytest_django.live_server_helper import LiveServer

from e2e.conftest import axe_violations, log_in
from styrkedja.goals.models import Goal
from styrkedja.org.models import OrgUnit, Role
from styrkedja.periods.models import Year
from styrkedja.plans.models import Plan
from styrkedja.reports import selection
from styrkedja.testing import factories

try:
    from playwright.sync_api import Browser, Locator, Page, expect
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # pragma: no cover - the browser fixture reports it the same way
    if os.environ.get("CI") == "true":
        raise
    pytest.skip("Playwright is not installed", allow_module_level=True)

YEAR = 2026
PASSWORD = "styrkedja-demo"
UNIT = "Barn- och familjeenheten"
PLAN_LINK = f"Verksamhetsplan {YEAR} för {UNIT}"
COUNCIL_GOAL = re.compile(r"^Lägg till enhetsmål – Nämndmål: 1\.2\.1 ")
TIMEOUT_MS = 10_000
MAX_TABS = 300


@pytest.fixture
def demo(transactional_db: None) -> None:
    # seed_demo puts back the standard goal levels that an earlier transactional test
    # emptied together with every other table.
    call_command("seed_demo", year=YEAR, stdout=StringIO())


@pytest.fixture
def journey_page(page: Page) -> Page:
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    return page


@contextmanager
def step(page: Page, description: str) -> Iterator[None]:
    """Fail with the step's description and the page it was on, not a bare timeout."""
    try:
        yield
    except (PlaywrightError, AssertionError) as error:
        pytest.fail(
            f"Journey step failed: {description}\n  on {page.url}\n  {error}", pytrace=False
        )


def main(page: Page) -> Locator:
    return page.locator("main")


def settle(page: Page) -> None:
    """Wait for the page load and for htmx to finish any request it has under way."""
    page.wait_for_load_state("load")
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')"
    )


# --- Keyboard -------------------------------------------------------------------------------

_WHERE = """(el) => {
    const active = document.activeElement;
    if (active === el) { return 'here'; }
    if (!active || active === document.body) { return 'after'; }
    return (active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)
        ? 'after' : 'before';
}"""


def focused_description(page: Page) -> str:
    return str(
        page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) { return '(nothing: body)'; }
                const text = (el.innerText || el.value || '').trim().slice(0, 80);
                return `<${el.tagName.toLowerCase()} id="${el.id}"> ${text}`;
            }"""
        )
    )


def tab_to(page: Page, target: Locator, what: str) -> int:
    """Press Tab (or Shift+Tab when the target lies behind the focus) until `target` has the
    focus; fail after MAX_TABS presses. Returns the number of presses."""
    with step(page, f"find {what} on the page"):
        target.wait_for(state="visible")
    for presses in range(MAX_TABS + 1):
        where = target.evaluate(_WHERE)
        if where == "here":
            return presses
        page.keyboard.press("Tab" if where == "after" else "Shift+Tab")
    pytest.fail(
        f"Keyboard: {what} was not reached in {MAX_TABS} presses of Tab on {page.url}; "
        f"the focus is on {focused_description(page)}",
        pytrace=False,
    )


def press_on(page: Page, target: Locator, what: str, key: str = "Enter") -> None:
    tab_to(page, target, what)
    page.keyboard.press(key)


def type_into(page: Page, target: Locator, what: str, text: str) -> None:
    tab_to(page, target, what)
    page.keyboard.type(text)


_DATE_ORDER = """() => new Intl.DateTimeFormat(navigator.language)
    .formatToParts(new Date(2026, 2, 1))
    .map((part) => part.type)
    .filter((type) => ['year', 'month', 'day'].includes(type))"""


def type_date(page: Page, target: Locator, what: str, iso_date: str) -> None:
    """Type a date into <input type=date> as a keyboard user does: its segments in the order
    the browser's language shows them (month/day/year in an English Chromium)."""
    year, month, day = iso_date.split("-")
    parts = {"year": year, "month": month, "day": day}
    order = page.evaluate(_DATE_ORDER)
    tab_to(page, target, what)
    page.keyboard.type("".join(parts[name] for name in order))
    with step(page, f"{what} reads {iso_date}"):
        expect(target).to_have_value(iso_date)


def has_visible_focus_indicator(page: Page) -> bool:
    return bool(
        page.evaluate(
            """() => {
                const style = getComputedStyle(document.activeElement);
                const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
                const shadow = style.boxShadow && style.boxShadow !== 'none';
                return outline || shadow;
            }"""
        )
    )


# --- What the journeys share -----------------------------------------------------------------


def open_unit_plan_from_start(page: Page) -> None:
    with step(page, f"open the plan from the start page (link “{PLAN_LINK}”)"):
        page.get_by_role("link", name=PLAN_LINK, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"Verksamhetsplan {YEAR}")


def assert_plan_page_shows(
    page: Page,
    *,
    goal_title: str,
    results: list[str],
    activity: tuple[str, str, str],
    indicator: tuple[str, str],
) -> None:
    with step(page, "reload the plan page"):
        page.reload()
        settle(page)
    section = main(page).get_by_role("region", name=f"Enhetsmål: {goal_title}", exact=True)
    with step(page, f"see the enhetsmål “{goal_title}” on the plan page"):
        expect(
            section.get_by_role("heading", name=f"Enhetsmål: {goal_title}", exact=True)
        ).to_be_visible()
    for text in results:
        with step(page, f"see the expected result “{text}” under the goal"):
            expect(section.get_by_role("listitem").filter(has_text=text)).to_be_visible()
    text, starts_on, ends_on = activity
    with step(page, f"see the activity “{text}” with its dates {starts_on}–{ends_on}"):
        row = (
            section.get_by_role("table", name="Aktiviteter")
            .get_by_role("row")
            .filter(has=page.get_by_role("rowheader", name=text, exact=True))
        )
        expect(row.get_by_role("cell")).to_have_text([starts_on, ends_on])
    name, target = indicator
    with step(page, f"see the indicator “{name}” with the årsmål {target}"):
        row = (
            section.get_by_role("table", name="Indikatorer")
            .get_by_role("row")
            .filter(has=page.get_by_role("rowheader", name=name, exact=True))
        )
        expect(row.get_by_role("cell").first).to_have_text(target)


# --- (a) ------------------------------------------------------------------------------------


def test_a_redaktor_adds_an_enhetsmal_with_results_activity_and_indicator(
    demo: None, live_server: LiveServer, journey_page: Page
) -> None:
    page = journey_page
    goal_title = "Barn i familjehem har kontakt med sin socialsekreterare varje månad"
    results = [
        "Varje placerat barn har ett enskilt samtal med sin socialsekreterare varje månad.",
        "Barnets synpunkter från samtalen dokumenteras i den löpande uppföljningen.",
    ]
    activity = ("Införa en gemensam mall för månadssamtal", "2026-02-01", "2026-06-30")
    indicator = ("Andel sökande med aktuell planering mot arbete eller studier", "80 %")

    with step(page, "log in as the redaktör"):
        log_in(page, live_server, "redaktor", PASSWORD)
    open_unit_plan_from_start(page)
    plan_url = page.url
    with step(page, "choose “Redigera planen”"):
        page.get_by_role("link", name="Redigera planen", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Redigera")

    with step(page, "choose “Lägg till enhetsmål” under nämndmål 1.2.1"):
        page.get_by_role("link", name=COUNCIL_GOAL).click()
        expect(page.get_by_role("heading", name="Nytt mål: Enhetsmål")).to_be_visible()
    with step(page, "write the goal and save it"):
        page.get_by_role("textbox", name="Mål (obligatoriskt)").fill(goal_title)
        page.get_by_role("button", name="Spara", exact=True).click()
        expect(page.get_by_role("heading", name="Redigera mål", exact=True)).to_be_visible()

    result_list = page.get_by_role("region", name="Förväntade resultat")
    for text in results:
        with step(page, f"add the expected result “{text}”"):
            page.get_by_role("textbox", name="Förväntat resultat (obligatoriskt)").fill(text)
            page.get_by_role("button", name="Lägg till det förväntade resultatet").click()
            expect(result_list.get_by_role("listitem").filter(has_text=text)).to_be_visible()
            settle(page)
            expect(
                page.get_by_role("textbox", name="Förväntat resultat (obligatoriskt)")
            ).to_be_empty()

    with step(page, "go back to the plan's edit page and open the goal's activities"):
        page.get_by_role("navigation", name="Du är här").get_by_role(
            "link", name="Redigera planen"
        ).click()
        page.get_by_role("link", name=f"Aktiviteter – Enhetsmål: {goal_title}", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Aktiviteter")
    text, starts_on, ends_on = activity
    with step(page, "add the activity with its start and end dates"):
        page.get_by_role("link", name="Lägg till en aktivitet").click()
        page.get_by_role("textbox", name="Aktivitet (obligatoriskt)").fill(text)
        page.get_by_role("textbox", name="Startdatum").fill(starts_on)
        page.get_by_role("textbox", name="Slutdatum").fill(ends_on)
        page.get_by_role("button", name="Spara", exact=True).click()
        row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=text))
        expect(row).to_contain_text(starts_on)
        expect(row).to_contain_text(ends_on)

    name, target = indicator
    with step(page, "open the goal's indicators"):
        page.get_by_role("link", name="Tillbaka till planen").click()
        page.get_by_role("link", name=f"Indikatorer – Enhetsmål: {goal_title}", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Indikatorer")
    with step(page, f"find “{name}” with the catalogue search and add it"):
        page.get_by_role("searchbox", name="Sök i indikatorkatalogen").fill("aktuell planering")
        page.get_by_role("button", name="Sök", exact=True).click()
        page.get_by_role("button", name=f"Lägg till {name}", exact=True).click()
        expect(page.get_by_role("rowheader", name=name, exact=True)).to_be_visible()
    with step(page, "set the indicator's årsmål to 80"):
        page.get_by_role("link", name=f"Ange årsmål – {name}", exact=True).click()
        page.get_by_role("textbox", name="Värde").fill("80")
        page.get_by_role("button", name="Spara", exact=True).click()
        row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name))
        expect(row.get_by_role("cell").first).to_have_text(target)

    with step(page, "go to the plan page"):
        page.goto(plan_url)
    assert_plan_page_shows(
        page, goal_title=goal_title, results=results, activity=activity, indicator=indicator
    )


# --- (b) ------------------------------------------------------------------------------------


def test_b_a_redaktor_of_a_sibling_unit_cannot_reach_the_goal_or_its_partials(
    demo: None, live_server: LiveServer, journey_page: Page, browser: Browser
) -> None:
    page = journey_page
    unit = OrgUnit.objects.get(name=UNIT)
    plan = Plan.objects.get(org_unit=unit, year__number=YEAR, kind="VP")
    goal = Goal.objects.get(
        owner=unit,
        year__number=YEAR,
        title="Barnets röst och behov är tydliga genom hela handläggningen",
    )
    result = goal.expected_results.first()
    activity = goal.activities.first()
    link = goal.goal_indicators.select_related("indicator").first()
    assert result is not None and activity is not None and link is not None, "demo goal changed"
    sibling = factories.create_org_unit(name="Familjerättsenheten", parent=unit.parent)
    sibling_plan = factories.create_plan(org_unit=sibling, year=Year.objects.get(number=YEAR))
    neighbour = factories.create_user(username="grannredaktor", password=PASSWORD)
    factories.create_membership(user=neighbour, org_unit=sibling, role=Role.EDITOR)
    title_before = goal.title
    results_before = goal.expected_results.count()

    def urls(plan_id: int) -> dict[str, tuple[str, ...]]:
        base = f"/plan/{plan_id}"
        return {
            f"{base}/mal/{goal.pk}/": ("GET", "POST"),
            f"{base}/mal/{goal.pk}/flytta/": ("GET", "POST"),
            f"{base}/mal/{goal.pk}/ta-bort/": ("GET", "POST"),
            f"{base}/mal/{goal.pk}/resultat/nytt/": ("POST",),
            f"{base}/mal/{goal.pk}/resultat/{result.pk}/": ("GET", "POST"),
            f"{base}/mal/{goal.pk}/resultat/{result.pk}/ta-bort/": ("POST",),
            f"{base}/aktiviteter/{goal.pk}/": ("GET",),
            f"{base}/aktiviteter/{goal.pk}/ny/": ("GET", "POST"),
            f"{base}/aktiviteter/{goal.pk}/{activity.pk}/": ("GET", "POST"),
            f"{base}/indikatorer/{goal.pk}/": ("GET",),
            f"{base}/indikatorer/{goal.pk}/sok/?q=barn": ("GET",),
            f"{base}/indikatorer/{goal.pk}/ny/": ("GET", "POST"),
            f"{base}/indikatorer/{goal.pk}/lagg-till/": ("POST",),
            f"{base}/indikatorer/{goal.pk}/{link.indicator_id}/arsmal/": ("GET", "POST"),
        }

    with step(page, "log in as the sibling unit's redaktör"):
        log_in(page, live_server, "grannredaktor", PASSWORD)
    with step(page, "the sibling redaktör does not see the goal's plan on the start page"):
        expect(page.get_by_role("link", name=PLAN_LINK, exact=True)).to_have_count(0)
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    # Enough for every form to be valid, so that only the access rules can refuse it.
    post_data: dict[str, str | float | bool] = {
        "title": "Kapad",
        "text": "Kapad",
        "new-text": "Kapat resultat",
        "result-text": "Kapat resultat",
        "name": "Kapad indikator",
        "periodicity": "year",
        "direction": "none",
        "aggregation": "none",
        "indicator": str(link.indicator_id),
        "kind": "value",
        "value": "1",
        "parent": str(goal.parent_id),
    }
    answers = []
    # Through the goal's own plan, and through the sibling's plan (where the goal is not).
    for plan_id in (plan.pk, sibling_plan.pk):
        for url, methods in urls(plan_id).items():
            for method in methods:
                for htmx in (False, True):
                    headers = {"X-CSRFToken": csrf, "Referer": live_server.url + url}
                    if htmx:
                        headers["HX-Request"] = "true"
                    response = page.request.fetch(
                        live_server.url + url,
                        method=method,
                        headers=headers,
                        form=post_data if method == "POST" else None,
                        max_redirects=0,
                        fail_on_status_code=False,
                    )
                    body = response.text()
                    answers.append((method, url, htmx, response.status, "CSRF" in body))
    allowed = [a for a in answers if a[3] not in (403, 404)]
    assert allowed == [], f"the sibling redaktör was not refused: {allowed}"
    refused_by_csrf = [a for a in answers if a[4]]
    assert refused_by_csrf == [], (
        f"refused by the CSRF check, not by the access rules: {refused_by_csrf}"
    )
    with step(page, "open the goal's edit page in the browser"):
        opened = page.goto(f"{live_server.url}/plan/{plan.pk}/mal/{goal.pk}/")
        assert opened is not None and opened.status in (403, 404), opened and opened.status
        expect(page.get_by_role("textbox", name="Mål (obligatoriskt)")).to_have_count(0)
    goal.refresh_from_db()
    assert goal.title == title_before
    assert goal.expected_results.count() == results_before

    # The same requests work for the unit's own redaktör: the refusals above are the rules'.
    context = browser.new_context()
    try:
        own = context.new_page()
        own.set_default_timeout(TIMEOUT_MS)
        log_in(own, live_server, "redaktor", PASSWORD)
        csrf = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
        for url in (
            f"/plan/{plan.pk}/mal/{goal.pk}/",
            f"/plan/{plan.pk}/mal/{goal.pk}/resultat/{result.pk}/",
            f"/plan/{plan.pk}/aktiviteter/{goal.pk}/{activity.pk}/",
            f"/plan/{plan.pk}/indikatorer/{goal.pk}/{link.indicator_id}/arsmal/",
        ):
            response = own.request.get(
                live_server.url + url,
                headers={"HX-Request": "true"},
            )
            assert response.status == 200, (url, response.status)
        response = own.request.post(
            f"{live_server.url}/plan/{plan.pk}/mal/{goal.pk}/resultat/nytt/",
            headers={"X-CSRFToken": csrf, "HX-Request": "true"},
            form={"new-text": "Ett resultat från den egna redaktören."},
            max_redirects=0,
        )
        assert response.status == 200, response.status
        assert goal.expected_results.count() == results_before + 1
    finally:
        context.close()


# --- (d) ------------------------------------------------------------------------------------


def test_d_a_granskare_comments_and_the_redaktor_answers_and_resolves(
    demo: None, live_server: LiveServer, journey_page: Page, browser: Browser
) -> None:
    page = journey_page
    section = "Utvecklingsområden 2026"
    comment = "Hur ska ni följa upp att barnets röst blir tydligare i dokumentationen?"
    answer = "Vi gör aktgranskning två gånger om året och redovisar i tertialrapporterna."

    with step(page, "log in as the granskare"):
        log_in(page, live_server, "granskare", PASSWORD)
    open_unit_plan_from_start(page)
    plan_url = page.url
    with step(page, "go to the plan's comments"):
        page.get_by_role("link", name="Alla kommentarer på planen").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Kommentarer på")
    with step(page, f"comment on the section “{section}”"):
        form = page.get_by_role("region", name="Ny kommentar")
        form.get_by_role("combobox", name="Det du kommenterar (obligatoriskt)").select_option(
            label=f"Avsnitt: {section}"
        )
        form.get_by_role("textbox", name="Kommentar (obligatoriskt)").fill(comment)
        form.get_by_role("button", name="Lägg till kommentaren").click()
        thread = page.get_by_role("article").filter(has_text=comment)
        expect(thread.get_by_role("heading", name=f"Avsnitt: {section}")).to_be_visible()
        expect(thread).to_contain_text("Inte löst än")
        expect(page.get_by_role("link", name="Öppna kommentarer (1)")).to_be_visible()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        with step(page, "log in as the redaktör and open the plan"):
            log_in(page, live_server, "redaktor", PASSWORD)
            page.goto(plan_url)
        comments = page.get_by_role("region", name="Kommentarer")
        with step(page, "see the open comment on the plan page"):
            expect(comments).to_contain_text("1 öppen kommentar")
            expect(comments.get_by_role("listitem").filter(has_text=comment)).to_be_visible()
        with step(page, "follow the comment's link to its thread"):
            comments.get_by_role("listitem").filter(has_text=comment).get_by_role("link").click()
            expect(page.get_by_role("heading", level=1)).to_contain_text("Kommentarer på")
        thread = page.get_by_role("article").filter(has_text=comment)
        with step(page, "answer the comment"):
            thread.get_by_role("textbox", name="Ditt svar").fill(answer)
            thread.get_by_role("button", name="Skicka svaret").click()
            expect(thread.get_by_text(answer)).to_be_visible()
            expect(thread.get_by_text(re.compile(r" svarade "))).to_be_visible()
            settle(page)
        with step(page, "mark the comment resolved"):
            thread.get_by_role("button", name=re.compile(r"^Markera som löst")).click()
            expect(thread.get_by_text(re.compile(r"^Löst av "))).to_be_visible()
            expect(
                thread.get_by_role("button", name=re.compile(r"^Markera som löst"))
            ).to_have_count(0)
        with step(page, "the comment is listed as resolved after a reload"):
            page.goto(plan_url)
            expect(page.get_by_role("region", name="Kommentarer")).to_contain_text(
                "0 öppna kommentarer"
            )
            page.get_by_role("link", name="Alla kommentarer på planen").click()
            page.get_by_role("link", name="Lösta kommentarer (1)").click()
            resolved = page.get_by_role("article").filter(has_text=comment)
            expect(resolved.get_by_text(re.compile(r"^Löst av "))).to_be_visible()
            expect(resolved.get_by_text(answer)).to_be_visible()
    finally:
        context.close()


# --- (c) ------------------------------------------------------------------------------------


def test_c_two_redaktorer_edit_the_same_goal_and_the_second_loses_nothing(
    demo: None, live_server: LiveServer, journey_page: Page, browser: Browser
) -> None:
    unit = OrgUnit.objects.get(name=UNIT)
    plan = Plan.objects.get(org_unit=unit, year__number=YEAR, kind="VP")
    goal = Goal.objects.get(
        owner=unit,
        year__number=YEAR,
        title="Barnets röst och behov är tydliga genom hela handläggningen",
    )
    colleague = factories.create_user(
        username="redaktor2", password=PASSWORD, first_name="Stina", last_name="Sund"
    )
    factories.create_membership(user=colleague, org_unit=unit, role=Role.EDITOR)
    goal_url = f"{live_server.url}/plan/{plan.pk}/mal/{goal.pk}/"
    first_text = "Vi går igenom varje utredning med barnets egna ord i fokus."
    second_title = "Barnets röst är tydlig i hela handläggningen"

    first = journey_page
    with step(first, "the first redaktör opens the goal"):
        log_in(first, live_server, "redaktor", PASSWORD)
        first.goto(goal_url)
        expect(first.get_by_role("heading", level=1)).to_have_text("Redigera mål")

    # CSP bypassed for the test only, so that axe can be injected on the conflict page.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    try:
        second = context.new_page()
        second.set_default_timeout(TIMEOUT_MS)
        with step(second, "the second redaktör opens the same goal"):
            log_in(second, live_server, "redaktor2", PASSWORD)
            second.goto(goal_url)
            second.get_by_role("textbox", name=re.compile(r"^Mål")).fill(second_title)

        with step(first, "the first redaktör changes the ways of working and saves"):
            first.get_by_role("textbox", name="Arbetssätt").fill(first_text)
            first.get_by_role("button", name="Spara", exact=True).click()
            expect(first.get_by_role("heading", level=1)).to_contain_text("Redigera")
            assert "/mal/" not in first.url

        with step(second, "the second saves and is warned, with the first one's change"):
            second.get_by_role("button", name="Spara", exact=True).click()
            warning = second.get_by_role("alert").filter(
                has_text="Någon annan har sparat detta medan du skrev"
            )
            expect(warning).to_be_visible()
            expect(warning).to_contain_text("Rasmus Rehn")
            expect(warning.get_by_role("row", name=re.compile(r"^Arbetssätt"))).to_contain_text(
                "barnets egna ord"
            )
        with step(second, "the warning passes axe-core's WCAG 2.1 AA rules"):
            assert axe_violations(second) == []
        with step(second, "nothing is lost: her title and his text are both in the form"):
            expect(second.get_by_role("textbox", name=re.compile(r"^Mål"))).to_have_value(
                second_title
            )
            expect(second.get_by_role("textbox", name="Arbetssätt")).to_have_value(first_text)
        with step(second, "saving again keeps both"):
            second.get_by_role("button", name="Spara", exact=True).click()
            expect(second.get_by_role("heading", level=1)).to_contain_text("Redigera")
            second.goto(goal_url)
            expect(second.get_by_role("textbox", name=re.compile(r"^Mål"))).to_have_value(
                second_title
            )
            expect(second.get_by_role("textbox", name="Arbetssätt")).to_have_value(first_text)
    finally:
        context.close()
    goal.refresh_from_db()
    assert (goal.title, goal.ways_of_working) == (second_title, first_text)


# --- (e) ------------------------------------------------------------------------------------


def test_e_a_redaktor_does_journey_a_with_the_keyboard_alone(
    demo: None, live_server: LiveServer, journey_page: Page
) -> None:
    page = journey_page
    goal_title = "Fler familjer tar emot stöd i hemmet efter en kartläggning"
    results = [
        "Alla familjer i öppenvården har en kartläggning inom fyra veckor.",
        "Familjerna är nöjda med stödet de får i hemmet.",
    ]
    activity = ("Ta fram en kartläggningsmall för hembesök", "2026-03-01", "2026-09-30")
    indicator = ("Andel familjer som fått en kartläggning inom fyra veckor", "75 %")
    focus_checks: list[bool] = []  # a link, a text field and a field in an htmx-swapped row

    with step(page, "log in as the redaktör"):
        log_in(page, live_server, "redaktor", PASSWORD)
    plan_link = page.get_by_role("link", name=PLAN_LINK, exact=True)
    press_on(page, plan_link, f"the link “{PLAN_LINK}”")
    with step(page, "the plan page opens"):
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"Verksamhetsplan {YEAR}")
    plan_url = page.url
    edit = page.get_by_role("link", name="Redigera planen", exact=True)
    tab_to(page, edit, "“Redigera planen”")
    focus_checks.append(has_visible_focus_indicator(page))
    page.keyboard.press("Enter")

    with step(page, "the edit page opens"):
        expect(page.get_by_role("heading", level=1)).to_contain_text("Redigera")
    press_on(page, page.get_by_role("link", name=COUNCIL_GOAL), "“Lägg till enhetsmål” under 1.2.1")
    with step(page, "the new goal form opens"):
        expect(page.get_by_role("heading", name="Nytt mål: Enhetsmål")).to_be_visible()
    title = page.get_by_role("textbox", name="Mål (obligatoriskt)")
    type_into(page, title, "the goal's title", goal_title)
    focus_checks.append(has_visible_focus_indicator(page))
    press_on(page, page.get_by_role("button", name="Spara", exact=True), "“Spara”", key="Space")
    with step(page, "the goal is saved and its page opens"):
        expect(page.get_by_role("heading", name="Redigera mål", exact=True)).to_be_visible()

    result_field = page.get_by_role("textbox", name="Förväntat resultat (obligatoriskt)")
    add_result = page.get_by_role("button", name="Lägg till det förväntade resultatet")
    result_list = page.get_by_role("region", name="Förväntade resultat")
    for text in results:
        type_into(page, result_field, "the expected result field", text)
        press_on(page, add_result, "“Lägg till det förväntade resultatet”")
        with step(page, f"the expected result “{text}” is added"):
            expect(result_list.get_by_role("listitem").filter(has_text=text)).to_be_visible()
            settle(page)

    press_on(
        page,
        page.get_by_role("navigation", name="Du är här").get_by_role(
            "link", name="Redigera planen"
        ),
        "the breadcrumb “Redigera planen”",
    )
    press_on(
        page,
        page.get_by_role("link", name=f"Aktiviteter – Enhetsmål: {goal_title}", exact=True),
        "the goal's “Aktiviteter” link",
    )
    press_on(
        page, page.get_by_role("link", name="Lägg till en aktivitet"), "“Lägg till en aktivitet”"
    )
    text, starts_on, ends_on = activity
    with step(page, "the activity form opens"):
        expect(page.get_by_role("heading", name="Ny aktivitet")).to_be_visible()
    type_into(
        page, page.get_by_role("textbox", name="Aktivitet (obligatoriskt)"), "the activity", text
    )
    type_date(page, page.get_by_role("textbox", name="Startdatum"), "the start date", starts_on)
    type_date(page, page.get_by_role("textbox", name="Slutdatum"), "the end date", ends_on)
    press_on(page, page.get_by_role("button", name="Spara", exact=True), "“Spara”")
    with step(page, "the activity is listed with its dates"):
        row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=text))
        expect(row).to_contain_text(starts_on)
        expect(row).to_contain_text(ends_on)

    name, target = indicator
    press_on(page, page.get_by_role("link", name="Tillbaka till planen"), "“Tillbaka till planen”")
    press_on(
        page,
        page.get_by_role("link", name=f"Indikatorer – Enhetsmål: {goal_title}", exact=True),
        "the goal's “Indikatorer” link",
    )
    press_on(
        page,
        page.get_by_role("link", name="Lägg upp en ny indikator"),
        "“Lägg upp en ny indikator”",
    )
    with step(page, "the new indicator form opens"):
        expect(page.get_by_role("heading", name="Ny indikator")).to_be_visible()
    type_into(page, page.get_by_role("textbox", name="Namn (obligatoriskt)"), "the name", name)
    type_into(page, page.get_by_role("textbox", name="Måttenhet"), "the unit", "%")
    press_on(page, page.get_by_role("button", name="Spara", exact=True), "“Spara”")
    with step(page, "the indicator is followed under the goal"):
        expect(page.get_by_role("rowheader", name=name, exact=True)).to_be_visible()
    press_on(
        page, page.get_by_role("link", name=f"Ange årsmål – {name}", exact=True), "“Ange årsmål”"
    )
    value = page.get_by_role("textbox", name="Värde")
    with step(page, "the target form opens in the row"):
        expect(value).to_be_visible()
        settle(page)
    type_into(page, value, "the target value", "75")
    focus_checks.append(has_visible_focus_indicator(page))
    press_on(page, page.get_by_role("button", name="Spara", exact=True), "“Spara”")
    with step(page, "the row shows the årsmål"):
        row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name))
        expect(row.get_by_role("cell").first).to_have_text(target)
        settle(page)

    press_on(
        page,
        page.get_by_role("navigation", name="Du är här").get_by_role("link", name=f"{UNIT} {YEAR}"),
        "the breadcrumb back to the plan page",
    )
    with step(page, "the plan page opens"):
        page.wait_for_url(plan_url)
    assert all(focus_checks), f"a focused element had no visible focus indicator: {focus_checks}"
    assert_plan_page_shows(
        page, goal_title=goal_title, results=results, activity=activity, indicator=indicator
    )


# --- Found on the way ------------------------------------------------------------------------


def test_the_catalogue_search_keeps_the_focus_in_its_field_while_one_types(
    demo: None, live_server: LiveServer, journey_page: Page
) -> None:
    page = journey_page
    unit = OrgUnit.objects.get(name=UNIT)
    plan = Plan.objects.get(org_unit=unit, year__number=YEAR, kind="VP")
    goal = Goal.objects.filter(owner=unit, year__number=YEAR).first()
    assert goal is not None
    log_in(page, live_server, "redaktor", PASSWORD)
    page.goto(f"{live_server.url}/plan/{plan.pk}/indikatorer/{goal.pk}/")
    search = page.get_by_role("searchbox", name="Sök i indikatorkatalogen")
    search.focus()
    page.keyboard.type("andel")
    expect(page.get_by_role("list", name="Hittade indikatorer")).to_be_visible()
    settle(page)
    page.keyboard.type(" barn")
    expect(search).to_have_value("andel barn", timeout=3_000)


# --- (f) issue #6: a unit's T1 -----------------------------------------------------------


def test_f_a_unit_reports_its_t1_and_the_granskare_returns_it(
    demo: None, live_server: LiveServer, journey_page: Page, browser: Browser
) -> None:
    """Outcomes by keyboard, two activity statuses, an assessment accepted from the proposal,
    klarmarkera; then the granskare returns the report with a comment."""
    unit = OrgUnit.objects.get(name=UNIT)
    year = Year.objects.get(number=YEAR)
    rows = selection.reported_indicators(unit, year)
    activities = selection.reported_activities(unit, year)
    goal = selection.own_goals(unit, year)[0]
    assert len(rows) >= 2 and len(activities) >= 2, "demo unit changed"
    first, second = rows[0].indicator, rows[1].indicator
    report_url = f"{live_server.url}/rapport/{unit.pk}/{YEAR}/t1/"
    comment = "Analysen av barnets röst behöver en jämförelse med förra året."
    page = journey_page

    with step(page, "log in as the redaktör and open the unit's T1 from the plan page"):
        log_in(page, live_server, "redaktor", PASSWORD)
        open_unit_plan_from_start(page)
        page.get_by_role("link", name="Tertialrapport 1", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"Tertialrapport 1 {YEAR}")

    with step(page, "enter two outcomes and a comment with the keyboard alone"):
        page.get_by_role("link", name="Indikatorernas utfall").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Utfall")
        total = page.get_by_role("textbox", name=f"Totalt, {first.name}")
        total.focus()
        page.keyboard.type("72,5")
        page.keyboard.press("Tab")
        while not page.evaluate("document.activeElement.name || ''").endswith("-comment"):
            page.keyboard.press("Tab")
        page.keyboard.type("Mätt i april.")
        page.get_by_role("textbox", name=f"Totalt, {second.name}").focus()
        page.keyboard.type("14")
        page.keyboard.press("Enter")  # submits the table, as a form does
        expect(page.get_by_role("textbox", name=f"Totalt, {first.name}")).to_have_value("72,5")
        expect(page.get_by_role("textbox", name=f"Totalt, {second.name}")).to_have_value("14")

    with step(page, "set the status of two activities"):
        page.goto(report_url)
        page.get_by_role("link", name="Aktiviteternas status").click()
        for activity, status in zip(activities[:2], ("ongoing", "done"), strict=True):
            label = " ".join(activity.text.split()[:8])
            page.get_by_role(
                "combobox", name=re.compile(rf"^Status för {re.escape(label)}")
            ).select_option(value=status)
        page.get_by_role("button", name="Spara statusarna").click()
        expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_be_visible()

    with step(page, "accept the system's proposal for one goal"):
        page.goto(report_url)
        page.get_by_role("link", name="Bedömning av målen").click()
        section = page.locator(f"#goal-{goal.pk}")
        accept = section.get_by_role("button", name=re.compile(r"^Godta förslaget"))
        expect(accept).to_be_visible()
        accept.click()
        settle(page)

    with step(page, "the report page shows what was entered, and the redaktör klarmarkerar"):
        page.goto(report_url)
        expect(main(page)).to_contain_text("72,5")
        page.get_by_role("button", name="Klarmarkera").click()
        expect(page.get_by_role("region", name="Status och godkännande")).to_contain_text(
            "Klarmarkerad"
        )

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        reviewer = context.new_page()
        reviewer.set_default_timeout(TIMEOUT_MS)
        with step(reviewer, "the granskare opens the report and returns it with a comment"):
            log_in(reviewer, live_server, "granskare", PASSWORD)
            reviewer.goto(report_url)
            reviewer.get_by_role("link", name="Returnera").or_(
                reviewer.get_by_role("button", name="Returnera")
            ).first.click()
            reviewer.get_by_role("textbox").first.fill(comment)
            reviewer.get_by_role("button", name="Returnera").click()
            expect(reviewer.get_by_role("region", name="Status och godkännande")).to_contain_text(
                comment
            )
    finally:
        context.close()

    with step(page, "the redaktör sees the report back as a draft, with the comment"):
        page.goto(report_url)
        panel = page.get_by_role("region", name="Status och godkännande")
        expect(panel).to_contain_text("Utkast")
        expect(panel).to_contain_text(comment)
    report = Plan.objects.get(org_unit=unit, year=year, kind="T1")
    assert report.status == Plan.Status.DRAFT
