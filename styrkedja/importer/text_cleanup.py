"""Turn the raw text of a plan document into clean, numbered lines.

The PDF and DOCX readers give us text with page furniture (headers, page numbers, the
city's web address), letterheads with officials' contact details, tables of contents and,
for some PDFs, an empty line after every printed line. This module removes all that and
keeps each remaining line with its 1-based line number in the input, so that later steps
can report where things are.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass


@dataclass
class Line:
    """One line of the document: its number in the input, its text and layout hints."""

    number: int
    text: str  # stripped
    ends_mid_word: bool = False  # the raw line had no trailing space: a cell wrapped mid-word
    only_spaces: bool = False  # the raw line held spaces and nothing else
    starts_document: bool = False  # the first line after a "Sid 1 (N)" marker
    after_gap: bool = False  # an empty line came before it (dropped as reader spacing)

    @property
    def blank(self) -> bool:
        return not self.text


# Page furniture: printed on every page, never content.
_FURNITURE = [
    re.compile(r"^Tjänsteutlåtande$", re.IGNORECASE),
    re.compile(r"^Sid\s+\d+\s*\(\s*\d+\s*\)$", re.IGNORECASE),
    re.compile(r"^(?:https?://)?(?:www\.|start\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/?$"),
    re.compile(r"^start\.[a-z]+$"),
]
_PAGE_ONE = re.compile(r"^Sid\s+1\s*\(\s*\d+\s*\)$", re.IGNORECASE)
_PHONE = re.compile(
    r"^(?:Telefon|Tel|Fax)?\.?:?\s*(?:\+46\s?|0)\d{1,3}[- ]?\d{2,3}(?:[- ]?\d{2,3}){1,3}$"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TOC_HEADING = re.compile(r"^Innehållsförteckning$", re.IGNORECASE)
_TOC_ENTRY_END = re.compile(r"(?:\.{3,}|…+|\t)\s*\d+\s*$")
_BULLET_GLYPHS = "\uf0b7\u2022\u25aa\uf0a7"

_MIDWORD_END = re.compile(r"[a-zåäöé]$")


def is_furniture(text: str) -> bool:
    """A page header, page number, web address or phone number line."""
    return any(pattern.match(text) for pattern in _FURNITURE) or bool(_PHONE.match(text))


def is_first_page_marker(text: str) -> bool:
    """ "Sid 1 (30)": the first page of a new document inside a combined file."""
    return bool(_PAGE_ONE.match(text))


def remove_contact_details(text: str) -> str:
    """Officials' e-mail addresses are never stored."""
    return _EMAIL.sub("", text).strip()


def split_lines(text: str) -> list[Line]:
    """Number the input lines; form feeds (page breaks) end a line without adding one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        for part in _split_glued_heading(raw).split("\f"):
            # Tabs separate table cells, so an empty first cell must survive the strip.
            spaces = " \u00a0" if "\t" in part and part.strip() else None
            stripped = part.strip(spaces).lstrip(_BULLET_GLYPHS + "\u00a0").strip(spaces)
            if part.strip().startswith(tuple(_BULLET_GLYPHS)) and stripped:
                stripped = "- " + stripped  # keep the bullet as a plain list marker
            ends_mid_word = bool(stripped) and part == part.rstrip() and "\t" not in part
            mid_word = ends_mid_word and bool(_MIDWORD_END.search(stripped))
            lines.append(Line(number, stripped, mid_word, only_spaces=bool(part) and not stripped))
    _trust_line_ends(lines, text)
    return lines


def _trust_line_ends(lines: list[Line], text: str) -> None:
    """A missing trailing space means "cut inside a word" only where the reader otherwise
    ends wrapped lines with a space; elsewhere it means nothing."""
    raw_lines = [raw for raw in text.split("\n") if raw.strip()]
    with_space = sum(1 for raw in raw_lines if raw != raw.rstrip())
    if not raw_lines or with_space / len(raw_lines) < 0.5:
        for line in lines:
            line.ends_mid_word = False


_GLUED_BOLD = re.compile(r"^(.*\S)\s*\*\*([^*]+)\*\*\s*$")


def _split_glued_heading(raw: str) -> str:
    """A heading in markdown bold glued to the line before it ("... hållbar**Beskrivning**")
    gets its own line (a form feed keeps the line number); other bold markers are dropped."""
    match = _GLUED_BOLD.match(raw)
    if match and "**" not in match.group(1):
        raw = f"{match.group(1)}\f{match.group(2)}"
    return raw.replace("**", "")


def undo_double_spacing(lines: list[Line]) -> list[Line]:
    """Some PDF readers put an empty line after every printed line.

    Then the empty lines mean nothing, and only a line holding just spaces marks a
    paragraph break. Detected when most text lines are followed by an empty line.
    """
    text_lines = [i for i, line in enumerate(lines[:-1]) if line.text]
    if not text_lines:
        return lines
    followed_by_empty = sum(1 for i in text_lines if lines[i + 1].blank)
    if followed_by_empty / len(text_lines) < 0.7:
        return lines
    kept: list[Line] = []
    gap = False
    for line in lines:
        if line.blank and not line.only_spaces:
            gap = True
            continue
        line.after_gap, gap = gap, False
        if line.blank and kept and kept[-1].blank:
            continue
        kept.append(line)
    return kept


def estimate_wrap_width(lines: list[Line]) -> int | None:
    """The width at which the text was hard-wrapped, or None for one paragraph per line."""
    lengths = sorted(len(line.text) for line in lines if line.text)
    if len(lengths) < 20:
        return None
    width = lengths[int(len(lengths) * 0.95)]
    if width > 130:
        return None
    near_width = sum(1 for length in lengths if length >= width - 20)
    if near_width / len(lengths) < 0.25:
        return None
    return max(int(statistics.median(lengths[len(lengths) // 2 :])), width - 10)


def remove_furniture(lines: list[Line]) -> list[Line]:
    """Drop page headers and contact lines.

    A first-page marker ("Sid 1 (N)") tells where a new document of a combined file
    starts; the next kept line is flagged so the caller can split there.
    """
    kept: list[Line] = []
    new_document = False
    for line in lines:
        if line.text and is_first_page_marker(line.text):
            new_document = True
            continue
        if line.text and is_furniture(line.text):
            continue
        cleaned = remove_contact_details(line.text) if "@" in line.text else line.text
        if line.text and not cleaned:
            continue
        kept.append(
            Line(
                line.number,
                cleaned,
                line.ends_mid_word,
                line.only_spaces,
                new_document,
                line.after_gap,
            )
        )
        new_document = False
    return kept


def remove_tables_of_contents(lines: list[Line]) -> list[Line]:
    """Skip "Innehållsförteckning" and its entries (lines ending in a page number)."""
    kept: list[Line] = []
    i = 0
    while i < len(lines):
        if not _TOC_HEADING.match(lines[i].text):
            kept.append(lines[i])
            i += 1
            continue
        i += 1
        while i < len(lines):
            window = [line for line in lines[i : i + 4]]
            ends = [j for j, line in enumerate(window) if _TOC_ENTRY_END.search(line.text)]
            if lines[i].blank and ends:
                i += 1
            elif ends and all(not line.blank for line in window[: ends[0]]):
                i += ends[0] + 1
            else:
                break
    return kept


def join_wrapped(parts: list[str]) -> str:
    """Join the lines of one paragraph; a word broken at a hyphen is joined without space."""
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not text:
            text = part
        elif _joins_without_space(text, part):
            text += part
        else:
            text += " " + part
    return re.sub(r"[ \u00a0]{2,}", " ", text)


def _joins_without_space(text: str, part: str) -> bool:
    """A word broken at a hyphen ("budget-" + "arbetet"), or after a slash a PDF broke the
    line at ("anmälan/" + "ansökan")."""
    if text.endswith("-"):
        return part[:1].islower() and part.split()[0] not in _CONJUNCTIONS
    return text.endswith("/") and part[:1].isalnum()


# After these a line-end hyphen is a suspended one ("budget- och"), so the space stays.
_CONJUNCTIONS = {"och", "eller", "samt", "respektive", "som", "till", "mot"}
