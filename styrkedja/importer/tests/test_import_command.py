"""import_plans and export_plan end to end: seeds through the database, bad input, formats."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from styrkedja.goals.models import Goal
from styrkedja.importer.parsed import documents_to_json
from styrkedja.importer.pipeline import read_and_parse
from styrkedja.importer.tests.documents import (
    write_docx,
    write_image_only_pdf,
    write_pdf,
)
from styrkedja.importer.tests.seeds import SEEDS, require_shared, scores, seed_text, word_coverage
from styrkedja.importer.tests.test_parser_variants import (
    COUNCIL_PLAN,
    HARD_WRAPPED,
    NO_NAME_NO_ACTIVITIES,
    PARAGRAPH_PER_LINE,
    TWO_PLANS,
)
from styrkedja.org.models import OrgUnit
from styrkedja.plans.models import Plan

COUNCIL = "Exempelnämnden"
EXAMPLE = Path(__file__).parent / "example_plan.txt"
# The unit plans each seed holds, by year; the nämnd plan of seed 002 stands alone.
SEED_YEARS = {"000": 2024, "002": 2020, "003": 2022}


def run_import(*args: str | Path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_plans", *[str(arg) for arg in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def export(tmp_path: Path, org: str, year: int, *options: str) -> dict:
    output = tmp_path / f"export-{year}.json"
    call_command(
        "export_plan",
        "--org",
        org,
        "--year",
        str(year),
        "--output",
        str(output),
        *options,
        stdout=StringIO(),
    )
    return json.loads(output.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shared() -> Path:
    return require_shared()


@pytest.mark.parametrize("seed", SEEDS)
def test_each_seed_scores_the_same_after_the_round_trip_through_the_database(
    db, shared, seed, tmp_path
):
    path, text = seed_text(shared, seed)
    parsed_json = tmp_path / "parsed.json"
    run_import("--council", COUNCIL, "--json", parsed_json, path)
    parsed = json.loads(parsed_json.read_text(encoding="utf-8"))
    org = parsed["plans"][0]["unit"] if seed == "002" else COUNCIL
    exported = export(tmp_path, org, SEED_YEARS[seed], *([] if seed == "002" else ["--with-units"]))

    imported_scores = scores(shared, seed, parsed, tmp_path)
    exported_scores = scores(shared, seed, exported, tmp_path)
    assert all(score >= 0.98 for score in imported_scores.values()), imported_scores
    assert exported_scores == imported_scores
    coverage, missing = word_coverage(text, exported)
    assert coverage >= 0.995, (round(coverage, 4), missing)


def test_importing_the_same_file_again_changes_nothing_and_says_so(db, shared):
    path, _text = seed_text(shared, "000")
    first, _ = run_import("--council", COUNCIL, path)
    assert first.strip().endswith("6 skapade, 0 uppdaterade, 0 oförändrade")
    counts = (Goal.objects.count(), Plan.objects.count(), OrgUnit.objects.count())
    again, _ = run_import("--council", COUNCIL, path)
    assert again.strip().endswith("0 skapade, 0 uppdaterade, 6 oförändrade")
    assert (Goal.objects.count(), Plan.objects.count(), OrgUnit.objects.count()) == counts


def test_a_dry_run_reports_and_writes_nothing(db):
    output, _ = run_import("--dry-run", "--council", COUNCIL, EXAMPLE)
    assert "Provkörning, inget sparat: 1 skapade" in output
    assert not Plan.objects.exists() and not OrgUnit.objects.exists()


def test_a_corrected_file_updates_the_plan_in_place(db, tmp_path):
    run_import("--council", COUNCIL, EXAMPLE)
    corrected = tmp_path / "rättad.txt"
    corrected.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("bevakas varje dag", "bevakas varje vardag"),
        encoding="utf-8",
    )
    output, _ = run_import("--council", COUNCIL, corrected)
    assert output.strip().endswith("0 skapade, 1 uppdaterade, 0 oförändrade")
    goal = Goal.objects.get(level__code="unit")
    assert goal.ways_of_working.endswith("bevakas varje vardag.")
    assert Goal.objects.filter(level__code="unit").count() == 1


def test_the_export_follows_the_database(db, tmp_path):
    run_import("--council", COUNCIL, EXAMPLE)
    goal = Goal.objects.get(level__code="unit")
    goal.title = "En ny rubrik skriven i databasen"
    goal.save()
    exported = export(tmp_path, "Enheten för exempelstöd", 2026)
    unit_goal = exported["plans"][0]["kf_goals"][0]["areas"][0]["nämndmål"][0]["enhetsmål"][0]
    assert unit_goal["title"] == "En ny rubrik skriven i databasen"


def bad_files(folder: Path) -> dict[str, Path]:
    noise = folder / "brus.txt"
    noise.write_bytes(bytes(range(256)) * 40)
    empty = folder / "tom.txt"
    empty.write_bytes(b"")
    whole = write_pdf(folder / "hel.pdf", [["Verksamhetsplan 2026"]] * 3)
    truncated = folder / "avklippt.pdf"
    truncated.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    no_year = folder / "utan-år.txt"
    no_year.write_text(
        EXAMPLE.read_text(encoding="utf-8")
        .replace("Verksamhetsplan 2026 för", "Verksamhetsplan för")
        .replace("2026-01-01 2026-03-31", ""),
        encoding="utf-8",
    )
    return {
        "empty": empty,
        "random bytes": noise,
        "scanned": write_image_only_pdf(folder / "skannad.pdf"),
        "truncated": truncated,
        "password": write_pdf(folder / "lösen.pdf", [["Hemligt"]], password="hemligt"),
        "no plan": write_docx(folder / "ingen-plan.docx", ["Protokoll", "Mötet öppnades."]),
        "no year": no_year,
    }


def test_bad_files_are_refused_by_name_while_the_good_ones_import(db, tmp_path):
    files = bad_files(tmp_path)
    with pytest.raises(CommandError, match="7 av 8 filer kunde inte läsas in"):
        out, err = StringIO(), StringIO()
        try:
            call_command(
                "import_plans",
                "--council",
                COUNCIL,
                *map(str, files.values()),
                str(EXAMPLE),
                stdout=out,
                stderr=err,
            )
        finally:
            messages = err.getvalue()
    for path in files.values():
        assert path.name in messages, path.name
    assert "ingen plan hittades" in messages
    assert "planens år hittades inte" in messages
    assert Plan.objects.get().org_unit.name == "Enheten för exempelstöd"


def test_a_file_over_the_size_limit_is_refused(db, settings):
    settings.STYRKEDJA_IMPORT_MAX_BYTES = 100
    with pytest.raises(CommandError):
        out, err = StringIO(), StringIO()
        try:
            call_command("import_plans", str(EXAMPLE), stdout=out, stderr=err)
        finally:
            assert "gränsen är 0,0 MB" in err.getvalue()
    assert not Plan.objects.exists()


def test_messages_are_english_under_an_english_locale(db, tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    err = StringIO()
    with pytest.raises(CommandError, match="1 of 1 files could not be imported"):
        call_command("import_plans", str(empty), stdout=StringIO(), stderr=err)
    assert "empty.txt: the file is empty." in err.getvalue()


def test_a_plan_named_only_by_the_unit_option_imports_under_that_name(db, tmp_path):
    nameless = tmp_path / "utan-namn.txt"
    nameless.write_text(
        EXAMPLE.read_text(encoding="utf-8")
        .replace("Verksamhetsplan 2026 för Enheten för exempelstöd", "Verksamhetsplan 2026")
        .replace("Enheten för exempelstöd ger", "Vi ger"),
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        run_import(nameless)
    assert not Plan.objects.exists()
    run_import("--unit", "Rådgivningsenheten", nameless)
    assert Plan.objects.get().org_unit.name == "Rådgivningsenheten"


def rendered(folder: Path, name: str, text: str, kind: str) -> Path:
    """The invented plan as the importer would meet it in a PDF or Word file."""
    pages = text.split("\f")
    if kind == "pdf":
        return write_pdf(folder / f"{name}.pdf", [page.splitlines() for page in pages])
    return write_docx(
        folder / f"{name}.docx", [line for page in pages for line in page.splitlines()]
    )


@pytest.mark.parametrize("kind", ["pdf", "docx"])
@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("stycke-per-rad", PARAGRAPH_PER_LINE),
        ("radbruten", HARD_WRAPPED),
        ("utan-namn-och-aktiviteter", NO_NAME_NO_ACTIVITIES),
        ("två-planer", TWO_PLANS),
        ("nämndplan", COUNCIL_PLAN),
    ],
)
def test_invented_plans_read_the_same_from_pdf_and_word_as_from_text(tmp_path, kind, name, text):
    def structure(path: Path) -> list:
        document = read_and_parse(path, unit_name=None, max_bytes=10**8)
        plans = documents_to_json([document])["plans"]
        return [(plan["unit"], plan["year"], plan["kf_goals"]) for plan in plans]

    as_text = tmp_path / f"{name}.txt"
    as_text.write_text(text, encoding="utf-8")
    expected = structure(as_text)
    assert expected and expected[0][2], "the invented plan has a goal structure"
    assert structure(rendered(tmp_path, name, text, kind)) == expected
