"""Read the visible text of a plan document: plain text, PDF (its text layer) or Word.

Only what a reader sees is read: never embedded files, custom XML parts or
metadata. Every failure is a DocumentError that says, in the user's language,
which file and, where it can, which page or line is wrong.
"""

from __future__ import annotations

import ctypes
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c
from django.utils.translation import gettext as _

from styrkedja.importer.text_cleanup import join_wrapped

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
    pages: list[_PageText] = []
    try:
        for number in range(len(document)):
            page = document[number]
            try:
                text_page = page.get_textpage()
                try:
                    pages.append(_pdf_page_text(page, text_page))
                finally:
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
    text = _join_pages(pages)
    if not text.strip():
        raise DocumentError(
            _(
                "%(file)s: the PDF has no text layer (a scanned document?). "
                "Run text recognition (OCR) on it first."
            )
            % {"file": name}
        )
    return DocumentText(source=name, text=text, pages=len(pages))


@dataclass(frozen=True)
class _PageText:
    text: str
    continued: bool = False  # the page begins in the middle of the previous page's last block
    # A list item cut by the page break: its label is on the page before.
    starts_unlabelled_item: bool = False
    ends_in_labelled_item: bool = False


def _join_pages(pages: list[_PageText]) -> str:
    """The pages with PAGE_BREAK between them; a paragraph the page break cut is one again,
    and the break follows it."""

    text = ""
    for number, page in enumerate(pages):
        if number == 0:
            text = page.text
            continue
        previous = pages[number - 1]
        continued = page.continued or (
            page.starts_unlabelled_item and previous.ends_in_labelled_item
        )
        if continued and text and not text.endswith("\n"):
            head, _newline, tail = text.rpartition("\n")
            first, _newline, rest = page.text.partition("\n")
            joined = join_wrapped([tail, first])
            text = f"{head}\n{joined}" if head or _newline else joined
            text = f"{text}{PAGE_BREAK}{rest}"
        else:
            text = f"{text}{PAGE_BREAK}{page.text}"
    return text


def _pdf_page_text(page: Any, text_page: Any) -> _PageText:
    """A page's text: from its tagged structure where it has one, else line by line."""
    plain = text_page.get_text_range()
    tagged = _tagged_page_text(page, text_page)
    if tagged is not None and _visible_length(tagged.text) >= _visible_length(plain) * 0.9:
        return tagged
    return _PageText(_plain_page_text(plain))


def _visible_length(text: str) -> int:
    return sum(1 for char in text if not char.isspace())


# A tagged PDF (PDF/UA, PDF/A level a, a Word export) says which lines make one paragraph,
# list item, heading or table cell, so its text is read as Word's is: one line per block,
# a table row as tab-separated cells. Lines outside the structure (running headers, page
# numbers: artifacts) are left out; a bullet or number label (Lbl) is not text.
_BLOCKS = {"P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "LBody", "TOCI", "BlockQuote"}
_CELLS = {"TD", "TH"}
# A table's caption ("Indikatorer") is left out as a Word table's title is.
_SKIPPED = {"Lbl", "Artifact", "Caption"}


def _tagged_page_text(page: Any, text_page: Any) -> _PageText | None:

    tree = pdfium_c.FPDF_StructTree_GetForPage(page.raw)
    if not tree:
        return None
    try:
        roots = [
            pdfium_c.FPDF_StructTree_GetChildAtIndex(tree, index)
            for index in range(pdfium_c.FPDF_StructTree_CountChildren(tree))
        ]
        roots = [root for root in roots if root]
        if not roots:
            return None
        marked = _marked_lines(page, text_page)
        lines: list[str] = []
        kinds: list[str] = []
        for root in roots:
            _structure_lines(root, marked, lines, kinds)
    finally:
        pdfium_c.FPDF_StructTree_Close(tree)
    text = "\n".join(lines)
    if not text.strip():
        return None
    first = kinds[0] if kinds else ""
    last = next(
        (kind for line, kind in zip(reversed(lines), reversed(kinds), strict=True) if line), ""
    )
    return _PageText(
        text,
        continued=first == "continued",
        starts_unlabelled_item=first == "unlabelled",
        ends_in_labelled_item=last == "labelled",
    )


def _marked_lines(page: Any, text_page: Any) -> dict[int, list[_Piece]]:
    """The text of the page's text objects by marked-content id, in content order."""

    marked: dict[int, list[_Piece]] = {}
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        item = pdfium_c.FPDFPage_GetObject(page.raw, index)
        if pdfium_c.FPDFPageObj_GetType(item) != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(item)
        if mcid < 0:
            continue
        size = pdfium_c.FPDFTextObj_GetText(item, text_page.raw, None, 0)
        if size <= 2:
            continue
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDFTextObj_GetText(
            item, text_page.raw, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), size
        )
        text = buffer.raw.decode("utf-16-le", errors="replace").rstrip("\x00")
        # PDFium gives a hyphen that ends a printed line as U+0002 (or U+FFFE).
        text = text.replace("\x02", "-").replace("\ufffe", "-")
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        pdfium_c.FPDFPageObj_GetBounds(item, left, bottom, right, top)
        middle = (bottom.value + top.value) / 2
        marked.setdefault(mcid, []).append(_Piece(middle, left.value, text))
    return marked


@dataclass(frozen=True)
class _Piece:
    """One text object: where its line is (the middle of its height) and where it starts."""

    middle: float
    left: float
    text: str


def _printed_lines(pieces: list[_Piece]) -> list[str]:
    """A block's text objects as printed lines: top to bottom, each line left to right (a
    table of contents' page number is drawn before its dot leader)."""
    rows: list[list[_Piece]] = []
    for piece in sorted(pieces, key=lambda piece: -piece.middle):
        if rows and abs(rows[-1][0].middle - piece.middle) < 3:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    lines = []
    for row in rows:
        line = " ".join(piece.text.strip() for piece in sorted(row, key=lambda piece: piece.left))
        # A dot leader (". . . . .") is read as the dots a typed table of contents has.
        lines.append(_LEADER.sub(" .... ", line))
    return lines


_LEADER = re.compile(r"(?:\s*\.){4,}\s*")


def _element_type(element: Any) -> str:

    size = pdfium_c.FPDF_StructElement_GetType(element, None, 0)
    if size <= 0:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDF_StructElement_GetType(element, buffer, size)
    return buffer.raw.decode("utf-16-le", errors="replace").rstrip("\x00")


def _children(element: Any) -> list[Any]:

    children = (
        pdfium_c.FPDF_StructElement_GetChildAtIndex(element, index)
        for index in range(pdfium_c.FPDF_StructElement_CountChildren(element))
    )
    return [child for child in children if child]


def _own_pieces(element: Any, marked: dict[int, list[_Piece]]) -> list[_Piece]:

    lines: list[_Piece] = []
    for index in range(max(pdfium_c.FPDF_StructElement_GetMarkedContentIdCount(element), 0)):
        lines.extend(
            marked.get(pdfium_c.FPDF_StructElement_GetMarkedContentIdAtIndex(element, index), [])
        )
    return lines


def _block_pieces(element: Any, marked: dict[int, list[_Piece]]) -> list[_Piece]:
    """Every text object inside a block."""
    if _element_type(element) in _SKIPPED:
        return []
    pieces = _own_pieces(element, marked)
    for child in _children(element):
        pieces.extend(_block_pieces(child, marked))
    return pieces


def _block_lines(element: Any, marked: dict[int, list[_Piece]]) -> list[str]:
    return _printed_lines(_block_pieces(element, marked))


def _leaves_here(element: Any, marked: dict[int, list[_Piece]]) -> list[bool]:
    """For each piece of marked content in a block, in order, whether it is on this page.
    PDFium gives no element for a kid on another page and no content id for it."""

    if _element_type(element) in _SKIPPED:
        return []
    leaves: list[bool] = []
    for index in range(pdfium_c.FPDF_StructElement_CountChildren(element)):
        child = pdfium_c.FPDF_StructElement_GetChildAtIndex(element, index)
        if child:
            leaves.extend(_leaves_here(child, marked))
        else:
            mcid = pdfium_c.FPDF_StructElement_GetChildMarkedContentID(element, index)
            leaves.append(mcid >= 0 and mcid in marked)
    return leaves


def _structure_lines(
    element: Any,
    marked: dict[int, list[_Piece]],
    out: list[str],
    kinds: list[str],
    labelled: bool | None = None,
) -> None:
    """Append the element's blocks as lines, and to `kinds` for each line "continued" (a
    block that began on an earlier page), "labelled" or "unlabelled" (a list item's body
    with or without its label on this page) or ""."""

    kind = _element_type(element)
    if kind in _SKIPPED:
        return
    if kind in _BLOCKS:
        text = join_wrapped(_block_lines(element, marked))
        if text:
            leaves = _leaves_here(element, marked)
            out.append(text)
            if leaves and not leaves[0]:
                kinds.append("continued")
            elif labelled is not None and kind == "LBody":
                kinds.append("labelled" if labelled else "unlabelled")
            else:
                kinds.append("")
        return
    if kind == "Table":
        for row in _table_rows(element, marked):
            out.append("\t".join(row))
            kinds.append("")
        out.append("")
        kinds.append("")
        return
    own = join_wrapped(_printed_lines(_own_pieces(element, marked)))
    if own:
        out.append(own)
        kinds.append("")
    children = _children(element)
    if kind == "LI":
        labelled = any(_element_type(child) == "Lbl" for child in children)
    for child in children:
        _structure_lines(child, marked, out, kinds, labelled if kind == "LI" else None)


def _table_rows(table: Any, marked: dict[int, list[_Piece]]) -> list[list[str]]:
    """A table's rows on this page as cell texts. An empty cell has no text, so PDFium leaves
    it out of the structure; the cells are put in their columns by where they start."""

    rows: list[list[tuple[float, str]]] = []
    for row in _descendants(table, "TR"):
        cells = []
        for cell in _children(row):
            if _element_type(cell) not in _CELLS:
                continue
            pieces = _block_pieces(cell, marked)
            if pieces:
                left = min(piece.left for piece in pieces)
                cells.append((left, " ".join(join_wrapped(_printed_lines(pieces)).split())))
        if cells:
            rows.append(cells)
    if not rows:
        return []
    widest = max(rows, key=len)
    columns = [left for left, _text in widest]
    placed = []
    for cells in rows:
        if len(cells) == len(columns):
            placed.append([text for _left, text in cells])
            continue
        row = [""] * len(columns)
        for left, text in cells:
            column = max(
                (index for index, start in enumerate(columns) if start <= left + 3), default=0
            )
            row[column] = f"{row[column]} {text}".strip()
        placed.append(row)
    return placed


def _descendants(element: Any, kind: str) -> list[Any]:
    found = []
    for child in _children(element):
        if _element_type(child) == kind:
            found.append(child)
        else:
            found.extend(_descendants(child, kind))
    return found


def _plain_page_text(text: str) -> str:
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
