"""Read the visible text of a plan document: plain text, PDF (its text layer) or Word.

Only what a reader sees is read: never embedded files, custom XML parts or
metadata. Every failure is a DocumentError that says, in the user's language,
which file and, where it can, which page or line is wrong.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

PAGE_BREAK = "\f"


class DocumentError(Exception):
    """A document that cannot be imported; the message is meant for the user."""


@dataclass(frozen=True)
class DocumentText:
    source: str
    text: str  # pages separated by PAGE_BREAK
    pages: int


def read_document(path: Path, *, max_bytes: int) -> DocumentText:
    """The document's visible text; raises DocumentError for what cannot be read."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as error:
        raise DocumentError(_("%(file)s: the file cannot be opened.") % {"file": name}) from error
    # Checked before reading anything, so that a huge upload costs nothing.
    if size > max_bytes:
        raise DocumentError(
            _("%(file)s: the file is %(size)s MB; the limit is %(limit)s MB.")
            % {"file": name, "size": _megabytes(size), "limit": _megabytes(max_bytes)}
        )
    if size == 0:
        raise DocumentError(_("%(file)s: the file is empty.") % {"file": name})
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        return _read_pdf(name, data)
    if suffix == ".docx" or (data.startswith(b"PK") and suffix != ".txt"):
        return _read_docx(name, path)
    if suffix in ("", ".txt", ".text"):
        return _read_text(name, data)
    raise DocumentError(
        _("%(file)s: only text (.txt), PDF (.pdf) and Word (.docx) files can be imported.")
        % {"file": name}
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",")


def _read_text(name: str, data: bytes) -> DocumentText:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            break
        return DocumentText(source=name, text=text, pages=text.count(PAGE_BREAK) + 1)
    raise DocumentError(
        _("%(file)s: the file holds no readable text. Is it a text, PDF or Word file?")
        % {"file": name}
    )


def _looks_binary(text: str) -> bool:
    # Control characters other than tab, newline, carriage return and form feed
    # do not occur in real text; random bytes are full of them.
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
    return controls > max(3, len(text) // 200)


def _read_pdf(name: str, data: bytes) -> DocumentText:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            raise DocumentError(
                _("%(file)s: the PDF is password-protected. Remove the password and try again.")
                % {"file": name}
            ) from error
        raise DocumentError(
            _("%(file)s: the PDF is damaged or incomplete and cannot be read.") % {"file": name}
        ) from error
    pages: list[str] = []
    try:
        for number in range(len(document)):
            page = document[number]
            try:
                text_page = page.get_textpage()
                pages.append(text_page.get_text_range())
                text_page.close()
            except pypdfium2.PdfiumError as error:
                raise DocumentError(
                    _("%(file)s, page %(page)s: the page cannot be read.")
                    % {"file": name, "page": number + 1}
                ) from error
            finally:
                page.close()
    finally:
        document.close()
    text = PAGE_BREAK.join(_pdf_page_text(page) for page in pages)
    if not text.strip():
        raise DocumentError(
            _(
                "%(file)s: the PDF has no text layer (a scanned document?). "
                "Run text recognition (OCR) on it first."
            )
            % {"file": name}
        )
    return DocumentText(source=name, text=text, pages=len(pages))


def _pdf_page_text(text: str) -> str:
    # PDFium marks a hyphen that ends a printed line as U+FFFE and drops the line break;
    # the hyphen and the break come back, so that the parser's rules for wrapped lines
    # apply ("avdelnings-" + "och" keeps its space, "ANDT-" + "handlingsplanen" does not).
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-\n")


def _read_docx(name: str, path: Path) -> DocumentText:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as error:
        raise DocumentError(
            _("%(file)s: the Word file is damaged or not a .docx file.") % {"file": name}
        ) from error
    lines: list[str] = []
    # The body in reading order: paragraphs, and table rows as tab-separated cells.
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if _is_page_break(block):
                lines.append(PAGE_BREAK)
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                lines.append("\t".join(_cell_text(cell) for cell in row.cells))
            lines.append("")
    text = "\n".join(lines).replace(f"\n{PAGE_BREAK}\n", PAGE_BREAK)
    if not text.strip():
        raise DocumentError(_("%(file)s: the Word file holds no text.") % {"file": name})
    return DocumentText(source=name, text=text, pages=text.count(PAGE_BREAK) + 1)


def _cell_text(cell: object) -> str:
    # A cell's paragraphs are one cell: join them with spaces so the row stays one line.
    text: str = cell.text  # type: ignore[attr-defined]
    return " ".join(text.split())


def _is_page_break(paragraph: object) -> bool:
    element = paragraph._p  # type: ignore[attr-defined]
    return any(
        br.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}type") == "page"
        for br in element.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}br")
    )
