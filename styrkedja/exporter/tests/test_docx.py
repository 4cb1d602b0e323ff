"""The Word export: every block in its Word form, the fields Word fills in, on the shipped
template. No database: the template is passed explicitly."""

from __future__ import annotations

import datetime
import io
import zipfile

import docx
import pytest
from django.utils import translation
from docx.oxml.ns import qn

from styrkedja.exporter.blocks import (
    BulletList,
    Chart,
    ExportDocument,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from styrkedja.exporter.docx_render import (
    REQUIRED_STYLES,
    check_template,
    render_docx,
    shipped_template,
)
from styrkedja.exporter.docx_templates.make_template import TABLE_STYLE, make_template

INDICATORS = Table(
    caption="Indikatorer för Nämndmål 1.3.3",
    header=("Indikator", "Årsmål", "KF:s årsmål", "Periodicitet"),
    rows=(
        ("Andel nöjda brukare", "85 %", "80 %", "Tertial"),
        ("Antal avslutade utredningar", "120", "", "År"),
    ),
)
ACTIVITIES = Table(
    caption="Aktiviteter",
    header=("Aktivitet", "Startdatum", "Slutdatum"),
    rows=(("Utbildning i barnsamtal", "2024-01-01", "2024-06-30"),),
)
CHART = Chart(
    svg="<svg xmlns='http://www.w3.org/2000/svg'></svg>",
    alt="Andel nöjda brukare per tertial: 78 % i T1, 82 % i T2.",
    data=Table(
        caption="Andel nöjda brukare",
        header=("Period", "Utfall"),
        rows=(("T1", "78"), ("T2", "82")),
    ),
)


def every_block_document(**title_page: object) -> ExportDocument:
    """A unit's plan with every kind of block; `title_page` adds e.g. the case number."""
    return ExportDocument(
        organisation="Familjeenheten",
        parent_organisation="Södra stadsdelsnämnden",
        kind="Verksamhetsplan",
        year=2024,
        **title_page,
        blocks=[
            Heading(level=1, text="Inledning", anchor="inledning"),
            Paragraph(text="Enheten ger stöd till familjer.\n\nAndra stycket.\nEn ny rad."),
            Heading(level=1, text="KF:s inriktningsmål: 1. En trygg stad", anchor="kf-1"),
            Heading(level=2, text="KF:s mål för verksamhetsområdet: 1.3 Stöd", anchor="kf-1-3"),
            Heading(level=3, text="Nämndmål: 1.3.3 Barn får stöd i tid", anchor="n-1-3-3"),
            Paragraph(text="Vi arbetar med tidiga insatser.", label="Arbetssätt"),
            BulletList(
                items=("Kortare väntetider", "Fler uppföljningar"), label="Förväntat resultat"
            ),
            INDICATORS,
            Heading(level=4, text="Enhetsmål: Alla barn hörs", anchor="e-1"),
            ACTIVITIES,
            CHART,
            PageBreak(),
            Heading(level=1, text="Avslutning", anchor="avslutning"),
        ],
    )


def render(document: ExportDocument | None = None) -> docx.document.Document:
    data = render_docx(document or every_block_document(), template=shipped_template())
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def word() -> docx.document.Document:
    return render()


def paragraph_with(word, text):
    return next(paragraph for paragraph in word.paragraphs if paragraph.text == text)


def page_breaks(paragraph) -> int:
    return sum(1 for br in paragraph._p.iter(qn("w:br")) if br.get(qn("w:type")) == "page")


def title_page_text(word) -> list[str]:
    lines = []
    for paragraph in word.paragraphs:
        if page_breaks(paragraph):
            return lines
        lines.append(paragraph.text)
    raise AssertionError("no page break after the title page")


def field_instructions(element) -> list[str]:
    return [" ".join(code.text.split()) for code in element.iter(qn("w:instrText"))]


def test_headings_have_the_built_in_heading_style_of_their_level(word):
    for block in every_block_document().blocks:
        if isinstance(block, Heading):
            assert paragraph_with(word, block.text).style.name == f"Heading {block.level}"


def test_only_the_documents_headings_have_heading_styles(word):
    """The title page and the contents heading stay out of Word's navigation pane."""
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [b.text for b in every_block_document().blocks if isinstance(b, Heading)]


def test_every_table_has_the_templates_table_style_and_a_repeating_header_row(word):
    assert len(word.tables) == 3  # indicators, activities, the chart's data
    for table in word.tables:
        assert table.style.name == TABLE_STYLE
        rows = table._tbl.tr_lst
        assert rows[0].trPr is not None
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(row.trPr is None or row.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])


def test_table_holds_its_header_in_bold_and_its_rows(word):
    table = word.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == list(INDICATORS.header)
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert [[cell.text for cell in row.cells] for row in table.rows[1:]] == [
        list(row) for row in INDICATORS.rows
    ]
    caption = table._tbl.tblPr.find(qn("w:tblCaption"))
    assert caption.get(qn("w:val")) == INDICATORS.caption


def test_table_columns_share_the_text_width_by_their_content(word):
    widths = [column.w for column in word.tables[0]._tbl.tblGrid.gridCol_lst]
    section = word.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(sum(widths) - text_width) < len(widths) * 635
    assert widths[0] == max(widths)  # the indicator's name, not "85 %"


def test_chart_is_its_text_alternative_as_caption_and_its_data_as_table(word):
    caption = paragraph_with(word, CHART.alt)
    assert caption.style.name == "Caption"
    assert caption.paragraph_format.keep_with_next
    assert [[cell.text for cell in row.cells] for row in word.tables[2].rows] == [
        ["Period", "Utfall"],
        ["T1", "78"],
        ["T2", "82"],
    ]


def test_paragraph_label_is_bold_on_a_line_of_its_own(word):
    paragraph = paragraph_with(word, "Arbetssätt\nVi arbetar med tidiga insatser.")
    label, text = paragraph.runs
    assert label.bold and label.text == "Arbetssätt\n"
    assert not text.bold


def test_blank_lines_in_text_start_new_paragraphs(word):
    assert paragraph_with(word, "Enheten ger stöd till familjer.")
    assert paragraph_with(word, "Andra stycket.\nEn ny rad.")


def test_bullet_list_is_its_label_then_list_bullet_paragraphs(word):
    texts = [p.text for p in word.paragraphs]
    start = texts.index("Förväntat resultat")
    label = word.paragraphs[start]
    assert label.runs[0].bold and label.paragraph_format.keep_with_next
    items = word.paragraphs[start + 1 : start + 3]
    assert [p.text for p in items] == ["Kortare väntetider", "Fler uppföljningar"]
    assert {p.style.name for p in items} == {"List Bullet"}


def test_page_break_block_breaks_the_page_before_what_follows(word):
    texts = [p.text for p in word.paragraphs]
    before_closing = word.paragraphs[texts.index("Avslutning") - 1]
    assert page_breaks(before_closing) == 1
    # The title page and the contents end with a page break too.
    assert sum(page_breaks(p) for p in word.paragraphs) == 3


def test_title_page_names_organisation_kind_and_year(word):
    assert title_page_text(word) == [
        "Södra stadsdelsnämnden",
        "Familjeenheten",
        "Verksamhetsplan 2024 – Familjeenheten",
    ]
    assert paragraph_with(word, "Familjeenheten").style.name == "Title"


def test_title_page_shows_case_number_and_decision_date_once_adopted():
    adopted = render(
        every_block_document(case_number="SDN 2024/17", decided_on=datetime.date(2024, 2, 15))
    )
    assert title_page_text(adopted)[-2:] == [
        "Diarienummer: SDN 2024/17",
        "Beslutsdatum: 2024-02-15",
    ]
    only_numbered = render(every_block_document(case_number="SDN 2024/17"))
    assert title_page_text(only_numbered)[-1] == "Diarienummer: SDN 2024/17"
    assert not any("Beslutsdatum" in line for line in title_page_text(only_numbered))


def test_contents_is_a_toc_field_that_word_updates_on_opening(word):
    assert 'TOC \\o "1-3" \\h \\z \\u' in field_instructions(word.element.body)
    contents = paragraph_with(word, "Innehåll")
    assert contents.style.name == "TOC Heading"
    update = word.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"


def test_fields_are_complete_complex_fields(word):
    body = word.element.body
    kinds = [c.get(qn("w:fldCharType")) for c in body.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]


def test_footer_numbers_the_pages_sid_n_of_n(word):
    footer = word.sections[0].footer
    assert field_instructions(footer._element) == ["PAGE", "NUMPAGES"]
    assert footer.paragraphs[-1].text == "Sid 1 (1)"


def test_header_shows_the_title_except_on_the_title_page(word):
    section = word.sections[0]
    assert section.header.paragraphs[-1].text == "Verksamhetsplan 2024 – Familjeenheten"
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs)


def test_properties_give_the_title_and_swedish_as_language(word):
    properties = word.core_properties
    assert properties.title == "Verksamhetsplan 2024 – Familjeenheten"
    assert properties.language == "sv-SE"
    assert properties.author == "Familjeenheten"
    defaults = word.styles.element.find(qn("w:docDefaults"))
    language = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert language.get(qn("w:val")) == "sv-SE"


def test_the_document_is_in_swedish_whatever_the_ui_language():
    with translation.override("en"):
        english_ui = render()
    assert paragraph_with(english_ui, "Innehåll")


def test_an_empty_document_still_has_title_page_and_contents():
    word = render(ExportDocument(organisation="Familjeenheten", kind="Verksamhetsplan", year=2024))
    assert title_page_text(word) == ["Familjeenheten", "Verksamhetsplan 2024 – Familjeenheten"]
    assert word.tables == []


def test_shipped_template_has_the_styles_render_docx_needs():
    template = docx.Document(io.BytesIO(shipped_template()))
    check_template(shipped_template())
    names = {style.name for style in template.styles}
    assert set(REQUIRED_STYLES) <= names
    assert {"Heading 4", "Title", "Subtitle", "TOC Heading", "Caption", "Header", "Footer"} <= names
    assert template.styles[TABLE_STYLE].type == docx.enum.style.WD_STYLE_TYPE.TABLE
    section = template.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_shipped_template_is_what_make_template_makes():
    """The committed file and its script agree: rerun the script after changing it."""

    def parts(data: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    assert parts(make_template()) == parts(shipped_template())
