"""An ExportDocument as one complete HTML page: the print view, and what the PDF is made from.

The page carries its own print stylesheet (static/exporter/print.css: A4 pages, the footer
"Sid n (N)", the table of contents with page numbers) and nothing that needs a network.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from styrkedja.exporter.blocks import (
    Block,
    BulletList,
    Chart,
    ExportDocument,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)

# The names the template switches on, one per block type.
_KINDS: dict[type, str] = {
    Heading: "heading",
    Paragraph: "paragraph",
    BulletList: "list",
    Table: "table",
    Chart: "chart",
    PageBreak: "page_break",
}


@dataclass(frozen=True)
class RenderedBlock:
    kind: str
    block: Block


def render_html(document: ExportDocument) -> str:
    """The document as a complete HTML page in the document's own language."""
    with translation.override(document.language):
        return render_to_string(
            "exporter/print.html",
            {
                "document": document,
                "blocks": [RenderedBlock(_KINDS[type(block)], block) for block in document.blocks],
                "contents": list(document.headings()),
            },
        )
