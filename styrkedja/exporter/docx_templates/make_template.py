"""Make styrkedja.docx, the Word template exports use unless a municipality uploads its own.

It starts from python-docx's own default document and sets the look: A4 with 2.5 cm margins,
Arial, plain black headings for levels 1–4, the table style "Styrkedja tabell", a header and
a footer, Swedish as the language. The file is committed; run this again after changing it:

    .venv/bin/python -m styrkedja.exporter.docx_templates.make_template

A municipality's template replaces all of this with its own styles (see docx_render.py for
what a template must hold).
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUTPUT = Path(__file__).with_name("styrkedja.docx")
FONT = "Arial"
TEXT_COLOUR = RGBColor(0x1A, 0x1A, 0x1A)
HEADER_ROW_FILL = "E3E8EE"
BORDER_COLOUR = "7F7F7F"
TABLE_STYLE = "Styrkedja tabell"
# (size in points, space before, space after) per heading level.
HEADINGS = {1: (16, 18, 6), 2: (14, 14, 4), 3: (12, 12, 3), 4: (11, 10, 2)}
_THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_THEME_COLOUR_ATTRIBUTES = ("w:themeColor", "w:themeShade", "w:themeTint")


def make_template() -> bytes:
    document = docx.Document()
    _page(document)
    _defaults(document)
    _headings(document)
    _title_page_styles(document)
    _table_style(document)
    _header_and_footer(document)
    _settings(document)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "Styrkedja"
    properties.title = properties.subject = properties.keywords = ""
    properties.comments = "Styrkedja Word template"
    properties.language = "sv-SE"
    properties.created = properties.modified = datetime.datetime(2025, 1, 1)
    properties.revision = 1
    from io import BytesIO

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1.25)


def _plain_fonts(rpr: Any) -> None:
    """Drop the theme's fonts and colours so the fonts and colours named here apply."""
    for fonts in rpr.findall(qn("w:rFonts")):
        for attribute in _THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(qn(attribute), None)
    for colour in rpr.findall(qn("w:color")):
        for attribute in _THEME_COLOUR_ATTRIBUTES:
            colour.attrib.pop(qn(attribute), None)


def _set_size(style: Any, size: float) -> None:
    style.font.size = Pt(size)
    rpr = style.element.rPr
    complex_size = rpr.find(qn("w:szCs"))
    if complex_size is None:
        complex_size = OxmlElement("w:szCs")
        rpr.find(qn("w:sz")).addnext(complex_size)
    complex_size.set(qn("w:val"), str(round(size * 2)))


def _set_font(
    document: Any, style: Any, *, size: float | None = None, bold: bool | None = None
) -> None:
    """Set a style's font, and its linked character style's (Word uses that one when the
    style is applied to part of a paragraph)."""
    linked = style.element.find(qn("w:link"))
    styles = [style]
    if linked is not None:
        styles += [other for other in document.styles if other.style_id == linked.get(qn("w:val"))]
    for each in styles:
        each.font.name = FONT
        each.font.color.rgb = TEXT_COLOUR
        if size is not None:
            _set_size(each, size)
        each.font.bold = bold
        each.font.italic = False
        _plain_fonts(each.element.get_or_add_rPr())
        each.element.rPr.find(qn("w:rFonts")).set(qn("w:cs"), FONT)


def _defaults(document: Any) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _plain_fonts(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    rpr.find(qn("w:sz")).set(qn("w:val"), "22")
    rpr.find(qn("w:szCs")).set(qn("w:val"), "22")
    rpr.find(qn("w:lang")).set(qn("w:val"), "sv-SE")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "264")
    normal = document.styles["Normal"]
    normal.font.color.rgb = TEXT_COLOUR


def _headings(document: Any) -> None:
    for level, (size, before, after) in HEADINGS.items():
        style = document.styles[f"Heading {level}"]
        _set_font(document, style, size=size, bold=True)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
        # Heading 4 and below are hidden in Word's style gallery until used; show them.
        style.hidden = False
        style.unhide_when_used = False
    toc_heading = document.styles["TOC Heading"]
    toc_heading.hidden = False
    toc_heading.paragraph_format.space_before = Pt(0)


def _title_page_styles(document: Any) -> None:
    title = document.styles["Title"]
    _set_font(document, title, size=28, bold=True)
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    title.paragraph_format.space_before = Pt(6)
    title.paragraph_format.space_after = Pt(12)
    subtitle = document.styles["Subtitle"]
    _set_font(document, subtitle, size=14, bold=False)
    # python-docx's Subtitle points at a numbering level it does not define.
    for numbering in subtitle.element.get_or_add_pPr().findall(qn("w:numPr")):
        subtitle.element.pPr.remove(numbering)
    subtitle.paragraph_format.space_after = Pt(6)
    caption = document.styles["Caption"]
    _set_font(document, caption, size=9, bold=False)
    caption.font.italic = True
    caption.hidden = False
    caption.paragraph_format.keep_with_next = True
    for name in ("Header", "Footer"):
        style = document.styles[name]
        _set_font(document, style, size=9)
        tabs = style.paragraph_format.tab_stops
        tabs.clear_all()
    document.styles["Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _border(tag: str) -> Any:
    border = OxmlElement(tag)
    border.set(qn("w:val"), "single")
    border.set(qn("w:sz"), "4")
    border.set(qn("w:space"), "0")
    border.set(qn("w:color"), BORDER_COLOUR)
    return border


def _table_style(document: Any) -> None:
    """A grid with a shaded, bold header row; exports use it when the template has it."""
    style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Table Grid"]
    _set_size(style, 10)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    element = style.element
    table_properties = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_border(f"w:{side}"))
    table_properties.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 40), ("left", 85), ("bottom", 40), ("right", 85)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(width))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table_properties.append(margins)
    element.append(table_properties)
    first_row = OxmlElement("w:tblStylePr")
    first_row.set(qn("w:type"), "firstRow")
    run_properties = OxmlElement("w:rPr")
    run_properties.append(OxmlElement("w:b"))
    first_row.append(run_properties)
    cell_properties = OxmlElement("w:tcPr")
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), HEADER_ROW_FILL)
    cell_properties.append(shading)
    first_row.append(cell_properties)
    element.append(first_row)


def _header_and_footer(document: Any) -> None:
    # Defined here so that a template edited in Word shows where they go; the export writes
    # the document's title into the header and "Sid n (N)" into the footer.
    section = document.sections[0]
    section.header.paragraphs[0].style = document.styles["Header"]
    section.footer.paragraphs[0].style = document.styles["Footer"]


def _settings(document: Any) -> None:
    settings = document.settings.element
    settings.find(qn("w:themeFontLang")).set(qn("w:val"), "sv-SE")
    settings.find(qn("w:decimalSymbol")).set(qn("w:val"), ",")
    settings.find(qn("w:listSeparator")).set(qn("w:val"), ";")


def main() -> None:
    OUTPUT.write_bytes(make_template())
    sys.stdout.write(f"Wrote {OUTPUT}\n")


if __name__ == "__main__":
    main()
