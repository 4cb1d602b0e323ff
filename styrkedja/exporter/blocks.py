"""A plan or report as a printed document: a title page and a flat run of blocks.

`layout.py` builds it from the database; `html_render.py` (the print view and the PDF),
`docx_render.py` (Word) render it. Every output of a document comes from the same blocks, so
the Word file, the PDF and the print view say the same thing in the same order, in the
layout of the seeds. The blocks are plain data: no Django, no database.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """A heading of the document; level 1 is a main section (KF:s inriktningsmål, an opening
    section), 2–4 the levels below. `anchor` is unique within the document."""

    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Paragraph:
    """Running text. `label` is a lead-in printed in bold before it ("Arbetssätt")."""

    text: str
    label: str = ""


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    label: str = ""  # printed above the list, e.g. "Förväntat resultat"


@dataclass(frozen=True)
class Table:
    """A table with one header row. `caption` names it for screen readers and the PDF's tags."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """An indicator chart: SVG markup with its text alternative and the data as a table."""

    svg: str
    alt: str
    data: Table


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | BulletList | Table | Chart | PageBreak


@dataclass
class ExportDocument:
    """The document: what its title page says, then its blocks."""

    organisation: str  # "Barn- och familjeenheten"
    kind: str  # "Verksamhetsplan", "Tertialrapport 1", "Verksamhetsberättelse"
    year: int
    # Above the organisation on the title page ("Norrdalens stadsdelsnämnd"); may be empty.
    parent_organisation: str = ""
    case_number: str = ""  # diarienummer, once adopted
    decided_on: datetime.date | None = None  # once adopted
    status: str = ""  # "Utkast", "Fastställd"… as the workflow says
    version: int = 1
    language: str = "sv"
    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The document's title, as the PDF's title bar and the Word file's properties show."""
        return f"{self.kind} {self.year} – {self.organisation}"

    def headings(self, *, deepest: int = 3) -> Iterator[Heading]:
        """The headings of the table of contents."""
        for block in self.blocks:
            if isinstance(block, Heading) and block.level <= deepest:
                yield block
