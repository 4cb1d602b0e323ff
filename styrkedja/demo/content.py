"""Hand-written content of the demo city Exempelstad, used by the seed_demo command."""

from collections.abc import Mapping
from dataclasses import KW_ONLY, dataclass
from typing import Final, Literal

Periodicity = Literal["tertial", "year"]
Direction = Literal["higher", "lower", "band", "none"]
Aggregation = Literal["sum", "mean", "weighted_mean", "none"]
CouncilKind = Literal["stadsdelsnämnd", "facknämnd"]
UnitKind = Literal["enhet"]

# (heading, body). Headings and bodies may contain "{year}"; the caller formats both. Paragraphs in
# a body are separated by a blank line.
Section = tuple[str, str]


@dataclass(frozen=True)
class Activity:
    """An activity on a goal. Months are 1-12; the activity ends on the last day of end_month."""

    text: str
    _: KW_ONLY
    start_month: int = 1
    end_month: int = 12
    # 1 when the activity ends in the year after the plan year.
    end_year_offset: int = 0


@dataclass(frozen=True, kw_only=True)
class IndicatorDefinition:
    """An indicator's catalogue fields. The defaults are the most common case in the data below."""

    name: str
    unit: str = "%"
    periodicity: Periodicity = "year"
    by_sex: bool = False
    direction: Direction = "higher"
    source: str = "Egen statistik"
    aggregation: Aggregation = "weighted_mean"


@dataclass(frozen=True, kw_only=True)
class KfIndicator(IndicatorDefinition):
    """A KF indicator; kf_target_text is KF:s årsmål exactly as printed."""

    kf_target_text: str


@dataclass(frozen=True, kw_only=True)
class Indicator(IndicatorDefinition):
    """A nämnd or unit indicator; target_text is the owner's own årsmål exactly as printed."""

    target_text: str


@dataclass(frozen=True, kw_only=True)
class AreaGoal:
    """KF:s mål för verksamhetsområdet."""

    number: str
    title: str
    indicators: tuple[KfIndicator, ...]
    activities: tuple[Activity, ...] = ()


@dataclass(frozen=True, kw_only=True)
class DirectionGoal:
    """KF:s inriktningsmål."""

    number: str
    title: str
    area_goals: tuple[AreaGoal, ...]


@dataclass(frozen=True, kw_only=True)
class CouncilGoal:
    """Nämndmål. number is "" for a nämnd that does not number its goals."""

    key: str
    area_number: str
    number: str
    title: str
    description: str
    agenda_2030: tuple[str, ...]
    expected_results: tuple[str, ...]
    activities: tuple[Activity, ...] = ()
    indicators: tuple[Indicator, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Department:
    """Avdelning."""

    key: str
    name: str


@dataclass(frozen=True, kw_only=True)
class Council:
    """Nämnd."""

    key: str
    name: str
    kind: CouncilKind
    departments: tuple[Department, ...]
    goals: tuple[CouncilGoal, ...]


@dataclass(frozen=True, kw_only=True)
class UnitGoal:
    """Enhetsmål, hung on one of its own nämnd's goals through council_goal_key."""

    council_goal_key: str
    title: str
    expected_results: tuple[str, ...]
    ways_of_working: str
    resource_use: str
    follow_up: str
    development: str
    activities: tuple[Activity, ...]
    indicators: tuple[Indicator, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Unit:
    key: str
    council_key: str
    # None for a unit placed directly under its nämnd.
    department_key: str | None
    name: str
    kind: UnitKind
    mission: str
    opening_sections: tuple[Section, ...]
    closing_sections: tuple[Section, ...]
    goals: tuple[UnitGoal, ...]


@dataclass(frozen=True, kw_only=True)
class PlanSections:
    opening_sections: tuple[Section, ...]
    closing_sections: tuple[Section, ...]


KOMMUN_NAME: Final = "Exempelstad"
KOMMUN_BODY: Final = "Kommunfullmäktige"


# --- Kommunfullmäktige: inriktningsmål, mål för verksamhetsområdet, indikatorer, aktiviteter ---

KF_DIRECTION_GOALS: Final[tuple[DirectionGoal, ...]] = (
    DirectionGoal(
        number="1",
        title="Exempelstad är en trygg och inkluderande kommun där alla kan växa",
        area_goals=(
            AreaGoal(
                number="1.1",
                title="Barn i Exempelstad får en god start i livet och en likvärdig förskola",
                indicators=(
                    KfIndicator(
                        name="Andel vårdnadshavare som är nöjda med sitt barns förskola som helhet",
                        source="Brukarundersökning",
                        kf_target_text="90 %",
                    ),
                    KfIndicator(
                        name="Antal barn per grupp i förskolans yngre barngrupper (1-3 år)",
                        unit="st",
                        periodicity="tertial",
                        direction="lower",
                        aggregation="mean",
                        kf_target_text="Max 12 barn",
                    ),
                ),
            ),
            AreaGoal(
                number="1.2",
                title="Invånare i behov av stöd får rätt insats i rätt tid, med god kvalitet och "
                "rättssäkerhet",
                indicators=(
                    KfIndicator(
                        name="Andel brukare inom individ- och familjeomsorgen som upplever ett "
                        "respektfullt bemötande",
                        by_sex=True,
                        source="Brukarundersökning",
                        kf_target_text="88 %",
                    ),
                    KfIndicator(
                        name="Andel barnavårdsutredningar som avslutas inom lagstadgad tid",
                        periodicity="tertial",
                        kf_target_text="Tas fram av nämnd",
                    ),
                    KfIndicator(
                        name="Andel brukare i äldreomsorgen som kan påverka vid vilka tider de "
                        "får hjälp",
                        by_sex=True,
                        source="Brukarundersökning",
                        kf_target_text="öka",
                    ),
                ),
                activities=(
                    Activity(
                        "Socialnämnden ska i samarbete med stadsdelsnämnderna införa en gemensam "
                        "struktur för att följa upp placerade barns skolgång och hälsa.",
                    ),
                ),
            ),
            AreaGoal(
                number="1.3",
                title="I Exempelstad känner sig invånarna trygga i sina bostadsområden och i det "
                "offentliga rummet",
                indicators=(
                    KfIndicator(
                        name="Andel invånare som känner sig trygga utomhus i sitt bostadsområde "
                        "en sen kväll",
                        by_sex=True,
                        source="Medborgarundersökning",
                        kf_target_text="68 %",
                    ),
                    KfIndicator(
                        name="Antal anmälningar om skadegörelse på kommunens fastigheter",
                        unit="st",
                        periodicity="tertial",
                        direction="lower",
                        aggregation="sum",
                        kf_target_text="minska",
                    ),
                ),
                activities=(
                    Activity(
                        "Kommunstyrelsen ska i samarbete med stadsdelsnämnderna och socialnämnden "
                        "utveckla en gemensam modell för platsbaserad trygghetssamverkan med "
                        "polis, fastighetsägare och civilsamhälle.",
                        start_month=3,
                        end_month=6,
                        end_year_offset=1,
                    ),
                ),
            ),
        ),
    ),
    DirectionGoal(
        number="2",
        title="Exempelstad växer hållbart, med arbete, kultur och en god livsmiljö för alla",
        area_goals=(
            AreaGoal(
                number="2.1",
                title="Fler invånare i Exempelstad är självförsörjande genom arbete eller studier",
                indicators=(
                    KfIndicator(
                        name="Andel deltagare i kommunala arbetsmarknadsinsatser som börjar "
                        "arbeta eller studera",
                        periodicity="tertial",
                        by_sex=True,
                        kf_target_text="42 %",
                    ),
                    KfIndicator(
                        name="Antal ungdomar 16-19 år som erbjuds sommarjobb via kommunen",
                        unit="st",
                        by_sex=True,
                        aggregation="sum",
                        kf_target_text="850 st",
                    ),
                ),
                activities=(
                    Activity(
                        "Arbetsmarknadsnämnden ska i samarbete med stadsdelsnämnderna utveckla "
                        "ett gemensamt arbetssätt så att unga vuxna som söker ekonomiskt bistånd "
                        "snabbt får kontakt med en arbetsmarknadscoach.",
                    ),
                ),
            ),
            AreaGoal(
                number="2.2",
                title="Kommunens verksamheter minskar sin klimatpåverkan och tar ansvar för "
                "naturen",
                indicators=(
                    KfIndicator(
                        name="Klimatpåverkan från kommunens inköpta livsmedel",
                        unit="kg CO2 per kg livsmedel",
                        direction="lower",
                        kf_target_text="1,7 kg CO2 per kg livsmedel",
                    ),
                    KfIndicator(
                        name="Andel ekologiska livsmedel av totalt inköpta livsmedel i kronor",
                        source="Kolada",
                        kf_target_text="Fastställs 2026",
                    ),
                    KfIndicator(
                        name="Matsvinn per serverad portion i kommunens kök",
                        unit="g",
                        periodicity="tertial",
                        direction="lower",
                        aggregation="mean",
                        kf_target_text="45 g",
                    ),
                ),
                activities=(
                    Activity(
                        "Miljönämnden ska i samarbete med samtliga nämnder ta fram en "
                        "kommungemensam vägledning för att minska användningen av engångsartiklar "
                        "i plast.",
                        start_month=2,
                        end_month=11,
                    ),
                ),
            ),
            AreaGoal(
                number="2.3",
                title="Invånare i alla åldrar har tillgång till ett rikt kultur- och fritidsliv",
                indicators=(
                    KfIndicator(
                        name="Andel barn och unga 7-19 år som deltar i kulturskolans eller "
                        "föreningslivets verksamhet minst en gång i veckan",
                        by_sex=True,
                        kf_target_text="",
                    ),
                    KfIndicator(
                        name="Antal fysiska besök på kommunens bibliotek per invånare",
                        unit="st",
                        source="Kolada",
                        aggregation="mean",
                        kf_target_text="4,6",
                    ),
                ),
                activities=(
                    Activity(
                        "Kulturnämnden ska i samarbete med stadsdelsnämnderna erbjuda ett "
                        "avgiftsfritt sommarlovsprogram för barn och unga i samtliga stadsdelar.",
                        start_month=3,
                        end_month=8,
                    ),
                ),
            ),
        ),
    ),
    DirectionGoal(
        number="3",
        title="Exempelstad förvaltar skattemedlen ansvarsfullt och är en attraktiv arbetsgivare",
        area_goals=(
            AreaGoal(
                number="3.1",
                title="Nämnderna har en ekonomi i balans och använder resurserna där de gör "
                "störst nytta",
                indicators=(
                    KfIndicator(
                        name="Budgetavvikelse i förhållande till nämndens driftbudget",
                        periodicity="tertial",
                        direction="band",
                        aggregation="none",
                        kf_target_text="+/- 1 %",
                    ),
                    KfIndicator(
                        name="Andel leverantörsfakturor som hanteras helt digitalt",
                        periodicity="tertial",
                        kf_target_text="95 %",
                    ),
                ),
            ),
            AreaGoal(
                number="3.2",
                title="Medarbetare och chefer i Exempelstad är engagerade och har en hälsosam "
                "arbetsmiljö",
                indicators=(
                    KfIndicator(
                        name="Engagemangsindex i kommunens medarbetarenkät",
                        unit="index",
                        by_sex=True,
                        source="Medarbetarenkät",
                        kf_target_text="80",
                    ),
                    KfIndicator(
                        name="Sjukfrånvaro bland tillsvidare- och visstidsanställda",
                        periodicity="tertial",
                        by_sex=True,
                        direction="lower",
                        kf_target_text="Tas fram av nämnd",
                    ),
                    KfIndicator(
                        name="Andel chefer med högst 30 direkt underställda medarbetare",
                        kf_target_text="öka",
                    ),
                ),
                activities=(
                    Activity(
                        "Kommunstyrelsen ska i samarbete med nämnderna genomföra ett gemensamt "
                        "introduktionsprogram för nyanställda chefer.",
                    ),
                ),
            ),
        ),
    ),
)


# --- Nämnder och nämndmål ---

NORRDALEN_GOALS: Final[tuple[CouncilGoal, ...]] = (
    CouncilGoal(
        key="norrdalen-1.1.1",
        area_number="1.1",
        number="1.1.1",
        title="Barnen i Norrdalens förskolor leker, lär och utvecklas i trygga och stimulerande "
        "miljöer",
        description=(
            "Förskolorna i Norrdalen utgår från läroplanen och planerar utbildningen så att leken "
            "får ett stort utrymme. Pedagogerna observerar och dokumenterar barnens lärande och "
            "använder dokumentationen för att anpassa miljöer och material efter barngruppens "
            "intressen. Särskild vikt läggs vid språkutveckling, eftersom många barn i "
            "stadsdelsområdet i första hand möter svenska språket i förskolan.\n\n"
            "Arbetet för en likvärdig förskola fortsätter. Förskolecheferna jämför resultat mellan "
            "förskolorna, och kollegialt lärande i nätverk gör att väl fungerande arbetssätt "
            "sprids. Barn i behov av särskilt stöd uppmärksammas tidigt, i samarbete med "
            "specialpedagoger och barnhälsovården.\n\n"
            "Målet bidrar till Agenda 2030, delmål 4.2, om att alla flickor och pojkar ska ha "
            "tillgång till förskola av god kvalitet."
        ),
        agenda_2030=("4.2", "10.2"),
        expected_results=(
            "Barnen får ett rikt språk genom högläsning, samtal och berättande varje dag.",
            "Vårdnadshavare upplever att förskolan är trygg och att barnet utvecklas.",
            "Skillnaderna i kvalitet mellan förskolorna i stadsdelsområdet minskar.",
            "Barn i behov av särskilt stöd får anpassningar utan dröjsmål.",
        ),
        activities=(
            Activity(
                "Förskolorna inför ett gemensamt samtalsunderlag om barnets språk som används vid "
                "utvecklingssamtal med vårdnadshavare."
            ),
        ),
        indicators=(
            Indicator(
                name="Andel förskolor som genomfört en pedagogisk kvalitetsdialog med "
                "förskolechefen",
                target_text="100 %",
            ),
        ),
    ),
    CouncilGoal(
        key="norrdalen-1.2.1",
        area_number="1.2",
        number="1.2.1",
        title="Barn och unga i behov av skydd eller stöd får tidiga och samordnade insatser",
        description=(
            "Socialtjänsten arbetar för att barn och unga som riskerar att fara illa ska "
            "uppmärksammas så tidigt som möjligt. Orosanmälningar förhandsbedöms "
            "skyndsamt och barnets egen berättelse tillmäts stor betydelse i utredningen. "
            "Handläggningen följer förvaltningens rutiner för dokumentation och barnsamtal.\n\n"
            "Samverkan med förskola, skola, elevhälsa och regionens barn- och ungdomspsykiatri är "
            "avgörande för att insatserna ska hänga ihop. Samordnad individuell plan (SIP) erbjuds "
            "när barnet har insatser från flera huvudmän. Öppenvården breddar sitt utbud av "
            "föräldrastöd, både i grupp och enskilt, så att fler familjer kan få hjälp utan att en "
            "utredning inleds.\n\n"
            "Arbetet knyter an till Agenda 2030, delmål 16.2, om att stoppa övergrepp och alla "
            "former av våld mot barn."
        ),
        agenda_2030=("16.2", "3.4", "10.2"),
        expected_results=(
            "Förhandsbedömningar görs inom fjorton dagar.",
            "Barnutredningar avslutas inom lagstadgad tid och barnets röst framgår av "
            "dokumentationen.",
            "Fler familjer tar del av föräldrastöd innan problemen hunnit växa.",
            "Barn med insatser från flera huvudmän erbjuds en samordnad individuell plan.",
        ),
        activities=(
            Activity(
                "Förvaltningen inför en gemensam mall för barnsamtal i utredningar enligt "
                "socialtjänstlagen.",
                start_month=2,
                end_month=11,
            ),
        ),
        indicators=(
            Indicator(
                name="Andel förhandsbedömningar som avslutas inom fjorton dagar",
                periodicity="tertial",
                target_text="95 %",
            ),
        ),
    ),
    CouncilGoal(
        key="norrdalen-1.2.3",
        area_number="1.2",
        number="1.2.3",
        title="Äldre i Norrdalen får en personcentrerad omsorg som stärker självbestämmande och "
        "livskvalitet",
        description=(
            "Äldreomsorgen i Norrdalen utgår från den enskildes vanor, önskemål och livshistoria. "
            "Genomförandeplaner tas fram tillsammans med den äldre och vid behov med anhöriga, och "
            "de revideras när behoven förändras. Insatserna ska ges av så få personer som möjligt, "
            "så att den äldre känner igen dem som kommer hem eller arbetar på boendet.\n\n"
            "Ofrivillig ensamhet och psykisk ohälsa bland äldre uppmärksammas i alla verksamheter. "
            "Hemtjänsten och vård- och omsorgsboendet samarbetar med träffpunkter, "
            "frivilligorganisationer och anhörigstödet för att erbjuda social samvaro. "
            "Förvaltningen följer upp kvaliteten genom egenkontroller, avvikelsehantering och "
            "samtal med de äldre.\n\n"
            "Målet bidrar till Agenda 2030, mål 3 om hälsa och välbefinnande, och till att minska "
            "ojämlikheten i hälsa enligt mål 10."
        ),
        agenda_2030=("3", "3.8", "10.2"),
        expected_results=(
            "Äldre har inflytande över hur och när insatserna utförs.",
            "Varje hemtjänstkund möter färre olika medarbetare.",
            "Äldre som känner sig ensamma erbjuds aktiviteter och sociala sammanhang.",
            "Måltiderna är goda, näringsriktiga och en trevlig stund på dagen.",
        ),
        activities=(
            Activity(
                "Införa en gemensam modell för att dokumentera levnadsberättelser i äldreomsorgen.",
                start_month=1,
                end_month=6,
            ),
            Activity(
                "Kartlägga ofrivillig ensamhet bland hemtjänstens kunder.",
                start_month=9,
                end_month=12,
            ),
        ),
        indicators=(
            Indicator(
                name="Andel äldre med hemtjänst som upplever att personalen tar hänsyn till deras "
                "åsikter och önskemål",
                by_sex=True,
                source="Brukarundersökning",
                target_text="öka",
            ),
        ),
    ),
    CouncilGoal(
        key="norrdalen-1.3.1",
        area_number="1.3",
        number="1.3.1",
        title="Norrdalen upplevs som tryggt av dem som bor, arbetar och vistas i stadsdelsområdet",
        description=(
            "Förvaltningen leder det lokala brottsförebyggande rådet, där polisen, bostadsbolagen, "
            "skolorna och föreningslivet ingår. Rådet tar två gånger per år fram en gemensam "
            "lägesbild utifrån trygghetsvandringar, medborgardialoger, inkomna synpunkter och "
            "polisens statistik. Lägesbilden styr vilka platser och tider som prioriteras.\n\n"
            "Fältassistenterna och fritidsverksamheten finns där ungdomarna är, särskilt kvällar "
            "och helger, och ger unga alternativ till otrygga miljöer. Arbetet mot våld i nära "
            "relationer är en del av trygghetsarbetet. Alla medarbetare ska kunna ställa frågor om "
            "våld och veta hur de ska agera när någon berättar.\n\n"
            "Målet kopplar till Agenda 2030, delmål 11.7 om säkra och inkluderande offentliga "
            "platser, delmål 16.1 om att minska alla former av våld och delmål 5.2 om att avskaffa "
            "våld mot kvinnor och flickor."
        ),
        agenda_2030=("11.7", "16.1", "5.2"),
        expected_results=(
            "Invånarna upplever att tryggheten i Norrdalens centrum och i parkerna har ökat.",
            "Förvaltningen har en aktuell lägesbild som delas med polis och fastighetsägare.",
            "Unga i riskzon nås av fältassistenter och erbjuds en meningsfull fritid.",
            "Medarbetare frågar rutinmässigt om våld och hänvisar till rätt stöd.",
        ),
        activities=(
            Activity(
                "Genomföra trygghetsvandringar i Björkhöjden och Kvarnbäcken tillsammans med "
                "boende och bostadsbolag.",
                start_month=4,
                end_month=10,
            ),
        ),
        indicators=(
            Indicator(
                name="Andel invånare i Norrdalen som avstår från aktiviteter på grund av otrygghet",
                by_sex=True,
                direction="lower",
                source="Medborgarundersökning",
                target_text="Max 20 %",
            ),
        ),
    ),
    CouncilGoal(
        key="norrdalen-2.1.2",
        area_number="2.1",
        number="2.1.2",
        title="Fler invånare i Norrdalen når egen försörjning genom arbete eller studier",
        description=(
            "Förvaltningen ser ekonomiskt bistånd som ett tillfälligt stöd på vägen mot egen "
            "försörjning. Den som söker bistånd och bedöms kunna arbeta får en planering mot "
            "arbete eller studier inom en månad. Handläggarna samarbetar med Arbetsförmedlingen, "
            "vuxenutbildningen och kommunens arbetsmarknadsenhet så att insatserna passar den "
            "enskildes förutsättningar.\n\n"
            "Unga vuxna och hushåll med barn prioriteras. För personer som står långt från "
            "arbetsmarknaden på grund av ohälsa samordnas insatserna med Försäkringskassan och "
            "hälso- och sjukvården. Ungdomar i stadsdelsområdet erbjuds sommarjobb som ger en "
            "första kontakt med arbetslivet.\n\n"
            "Arbetet bidrar till Agenda 2030, delmål 1.2 om att minska fattigdomen och delmål 8.6 "
            "om att minska andelen unga som varken arbetar eller studerar."
        ),
        agenda_2030=("1.2", "8.5", "8.6"),
        expected_results=(
            "Antalet hushåll med långvarigt ekonomiskt bistånd minskar.",
            "Unga vuxna som söker bistånd påbörjar en aktivitet mot arbete eller studier inom "
            "fyra veckor.",
            "Barnfamiljer med ekonomiskt bistånd får stöd att stärka sin ekonomi på sikt.",
            "Ungdomar i stadsdelsområdet får sommarjobb som ger en första arbetslivserfarenhet.",
        ),
        activities=(
            Activity(
                "Förvaltningen ska i samarbete med arbetsmarknadsförvaltningen starta en gemensam "
                "mottagning för unga vuxna som söker ekonomiskt bistånd.",
                start_month=8,
                end_month=6,
                end_year_offset=1,
            ),
        ),
        indicators=(
            Indicator(
                name="Antal hushåll i Norrdalen med ekonomiskt bistånd tio månader eller mer "
                "under året",
                unit="st",
                periodicity="tertial",
                direction="lower",
                aggregation="sum",
                target_text="210 st",
            ),
            Indicator(
                name="Andel unga vuxna 18-24 år med bistånd som har en planering mot arbete eller "
                "studier",
                periodicity="tertial",
                by_sex=True,
                target_text="Fastställs 2026",
            ),
        ),
    ),
    CouncilGoal(
        key="norrdalen-2.2.1",
        area_number="2.2",
        number="2.2.1",
        title="Norrdalens verksamheter hushållar med resurser och har en låg klimatpåverkan",
        description=(
            "Förvaltningen arbetar utifrån kommunens miljöprogram och har valt tre fokusområden "
            "för året: livsmedel, resor i tjänsten och inköp av förbrukningsmaterial. Förskolornas "
            "och vård- och omsorgsboendets kök planerar menyer med mer vegetabilier och följer upp "
            "matsvinnet varje vecka.\n\n"
            "Tjänsteresor görs i första hand till fots, med cykel eller med kollektivtrafik. "
            "Hemtjänstens bilpool ses över så att fordonen används effektivt och ersätts med "
            "elbilar när avtalen löper ut. Möbler och material återbrukas inom förvaltningen innan "
            "något nytt köps in.\n\n"
            "Arbetet bidrar till Agenda 2030, delmål 12.3 om att halvera matsvinnet och delmål "
            "12.5 om att minska mängden avfall."
        ),
        agenda_2030=("12.3", "12.5", "13.3"),
        expected_results=(
            "Klimatpåverkan från förvaltningens livsmedelsinköp minskar.",
            "Matsvinnet i förskolorna och på vård- och omsorgsboendet minskar.",
            "Fler tjänsteresor görs till fots, med cykel eller med kollektivtrafik.",
            "Återbruk av möbler och inventarier är förstahandsvalet.",
        ),
        activities=(
            Activity("Kartlägga och minska förvaltningens användning av engångsartiklar i plast."),
        ),
        indicators=(
            Indicator(
                name="Andel elbilar av hemtjänstens fordon",
                aggregation="none",
                target_text="60 %",
            ),
        ),
    ),
    CouncilGoal(
        key="norrdalen-3.1.1",
        area_number="3.1",
        number="3.1.1",
        title="Norrdalens stadsdelsförvaltning bedriver sin verksamhet inom tilldelad budgetram",
        description=(
            "Budgeten fördelas till enheterna utifrån volymer och uppdrag. Varje chef följer sitt "
            "ekonomiska utfall månadsvis tillsammans med en controller och tar fram en prognos för "
            "helåret. Vid befarade underskott upprättas en åtgärdsplan som stäms av med "
            "avdelningschefen.\n\n"
            "Medarbetarna görs delaktiga i ekonomin genom att enhetens resultat och prognos tas "
            "upp på arbetsplatsträffar. Lokaler och bemanning anpassas efter förändrade behov, "
            "bland annat eftersom antalet förskolebarn minskar i delar av stadsdelsområdet.\n\n"
            "En öppen och korrekt ekonomisk redovisning bidrar till effektiva och transparenta "
            "institutioner i linje med Agenda 2030, delmål 16.6."
        ),
        agenda_2030=("16.6",),
        expected_results=(
            "Nämnden redovisar ett resultat i balans vid årets slut.",
            "Prognoserna i tertialrapporterna stämmer väl med utfallet.",
            "Chefer har kunskap och verktyg för att styra sin ekonomi.",
        ),
        activities=(
            Activity(
                "Förvaltningen ser över lokalbehovet inom förskolan utifrån den nya "
                "befolkningsprognosen.",
                start_month=2,
                end_month=9,
            ),
        ),
        indicators=(
            Indicator(
                name="Avvikelse mellan helårsprognosen i tertialrapport 2 och årets utfall",
                direction="lower",
                aggregation="none",
                target_text="1 %",
            ),
        ),
    ),
    CouncilGoal(
        key="norrdalen-3.2.1",
        area_number="3.2",
        number="3.2.1",
        title="Medarbetare och chefer i Norrdalen trivs, utvecklas och vill stanna kvar",
        description=(
            "Förvaltningen vill vara en arbetsplats där medarbetare har inflytande över sitt "
            "arbete och chefer har rimliga förutsättningar att leda. Arbetsmiljön följs upp "
            "systematiskt genom skyddsronder, riskbedömningar och medarbetarsamtal, och resultatet "
            "av medarbetarenkäten analyseras på varje enhet tillsammans med skyddsombud.\n\n"
            "Sjukfrånvaron ska minska. Chefer får stöd av HR i tidiga rehabiliteringssamtal, och "
            "upprepad korttidsfrånvaro följs upp så att signaler om ohälsa fångas i tid. "
            "Kompetensutveckling planeras utifrån verksamhetens behov och varje medarbetares "
            "utvecklingsplan.\n\n"
            "Målet bidrar till Agenda 2030, delmål 8.8 om trygga arbetsmiljöer för alla "
            "arbetstagare och delmål 5.5 om kvinnors fulla deltagande och lika möjligheter till "
            "ledarskap."
        ),
        agenda_2030=("8.5", "8.8", "5.5"),
        expected_results=(
            "Engagemangsindex ökar i båda avdelningarna.",
            "Sjukfrånvaron minskar, särskilt den korta frånvaron.",
            "Nya medarbetare får en strukturerad introduktion.",
            "Medarbetare som utsätts för kränkande särbehandling, hot eller våld får snabbt stöd.",
        ),
        activities=(
            Activity("Införa en gemensam introduktionsdag för nyanställda i förvaltningen."),
        ),
        indicators=(
            Indicator(
                name="Personalomsättning bland tillsvidareanställda",
                by_sex=True,
                direction="lower",
                target_text="12 %",
            ),
        ),
    ),
)

KULTUR_GOALS: Final[tuple[CouncilGoal, ...]] = (
    CouncilGoal(
        key="kultur-1",
        area_number="2.3",
        number="",
        title="Alla barn och unga i Exempelstad har möjlighet att uppleva och utöva kultur",
        description=(
            "Kulturnämnden ansvarar för att barn och unga i hela kommunen ska kunna ta del av "
            "professionell kultur och utöva eget skapande, oavsett var de bor och vilka "
            "förutsättningar de har. Kulturskolans avgifter hålls låga och mer av verksamheten "
            "förläggs till skolor och fritidsgårdar i de stadsdelar där deltagandet har varit "
            "lågt.\n\n"
            "Nämnden samarbetar med stadsdelsnämnderna, grundskolan och föreningslivet om ett "
            "kulturutbud som når alla förskolebarn och elever. Barn och unga bjuds in att påverka "
            "utbudet genom ungdomsråd och enkäter.\n\n"
            "Arbetet bidrar till Agenda 2030, delmål 4.7 om kunskaper för hållbar utveckling och "
            "kulturell mångfald, och till mål 10 om minskad ojämlikhet."
        ),
        agenda_2030=("4.7", "10.2"),
        expected_results=(
            "Fler barn och unga från stadsdelar med lågt deltagande går i kulturskolan.",
            "Alla elever i årskurs 4 erbjuds minst en scenkonstföreställning under läsåret.",
            "Köerna till kulturskolans mest efterfrågade ämnen blir kortare.",
            "Barn och unga upplever att de kan påverka kulturutbudet.",
        ),
        activities=(
            Activity(
                "Kulturnämnden ska i samarbete med grundskolan ta fram en kulturgaranti för "
                "elever i årskurs 1-9.",
                start_month=1,
                end_month=12,
                end_year_offset=1,
            ),
        ),
        indicators=(
            Indicator(
                name="Antal unika deltagare i kulturskolans kurser",
                unit="st",
                periodicity="tertial",
                by_sex=True,
                aggregation="sum",
                target_text="2 400 st",
            ),
        ),
    ),
    CouncilGoal(
        key="kultur-2",
        area_number="2.3",
        number="",
        title="Biblioteken är öppna och angelägna mötesplatser för läsning, lärande och demokrati",
        description=(
            "Biblioteken i Exempelstad ska vara platser där alla är välkomna och där det är lätt "
            "att hitta litteratur, studieplatser och samhällsinformation. Läsfrämjande insatser "
            "riktas särskilt till barn, unga och vuxna som läser lite, och biblioteken samarbetar "
            "med förskolor, skolor och vuxenutbildningen.\n\n"
            "Digital delaktighet är ett prioriterat område. Bibliotekarier handleder invånare i "
            "digitala tjänster och källkritik, och biblioteken upplåter lokaler för samtal, "
            "föreningsmöten och debatter.\n\n"
            "Målet bidrar till Agenda 2030, delmål 4.6 om läs- och räknefärdighet och delmål 16.10 "
            "om allmänhetens tillgång till information."
        ),
        agenda_2030=("4.6", "16.10"),
        expected_results=(
            "Utlåningen av barn- och ungdomslitteratur ökar.",
            "Fler invånare får hjälp att använda digitala samhällstjänster.",
            "Biblioteken används som mötesplats för föreningar och samtal om samhällsfrågor.",
        ),
        activities=(
            Activity(
                "Utöka de meröppna tiderna vid biblioteket i Kvarnbäcken till kvällar och "
                "söndagar.",
                start_month=3,
                end_month=8,
            ),
        ),
        indicators=(
            Indicator(
                name="Antal utlån av barn- och ungdomsmedier",
                unit="st",
                periodicity="tertial",
                aggregation="sum",
                target_text="öka",
            ),
        ),
    ),
    CouncilGoal(
        key="kultur-3",
        area_number="2.2",
        number="",
        title="Kulturnämndens verksamheter bidrar till en klimatsmart kommun",
        description=(
            "Kulturförvaltningen minskar sin klimatpåverkan genom att se över energianvändningen i "
            "sina lokaler, resa hållbart och ställa miljökrav vid inköp och vid upphandling av "
            "evenemang. Material till kurser och utställningar återbrukas i så stor utsträckning "
            "som möjligt.\n\n"
            "Biblioteken och kulturskolan sprider också kunskap om klimat och hållbarhet, till "
            "exempel genom temaveckor, utställningar och ett prylbibliotek där invånare kan låna "
            "verktyg och sportutrustning. Arbetet bidrar till Agenda 2030, delmål 12.5 om minskat "
            "avfall och delmål 13.3 om utbildning och medvetenhet om klimatförändringar."
        ),
        agenda_2030=("12.5", "13.3"),
        expected_results=(
            "Kulturförvaltningens lokaler använder mindre energi än föregående år.",
            "Fler invånare lånar saker i stället för att köpa nya.",
            "Evenemang planeras med miljökrav på mat, material och transporter.",
        ),
        indicators=(
            Indicator(
                name="Energianvändning i kulturförvaltningens lokaler",
                unit="kWh per kvm",
                direction="lower",
                aggregation="none",
                target_text="minska",
            ),
        ),
    ),
    CouncilGoal(
        key="kultur-4",
        area_number="3.2",
        number="",
        title="Kulturförvaltningen är en attraktiv arbetsplats med engagerade och kompetenta "
        "medarbetare",
        description=(
            "Förvaltningen vill behålla och rekrytera medarbetare med hög kompetens inom "
            "pedagogik, konstnärliga uttryck och biblioteksverksamhet. Kompetensutvecklingen "
            "planeras långsiktigt och medarbetare uppmuntras att dela kunskap mellan kulturskolan "
            "och biblioteken.\n\n"
            "Många medarbetare arbetar kvällar och helger, och ensamarbete förekommer. "
            "Schemaläggning och säkerhetsrutiner ses över tillsammans med skyddsombuden så att "
            "arbetsmiljön är trygg under hela öppettiden, i linje med Agenda 2030, delmål 8.8."
        ),
        agenda_2030=("8.5", "8.8"),
        expected_results=(
            "Medarbetarna upplever att de har goda möjligheter att utvecklas i sitt arbete.",
            "Sjukfrånvaron ligger kvar på en låg nivå.",
            "Medarbetare som arbetar kvällstid känner sig trygga.",
        ),
        indicators=(
            Indicator(
                name="Andel medarbetare med en individuell plan för kompetensutveckling",
                target_text="",
            ),
        ),
    ),
)

COUNCILS: Final[tuple[Council, ...]] = (
    Council(
        key="norrdalen",
        name="Norrdalens stadsdelsnämnd",
        kind="stadsdelsnämnd",
        departments=(
            Department(key="norrdalen-ifo", name="Avdelningen för individ- och familjeomsorg"),
            Department(key="norrdalen-omsorg", name="Avdelningen för förskola och äldreomsorg"),
        ),
        goals=NORRDALEN_GOALS,
    ),
    Council(
        key="kultur",
        name="Kulturnämnden",
        kind="facknämnd",
        departments=(),
        goals=KULTUR_GOALS,
    ),
)


# --- Enheter: planens avsnitt och enhetsmål ---

_FAMILY_GOALS: Final[tuple[UnitGoal, ...]] = (
    UnitGoal(
        council_goal_key="norrdalen-1.2.1",
        title="Barnets röst och behov är tydliga genom hela handläggningen",
        expected_results=(
            "Barnsamtal genomförs och dokumenteras i alla utredningar där det är möjligt.",
            "Barnets synpunkter återges och vägs in i bedömningen.",
            "Utredningar avslutas inom fyra månader.",
        ),
        ways_of_working="Socialsekreterarna planerar barnsamtalet redan när utredningen inleds "
        "och använder enhetens samtalsmaterial, anpassat efter barnets ålder. Gruppledaren läser "
        "varje utredning innan den avslutas och kontrollerar att barnets synpunkter finns med i "
        "bedömningen. Ärenden som riskerar att överskrida fyramånadersgränsen tas upp på veckans "
        "ärendedragning.",
        resource_use="Arbetet ryms inom befintlig bemanning. Två socialsekreterare har utbildning "
        "i samtalsmetodik och fungerar som stöd för kollegorna.",
        follow_up="Aktgranskning görs i maj och november. Handläggningstiderna följs upp "
        "månadsvis i verksamhetssystemet och redovisas i tertialrapporterna.",
        development="Enheten vill pröva att låta äldre barn ta del av en sammanfattning av "
        "utredningen, skriven för dem, innan beslut fattas.",
        activities=(
            Activity(
                "Utbilda samtliga utredande socialsekreterare i samtal med barn.",
                start_month=2,
                end_month=5,
            ),
            Activity(
                "Granska akter med fokus på barnsamtal och bedömningar.",
                start_month=5,
                end_month=11,
            ),
        ),
        indicators=(
            Indicator(
                name="Andel utredningar där barnets synpunkter framgår av bedömningen",
                periodicity="tertial",
                target_text="90 %",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="norrdalen-1.2.1",
        title="Familjer får stöd från öppenvården tidigt och utan att en utredning behöver inledas",
        expected_results=(
            "Föräldrar kan söka råd och stöd utan att en utredning inleds.",
            "Väntetiden till öppenvårdens föräldragrupper är högst sex veckor.",
            "Fler familjer i Kvarnbäcken känner till enhetens stöd.",
        ),
        ways_of_working="Öppenvården har öppen mottagning två eftermiddagar i veckan, då "
        "föräldrar kan komma utan att boka tid. Behandlarna leder föräldragrupper för föräldrar "
        "till barn i olika åldrar och berättar om stödet på föräldramöten i förskolor och skolor. "
        "Familjer som behöver mer hjälp lotsas vidare i samarbete med familjecentralen.",
        resource_use="Två behandlare ägnar halva sin arbetstid åt det förebyggande stödet. "
        "Gruppverksamheten finansieras inom enhetens ram.",
        follow_up="Antalet besök och deltagare räknas varje månad, och deltagarna fyller i en "
        "kort enkät när föräldragruppen är avslutad.",
        development="",
        activities=(
            Activity(
                "Starta en föräldragrupp för föräldrar till tonåringar i Kvarnbäcken.",
                start_month=8,
                end_month=12,
            ),
        ),
        indicators=(
            Indicator(
                name="Antal familjer som får råd och stöd utan utredning",
                unit="st",
                periodicity="tertial",
                aggregation="sum",
                target_text="öka",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="norrdalen-1.3.1",
        title="Barn som lever med våld i familjen upptäcks och får stöd",
        expected_results=(
            "Frågan om våld ställs i alla utredningar.",
            "Barn som har upplevt våld erbjuds samtalsstöd.",
            "Medarbetarna kan göra en strukturerad riskbedömning.",
        ),
        ways_of_working="Socialsekreterarna ställer frågor om våld till både barn och vuxna "
        "enligt förvaltningens rutin. När våld framkommer görs en riskbedömning med ett "
        "strukturerat bedömningsinstrument och vid behov upprättas en skyddsplan. Barn som har "
        "bevittnat eller utsatts för våld erbjuds gruppverksamhet eller enskilda samtal i "
        "öppenvården.",
        resource_use="En socialsekreterare är enhetens samordnare för frågor om våld i nära "
        "relationer och ägnar en femtedel av sin tid åt uppdraget.",
        follow_up="Aktgranskningen omfattar frågan om våld och om riskbedömning har gjorts. "
        "Resultatet redovisas i verksamhetsberättelsen.",
        development="",
        activities=(
            Activity("Uppdatera enhetens rutin för skyddsplaner.", start_month=1, end_month=4),
        ),
    ),
    UnitGoal(
        council_goal_key="norrdalen-3.1.1",
        title="Enheten håller sin budget genom att minska behovet av köpta placeringar",
        expected_results=(
            "Enheten redovisar ett resultat i balans.",
            "Fler barn som behöver placeras kan bo i familjehem i stället för på institution.",
            "Prognoserna stämmer väl med utfallet.",
        ),
        ways_of_working="Innan en ny placering beslutas prövas alternativa insatser i öppenvården "
        "vid en gemensam genomgång. Enhetschefen och controllern går igenom placeringskostnaderna "
        "varje månad och uppdaterar prognosen. Enheten rekryterar aktivt familjehem i närområdet "
        "tillsammans med kommunens familjehemsenhet.",
        resource_use="Placeringarna står för ungefär 55 procent av enhetens budget. Det som "
        "sparas på färre institutionsplaceringar används till att förstärka öppenvården.",
        follow_up="Ekonomin följs upp månadsvis med controller och redovisas i tertialrapporterna.",
        development="",
        activities=(
            Activity(
                "Ta fram en modell för månadsvis uppföljning av placeringskostnader.",
                start_month=1,
                end_month=3,
            ),
        ),
        indicators=(
            Indicator(
                name="Avvikelse mot enhetens budget",
                periodicity="tertial",
                direction="band",
                aggregation="none",
                target_text="+/- 1 %",
            ),
        ),
    ),
)

_FAMILY_UNIT: Final = Unit(
    key="norrdalen-familj",
    council_key="norrdalen",
    department_key="norrdalen-ifo",
    name="Barn- och familjeenheten",
    kind="enhet",
    mission="Enheten utreder och ger stöd till barn, unga och familjer i Norrdalen när det finns "
    "oro för ett barns hälsa eller utveckling.",
    opening_sections=(
        (
            "Enhetens uppdrag",
            "Barn- och familjeenheten tar emot orosanmälningar och ansökningar som rör barn och "
            "unga upp till 20 år, gör förhandsbedömningar och utredningar och följer upp "
            "beviljade insatser. Enhetens öppenvård erbjuder samtalsstöd, föräldrastöd i grupp "
            "och familjebehandling i hemmet.\n\n"
            "I uppdraget ingår också ansvaret för placerade barn och att, tillsammans med "
            "kommunens familjehemsenhet, rekrytera och stödja familjehem.",
        ),
        (
            "Utvecklingsområden {year}",
            "Under {year} prioriterar enheten att korta handläggningstiderna för utredningar och "
            "att göra barnets egen röst tydligare i dokumentationen. En genomgång av förra årets "
            "ärenden visade att barnsamtal hade genomförts i de flesta utredningar, men att "
            "barnets synpunkter inte alltid återgavs i bedömningen.\n\n"
            "Ett annat utvecklingsområde är samverkan med förskolor och skolor i Kvarnbäcken, där "
            "antalet orosanmälningar har ökat.",
        ),
        (
            "Organisationsbeskrivning",
            "Enheten leds av en enhetschef och har två gruppledare, en för mottagning och "
            "utredning och en för öppenvården. Sammanlagt arbetar 24 medarbetare på enheten: 15 "
            "socialsekreterare, sex behandlare och tre administratörer. Enheten har sina lokaler "
            "i Norrdalens medborgarhus.",
        ),
        (
            "Ledarskapsidé",
            "Ledningen vill ge socialsekreterarna förutsättningar att fatta välgrundade beslut i "
            "ett arbete som ofta är tungt. Det kräver tydliga ramar, tillgängliga chefer och tid "
            "för reflektion. Ärendedragningar och metodhandledning är fasta inslag varje vecka "
            "och ses som en del av arbetet, inte som något som ska rymmas när det blir tid över.",
        ),
    ),
    closing_sections=(
        (
            "Redovisning av ekonomi",
            "Enhetens budget för {year} uppgår till 38,6 mnkr, varav drygt hälften avser "
            "placeringar av barn och unga. Kostnaderna för institutionsplaceringar är svåra att "
            "förutse och följs därför upp varje månad. Genom att stärka öppenvården och "
            "familjehemsvården vill enheten minska behovet av köpta platser.",
        ),
        (
            "Systematiskt kvalitetsarbete",
            "Enheten granskar akter två gånger per år med fokus på barnsamtal, riskbedömningar "
            "och tidsfrister. Resultaten diskuteras i arbetsgrupperna och leder till "
            "förbättringsåtgärder som följs upp vid nästa granskning.",
        ),
        (
            "Synpunkter och klagomål",
            "Synpunkter och klagomål registreras och besvaras inom två veckor. Enheten "
            "sammanställer dem varje tertial för att se mönster, till exempel om flera "
            "vårdnadshavare upplever att informationen om utredningens gång är otydlig.",
        ),
        (
            "Avvikelser och lex Sarah",
            "Alla medarbetare känner till skyldigheten att rapportera missförhållanden enligt lex "
            "Sarah. Rapporterna utreds av enhetschefen tillsammans med förvaltningens "
            "kvalitetsutvecklare, och lärdomarna återförs till hela enheten.",
        ),
    ),
    goals=_FAMILY_GOALS,
)


_FINANCIAL_AID_GOALS: Final[tuple[UnitGoal, ...]] = (
    UnitGoal(
        council_goal_key="norrdalen-2.1.2",
        title="Personer som söker ekonomiskt bistånd har en aktuell planering mot arbete eller "
        "studier",
        expected_results=(
            "Alla sökande som bedöms kunna arbeta har en planering inom en månad.",
            "Fler går vidare till arbete, studier eller en arbetsmarknadsinsats.",
            "Hushåll med långvarigt bistånd får en fördjupad kartläggning.",
        ),
        ways_of_working="Vid första besöket kartläggs den sökandes utbildning, "
        "arbetslivserfarenhet och hälsa. Utifrån kartläggningen upprättas en planering som stäms "
        "av vid varje ny ansökan. Arbetsmarknadscoacherna träffar de sökande som behöver mer stöd "
        "och har kontakt med arbetsgivare i närområdet om praktik och anställningar.",
        resource_use="Fyra arbetsmarknadscoacher finansieras inom enhetens ram. Enheten använder "
        "statliga anställningsstöd för att hålla nere kommunens kostnader.",
        follow_up="Andelen aktuella planeringar följs upp tertialvis i verksamhetssystemet. Hur "
        "många som går vidare till arbete och studier redovisas i tertialrapporterna och "
        "verksamhetsberättelsen.",
        development="Enheten undersöker om kartläggningen kan erbjudas på fler språk med hjälp av "
        "kommunens digitala tolkförmedling.",
        activities=(
            Activity(
                "Genomföra fördjupad kartläggning av hushåll som haft bistånd i mer än två år.",
                start_month=2,
                end_month=10,
            ),
            Activity(
                "Öppna den digitala ansökan om ekonomiskt bistånd för återkommande sökande.",
                start_month=1,
                end_month=6,
            ),
        ),
        indicators=(
            Indicator(
                name="Andel sökande med aktuell planering mot arbete eller studier",
                periodicity="tertial",
                by_sex=True,
                target_text="85 %",
            ),
            Indicator(
                name="Antal personer som lämnat ekonomiskt bistånd för arbete eller studier",
                unit="st",
                periodicity="tertial",
                by_sex=True,
                aggregation="sum",
                target_text="Fastställs 2026",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="norrdalen-2.1.2",
        title="Unga vuxna blir inte kvar i långvarigt bistånd",
        expected_results=(
            "Unga vuxna som söker bistånd träffar en arbetsmarknadscoach inom två veckor.",
            "Ingen ung vuxen har bistånd i mer än tolv månader utan en pågående insats.",
        ),
        ways_of_working="Unga vuxna handläggs av en särskild grupp med två socialsekreterare och "
        "en arbetsmarknadscoach. Gruppen arbetar nära vuxenutbildningen och Arbetsförmedlingen, "
        "och den unge möter samma personer under hela tiden med bistånd. Tecken på psykisk ohälsa "
        "eller missbruk uppmärksammas och den unge lotsas vidare till rätt stöd.",
        resource_use="Gruppen bemannas genom omfördelning inom enheten.",
        follow_up="Antalet unga vuxna med bistånd och deras planeringar gås igenom varje månad på "
        "enhetens ledningsmöte.",
        development="",
        activities=(
            Activity(
                "Delta i uppbyggnaden av den gemensamma mottagningen för unga vuxna.",
                start_month=9,
                end_month=6,
                end_year_offset=1,
            ),
        ),
        indicators=(
            Indicator(
                name="Antal unga vuxna 18-24 år med ekonomiskt bistånd i mer än tolv månader",
                unit="st",
                periodicity="tertial",
                by_sex=True,
                direction="lower",
                aggregation="sum",
                target_text="minska",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="norrdalen-3.2.1",
        title="Medarbetarna har en hållbar arbetsbelastning och ett gott samarbetsklimat",
        expected_results=(
            "Antalet ärenden per handläggare ligger inom den överenskomna nivån.",
            "Medarbetarna upplever att de får stöd vid hot och svåra samtal.",
            "Personalomsättningen minskar.",
        ),
        ways_of_working="Ärendefördelningen ses över varje vecka, och ärenden flyttas när någon "
        "handläggare har för många. Rutinen för hot och våld gås igenom med alla nyanställda, och "
        "efter varje allvarlig händelse erbjuds avlastningssamtal. Arbetsmiljön är en stående "
        "punkt på arbetsplatsträffarna.",
        resource_use="Ingen särskild resurs avsätts; arbetet ingår i chefernas ordinarie uppdrag.",
        follow_up="Arbetsbelastningen följs upp i medarbetarsamtalen och genom en kort pulsenkät "
        "varje tertial.",
        development="",
        activities=(Activity("Genomföra en pulsenkät om arbetsbelastning varje tertial."),),
        indicators=(
            Indicator(
                name="Antal aktuella ärenden per handläggare",
                unit="st",
                periodicity="tertial",
                direction="lower",
                aggregation="mean",
                target_text="Max 45 ärenden",
            ),
        ),
    ),
)

_FINANCIAL_AID_UNIT: Final = Unit(
    key="norrdalen-bistand",
    council_key="norrdalen",
    department_key="norrdalen-ifo",
    name="Enheten för ekonomiskt bistånd och arbete",
    kind="enhet",
    mission="Enheten prövar rätten till ekonomiskt bistånd och stöttar den som söker bistånd på "
    "vägen mot arbete, studier och egen försörjning.",
    opening_sections=(
        (
            "Enhetens uppdrag",
            "Enheten handlägger ansökningar om ekonomiskt bistånd för invånare i Norrdalen och "
            "ser till att varje person som kan arbeta får en planering mot egen försörjning. I "
            "uppdraget ingår även budget- och skuldrådgivning och stöd till hushåll som riskerar "
            "att förlora sin bostad.",
        ),
        (
            "Utvecklingsområden {year}",
            "Andelen hushåll med långvarigt bistånd har legat på en hög nivå de senaste åren. "
            "Under {year} riktar enheten särskilda insatser till hushåll som har haft bistånd i "
            "mer än två år och till unga vuxna som söker bistånd för första gången.\n\n"
            "Enheten öppnar också den digitala ansökan för fler grupper, vilket frigör tid för "
            "handläggarna att träffa de sökande.",
        ),
        (
            "Organisationsbeskrivning",
            "Enheten består av en mottagningsgrupp, två handläggargrupper och en grupp för "
            "arbetsinriktat stöd med fyra arbetsmarknadscoacher. Totalt har enheten 31 "
            "medarbetare. Enhetschefen har stöd av två biträdande enhetschefer.",
        ),
        (
            "Ledarskapsidé",
            "Enhetens chefer vill bygga en kultur där medarbetarna ser sig som lotsar och inte "
            "bara som handläggare av ansökningar. Cheferna finns nära verksamheten, följer "
            "ärendeflödet dagligen och ger återkoppling på både resultat och bemötande.",
        ),
    ),
    closing_sections=(
        (
            "Redovisning av ekonomi",
            "Kostnaderna för ekonomiskt bistånd beräknas till 64 mnkr under {year}, något lägre "
            "än föregående år. Enhetens egna personal- och verksamhetskostnader uppgår till 23 "
            "mnkr. Biståndskostnaderna följs upp varje vecka och jämförs med budget.",
        ),
        (
            "Systematiskt kvalitetsarbete",
            "Enheten gör stickprovskontroller av beslut och utbetalningar varje månad. Under året "
            "har kvalitetsarbetet särskilt fokus på att besluten är väl motiverade och skrivna så "
            "att den sökande förstår dem.",
        ),
        (
            "Synpunkter och klagomål",
            "De flesta synpunkter gäller hur lång tid det tar att komma i kontakt med en "
            "handläggare. Enheten har därför infört fasta telefontider och en funktion för "
            "återuppringning, och följer upp om antalet synpunkter minskar.",
        ),
        (
            "Övrigt",
            "Enheten deltar i kommunens nätverk mot avhysningar och i en regional arbetsgrupp om "
            "överskuldsättning.",
        ),
    ),
    goals=_FINANCIAL_AID_GOALS,
)


_LEISURE_GOALS: Final[tuple[UnitGoal, ...]] = (
    UnitGoal(
        council_goal_key="norrdalen-1.3.1",
        title="Unga i riskzon nås tidigt och erbjuds stöd och alternativ",
        expected_results=(
            "Fältassistenterna finns på de platser där unga samlas kvällar och helger.",
            "Unga som far illa uppmärksammas och får kontakt med socialtjänsten.",
            "Fältassistenternas iakttagelser når den gemensamma lägesbilden.",
        ),
        ways_of_working="Fältassistenterna planerar sitt arbete utifrån den aktuella lägesbilden "
        "och prioriterar Norrdalens centrum, tunnelbanestationen och skolgårdarna på helgkvällar. "
        "De bygger relationer med unga, deras föräldrar och personal i butiker och på skolor. När "
        "det finns oro för en ung person görs en orosanmälan, och fältassistenterna kan följa med "
        "den unge till det första mötet hos socialtjänsten.",
        resource_use="Fältgruppen består av fyra fältassistenter. Helger med förhöjd risk, till "
        "exempel vid skolavslutningar, förstärks gruppen med personal från fritidsgården.",
        follow_up="Fältassistenterna för varje vecka en gemensam logg. En sammanställning lämnas "
        "till det brottsförebyggande rådet två gånger per år.",
        development="Enheten vill pröva att låta fältassistenterna arbeta dagtid på skolorna en "
        "dag i veckan för att lära känna eleverna tidigare.",
        activities=(
            Activity(
                "Ta fram en gemensam mall för fältassistenternas rapporter.",
                start_month=1,
                end_month=3,
            ),
            Activity(
                "Förstärka fältarbetet kring valborg och skolavslutningar.",
                start_month=4,
                end_month=6,
            ),
        ),
        indicators=(
            Indicator(
                name="Antal kontakter med unga under fältarbete",
                unit="st",
                periodicity="tertial",
                by_sex=True,
                direction="none",
                aggregation="sum",
                target_text="",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="norrdalen-1.3.1",
        title="Fritidsgården är en trygg och jämställd mötesplats",
        expected_results=(
            "Andelen flickor bland besökarna ökar.",
            "Besökarna upplever att de kan påverka verksamheten.",
            "Besökarna känner sig trygga på fritidsgården.",
        ),
        ways_of_working="Fritidsgården har egna tider för flickor två kvällar i veckan, och "
        "aktiviteterna planeras tillsammans med en grupp flickor som har valts på husmötet. "
        "Personalen för normkritiska samtal med besökarna och säger ifrån när någon uttrycker sig "
        "kränkande. Alla besökare bjuds in till husmötet en gång i månaden.",
        resource_use="Tjejtiderna bemannas genom att schemat förskjuts, utan extra kostnader.",
        follow_up="Besöksstatistik uppdelad på kön förs varje kväll. Trivselenkäten genomförs "
        "varje termin.",
        development="",
        activities=(
            Activity(
                "Starta tjejkvällar med aktiviteter som besökarna själva har valt.",
                start_month=1,
                end_month=6,
            ),
        ),
        indicators=(
            Indicator(
                name="Andel flickor bland fritidsgårdens besökare",
                periodicity="tertial",
                target_text="40 %",
            ),
            Indicator(
                name="Andel besökare som känner sig trygga på fritidsgården",
                by_sex=True,
                source="Brukarundersökning",
                target_text="öka",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="norrdalen-2.1.2",
        title="Ungdomar i Norrdalen får en första erfarenhet av arbetslivet genom sommarjobb",
        expected_results=(
            "Alla ungdomar som söker sommarjobb via enheten får ett erbjudande.",
            "Sommarjobben fördelas jämnt mellan flickor och pojkar.",
            "Ungdomarna får handledning och ett intyg när perioden är slut.",
        ),
        ways_of_working="Enheten samordnar sommarjobben i stadsdelsområdet och tar fram platser i "
        "förvaltningens egna verksamheter, hos bostadsbolagen och i föreningslivet. Innan "
        "ungdomarna börjar går de en introduktion om arbetsmiljö, bemötande och tystnadsplikt. "
        "Varje arbetsplats har en utsedd handledare som enheten håller kontakt med under sommaren.",
        resource_use="Lönerna betalas med kommunens centrala medel för sommarjobb. En samordnare "
        "på halvtid avsätts från februari till augusti.",
        follow_up="Antalet erbjudna platser och deltagare redovisas i tertialrapport 2. Ungdomar "
        "och handledare svarar på en utvärdering efter sommaren.",
        development="",
        activities=(
            Activity(
                "Rekrytera arbetsplatser och handledare för sommarjobb.", start_month=1, end_month=4
            ),
            Activity("Genomföra introduktionsdagar för sommarjobbare.", start_month=5, end_month=6),
        ),
        indicators=(
            Indicator(
                name="Antal ungdomar med sommarjobb via enheten",
                unit="st",
                by_sex=True,
                aggregation="sum",
                target_text="140 st",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="norrdalen-3.2.1",
        title="Medarbetare som arbetar kvällar och helger har en trygg arbetsmiljö",
        expected_results=(
            "Ingen medarbetare arbetar ensam i fältarbete eller vid stängning av fritidsgården.",
            "Medarbetarna vet hur de ska agera vid hot och våld.",
            "Sjukfrånvaron hålls på en låg nivå.",
        ),
        ways_of_working="Schemat läggs så att minst två medarbetare alltid är i tjänst vid "
        "kvällsverksamhet och fältarbete. Riskbedömningarna uppdateras inför lov och större "
        "evenemang. Rutinen för hot och våld övas praktiskt på en arbetsplatsträff varje termin.",
        resource_use="Dubbelbemanningen kräver att timanställda används i viss utsträckning, "
        "vilket finns med i budgeten.",
        follow_up="Tillbud och arbetsskador gås igenom på varje arbetsplatsträff och sammanfattas "
        "i verksamhetsberättelsen.",
        development="Under året prövas trygghetslarm i mobiltelefonen för fältassistenterna.",
        activities=(
            Activity(
                "Öva rutinen för hot och våld på arbetsplatsträff.", start_month=3, end_month=10
            ),
        ),
        indicators=(
            Indicator(
                name="Sjukfrånvaro bland enhetens medarbetare",
                periodicity="tertial",
                by_sex=True,
                direction="lower",
                target_text="Tas fram av nämnd",
            ),
        ),
    ),
)

_LEISURE_UNIT: Final = Unit(
    key="norrdalen-fritid",
    council_key="norrdalen",
    department_key="norrdalen-ifo",
    name="Enheten för fritid och förebyggande arbete",
    kind="enhet",
    mission="Enheten ger barn och unga i Norrdalen en trygg och meningsfull fritid och möter unga "
    "i riskzon där de befinner sig.",
    opening_sections=(
        (
            "Enhetens uppdrag",
            "Enheten driver fritidsgården Kvarnen i Kvarnbäcken, en öppen verksamhet för "
            "10-12-åringar och sommarlovsaktiviteter i stadsdelsområdets parker. I enheten ingår "
            "också fältassistenterna, som arbetar uppsökande bland unga kvällar och helger och "
            "samverkar med skola, polis och socialtjänst.\n\n"
            "Enheten samordnar dessutom sommarjobben för ungdomar i stadsdelsområdet.",
        ),
        (
            "Utvecklingsområden {year}",
            "Besöksstatistiken visar att flickor kommer till fritidsgården i betydligt mindre "
            "utsträckning än pojkar. Under {year} vill enheten öka flickornas deltagande genom "
            "egna tider och aktiviteter som flickorna själva har varit med och tagit fram.\n\n"
            "Ett andra utvecklingsområde är att fältassistenternas iakttagelser ska bli en "
            "tydligare del av förvaltningens lägesbild.",
        ),
        (
            "Organisationsbeskrivning",
            "Enheten har 14 tillsvidareanställda fritidsledare och fältassistenter samt "
            "timanställda ungdomsledare under loven. Fritidsgården har öppet fem kvällar i "
            "veckan, och fältassistenterna arbetar i par enligt ett rullande schema.",
        ),
        (
            "Kvalitetsarbete",
            "Varje termin besvarar besökarna en enkät om trivsel, trygghet och inflytande. "
            "Resultaten diskuteras på ett husmöte där besökare och personal tillsammans bestämmer "
            "vad som ska förbättras.",
        ),
        (
            "Ledarskapsidé",
            "Enhetschefen leder genom närvaro. Chefen deltar regelbundet i kvällsverksamheten och "
            "i fältarbetet för att förstå medarbetarnas vardag och kunna stödja dem i svåra "
            "situationer.",
        ),
    ),
    closing_sections=(
        (
            "Redovisning av ekonomi",
            "Enhetens budget för {year} är 12,4 mnkr. Sommarlovsverksamheten finansieras delvis "
            "med statsbidrag som söks under våren. Om bidraget blir lägre än beräknat minskas "
            "omfattningen av sommaraktiviteterna.",
        ),
        (
            "Synpunkter och klagomål",
            "Besökare kan lämna synpunkter i en låda på fritidsgården, via kommunens webbplats "
            "eller direkt till personalen. Synpunkterna tas upp på husmötena.",
        ),
        (
            "Övrigt",
            "Enheten ingår i det lokala brottsförebyggande rådet och bidrar med "
            "fältassistenternas iakttagelser till lägesbilden.",
        ),
    ),
    goals=_LEISURE_GOALS,
)


_SOLGLANTAN_GOALS: Final[tuple[UnitGoal, ...]] = (
    UnitGoal(
        council_goal_key="norrdalen-1.1.1",
        title="Barnen utvecklar sitt språk genom samtal om böcker och berättelser",
        expected_results=(
            "Alla barn får lyssna på högläsning varje dag.",
            "Barnen återberättar och samtalar om det de har läst.",
            "Barnens modersmål syns i förskolans miljö.",
        ),
        ways_of_working="Varje avdelning har en daglig lässtund i mindre grupper, följd av ett "
        "samtal där barnen får återberätta och ställa frågor. Pedagogerna använder bilder, "
        "konkret material och digitala bilderböcker på barnens modersmål. Förskolorna lånar "
        "regelbundet böcker från biblioteket och bjuder in vårdnadshavare att läsa på sitt eget "
        "språk.",
        resource_use="Böcker och digitala licenser köps in inom enhetens budget för läromedel.",
        follow_up="Pedagogerna dokumenterar barnens samtal i lärloggen och analyserar dem vid "
        "avdelningsplaneringen. Resultatet sammanfattas i verksamhetsberättelsen.",
        development="Enheten vill pröva att spela in barnens egna berättelser och dela dem med "
        "vårdnadshavarna.",
        activities=(
            Activity(
                "Bjuda in vårdnadshavare till lässtunder på olika språk.",
                start_month=3,
                end_month=5,
            ),
            Activity(
                "Genomföra en fortbildning för förskollärarna om samtal kring text.",
                start_month=8,
                end_month=11,
            ),
        ),
        indicators=(
            Indicator(
                name="Andel vårdnadshavare som upplever att förskolan stimulerar barnets "
                "språkutveckling",
                source="Brukarundersökning",
                target_text="92 %",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="norrdalen-1.1.1",
        title="Alla barn är delaktiga i leken och får det stöd de behöver",
        expected_results=(
            "Barn i behov av särskilt stöd får anpassningar utan dröjsmål.",
            "Pedagogerna hjälper barn som har svårt att komma in i leken.",
            "Miljöerna inne och ute inbjuder till lek och rörelse.",
        ),
        ways_of_working="Specialpedagogen handleder arbetslagen och hjälper till att ta fram "
        "handlingsplaner för barn i behov av särskilt stöd. Pedagogerna är aktiva i barnens lek, "
        "särskilt utomhus, och uppmärksammar vilka barn som blir stående utanför. Gården vid "
        "förskolan Humlan byggs om med fler platser för rörelse, kojbygge och odling.",
        resource_use="Ombyggnaden av gården bekostas med investeringsmedel från nämnden. "
        "Specialpedagogens tid fördelas efter behov mellan förskolorna.",
        follow_up="Handlingsplanerna följs upp varje termin. Förskolechefen gör lekobservationer "
        "på varje förskola två gånger per år.",
        development="",
        activities=(Activity("Bygga om gården vid förskolan Humlan.", start_month=4, end_month=9),),
    ),
    UnitGoal(
        council_goal_key="norrdalen-2.2.1",
        title="Förskolorna minskar matsvinnet och lär barnen om hållbarhet",
        expected_results=(
            "Matsvinnet minskar jämfört med föregående år.",
            "Barnen deltar i odling och kompostering.",
            "Förbrukningsmaterial återbrukas i den skapande verksamheten.",
        ),
        ways_of_working="Köken väger matsvinnet varje dag och anpassar mängden mat efter "
        "närvaron. En gång i veckan är barnen med och väger svinnet och samtalar om varför mat "
        "inte ska slängas. Avdelningarna odlar grönsaker i pallkragar och skapar med material "
        "från kommunens återbruksförråd.",
        resource_use="Vågar och pallkragar köps in för cirka 15 000 kronor. I övrigt ingår "
        "arbetet i den ordinarie verksamheten.",
        follow_up="Matsvinnet rapporteras varje månad till förvaltningens kostsamordnare.",
        development="",
        activities=(
            Activity(
                "Införa daglig vägning av matsvinn i alla tre kök.", start_month=1, end_month=3
            ),
        ),
        indicators=(
            Indicator(
                name="Matsvinn per närvarande barn och dag",
                unit="g",
                periodicity="tertial",
                direction="lower",
                aggregation="mean",
                target_text="25 g",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="norrdalen-3.2.1",
        title="Förskollärare och barnskötare har tid för planering och kompetensutveckling",
        expected_results=(
            "Varje förskollärare har schemalagd planeringstid varje vecka.",
            "Barnskötarna erbjuds utbildning i språkutvecklande arbetssätt.",
            "Sjukfrånvaron minskar.",
        ),
        ways_of_working="Planeringstiden schemaläggs vid terminsstart och skyddas även när det "
        "saknas vikarier. Enheten delar en vikariepool med förskoleenheten i Ängsvik. Under "
        "hösten går barnskötarna en utbildning i språkutvecklande arbetssätt som hålls av "
        "kommunens förskoleutvecklare.",
        resource_use="Vikariepoolen finansieras gemensamt med grannenheten. Utbildningen kostar "
        "ingenting för enheten.",
        follow_up="Sjukfrånvaron följs upp varje månad. Hur mycket planeringstid som faktiskt "
        "tagits ut sammanställs varje tertial.",
        development="",
        activities=(
            Activity(
                "Genomföra utbildning i språkutvecklande arbetssätt för barnskötare.",
                start_month=9,
                end_month=12,
            ),
        ),
        indicators=(
            Indicator(
                name="Andel schemalagd planeringstid som har tagits ut",
                periodicity="tertial",
                target_text="90 %",
            ),
        ),
    ),
)

_SOLGLANTAN_UNIT: Final = Unit(
    key="norrdalen-solglantan",
    council_key="norrdalen",
    department_key="norrdalen-omsorg",
    name="Förskoleenhet Solgläntan",
    kind="enhet",
    mission="Förskoleenhet Solgläntan ger barnen i Björkhöjden en trygg, rolig och lärorik "
    "förskola där leken står i centrum.",
    opening_sections=(
        (
            "Enhetens uppdrag",
            "Förskoleenhet Solgläntan består av tre förskolor i Björkhöjden med sammanlagt "
            "omkring 190 barn i åldrarna ett till fem år. Uppdraget utgår från skollagen och "
            "läroplanen för förskolan: att stimulera barnens utveckling och lärande och att "
            "erbjuda en trygg omsorg.",
        ),
        (
            "Utvecklingsområden {year}",
            "Förra årets uppföljning visade att förskolorna har kommit långt med högläsningen, "
            "men att barnen sällan själva återberättar och samtalar om det de har läst. Under "
            "{year} ligger fokus därför på samtal kring böcker och på att synliggöra barnens "
            "flerspråkighet.\n\n"
            "Enheten fortsätter också arbetet med utemiljön. Gården vid förskolan Humlan ska "
            "göras om för att ge mer utrymme för rörelse och lek.",
        ),
        (
            "Organisationsbeskrivning",
            "Enheten leds av en förskolechef med stöd av en biträdande förskolechef. Förskolorna "
            "Humlan, Blåbäret och Ekorren har tillsammans tretton avdelningar. Av de 42 "
            "medarbetarna är 19 förskollärare. En specialpedagog delas med en annan förskoleenhet "
            "i stadsdelsområdet.",
        ),
        (
            "Ledarskapsidé",
            "Ledningen vill att varje förskollärare tar ett tydligt ansvar för undervisningen och "
            "har tid att planera och reflektera. Pedagogiska ledare från varje förskola träffas "
            "varannan vecka och driver utvecklingsarbetet tillsammans med ledningen.",
        ),
    ),
    closing_sections=(
        (
            "Redovisning av ekonomi",
            "Enheten har en budget på 31,2 mnkr för {year}. Intäkterna beror på antalet inskrivna "
            "barn, som har minskat något i Björkhöjden. För att behålla en ekonomi i balans slås "
            "två mindre avdelningar samman till hösten.",
        ),
        (
            "Systematiskt kvalitetsarbete",
            "Varje avdelning dokumenterar sitt arbete i en gemensam mall för systematiskt "
            "kvalitetsarbete. Dokumentationen analyseras tillsammans med förskolechefen i juni "
            "och december och ligger till grund för nästa års utvecklingsområden.",
        ),
        (
            "Synpunkter och klagomål",
            "Vårdnadshavare lämnar synpunkter direkt till personalen, via förskolans digitala "
            "plattform eller genom kommunens synpunktshantering. Förskolechefen svarar inom en "
            "vecka.",
        ),
        (
            "Övrigt",
            "Enhetens plan mot diskriminering och kränkande behandling revideras i september "
            "tillsammans med barnen och med vårdnadshavarnas representanter.",
        ),
    ),
    goals=_SOLGLANTAN_GOALS,
)


_HOME_CARE_GOALS: Final[tuple[UnitGoal, ...]] = (
    UnitGoal(
        council_goal_key="norrdalen-1.2.3",
        title="Kunderna möter få och välkända medarbetare",
        expected_results=(
            "Varje kund har en kontaktman och en ersättare som gör de flesta besöken.",
            "Antalet olika medarbetare hos en kund under fjorton dagar minskar.",
            "Kunderna känner sig trygga med den personal som kommer hem till dem.",
        ),
        ways_of_working="Stadsdelsområdet delas in i sex geografiska områden med ett fast team i "
        "varje. Schemaläggningen utgår från kundens kontaktman, och vid frånvaro ersätts "
        "kontaktmannen i första hand av någon i samma team. Samordnarna ser varje vecka över "
        "vilka kunder som har fått besök av många olika medarbetare och justerar planeringen.",
        resource_use="Omorganisationen genomförs inom befintlig ram. Planeringsverktyget finns "
        "redan i verksamheten.",
        follow_up="Kontinuiteten mäts varje månad i planeringssystemet och redovisas i "
        "tertialrapporterna.",
        development="Om resultaten blir goda vill enheten pröva självstyrande team där "
        "undersköterskorna även lägger schemat.",
        activities=(
            Activity("Organisera om hemtjänsten i geografiska team.", start_month=1, end_month=4),
            Activity(
                "Utbilda samordnarna i planeringssystemets funktioner för uppföljning.",
                start_month=2,
                end_month=3,
            ),
        ),
        indicators=(
            Indicator(
                name="Antal olika medarbetare som besöker en hemtjänstkund under fjorton dagar",
                unit="st",
                periodicity="tertial",
                direction="lower",
                aggregation="mean",
                target_text="Max 12 personer",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="norrdalen-1.2.3",
        title="Kunder som känner sig ensamma får hjälp att bryta ensamheten",
        expected_results=(
            "Medarbetarna frågar kunderna om ensamhet och nedstämdhet.",
            "Kunder som vill erbjuds kontakt med träffpunkter eller frivilliga.",
            "Fler kunder deltar i social samvaro.",
        ),
        ways_of_working="Kontaktmannen samtalar med kunden om hur vardagen ser ut och om kunden "
        "saknar sällskap. Vid behov kontaktar samordnaren biståndshandläggaren för att se över "
        "insatsen, eller förmedlar kontakt med träffpunkten i Ängsvik och med "
        "frivilligorganisationer. Medarbetarna har fått utbildning i att känna igen tecken på "
        "depression hos äldre.",
        resource_use="Arbetet ryms inom befintliga insatser. Träffpunkten och "
        "frivilligorganisationerna står för aktiviteterna.",
        follow_up="Antalet förmedlade kontakter räknas varje tertial. Brukarundersökningens "
        "frågor om ensamhet följs upp årligen.",
        development="",
        activities=(
            Activity(
                "Samtala om ensamhet med alla kunder när genomförandeplanen följs upp.",
                start_month=3,
                end_month=11,
            ),
        ),
        indicators=(
            Indicator(
                name="Andel hemtjänstkunder som ofta besväras av ensamhet",
                by_sex=True,
                direction="lower",
                source="Brukarundersökning",
                target_text="minska",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="norrdalen-2.2.1",
        title="Hemtjänstens resor i tjänsten är fossilfria",
        expected_results=(
            "Alla bilar i hemtjänstens bilpool är elbilar vid årets slut.",
            "Fler besök i centrala Norrdalen görs med elcykel.",
            "Körsträckan per besök minskar tack vare bättre planering.",
        ),
        ways_of_working="När leasingavtalen för de sista bensinbilarna löper ut ersätts de med "
        "elbilar. Teamen i de centrala områdena har tillgång till elcyklar och använder dem när "
        "vädret tillåter. Den geografiska indelningen gör att medarbetarna rör sig inom mindre "
        "områden.",
        resource_use="Elbilarna har något högre leasingkostnad, som vägs upp av lägre kostnad för "
        "drivmedel.",
        follow_up="Körsträcka och antal fordon följs upp i bilpoolens system och redovisas i "
        "verksamhetsberättelsen.",
        development="",
        activities=(
            Activity(
                "Byta ut de sista bensinbilarna i bilpoolen mot elbilar.",
                start_month=1,
                end_month=10,
            ),
        ),
        indicators=(
            Indicator(
                name="Andel elbilar i hemtjänstens bilpool",
                aggregation="none",
                target_text="100 %",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="norrdalen-3.1.1",
        title="Hemtjänsten har en ekonomi i balans",
        expected_results=(
            "Den utförda tiden stämmer överens med den planerade.",
            "Enheten redovisar ett resultat i balans.",
        ),
        ways_of_working="Samordnarna jämför planerad och utförd tid varje vecka och tar upp "
        "större avvikelser med teamen. Förändrade behov hos kunderna rapporteras skyndsamt till "
        "biståndshandläggaren så att beslutet kan ses över. Övertid och timanställningar godkänns "
        "av en biträdande enhetschef.",
        resource_use="Enhetens controller deltar i ledningsgruppens möte en gång i månaden.",
        follow_up="Ekonomin följs upp månadsvis och redovisas i tertialrapporterna.",
        development="",
        activities=(
            Activity(
                "Införa veckovis avstämning av planerad och utförd tid i alla team.",
                start_month=1,
                end_month=2,
            ),
        ),
        indicators=(
            Indicator(
                name="Avvikelse mellan budgeterad och faktisk kostnad per utförd timme",
                periodicity="tertial",
                direction="band",
                aggregation="none",
                target_text="+/- 1 %",
            ),
        ),
    ),
)

_HOME_CARE_UNIT: Final = Unit(
    key="norrdalen-hemtjanst",
    council_key="norrdalen",
    department_key="norrdalen-omsorg",
    name="Hemtjänsten Norrdalen",
    kind="enhet",
    mission="Hemtjänsten Norrdalen ger äldre och personer med funktionsnedsättning stöd i hemmet "
    "så att de kan leva ett tryggt och självständigt liv.",
    opening_sections=(
        (
            "Enhetens uppdrag",
            "Hemtjänsten Norrdalen utför service och personlig omvårdnad hos omkring 260 kunder i "
            "stadsdelsområdet, dygnet runt. Insatserna utgår från biståndsbeslut och utformas "
            "tillsammans med kunden i en genomförandeplan. Enheten ansvarar också för "
            "trygghetslarm och nattpatrull i hela stadsdelsområdet.",
        ),
        (
            "Utvecklingsområden {year}",
            "Kunderna möter i dag för många olika medarbetare under en vanlig tvåveckorsperiod. "
            "Under {year} organiseras arbetet om i mindre team med egna geografiska områden för "
            "att förbättra kontinuiteten.\n\n"
            "Enheten ska också bli bättre på att uppmärksamma ensamhet och nedstämdhet hos "
            "kunderna och erbjuda kontakt med träffpunkter och frivilliga.",
        ),
        (
            "Organisationsbeskrivning",
            "Enheten har cirka 110 medarbetare fördelade på sex dagteam och ett nattlag. Varje "
            "team leds av en samordnare. Enhetschefen har två biträdande enhetschefer, varav en "
            "ansvarar för planering och schemaläggning.",
        ),
        (
            "Ledarskapsidé",
            "Ledningen utgår från tillit till medarbetarnas yrkeskunnande. Undersköterskorna "
            "planerar själva det dagliga arbetet i teamet inom ramen för kundernas beslut, och "
            "cheferna finns tillgängliga när något oväntat inträffar.",
        ),
        (
            "Personal",
            "Andelen undersköterskor med skyddad yrkestitel har ökat till 78 procent. Enheten "
            "fortsätter att erbjuda vårdbiträden validering och utbildning på arbetstid, så att "
            "alla ska ha en utbildning som motsvarar uppdraget.",
        ),
    ),
    closing_sections=(
        (
            "Redovisning av ekonomi",
            "Hemtjänsten ersätts per utförd timme. Budgeten för {year} bygger på 198 000 utförda "
            "timmar och uppgår till 96,5 mnkr. Den största ekonomiska risken är att den planerade "
            "tiden inte stämmer med den utförda, vilket följs upp varje vecka.",
        ),
        (
            "Systematiskt kvalitetsarbete",
            "Enheten gör egenkontroller av genomförandeplaner, läkemedelshantering och basala "
            "hygienrutiner. Avvikelser analyseras på teamträffarna en gång i månaden.",
        ),
        (
            "Avvikelser och lex Sarah",
            "Under föregående år rapporterades elva händelser enligt lex Sarah, de flesta om "
            "missade besök. Den digitala planeringen, som larmar när ett besök uteblir, väntas "
            "minska antalet.",
        ),
        (
            "Synpunkter och klagomål",
            "Synpunkter från kunder och anhöriga tas emot av samordnarna och registreras samma "
            "dag. Enhetschefen sammanställer dem varje tertial och redovisar åtgärderna i "
            "verksamhetsberättelsen.",
        ),
    ),
    goals=_HOME_CARE_GOALS,
)


_TALLBACKEN_GOALS: Final[tuple[UnitGoal, ...]] = (
    UnitGoal(
        council_goal_key="norrdalen-1.2.3",
        title="De boende har en meningsfull vardag med aktiviteter efter egna intressen",
        expected_results=(
            "Varje boende erbjuds minst en aktivitet per dag utifrån egna önskemål.",
            "Aktiviteter erbjuds även kvällar och helger.",
            "Alla boende som vill kommer ut i friska luften varje dag.",
        ),
        ways_of_working="Kontaktmannen tar reda på den boendes intressen och livshistoria och för "
        "in dem i genomförandeplanen. Aktivitetssamordnaren lägger ett schema för varje "
        "våningsplan tillsammans med de boende och personalen. Utevistelse planeras in i schemat, "
        "och anhöriga och frivilliga bjuds in att delta.",
        resource_use="Aktivitetssamordnaren finansieras inom enhetens budget. Material till "
        "aktiviteter köps in för cirka 60 000 kronor under året.",
        follow_up="Genomförda aktiviteter och utevistelser dokumenteras i den sociala journalen "
        "och sammanställs varje tertial.",
        development="Enheten vill inleda ett samarbete med förskolan Blåbäret om regelbundna "
        "besök av barngrupper.",
        activities=(
            Activity(
                "Kartlägga de boendes intressen och livshistoria.", start_month=1, end_month=4
            ),
            Activity(
                "Införa aktiviteter på kvällar och helger på alla våningsplan.",
                start_month=5,
                end_month=12,
            ),
        ),
        indicators=(
            Indicator(
                name="Andel boende som uppskattar utbudet av aktiviteter på boendet",
                by_sex=True,
                source="Brukarundersökning",
                target_text="Fastställs 2026",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="norrdalen-1.2.3",
        title="Måltiderna är goda och nattfastan är kortare",
        expected_results=(
            "Nattfastan är högst elva timmar för alla boende.",
            "De boende upplever måltiden som en trevlig stund.",
            "Boende med risk för undernäring uppmärksammas och får åtgärder.",
        ),
        ways_of_working="Kvällsmålet serveras senare, och alla boende erbjuds något att äta under "
        "natten eller tidigt på morgonen. Personalen äter pedagogiska måltider med de boende och "
        "skapar en lugn stämning vid borden. Risken för undernäring bedöms vid inflyttning och "
        "därefter var sjätte månad.",
        resource_use="De ändrade måltidstiderna kräver att personal omfördelas mellan kvälls- och "
        "nattpass, men inga extra kostnader.",
        follow_up="Nattfastan mäts under två veckor per tertial på varje våningsplan. Resultaten "
        "från kvalitetsregistret följs upp på teamträffarna.",
        development="",
        activities=(
            Activity("Mäta nattfastan på samtliga våningsplan.", start_month=2, end_month=11),
        ),
        indicators=(
            Indicator(
                name="Genomsnittlig nattfasta för boende på Tallbacken",
                unit="timmar",
                periodicity="tertial",
                direction="lower",
                aggregation="mean",
                target_text="Max 11 timmar",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="norrdalen-3.1.1",
        title="Tallbacken har en ekonomi i balans och en hög beläggning",
        expected_results=(
            "Beläggningen är minst 97 procent över året.",
            "Personalkostnaderna håller sig inom budget.",
            "En ny boende kan flytta in inom en vecka efter att en lägenhet har blivit ledig.",
        ),
        ways_of_working="Lediga lägenheter anmäls samma dag till beställarenheten, och städning "
        "och reparationer planeras så att lägenheten snabbt kan tas i bruk igen. Bemanningen "
        "planeras utifrån de boendes behov och ses över varje månad. Inhyrd personal används bara "
        "när alla andra möjligheter är prövade.",
        resource_use="Enhetschefen och controllern går igenom utfallet varje månad.",
        follow_up="Beläggning och personalkostnader följs upp månadsvis och redovisas i "
        "tertialrapporterna.",
        development="",
        activities=(
            Activity(
                "Ta fram en rutin för att snabbt iordningställa lediga lägenheter.",
                start_month=1,
                end_month=3,
            ),
        ),
        indicators=(
            Indicator(
                name="Beläggningsgrad på vård- och omsorgsboendet",
                periodicity="tertial",
                target_text="97 %",
            ),
        ),
    ),
)

_TALLBACKEN_UNIT: Final = Unit(
    key="norrdalen-tallbacken",
    council_key="norrdalen",
    department_key="norrdalen-omsorg",
    name="Vård- och omsorgsboendet Tallbacken",
    kind="enhet",
    mission="Tallbacken är ett hem för äldre med stora omsorgsbehov, där varje boende ska kunna "
    "leva ett värdigt liv med meningsfulla dagar.",
    opening_sections=(
        (
            "Enhetens uppdrag",
            "Vård- och omsorgsboendet Tallbacken har 64 lägenheter fördelade på åtta våningsplan, "
            "varav fyra är inriktade mot personer med demenssjukdom. Enheten ger omvårdnad, "
            "service och hälso- och sjukvård dygnet runt i samarbete med boendets sjuksköterskor, "
            "arbetsterapeut och fysioterapeut.",
        ),
        (
            "Utvecklingsområden {year}",
            "Brukarundersökningen visade att de boende uppskattar bemötandet men saknar "
            "aktiviteter, särskilt på kvällar och helger. Under {year} breddar enheten utbudet på "
            "varje våningsplan och gör de boende mer delaktiga i planeringen.\n\n"
            "Måltiderna är ett annat utvecklingsområde. Nattfastan är för lång för många boende "
            "och ska kortas.",
        ),
        (
            "Organisationsbeskrivning",
            "Tallbacken har omkring 85 medarbetare, de flesta undersköterskor. Enhetschefen leder "
            "boendet tillsammans med en biträdande enhetschef och en omvårdnadsansvarig "
            "sjuksköterska. En aktivitetssamordnare arbetar på hela boendet.",
        ),
        (
            "Ledarskapsidé",
            "Ledningen vill att varje medarbetare ska känna ansvar för helheten i de boendes "
            "vardag. Korta dagliga möten på varje våningsplan ger utrymme att lyfta både det som "
            "fungerar och det som behöver bli bättre, och cheferna deltar i mötena en gång i "
            "veckan.",
        ),
    ),
    closing_sections=(
        (
            "Redovisning av ekonomi",
            "Boendet ersätts med en dygnsavgift per belagd plats. Budgeten för {year} uppgår till "
            "68,3 mnkr och förutsätter en beläggning på 97 procent. Beläggningen följs upp varje "
            "vecka tillsammans med beställarenheten.",
        ),
        (
            "Systematiskt kvalitetsarbete",
            "Tallbacken registrerar i nationella kvalitetsregister för fall, trycksår, "
            "undernäring och beteendemässiga symtom vid demens. Resultaten analyseras på "
            "teamträffar och leder till åtgärder för den enskilde.",
        ),
        (
            "Synpunkter och klagomål",
            "Anhörigråd hålls fyra gånger per år. Synpunkter som kommer fram där registreras och "
            "besvaras på samma sätt som övriga synpunkter.",
        ),
        (
            "Övrigt",
            "Under hösten renoveras två våningsplan. De boende som berörs erbjuds tillfälligt en "
            "lägenhet på ett annat våningsplan, och anhöriga informeras i god tid.",
        ),
    ),
    goals=_TALLBACKEN_GOALS,
)


_ARTS_SCHOOL_GOALS: Final[tuple[UnitGoal, ...]] = (
    UnitGoal(
        council_goal_key="kultur-1",
        title="Fler barn och unga i Kvarnbäcken och Ängsvik går i kulturskolan",
        expected_results=(
            "Deltagandet i Kvarnbäcken och Ängsvik ökar.",
            "Kurser erbjuds på skolorna i stadsdelarna direkt efter skoldagens slut.",
            "Vårdnadshavare får information på de språk som är vanligast i stadsdelarna.",
        ),
        ways_of_working="Kulturskolan erbjuder prova på-kurser på skolorna i Kvarnbäcken och "
        "Ängsvik under höstterminen, och de barn som vill kan fortsätta i en ordinarie kurs på "
        "samma skola. Fritidshemmens personal hjälper till att följa barnen till lektionerna. "
        "Information om kurser och avgiftsbefrielse sprids via skolornas lärplattform och på "
        "föräldramöten.",
        resource_use="Fyra lärartjänster flyttas från centrum till skolorna. Avgiftsbefrielsen "
        "finansieras inom nämndens budget.",
        follow_up="Antalet elever per stadsdel följs upp varje termin i elevregistret.",
        development="Enheten vill pröva en kulturskolebuss som kan frakta instrument och "
        "utrustning mellan skolorna.",
        activities=(
            Activity(
                "Genomföra prova på-kurser på fyra skolor i Kvarnbäcken och Ängsvik.",
                start_month=9,
                end_month=12,
            ),
            Activity(
                "Översätta information om kurser och avgifter till fem språk.",
                start_month=2,
                end_month=5,
            ),
        ),
        indicators=(
            Indicator(
                name="Andel elever i Kvarnbäcken och Ängsvik som deltar i kulturskolans kurser",
                by_sex=True,
                target_text="8 %",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="kultur-1",
        title="Väntetiden till kulturskolans kurser blir kortare",
        expected_results=(
            "Ingen elev väntar mer än ett år på en plats.",
            "Fler elever får plats i instrumentundervisningen tack vare gruppundervisning.",
        ),
        ways_of_working="Musiklärarna prövar att undervisa nybörjare i grupper om tre till fyra "
        "elever i stället för enskilt. Kön hanteras i turordning, och vårdnadshavare får veta den "
        "beräknade väntetiden redan när barnet anmäls. Inför varje termin ser ledningen över om "
        "lärartid kan flyttas till de ämnen där kön är längst.",
        resource_use="Omställningen till gruppundervisning görs inom befintlig lärartid.",
        follow_up="Kön följs upp inför varje terminsstart och redovisas för nämnden.",
        development="",
        activities=(
            Activity(
                "Införa gruppundervisning för nybörjare i gitarr, piano och fiol.",
                start_month=8,
                end_month=12,
            ),
        ),
        indicators=(
            Indicator(
                name="Antal barn i kö till kulturskolans kurser",
                unit="st",
                periodicity="tertial",
                direction="lower",
                aggregation="sum",
                target_text="minska",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="kultur-4",
        title="Lärarna har en god arbetsmiljö och möjlighet att utvecklas konstnärligt",
        expected_results=(
            "Lärarna har tid för gemensam planering och konstnärlig utveckling.",
            "Resorna mellan undervisningsplatserna planeras så att arbetsdagen blir hållbar.",
            "Medarbetarenkätens resultat om arbetsbelastning förbättras.",
        ),
        ways_of_working="Schemat läggs så att varje lärare undervisar på högst två platser samma "
        "dag. Lärarna har gemensam planeringstid varannan vecka och avsätter tid för egen "
        "konstnärlig fördjupning. Innan verksamhet flyttas ut till en skola gör ledningen och "
        "skyddsombuden en riskbedömning av arbetsmiljön där.",
        resource_use="Tid för konstnärlig utveckling ingår i lärarnas arbetstid enligt en lokal "
        "överenskommelse.",
        follow_up="Arbetsmiljön följs upp i medarbetarenkäten och på arbetsplatsträffarna.",
        development="",
        activities=(
            Activity(
                "Genomföra riskbedömningar av arbetsmiljön på de nya undervisningsplatserna.",
                start_month=6,
                end_month=8,
            ),
        ),
        indicators=(
            Indicator(
                name="Engagemangsindex för kulturskolans medarbetare",
                unit="index",
                by_sex=True,
                source="Medarbetarenkät",
                target_text="82",
            ),
        ),
    ),
)

_ARTS_SCHOOL_UNIT: Final = Unit(
    key="kultur-kulturskolan",
    council_key="kultur",
    department_key=None,
    name="Kulturskolan Exempelstad",
    kind="enhet",
    mission="Kulturskolan erbjuder barn och unga 6-19 år kurser i musik, dans, teater, bild och "
    "film, nära hemmet och till en låg avgift.",
    opening_sections=(
        (
            "Enhetens uppdrag",
            "Kulturskolan Exempelstad ger barn och unga möjlighet att lära sig och utöva "
            "konstnärliga uttryck på fritiden. Undervisningen sker i grupp eller enskilt, i "
            "kulturskolans lokaler i centrum och på skolor i alla stadsdelar. Kulturskolan "
            "samarbetar också med grundskolan kring skolkonserter och teaterföreställningar.",
        ),
        (
            "Utvecklingsområden {year}",
            "Deltagandet skiljer sig kraftigt mellan stadsdelarna. I Kvarnbäcken och Ängsvik "
            "deltar bara var tjugonde elev, jämfört med var femte i kommunens centrala delar. "
            "Under {year} flyttar kulturskolan en större del av sin verksamhet ut till skolorna i "
            "de stadsdelar där deltagandet är lågt.\n\n"
            "Köerna till instrumentundervisningen är fortfarande långa, och enheten prövar att "
            "ersätta en del av den enskilda undervisningen med undervisning i små grupper.",
        ),
        (
            "Organisationsbeskrivning",
            "Kulturskolan har 46 lärare och en administrativ grupp på fyra personer. Verksamheten "
            "är indelad i tre ämnesområden: musik, scenkonst samt bild och medier. Varje "
            "ämnesområde har en samordnare.",
        ),
        (
            "Ledarskapsidé",
            "Ledningen ser lärarna som både pedagoger och konstnärer och vill ge utrymme för båda "
            "rollerna. Ämnesområdena har ett stort eget ansvar för att utveckla undervisningen, "
            "medan ledningen ansvarar för att helheten hänger ihop och att resurserna fördelas "
            "rättvist.",
        ),
    ),
    closing_sections=(
        (
            "Redovisning av ekonomi",
            "Kulturskolans budget för {year} är 42,8 mnkr, varav elevavgifterna står för ungefär "
            "tolv procent. Avgifterna höjs inte under året. Verksamheten på skolorna finansieras "
            "genom att en av lokalerna i centrum sägs upp, vilket sänker hyreskostnaden.",
        ),
        (
            "Systematiskt kvalitetsarbete",
            "Elever och vårdnadshavare besvarar en enkät i slutet av varje läsår. Lärarna "
            "diskuterar resultaten i ämnesgrupperna och tar fram förbättringar inför nästa läsår.",
        ),
        (
            "Synpunkter och klagomål",
            "Synpunkterna handlar oftast om köer och schemaläggning. De registreras i kommunens "
            "system och redovisas för nämnden två gånger per år.",
        ),
    ),
    goals=_ARTS_SCHOOL_GOALS,
)


_LIBRARY_GOALS: Final[tuple[UnitGoal, ...]] = (
    UnitGoal(
        council_goal_key="kultur-2",
        title="Barn och unga läser mer och hittar böcker som väcker lust",
        expected_results=(
            "Utlåningen av barn- och ungdomsmedier ökar.",
            "Alla förskolegrupper i kommunen erbjuds ett bokprat per termin.",
            "Barn och unga har tillgång till böcker på sina modersmål.",
        ),
        ways_of_working="Barnbibliotekarierna besöker förskolor och skolor med bokprat och lånar "
        "ut boklådor anpassade efter barngruppens ålder och språk. Sommarläsningen erbjuds på "
        "alla bibliotek och i samarbete med fritidsgården Kvarnen. Biblioteket köper in fler "
        "böcker på arabiska, somaliska och tigrinja utifrån efterfrågan.",
        resource_use="En tjänst som barnbibliotekarie flyttas från huvudbiblioteket till "
        "filialerna.",
        follow_up="Utlåningen följs upp per åldersgrupp och bibliotek varje tertial.",
        development="",
        activities=(
            Activity("Erbjuda bokprat till samtliga förskolegrupper i kommunen."),
            Activity(
                "Genomföra sommarläsning tillsammans med fritidsgården Kvarnen.",
                start_month=6,
                end_month=8,
            ),
        ),
        indicators=(
            Indicator(
                name="Antal utlånade barn- och ungdomsmedier per invånare 0-17 år",
                unit="st",
                source="Kolada",
                aggregation="mean",
                target_text="9,5",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="kultur-2",
        title="Invånare får stöd att använda digitala tjänster och granska information",
        expected_results=(
            "Drop in-handledning erbjuds varje vecka på alla bibliotek.",
            "Fler äldre känner sig säkra på att använda e-legitimation.",
            "Skolklasser erbjuds lektioner i källkritik.",
        ),
        ways_of_working="Bibliotekarier och frivilliga digitalvärdar håller drop in-handledning "
        "där invånare får hjälp med e-tjänster, bankärenden och e-legitimation. Skolklasser i "
        "årskurs 7-9 erbjuds lektioner i källkritik och informationssökning. Biblioteket "
        "samarbetar med pensionärsorganisationerna om kurser för äldre.",
        resource_use="Digitalvärdarna är frivilliga och får en introduktionsutbildning av "
        "biblioteket.",
        follow_up="Antalet handledningstillfällen och deltagare registreras och redovisas i "
        "tertialrapporterna.",
        development="Biblioteket vill pröva att erbjuda handledning på fler språk med hjälp av "
        "frivilliga.",
        activities=(Activity("Rekrytera och utbilda digitalvärdar.", start_month=1, end_month=3),),
        indicators=(
            Indicator(
                name="Antal deltagare i bibliotekens digitala handledning",
                unit="st",
                periodicity="tertial",
                by_sex=True,
                aggregation="sum",
                target_text="1 200 st",
            ),
        ),
    ),
    UnitGoal(
        council_goal_key="kultur-3",
        title="Biblioteket inspirerar invånarna att låna i stället för att köpa",
        expected_results=(
            "Ett prylbibliotek öppnar på huvudbiblioteket.",
            "Utlåningen av prylar och verktyg ökar under året.",
        ),
        ways_of_working="Biblioteket tar emot skänkta föremål i gott skick och lånar ut verktyg, "
        "sportutrustning och köksredskap på samma villkor som böcker. Utställningar om återbruk "
        "och klimat visas under kommunens miljövecka, och biblioteket bjuder in till "
        "reparationskvällar tillsammans med en lokal förening.",
        resource_use="Inredning och hyllor hämtas från kommunens återbruksförråd. Personal "
        "avsätts inom befintlig ram.",
        follow_up="Utlåningen av prylar registreras i bibliotekssystemet och redovisas i "
        "verksamhetsberättelsen.",
        development="",
        activities=(
            Activity("Öppna ett prylbibliotek på huvudbiblioteket.", start_month=2, end_month=9),
        ),
        indicators=(
            Indicator(
                name="Antal utlån från prylbiblioteket",
                unit="st",
                aggregation="sum",
                target_text="400 st",
            ),
        ),
    ),
)

_LIBRARY_UNIT: Final = Unit(
    key="kultur-biblioteket",
    council_key="kultur",
    department_key=None,
    name="Exempelstads stadsbibliotek",
    kind="enhet",
    mission="Stadsbiblioteket och dess två filialer gör litteratur, information och kultur "
    "tillgänglig för alla som bor i eller besöker Exempelstad.",
    opening_sections=(
        (
            "Enhetens uppdrag",
            "Stadsbiblioteket ansvarar för kommunens folkbiblioteksverksamhet enligt "
            "bibliotekslagen. Enheten omfattar huvudbiblioteket i centrum och filialerna i "
            "Kvarnbäcken och Ängsvik, samt den uppsökande verksamheten med biblioteksbuss och "
            "hemleverans av medier till den som inte själv kan ta sig till biblioteket.",
        ),
        (
            "Utvecklingsområden {year}",
            "Utlåningen av barnlitteratur har minskat de senaste två åren, samtidigt som besöken "
            "har ökat. Under {year} prioriterar biblioteket läsfrämjande insatser för barn och "
            "unga och ett närmare samarbete med förskolor och skolor.\n\n"
            "Behovet av hjälp med digitala samhällstjänster är stort, och biblioteket utökar "
            "därför sin digitala handledning.",
        ),
        (
            "Organisationsbeskrivning",
            "Enheten har 38 medarbetare: bibliotekarier, biblioteksassistenter och en grupp för "
            "medieinköp och katalogisering. Huvudbiblioteket har öppet alla dagar och filialerna "
            "sex dagar i veckan, med meröppet kvällstid.",
        ),
        (
            "Kvalitetsarbete",
            "Biblioteket deltar i den regionala jämförelsen av folkbibliotek och gör egna "
            "besöksundersökningar vartannat år. Resultaten jämförs med kommuner av liknande "
            "storlek.",
        ),
        (
            "Ledarskapsidé",
            "Biblioteket leds av en enhetschef och tre teamledare. Ledningen strävar efter att "
            "beslut fattas så nära besökarna som möjligt och att medarbetarna kan pröva nya idéer "
            "i liten skala innan de införs på alla bibliotek.",
        ),
    ),
    closing_sections=(
        (
            "Redovisning av ekonomi",
            "Bibliotekets budget för {year} är 36,1 mnkr. Mediebudgeten ligger kvar på föregående "
            "års nivå, men en större andel går till e-medier och lättläst litteratur.",
        ),
        (
            "Systematiskt kvalitetsarbete",
            "Teamen följer upp utlåning, besök och programverksamhet varje månad i "
            "bibliotekssystemet. Ett kvalitetsråd med representanter från alla tre bibliotek "
            "träffas två gånger per termin.",
        ),
        (
            "Synpunkter och klagomål",
            "De vanligaste synpunkterna gäller ljudnivån på huvudbiblioteket och öppettiderna i "
            "filialerna. Biblioteket har infört tysta zoner och ser över öppettiderna under året.",
        ),
        (
            "Övrigt",
            "Huvudbiblioteket är en av kommunens trygghetspunkter vid kris och har en plan för "
            "att kunna hålla öppet som informationsplats vid ett längre strömavbrott.",
        ),
    ),
    goals=_LIBRARY_GOALS,
)


UNITS: Final[tuple[Unit, ...]] = (
    _FAMILY_UNIT,
    _FINANCIAL_AID_UNIT,
    _LEISURE_UNIT,
    _SOLGLANTAN_UNIT,
    _HOME_CARE_UNIT,
    _TALLBACKEN_UNIT,
    _ARTS_SCHOOL_UNIT,
    _LIBRARY_UNIT,
)


# --- Nämndernas egna planer: inledande och avslutande avsnitt ---

NAMND_SECTIONS: Final[Mapping[str, PlanSections]] = {
    "norrdalen": PlanSections(
        opening_sections=(
            (
                "Inledning",
                "Verksamhetsplanen beskriver hur Norrdalens stadsdelsnämnd ska bidra till "
                "kommunfullmäktiges inriktningsmål under {year}. Planen bygger på kommunens "
                "budget, på nämndens analys av föregående års resultat och på de behov som "
                "invånarna har uttryckt i dialoger och undersökningar.\n\n"
                "Norrdalens stadsdelsområde omfattar Norrdalens centrum, Björkhöjden, Kvarnbäcken "
                "och Ängsvik och har omkring 48 000 invånare. Befolkningen väntas öka de kommande "
                "åren, främst bland personer över 80 år, medan antalet barn i förskoleåldern "
                "minskar något.",
            ),
            (
                "Styrning och uppföljning",
                "Under varje mål för verksamhetsområdet har nämnden formulerat nämndmål med en "
                "beskrivning av hur målet ska nås och vilka resultat som förväntas. Enheterna "
                "bryter ner nämndmålen i egna enhetsmål med arbetssätt, resursanvändning och "
                "uppföljning.\n\n"
                "Resultaten följs upp i två tertialrapporter och i verksamhetsberättelsen. Som "
                "underlag används indikatorer, brukar- och medborgarundersökningar, "
                "egenkontroller och genomförda aktiviteter.",
            ),
            (
                "Nämndens ansvar",
                "Stadsdelsnämnden ansvarar för förskola, äldreomsorg, individ- och familjeomsorg, "
                "ekonomiskt bistånd, fritidsverksamhet för barn och unga samt lokalt "
                "trygghetsarbete i stadsdelsområdet. Nämnden ansvarar också för medborgardialog "
                "och stödjer föreningslivet genom lokala föreningsbidrag.",
            ),
            (
                "Samverkan och dialog",
                "Förvaltningen samverkar med polisen, bostadsbolagen, skolorna och regionens "
                "vårdcentraler i frågor som rör trygghet, hälsa och barns uppväxtvillkor. Det "
                "lokala brottsförebyggande rådet och pensionärsrådet är viktiga forum för dialog "
                "med invånarna.\n\n"
                "Med kommunens facknämnder samverkar förvaltningen bland annat om "
                "arbetsmarknadsinsatser, om kulturskolans verksamhet i stadsdelarna och om "
                "placeringar av barn och unga.",
            ),
            (
                "Sammanfattning",
                "Kommunfullmäktige har tilldelat nämnden en driftbudget på 1 146 mnkr för {year}. "
                "Årets största satsningar är en omorganisation av hemtjänsten för bättre "
                "kontinuitet, ett utökat förebyggande stöd till barnfamiljer och ett förstärkt "
                "trygghetsarbete i Kvarnbäcken. Nämnden räknar med att bedriva verksamheten inom "
                "budget.",
            ),
        ),
        closing_sections=(
            (
                "Uppföljning av ekonomi",
                "Ekonomin följs upp varje månad på enhets-, avdelnings- och nämndnivå. Vid "
                "befarade underskott tar berörd avdelning fram en åtgärdsplan som redovisas för "
                "nämnden i nästa tertialrapport.\n\n"
                "Nämnden har utsett Hemtjänsten Norrdalen och Vård- och omsorgsboendet Tallbacken "
                "till resultatenheter {year}, vilket innebär att deras över- och underskott förs "
                "vidare till nästa år.",
            ),
            (
                "Systematiskt kvalitetsarbete",
                "Förvaltningens ledningssystem för systematiskt kvalitetsarbete omfattar "
                "egenkontroller, riskanalyser, avvikelsehantering och uppföljning av synpunkter. "
                "Varje avdelning upprättar en årlig plan för egenkontroller som följs upp i "
                "verksamhetsberättelsen.",
            ),
            (
                "Synpunkter och klagomål",
                "Invånare kan lämna synpunkter via kommunens webbplats, per telefon eller direkt "
                "i verksamheterna. Synpunkterna registreras, besvaras inom två veckor och "
                "sammanställs per tertial som underlag för förbättringar.",
            ),
            (
                "Övrigt",
                "Nämndens plan för intern kontroll för {year} antas tillsammans med "
                "verksamhetsplanen och bifogas som bilaga 1. Nämndens plan för upphandling "
                "redovisas i bilaga 2.",
            ),
        ),
    ),
    "kultur": PlanSections(
        opening_sections=(
            (
                "Inledning",
                "Kulturnämndens verksamhetsplan för {year} beskriver hur nämnden ska bidra till "
                "att invånare i alla åldrar har tillgång till ett rikt kulturliv. Planen utgår "
                "från kommunfullmäktiges budget och från kommunens kulturstrategi.",
            ),
            (
                "Styrning och uppföljning",
                "Nämnden har formulerat nämndmål under de mål för verksamhetsområdet som berör "
                "kulturen. Varje nämndmål följs upp med indikatorer, aktiviteter och enheternas "
                "egna redovisningar i tertialrapporterna och verksamhetsberättelsen.",
            ),
            (
                "Nämndens ansvar",
                "Kulturnämnden ansvarar för kulturskolan, stadsbiblioteket med filialer, "
                "kommunens konstsamling och bidragen till kulturföreningar och fria "
                "kulturutövare. Nämnden leder också arbetet med kommunens kulturstrategi.",
            ),
            (
                "Samverkan och dialog",
                "Nämnden samarbetar med stadsdelsnämnderna om kulturverksamhet nära invånarna och "
                "med grundskolan om kultur i skolan. Dialogen med kulturlivet förs i ett "
                "kulturråd som träffas fyra gånger per år.\n\n"
                "Barn och unga får inflytande genom ett ungdomsråd som lämnar förslag på "
                "kulturskolans och bibliotekens utbud.",
            ),
        ),
        closing_sections=(
            (
                "Uppföljning av ekonomi",
                "Nämndens driftbudget för {year} är 112 mnkr. Ekonomin följs upp månadsvis och "
                "redovisas för nämnden i tertialrapporterna. Intäkterna från kulturskolans "
                "avgifter och från lokaluthyrning bevakas särskilt, eftersom de varierar mellan "
                "åren.",
            ),
            (
                "Systematiskt kvalitetsarbete",
                "Förvaltningen följer upp kvaliteten genom elev- och besöksenkäter, regionala "
                "jämförelser och egenkontroller. Resultaten analyseras i ledningsgruppen och "
                "leder till åtgärder som redovisas i verksamhetsberättelsen.",
            ),
            (
                "Synpunkter och klagomål",
                "Synpunkter tas emot via kommunens webbplats, på biblioteken och i kulturskolan. "
                "De sammanställs två gånger per år och redovisas för nämnden tillsammans med "
                "vidtagna åtgärder.",
            ),
            ("Övrigt", "Nämndens plan för intern kontroll för {year} bifogas som bilaga 1."),
        ),
    ),
}
