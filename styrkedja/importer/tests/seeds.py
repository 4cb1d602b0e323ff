"""The seeds and gold files of ../shared, and the measures the importer tests apply to them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

SEEDS = ("000", "002", "003")
CATEGORIES = (
    "plans",
    "kf_goals",
    "areas",
    "nämndmål",
    "enhetsmål",
    "indicators",
    "activities",
    "forvantat_resultat",
)

# Page furniture and contact details, listed here on purpose instead of reusing the
# parser's own filter, so that a filter that eats content would show as lost words.
FURNITURE_PATTERNS = [
    re.compile(r"^\s*Tjänsteutlåtande\s*$", re.MULTILINE),
    re.compile(r"^\s*Sid \d+ \(\d+\)\s*$", re.MULTILINE),
    re.compile(r"^\s*(?:start\.)?stockholm(?:\.se)?\s*$", re.MULTILINE),
    re.compile(r"^\s*(?:Telefon:?)?\s*08[- ]?\d{3} ?\d{2} ?\d{3}\s*$", re.MULTILINE),
    re.compile(r"\S+@\S+"),
    re.compile(r"^\s*(?:Handläggare|Wandläggare|Vandläggare)\b.*$", re.MULTILINE),
    re.compile(r"^\s*Innehållsförteckning[\s\S]*?(?=^\s*Inledning\s*$)", re.MULTILINE),
    re.compile(r"^\s*Dnr:?.*$", re.MULTILINE),
    re.compile(r"^\s*Indikator\b.*$|^\s*KF:s årsmål\s*$|^\s*år \d{4}\s*$", re.MULTILINE),
    re.compile(r"^\s*Periodicitet\s*$|^\s*Aktivitet\s+Startdatum\s+Slutdatum\s*$", re.MULTILINE),
    # Layout words that become structure (keys), not text.
    re.compile(
        r"^\s*(?:KF:s inriktningsmål|KF:s mål för verksamhetsområdet|Nämndmål|Enhetsmål):",
        re.MULTILINE,
    ),
    re.compile(
        r"^\s*(?:Beskrivning|Förväntat resultat|Arbets ?s?ätt|Resursanvändning|Uppföljning"
        r"|Utveckling|Kommentar)\s*$",
        re.MULTILINE,
    ),
]


def shared_folder() -> Path | None:
    """../shared beside the project root (the folder holding pyproject.toml)."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "pyproject.toml").exists():
            shared = parent.parent / "shared"
            return shared if shared.is_dir() else None
    return None


def require_shared() -> Path:
    """The shared folder; a test without it fails under CI and is skipped elsewhere."""
    folder = shared_folder()
    if folder is None or not (folder / "gold" / "compare.py").exists():
        message = "the shared folder with seeds and gold files is missing"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return folder


def seed_text(shared: Path, seed: str) -> tuple[Path, str]:
    path = next((shared / "seeds").glob(f"{seed}_*.txt"))
    return path, path.read_text(encoding="utf-8")


def strings_of(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings_of(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings_of(item)]
    return []


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def scores(shared: Path, seed: str, data: dict[str, Any], tmp_path: Path) -> dict[str, float]:
    """F1 per category and "micro", as compare.py computes them against the seed's gold."""
    predicted = tmp_path / f"{seed}-predicted.json"
    predicted.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    completed = subprocess.run(
        [
            sys.executable,
            str(shared / "gold" / "compare.py"),
            str(shared / "gold" / f"{seed}.json"),
            str(predicted),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(completed.stdout)
    found = {name: result["categories"][name]["f1"] for name in CATEGORIES}
    found["micro"] = result["micro"]["f1"]
    return found


def word_coverage(text: str, data: dict[str, Any]) -> tuple[float, list[tuple[str, int]]]:
    """The share of the document's words (without page furniture) found in `data`."""
    for pattern in FURNITURE_PATTERNS:
        text = pattern.sub(" ", text)
    expected = words(text)
    found = words(" ".join(strings_of(data)))
    kept = sum((expected & found).values())
    return kept / sum(expected.values()), (expected - found).most_common(15)
