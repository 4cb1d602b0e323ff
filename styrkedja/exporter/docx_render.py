"""Word export: an ExportDocument as a .docx, written on a template that holds the styles.

The template is the municipality's uploaded one if there is one (`DocxTemplate`), else
`docx_templates/styrkedja.docx`. From the template the export keeps its styles, numbering,
theme, page setup (the last section's size, margins, orientation) and the images of its
header and footer (a logo); it drops the template's body text and writes its own header
text (the document's title) and footer text ("Sid n (N)" with PAGE and NUMPAGES fields).
The title page shows neither (only a first-page header the template has of its own).

What a template must hold is what `check_template` asks for: "Heading 1"–"Heading 3",
"List Bullet" and a table style. "Heading 4" is made from "Heading 3" when it is missing;
the other styles used (Title, Subtitle, TOC Heading, Caption, Header, Footer) fall back to
direct formatting when missing.
"""

from __future__ import annotations

import datetime
import functools
import io
import re
import zipfile
from collections.abc import Sequence
from copy import deepcopy
from pathlib import Path
from typing import Any

import docx
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph as WordParagraph

from styrkedja.exporter.blocks import (
    BulletList,
    Chart,
    ExportDocument,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from styrkedja.exporter.models import DocxTemplate

SHIPPED_TEMPLATE = Path(__file__).parent / "docx_templates" / "styrkedja.docx"
REQUIRED_STYLES = ("Heading 1", "Heading 2", "Heading 3", "List Bullet")
# The names Word shows for them: a Swedish Word says "Rubrik 1" for the style the file
# (and python-docx) calls "Heading 1".
STYLE_LABELS = {
    "Heading 1": gettext_lazy("Heading 1"),
    "Heading 2": gettext_lazy("Heading 2"),
    "Heading 3": gettext_lazy("Heading 3"),
    "List Bullet": gettext_lazy("List Bullet"),
}
# The table style used: the first of these the template has, else its first other table
# style (never "Normal Table", Word's unformatted default).
PREFERRED_TABLE_STYLES = ("Styrkedja tabell", "Table Grid")
DEEPEST_HEADING = 4
TOC_INSTRUCTION = r'TOC \o "1-3" \h \z \u'
LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}
# A .docx is a zip: refuse one that unpacks to more than this (a zip bomb).
MAX_UNPACKED_BYTES = 200_000_000
# Elements of w:settings that must come after w:updateFields (ECMA-376 schema order).
_AFTER_UPDATE_FIELDS = {
    qn(f"w:{name}")
    for name in [
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    ]
} | {"{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"}
# Elements of w:rPr that must come after w:lang.
_AFTER_LANG = {qn("w:eastAsianLayout"), qn("w:specVanish"), qn("w:oMath")}
_TWIPS_PER_EMU = 1 / 635


class TemplateError(Exception):
    """The file cannot serve as a Word template; the message says why, for its uploader."""


@functools.cache
def shipped_template() -> bytes:
    return SHIPPED_TEMPLATE.read_bytes()


def active_template() -> bytes:
    """The municipality's uploaded template if there is one, else the shipped one."""
    uploaded = DocxTemplate.objects.active()
    return bytes(uploaded.content) if uploaded is not None else shipped_template()


def render_docx(document: ExportDocument, *, template: bytes | None = None) -> bytes:
    """The document as a .docx file, on `template` (default: the active template)."""
    word = _open(active_template() if template is None else template)
    _check_styles(word)
    with translation.override(document.language):
        _Writer(word, document).write()
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def check_template(data: bytes) -> None:
    """Raise TemplateError unless `data` is a .docx that render_docx can use as template."""
    _check_styles(_open(data))
    sample = ExportDocument(
        organisation="-",
        kind="-",
        year=2000,
        case_number="-",
        decided_on=datetime.date(2000, 1, 1),
        blocks=[
            Heading(level=4, text="-", anchor="-"),
            Paragraph(text="-", label="-"),
            BulletList(items=("-",), label="-"),
            Chart(svg="", alt="-", data=Table(caption="-", header=("-",), rows=(("-",),))),
            PageBreak(),
        ],
    )
    try:
        render_docx(sample, template=data)
    except Exception as error:  # whatever else in the file python-docx cannot handle
        raise TemplateError(
            _(
                "A test document could not be made with the template. Open it in Word, save "
                "it again as a Word document (.docx) and upload it once more."
            )
        ) from error


def _check_styles(word: Any) -> None:
    missing = [name for name in REQUIRED_STYLES if _style(word, name) is None]
    if missing:
        raise TemplateError(
            _(
                "The template lacks the styles %(styles)s. Use each of them at least once in "
                "the template (Word saves a style in the file only when it is used or "
                "changed) and upload it again."
            )
            % {"styles": ", ".join(str(STYLE_LABELS[name]) for name in missing)}
        )
    if _table_style(word) is None:
        raise TemplateError(
            _(
                "The template has no table style. Insert a table in it with a table style "
                "(for example Table Grid) and upload it again."
            )
        )


def _open(data: bytes) -> Any:
    not_a_docx = TemplateError(
        _(
            "The file is not a Word document (.docx) or it is damaged. Save it in Word as "
            "“Word Document (*.docx)” and try again."
        )
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise not_a_docx
        return docx.Document(io.BytesIO(data))
    except TemplateError:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds on a bad file
        raise not_a_docx from error


def _style(word: Any, name: str) -> Any:
    # python-docx finds built-in styles by their English names whatever Word's language.
    try:
        return word.styles[name]
    except KeyError:
        return None


def _style_id(word: Any, name: str) -> str | None:
    style = _style(word, name)
    return None if style is None else str(style.style_id)


def _table_style(word: Any) -> Any:
    for name in PREFERRED_TABLE_STYLES:
        style = _style(word, name)
        if style is not None and style.type == WD_STYLE_TYPE.TABLE:
            return style
    default_id = _default_table_style_id(word)
    return next(
        (
            style
            for style in word.styles
            if style.type == WD_STYLE_TYPE.TABLE and style.style_id != default_id
        ),
        None,
    )


def _default_table_style_id(word: Any) -> str:
    for element in word.styles.element.findall(qn("w:style")):
        if element.get(qn("w:type")) == "table" and element.get(qn("w:default")) in ("1", "true"):
            return str(element.get(qn("w:styleId")))
    return "TableNormal"


class _Writer:
    """Writes one document into an opened template."""

    def __init__(self, word: Any, document: ExportDocument) -> None:
        self.word = word
        self.document = document
        self.body = word.element.body
        # Style ids, found once: python-docx's own lookup per paragraph costs ~1 ms each.
        self.headings = {level: _heading_style(word, level).style_id for level in range(1, 5)}
        self.bullet = _style(word, "List Bullet").style_id
        self.table_style = _table_style(word).style_id
        self.caption = _style_id(word, "Caption")
        section = word.sections[-1]
        self.text_width = section.page_width - section.left_margin - section.right_margin

    def write(self) -> None:
        self._clear_body()
        self._title_page()
        self._contents()
        for block in self.document.blocks:
            match block:
                case Heading():
                    level = min(max(block.level, 1), DEEPEST_HEADING)
                    self._add(block.text, self.headings[level])
                case Paragraph():
                    self._paragraph(block)
                case BulletList():
                    self._bullet_list(block)
                case Table():
                    self._table(block)
                case Chart():
                    self._chart(block)
                case PageBreak():
                    self.word.add_page_break()
        self._header_and_footer()
        self._language_and_fields()
        self._properties()

    def _clear_body(self) -> None:
        # The last section's properties (page size, margins, header and footer) stay.
        for child in list(self.body):
            if child.tag != qn("w:sectPr"):
                self.body.remove(child)

    def _title_page(self) -> None:
        document = self.document
        if document.parent_organisation:
            self._styled(document.parent_organisation, "Subtitle", size=14)
        self._styled(document.organisation, "Title", size=28, bold=True)
        # "Verksamhetsplan 2024 – Familjeenheten": the title names the unit, as the seeds do.
        self._styled(document.title, "Subtitle", size=14)
        if document.case_number:
            self._add(f"{_('Case number')}: {document.case_number}")
        if document.decided_on:
            self._add(f"{_('Decision date')}: {document.decided_on.isoformat()}")
        self.word.add_page_break()

    def _contents(self) -> None:
        self._styled(_("Contents"), "TOC Heading", size=16, bold=True)
        paragraph = self._add()
        _add_field(
            paragraph,
            TOC_INSTRUCTION,
            _("Right-click here and choose Update field to show the table of contents."),
            dirty=True,
        )
        self.word.add_page_break()

    def _styled(self, text: str, style_name: str, *, size: int, bold: bool = False) -> None:
        """A paragraph in the template's style, or formatted by hand if it lacks the style."""
        style_id = _style_id(self.word, style_name)
        if style_id is not None:
            self._add(text, style_id)
            return
        run = self._add().add_run(text)
        run.font.size = Pt(size)
        run.bold = bold or None

    def _add(self, text: str = "", style_id: str | None = None) -> Any:
        """A paragraph at the end of the body, in the style (None: the default, Normal)."""
        paragraph = self.word.add_paragraph(text)
        if style_id is not None:
            paragraph._p.style = style_id
        return paragraph

    def _paragraph(self, block: Paragraph) -> None:
        # A blank line in the text starts a new paragraph; a single newline breaks the line.
        chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", block.text) if chunk.strip()]
        paragraph = self._add()
        if block.label:
            label = paragraph.add_run(block.label)
            label.bold = True
            if chunks:
                # On a line of its own, as the seeds print it; one paragraph keeps it with
                # its text across a page break.
                label.add_break()
        if chunks:
            paragraph.add_run(chunks[0])
        for chunk in chunks[1:]:
            self._add(chunk)

    def _bullet_list(self, block: BulletList) -> None:
        if block.label:
            self._label(block.label)
        for item in block.items:
            self._add(item, self.bullet)

    def _label(self, text: str) -> None:
        paragraph = self._add()
        paragraph.add_run(text).bold = True
        paragraph.paragraph_format.keep_with_next = True

    def _chart(self, block: Chart) -> None:
        # Word cannot take the SVG without a PNG beside it; the data table carries the text.
        if self.caption is not None:
            paragraph = self._add(block.alt, self.caption)
            paragraph.paragraph_format.keep_with_next = True
        else:
            self._label(block.alt)
        self._table(block.data)

    def _table(self, block: Table) -> None:
        columns = len(block.header)
        if not columns:
            return
        rows = [_fit(row, columns) for row in block.rows]
        table = self.word.add_table(rows=1 + len(rows), cols=columns)
        tbl = table._tbl
        tbl.tblStyle_val = self.table_style
        _table_properties(tbl.tblPr, block.caption)
        widths = _column_widths(block.header, rows, int(self.text_width))
        for grid_column, width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
            grid_column.w = width
        for row_number, (tr, values) in enumerate(
            zip(tbl.tr_lst, [block.header, *rows], strict=True)
        ):
            if row_number == 0:
                # Word repeats a header row at the top of every page the table runs over.
                tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            for tc, value, width in zip(tr.tc_lst, values, widths, strict=True):
                tc.width = width
                if value:
                    run = WordParagraph(tc.p_lst[0], table).add_run(value)
                    if row_number == 0:
                        run.bold = True
        # A paragraph after every table keeps two tables in a row from merging into one.
        self._add()

    def _header_and_footer(self) -> None:
        section = self.word.sections[-1]
        section.different_first_page_header_footer = True  # no header on the title page
        headers = [section.header]
        footers = [section.footer]
        if self.word.settings.odd_and_even_pages_header_footer:
            headers.append(section.even_page_header)
            footers.append(section.even_page_footer)
        header_style = _style(self.word, "Header")
        footer_style = _style(self.word, "Footer")
        for header in headers:
            _keep_only_images(header)
            header.add_paragraph(self.document.title, style=header_style)
        for footer in footers:
            _keep_only_images(footer)
            _page_numbers(footer.add_paragraph(style=footer_style))

    def _language_and_fields(self) -> None:
        tag = LANGUAGE_TAGS.get(self.document.language, self.document.language)
        _set_default_language(self.word, tag)
        settings = self.word.settings.element
        update = settings.find(qn("w:updateFields"))
        if update is None:
            update = OxmlElement("w:updateFields")
            following = next(
                (child for child in settings if child.tag in _AFTER_UPDATE_FIELDS), None
            )
            if following is None:
                settings.append(update)
            else:
                following.addprevious(update)
        # Word updates the fields (the table of contents, page counts) on opening.
        update.set(qn("w:val"), "true")

    def _properties(self) -> None:
        document = self.document
        properties = self.word.core_properties
        properties.title = document.title
        properties.subject = f"{document.kind} {document.year}"
        properties.author = document.organisation
        properties.last_modified_by = ""
        properties.keywords = properties.comments = properties.category = ""
        properties.language = LANGUAGE_TAGS.get(document.language, document.language)
        now = timezone.now().astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)
        properties.created = properties.modified = now
        properties.revision = document.version


def _heading_style(word: Any, level: int) -> Any:
    """The template's "Heading n"; a missing "Heading 4" is made from "Heading 3"."""
    style = _style(word, f"Heading {level}")
    if style is not None or level <= 1:
        return style
    above = _heading_style(word, level - 1)
    element = deepcopy(above.element)
    element.set(qn("w:styleId"), f"Heading{level}")
    element.find(qn("w:name")).set(qn("w:val"), f"heading {level}")
    for link in element.findall(qn("w:link")):
        element.remove(link)
    outline = element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if outline is not None:
        outline.set(qn("w:val"), str(level - 1))
    word.styles.element.append(element)
    return word.styles[f"Heading {level}"]


def _fit(row: Sequence[str], columns: int) -> tuple[str, ...]:
    return (*row[:columns], *([""] * (columns - len(row))))


def _column_widths(header: Sequence[str], rows: list[tuple[str, ...]], total: int) -> list[int]:
    """Widths in EMU that share the text width by how much each column holds: the name
    column of an indicator table gets room, the date and number columns little."""
    weights = []
    for column, title in enumerate(header):
        longest = max([len(title), *(len(row[column]) for row in rows)])
        weights.append(min(max(longest, 8), 60))
    # Whole twips (Word's unit) so the widths add up to the text width.
    twips = [int(total * _TWIPS_PER_EMU * weight / sum(weights)) for weight in weights]
    return [width * 635 for width in twips]


def _table_properties(tbl_pr: Any, caption: str) -> None:
    look = tbl_pr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        tbl_pr.append(look)
    # The style's header row formatting, no first-column or banded-column formatting.
    for attribute, value in (
        ("w:val", "0420"),
        ("w:firstRow", "1"),
        ("w:lastRow", "0"),
        ("w:firstColumn", "0"),
        ("w:lastColumn", "0"),
        ("w:noHBand", "0"),
        ("w:noVBand", "1"),
    ):
        look.set(qn(attribute), value)
    if caption:
        # The table's title for screen readers (Word's "Alt Text" title).
        title = OxmlElement("w:tblCaption")
        title.set(qn("w:val"), caption)
        look.addnext(title)


def _add_field(paragraph: Any, instruction: str, shown: str, *, dirty: bool = False) -> None:
    """A complex field: Word computes `instruction` and shows `shown` until it does."""

    def field_character(kind: str) -> None:
        character = OxmlElement("w:fldChar")
        character.set(qn("w:fldCharType"), kind)
        if dirty and kind == "begin":
            character.set(qn("w:dirty"), "true")
        paragraph.add_run()._r.append(character)

    field_character("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    field_character("separate")
    paragraph.add_run(shown)
    field_character("end")


def _page_numbers(paragraph: Any) -> None:
    """ "Sid 3 (12)": the translated pattern, with PAGE and NUMPAGES fields in its places."""
    pattern = _("Page %(page)s (%(pages)s)")
    fields = {"%(page)s": "PAGE", "%(pages)s": "NUMPAGES"}
    for piece in re.split(r"(%\(pages?\)s)", pattern):
        if piece in fields:
            _add_field(paragraph, fields[piece], "1")
        elif piece:
            paragraph.add_run(piece)


def _keep_only_images(part: Any) -> None:
    """Empty a header or footer except the paragraphs holding a picture (a logo)."""
    element = part._element
    for child in list(element):
        if not child.findall(f".//{qn('w:drawing')}") and not child.findall(f".//{qn('w:pict')}"):
            element.remove(child)


def _set_default_language(word: Any, tag: str) -> None:
    """Set the language of the text: Word's spell checking and screen readers use it."""
    styles = word.styles.element
    defaults = _first_child(styles, "w:docDefaults")
    run_defaults = _first_child(defaults, "w:rPrDefault")
    run_properties = _first_child(run_defaults, "w:rPr")
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        following = next((child for child in run_properties if child.tag in _AFTER_LANG), None)
        if following is None:
            run_properties.append(language)
        else:
            following.addprevious(language)
    language.set(qn("w:val"), tag)


def _first_child(parent: Any, tag: str) -> Any:
    """`parent`'s `tag` child, added as its first child if missing (where the schema puts
    each of docDefaults, rPrDefault and rPr)."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.insert(0, child)
    return child
