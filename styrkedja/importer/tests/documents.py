"""Make PDF and Word files in tests, from text written in the tests."""

from __future__ import annotations

from pathlib import Path

import docx
from fpdf import FPDF


def write_pdf(
    path: Path,
    pages: list[list[str]],
    *,
    password: str | None = None,
    embedded: bytes | None = None,
) -> Path:
    """A PDF with a real text layer: one list of lines per page (Latin-1 text).

    `embedded` is attached as a file inside the PDF, which a reader does not see.
    """
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    if password:
        pdf.set_encryption(owner_password=password + "-owner", user_password=password)
    for lines in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        y = 15.0
        for line in lines:
            pdf.text(15, y, line)
            y += 5
    if embedded is not None:
        pdf.embed_file(bytes=embedded, basename="bilaga.txt", desc="Inbäddad fil")
    pdf.output(str(path))
    return path


def write_image_only_pdf(path: Path) -> Path:
    """A PDF whose page has shapes but no text, as a scan without OCR."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.rect(20, 20, 150, 100, style="F")
    pdf.output(str(path))
    return path


def write_docx(path: Path, blocks: list[str | list[list[str]]]) -> Path:
    """A Word file: strings become paragraphs, lists of rows become tables."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        else:
            table = document.add_table(rows=len(block), cols=len(block[0]))
            for row_index, row in enumerate(block):
                for column, text in enumerate(row):
                    table.cell(row_index, column).text = text
    document.save(str(path))
    return path
