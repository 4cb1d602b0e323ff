"""Issue #7 item 6: each seed plan, imported, exported as Word and as PDF, and imported again
from the exported file's visible text, scores against the gold exactly as the first import."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from styrkedja.exporter.docx_render import render_docx
from styrkedja.exporter.layout import build_export_document
from styrkedja.exporter.pdf import render_pdf
from styrkedja.importer.parsed import documents_to_json
from styrkedja.importer.pipeline import read_and_parse
from styrkedja.importer.tests.seeds import SEEDS, require_shared, scores, seed_text
from styrkedja.plans.models import Plan

COUNCIL = "Exempelnämnden"
RENDERERS = {"docx": render_docx, "pdf": render_pdf}


@pytest.fixture(scope="module")
def shared() -> Path:
    return require_shared()


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("seed", SEEDS)
def test_a_seed_exported_and_imported_again_scores_as_the_first_import(
    db, shared, seed, fmt, tmp_path
):
    path, _text = seed_text(shared, seed)
    parsed_json = tmp_path / "parsed.json"
    call_command(
        "import_plans",
        "--council",
        COUNCIL,
        "--json",
        str(parsed_json),
        str(path),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    first = json.loads(parsed_json.read_text(encoding="utf-8"))
    documents = []
    for plan in Plan.objects.order_by("pk"):
        exported = tmp_path / f"plan-{plan.pk}.{fmt}"
        exported.write_bytes(RENDERERS[fmt](build_export_document(plan)))
        documents.append(read_and_parse(exported, unit_name=None, max_bytes=50_000_000))
    again = documents_to_json(documents)
    assert scores(shared, seed, again, tmp_path) == scores(shared, seed, first, tmp_path)
