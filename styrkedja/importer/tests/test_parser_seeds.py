"""The parser against the hand-checked seeds: scores from compare.py and no lost text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from styrkedja.importer.parsed import documents_to_json
from styrkedja.importer.parser import parse_text
from styrkedja.importer.tests.seeds import (
    SEEDS,
    require_shared,
    scores,
    seed_text,
    word_coverage,
)


@pytest.fixture(scope="module")
def shared() -> Path:
    return require_shared()


@pytest.mark.parametrize("seed", SEEDS)
def test_parsed_seed_scores_at_least_098_everywhere(
    shared: Path, seed: str, tmp_path: Path
) -> None:
    path, text = seed_text(shared, seed)
    found = scores(shared, seed, documents_to_json([parse_text(text, source=path.name)]), tmp_path)
    assert all(score >= 0.98 for score in found.values()), found


@pytest.mark.parametrize("seed", SEEDS)
def test_parsed_seed_keeps_its_words(shared: Path, seed: str) -> None:
    path, text = seed_text(shared, seed)
    coverage, missing = word_coverage(text, documents_to_json([parse_text(text, source=path.name)]))
    assert coverage >= 0.995, (round(coverage, 4), missing)


def test_parsed_seed_does_not_store_contact_details(shared: Path) -> None:
    for seed in SEEDS:
        path, text = seed_text(shared, seed)
        output = json.dumps(documents_to_json([parse_text(text, source=path.name)]))
        assert "@" not in output
        assert not re.search(r"08[- ]508 ?\d\d ?\d{3}", output)
