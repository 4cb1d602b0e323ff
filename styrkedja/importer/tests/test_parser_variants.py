"""The parser on small invented plans: the layouts other districts and years use."""

from __future__ import annotations

from styrkedja.importer.parsed import ParsedGoal, ParsedPlan
from styrkedja.importer.parser import parse_text
from styrkedja.importer.text_cleanup import join_wrapped


def only_plan(text: str, unit_hint: str | None = None) -> ParsedPlan:
    document = parse_text(text, source="test.txt", unit_hint=unit_hint)
    assert len(document.plans) == 1, [plan.unit for plan in document.plans]
    return document.plans[0]


def goals_at(plan: ParsedPlan, level: str) -> list[ParsedGoal]:
    found: list[ParsedGoal] = []
    stack = list(plan.goals)
    while stack:
        goal = stack.pop(0)
        if goal.level == level:
            found.append(goal)
        stack.extend(goal.children)
    return found


PARAGRAPH_PER_LINE = """Handläggare
Anna Exempel
Telefon: 08 123 45 67

Till
Mottagningsenheten Norrby

Verksamhetsplan 2026 för Mottagningsenheten Norrby

Förslag till beslut

anna.exempel@example.se

Innehållsförteckning

Inledning\t3
KF:s inriktningsmål: 1. En stad där alla kan växa\t4

Inledning

Enhetens uppdrag

Mottagningen tar emot ansökningar och ger råd till invånarna i Norrby.

KF:s inriktningsmål: 1. En stad där alla kan växa

KF:s mål för verksamhetsområdet: 1.2. Invånarna får stöd i tid

Indikator\tÅrsmål\tKF:s årsmål\tPeriodicitet
 Andel ärenden som avslutas inom tre veckor\t85 %\tTas fram av nämnd\tTertial
 Antal rådgivningssamtal\t\töka\tÅr

Nämndmål: Invånare som söker stöd får ett snabbt besked

Beskrivning

Nämnden når resultatet genom en samlad ingång för alla ärenden.

Förväntat resultat

Väntetiderna blir kortare.

Invånarna vet vart de ska vända sig när de behöver

råd och stöd.

Enhetsmål: Alla ärenden bedöms inom en vecka

Förväntat resultat

Bedömningen görs inom sju dagar.

Arbets sätt

Ärendena fördelas varje morgon.

Resursanvändng

Två handläggare har ansvaret.

Uppföljning

Chefen följer upp väntetiderna varje månad.

Aktivitet\tStartdatum\tSlutdatum
Införa en gemensam mottagningslista\t2026-02-01\t2026-06-30

Redovisning av ekonomi

Övrigt

Enheten deltar i stadens nätverk för mottagningar.
"""


def test_tab_separated_plan_with_letterhead_and_unnumbered_council_goal() -> None:
    plan = only_plan(PARAGRAPH_PER_LINE)
    assert (plan.unit, plan.year) == ("Mottagningsenheten Norrby", 2026)
    area = goals_at(plan, "area")[0]
    assert (area.number, area.title) == ("1.2", "Invånarna får stöd i tid")
    assert [(i.name, i.target, i.council_target, i.period) for i in area.indicators] == [
        ("Andel ärenden som avslutas inom tre veckor", "85 %", "Tas fram av nämnd", "Tertial"),
        ("Antal rådgivningssamtal", "", "öka", "År"),
    ]
    council = goals_at(plan, "council")[0]
    assert council.number is None
    assert council.title == "Invånare som söker stöd får ett snabbt besked"
    assert council.description.startswith("Nämnden når resultatet")
    assert council.expected_results == [
        "Väntetiderna blir kortare.",
        "Invånarna vet vart de ska vända sig när de behöver råd och stöd.",
    ]


def test_misspelled_goal_fields_are_recognised() -> None:
    unit_goal = goals_at(only_plan(PARAGRAPH_PER_LINE), "unit")[0]
    assert unit_goal.ways_of_working == "Ärendena fördelas varje morgon."
    assert unit_goal.resource_use == "Två handläggare har ansvaret."
    assert unit_goal.follow_up.startswith("Chefen följer upp")
    assert [(a.text, a.start, a.end) for a in unit_goal.activities] == [
        ("Införa en gemensam mottagningslista", "2026-02-01", "2026-06-30")
    ]


def test_letterhead_contacts_and_table_of_contents_are_not_kept() -> None:
    plan = only_plan(PARAGRAPH_PER_LINE)
    text = repr(plan)
    assert "@" not in text and "08 123 45 67" not in text
    assert [section.heading for section in plan.opening_sections][:2] == [
        "Förslag till beslut",
        "Inledning",
    ]
    assert [section.heading for section in plan.closing_sections] == [
        "Redovisning av ekonomi",
        "Övrigt",
    ]
    assert "nätverk för mottagningar" in plan.closing_sections[-1].body


HARD_WRAPPED = """Inledning
Enhetens uppdrag
Träffpunktsenheten erbjuder en öppen mötesplats för äldre i stadsdelen och arbetar för att
minska ensamheten bland dem som bor hemma.
Sid 2 (9)
Tjänsteutlåtande
www.exempelstad.se
 KF:s inriktningsmål: 2. En trygg och
jämlik stad
KF:s mål för verksamhetsområdet: 2.3. Äldre har en meningsfull
vardag
 Indikator Årsmål KF:s årsmål Periodicitet
 Andel besökare som är nöjda med
träffpunktens aktiviteter
80 % Tas fram av
nämnd
År
Antal besök per vecka 120 st 5 000 st År
Enhetsmål: Fler äldre hittar till träffpunkten
Förväntat resultat
Besöken ökar jämfört med förra året.
Fler män deltar i aktiviteterna
Indikator Årsmål Periodicitet
Antal nya besökare 40 År
 Aktivitet Startdatum Slutdatum
 Träffpunkten bjuder in till öppet hus
för nya besökare.
2025-03-01 2025-03-31
 Träffpunkten startar en promenadgrupp 2025-04-01 2025-10-31
"""


def test_hard_wrapped_pdf_text_with_page_furniture_and_flattened_tables() -> None:
    plan = only_plan(HARD_WRAPPED)
    assert plan.unit == "Träffpunktsenheten"
    assert plan.year == 2025
    direction = plan.goals[0]
    assert (direction.number, direction.title) == ("2", "En trygg och jämlik stad")
    area = direction.children[0]
    assert area.title == "Äldre har en meningsfull vardag"
    assert [(i.name, i.target, i.council_target, i.period) for i in area.indicators] == [
        (
            "Andel besökare som är nöjda med träffpunktens aktiviteter",
            "80 %",
            "Tas fram av nämnd",
            "År",
        ),
        ("Antal besök per vecka", "120 st", "5 000 st", "År"),
    ]
    assert "Sid 2" not in repr(plan) and "exempelstad.se" not in repr(plan)


def test_enhetsmal_straight_under_an_area_carries_indicators_and_activities() -> None:
    plan = only_plan(HARD_WRAPPED)
    unit_goal = goals_at(plan, "unit")[0]
    assert unit_goal.expected_results == [
        "Besöken ökar jämfört med förra året.",
        "Fler män deltar i aktiviteterna",
    ]
    assert [(i.name, i.target, i.period) for i in unit_goal.indicators] == [
        ("Antal nya besökare", "40", "År")
    ]
    assert [(a.text, a.start) for a in unit_goal.activities] == [
        ("Träffpunkten bjuder in till öppet hus för nya besökare.", "2025-03-01"),
        ("Träffpunkten startar en promenadgrupp", "2025-04-01"),
    ]
    assert any("saknar överordnat mål" in warning for warning in plan.warnings)


NO_NAME_NO_ACTIVITIES = """Inledning
Här beskrivs hur arbetet ska bedrivas under året.
KF:s inriktningsmål: 1. En stad för alla
KF:s mål för verksamhetsområdet: 1.1 Alla får stöd
Nämndmål: 1.1.4 Stödet är likvärdigt
Beskrivning
Stödet ges på samma villkor i hela staden.
Förväntat resultat
Alla får samma bemötande.
"""


def test_unit_name_missing_gives_a_warning_or_uses_the_hint() -> None:
    plan = only_plan(NO_NAME_NO_ACTIVITIES)
    assert plan.unit is None and plan.year is None
    assert any("Enhetens namn hittades inte (rad 1)" in warning for warning in plan.warnings)
    assert any("Planens år hittades inte" in warning for warning in plan.warnings)
    hinted = only_plan(NO_NAME_NO_ACTIVITIES, unit_hint="Stödenheten")
    assert hinted.unit == "Stödenheten"


def test_plan_without_activities_still_has_its_goal_tree() -> None:
    plan = only_plan(NO_NAME_NO_ACTIVITIES)
    council = goals_at(plan, "council")[0]
    assert (council.number, council.title) == ("1.1.4", "Stödet är likvärdigt")
    assert council.expected_results == ["Alla får samma bemötande."]
    assert council.activities == []


TWO_PLANS = HARD_WRAPPED + NO_NAME_NO_ACTIVITIES.replace(
    "Här beskrivs hur arbetet ska bedrivas under året.",
    "Enheten för hemtjänst ansvarar för stöd i hemmet.",
)


def test_two_plans_in_one_file_are_split_and_named_from_their_text() -> None:
    document = parse_text(TWO_PLANS, source="two.txt")
    assert [plan.unit for plan in document.plans] == ["Träffpunktsenheten", "Enheten för hemtjänst"]
    assert document.plans[1].line_start is not None
    assert document.plans[1].line_start > document.plans[0].line_start  # type: ignore[operator]


COUNCIL_PLAN = """Inledning
Verksamhetsplanen för Västra stadsdelsnämnd anger inriktningen för året.
 KF:s inriktningsmål:
1. En stad som håller ihop
Nämnden bidrar till målet genom samverkan.
 KF:s mål för verksamhetsområdet:
1.4. Alla barn får en god start

 Aktivitet Startdatum Slutdatum

Nämnden ska i samarbete med skolan utveckla
föräldrastödet.

2027-01-01 2027-12-31

Nämndmål:
1.4.2 Föräldrar får stöd tidigt

Förväntat resultat

Fler föräldrar deltar i stödprogram.

Uppföljning av ekonomi

Mnkr VP 2027 VP 2026

Förskola 101,5 99,0

varav öppen förskola 3,2 3,0

Totalt 104,7 102,0
"""


def test_council_plan_with_numbered_titles_on_their_own_lines_and_budget_table() -> None:
    text = COUNCIL_PLAN
    plan = only_plan(text)
    assert plan.unit == "Västra stadsdelsnämnd" and plan.is_council_plan
    assert plan.year == 2027
    direction = plan.goals[0]
    assert (direction.number, direction.title) == ("1", "En stad som håller ihop")
    assert direction.description == "Nämnden bidrar till målet genom samverkan."
    area = direction.children[0]
    assert area.activities[0].text == (
        "Nämnden ska i samarbete med skolan utveckla föräldrastödet."
    )
    assert area.children[0].number == "1.4.2"
    table = plan.closing_sections[0].tables[0]
    assert table.header == ["Mnkr", "VP 2027", "VP 2026"]
    assert table.rows[1] == ["varav öppen förskola", "3,2", "3,0"]


def test_windows_line_endings_and_form_feeds_keep_line_numbers() -> None:
    text = NO_NAME_NO_ACTIVITIES.replace("\n", "\r\n").replace("Beskrivning\r\n", "Beskrivning\f")
    plan = only_plan(text, unit_hint="Stödenheten")
    council = goals_at(plan, "council")[0]
    assert council.line == 5
    assert council.description == "Stödet ges på samma villkor i hela staden."


EXPORTED_PDF = """Exempelnämnden
Enheten för exempelstöd, norr
Verksamhetsplan 2026 – Enheten för exempelstöd,
norr
Sid 1 (3)
Inledning
Vi stöttar.
KF:s inriktningsmål: 1. En stad för alla
KF:s mål för verksamhetsområdet: 1.1 Alla får stöd
Nämndmål: 1.1.1 Stödet är bra
Förväntat resultat
Stödet når fram till den som söker det.
Indikatorer
Indikator Årsmål KF:s årsmål Periodicitet
Andel nöjda 80 % 75 % År
Aktiviteter
Aktivitet Startdatum Slutdatum
Ny rutin 2026-01-01 2026-12-31
"""


def test_an_exported_pdf_names_its_unit_in_the_title_and_drops_table_captions() -> None:
    plan = only_plan(EXPORTED_PDF)
    assert plan.unit == "Enheten för exempelstöd, norr"
    assert plan.year == 2026
    (goal,) = goals_at(plan, "council")
    assert goal.expected_results == ["Stödet når fram till den som söker det."]
    assert [indicator.name for indicator in goal.indicators] == ["Andel nöjda"]
    assert [activity.text for activity in goal.activities] == ["Ny rutin"]


def test_a_line_wrapped_after_a_slash_is_joined_without_a_space() -> None:
    assert (
        join_wrapped(["efter anmälan/", "ansökan och", "/ när"])
        == "efter anmälan/ansökan och / när"
    )
