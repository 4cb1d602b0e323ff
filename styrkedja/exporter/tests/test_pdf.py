"""The PDF is archivable (PDF/A-2a) and accessible (PDF/UA's requirements): each property is
checked in a generated file: language, title shown in the title bar, tagged structure,
a bookmark per heading, table header cells, charts with alternative text, embedded fonts,
PDF/A identification, and the page numbers "Sid n (N)"."""

import datetime
import re
from decimal import Decimal

import pikepdf
import pypdfium2
import pytest
from django.utils import translation
from django.utils.translation import gettext

from styrkedja.exporter.blocks import (
    BulletList,
    Chart,
    ExportDocument,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from styrkedja.exporter.pdf import (
    FONT_DIRECTORY,
    LocalFilesFetcher,
    PdfTimings,
    render_pdf,
    render_pdf_timed,
)
from styrkedja.exporter.tests.test_layout import build_unit_plan
from styrkedja.reports.charts import ChartData, ChartTarget

XMP_PDFAID = "http://www.aiim.org/pdfa/ns/id/"


def chart() -> Chart:
    data = ChartData(
        chart_id="chart-1",
        indicator="Andel nöjda brukare",
        unit="%",
        year=2026,
        periods=("T1", "T2"),
        outcomes=(Decimal("64.5"), None),
        previous=(Decimal(60), Decimal(62)),
        target=ChartTarget(kind="value", value=Decimal(70), text="70 %"),
    )
    return Chart(
        svg=str(data.svg),
        alt=f"{data.title}. {data.description}",
        data=Table(
            caption="Diagrammets värden",
            header=("Period", "2026", "2025"),
            rows=tuple((row.period, row.outcome, row.previous) for row in data.rows),
        ),
    )


def sample_document() -> ExportDocument:
    """A document with every kind of block, long enough to run over several pages."""
    text = "Enheten arbetar med stöd och omsorg i hela stadsdelen. " * 12
    return ExportDocument(
        organisation="Barn- och familjeenheten",
        kind="Verksamhetsplan",
        year=2026,
        parent_organisation="Norrdalens stadsdelsnämnd",
        case_number="SDN 2026/12",
        decided_on=datetime.date(2025, 12, 10),
        status="Fastställd",
        version=3,
        blocks=[
            Heading(1, "Inledning", "inledning"),
            *[Paragraph(text) for _ in range(6)],
            Heading(1, "KF:s inriktningsmål: 1. Ett Exempelstad som håller samman", "mal-1"),
            Heading(2, "KF:s mål för verksamhetsområdet: 1.3 Stöd där behoven är störst", "mal-2"),
            Heading(
                3, "Nämndmål: 1.3.3 Personer i relationer där våld förekommer får stöd", "mal-3"
            ),
            Paragraph(text, label="Beskrivning"),
            Heading(4, "Enhetsmål: Enhetens brukare lever ett liv fritt från våld", "mal-4"),
            BulletList(("Frågor om våld ställs", "Fler får stöd"), label="Förväntat resultat"),
            Table(
                caption="Indikatorer",
                header=("Indikator", "Årsmål", "KF:s årsmål", "Periodicitet"),
                rows=(("Andel nöjda brukare", "70 %", "Tas fram av nämnd", "Tertial"),),
            ),
            chart(),
            PageBreak(),
            Heading(1, "Övrigt", "ovrigt"),
            Paragraph("Åäö – ”citat” € 1 234,5 ≥ 3"),
        ],
    )


@pytest.fixture(scope="module")
def document() -> ExportDocument:
    return sample_document()


@pytest.fixture(scope="module")
def pdf_bytes(document) -> bytes:
    return render_pdf(document)


@pytest.fixture(scope="module")
def pdf(pdf_bytes, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    path.write_bytes(pdf_bytes)
    with pikepdf.open(path) as opened:
        yield opened


def structure_elements(pdf):
    """Every structure element of the tag tree, depth first."""
    found = []
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        element = stack.pop()
        if "/S" in element:
            found.append(element)
        kids = element.get("/K")
        if isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)
        elif isinstance(kids, pikepdf.Array):
            stack.extend(kid for kid in kids if isinstance(kid, pikepdf.Dictionary))
    return found


def outline_items(items):
    for item in items:
        yield item
        yield from outline_items(item.children)


def test_the_language_is_swedish(pdf):
    assert str(pdf.Root.Lang) == "sv"


def test_the_title_bar_shows_the_documents_title(pdf, document):
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert str(pdf.docinfo.Title) == document.title
    with pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == document.title


def test_the_pdf_is_tagged(pdf):
    assert pdf.Root.MarkInfo.Marked is True
    assert pdf.Root.StructTreeRoot.Type == "/StructTreeRoot"
    kinds = {str(element.S) for element in structure_elements(pdf)}
    assert {"/Document", "/H1", "/H2", "/H3", "/H4", "/P", "/L", "/Table"} <= kinds


def test_every_heading_has_a_bookmark(pdf, document):
    with pdf.open_outline() as outline:
        titles = [item.title for item in outline_items(outline.root)]
    assert titles == [heading.text for heading in document.blocks if isinstance(heading, Heading)]


def test_tables_have_header_cells(pdf):
    cells = [element for element in structure_elements(pdf) if element.S == "/TH"]
    assert len(cells) >= 4 + 3  # the indicator table's and the chart table's column headers
    assert any(cell.get("/A", {}).get("/O") == "/Table" for cell in cells)


def test_charts_have_alternative_text(pdf):
    figures = [element for element in structure_elements(pdf) if element.S == "/Figure"]
    assert len(figures) == 1
    assert str(figures[0].Alt).startswith("Andel nöjda brukare")


def test_every_font_is_embedded(pdf):
    fonts = [
        obj
        for obj in pdf.objects
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"
    ]
    assert fonts
    for font in fonts:
        if font.Subtype == "/Type0":
            continue  # its descendant font below carries the file
        descriptor = font.get("/FontDescriptor")
        assert descriptor is not None, f"{font.get('/BaseFont')} has no font file (Type 3?)"
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), font.BaseFont


def test_the_pdf_says_it_is_pdf_a_2a(pdf):
    with pdf.open_metadata() as xmp:
        assert xmp[f"{{{XMP_PDFAID}}}part"] == "2"
        assert xmp[f"{{{XMP_PDFAID}}}conformance"] == "A"
    assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"
    assert len(pdf.trailer.ID) == 2


def test_every_page_is_numbered_sid_n_of_the_page_count(pdf_bytes):
    with translation.override("sv"):
        word = gettext("Page")
    pages = pypdfium2.PdfDocument(pdf_bytes)
    total = len(pages)
    assert total >= 3
    for number, page in enumerate(pages, start=1):
        text = page.get_textpage().get_text_range()
        assert f"{word} {number} ({total})" in text
    assert "Sid 1 (" in pages[0].get_textpage().get_text_range()


def test_the_contents_give_each_headings_page(pdf_bytes):
    pages = pypdfium2.PdfDocument(pdf_bytes)
    contents = pages[1].get_textpage().get_text_range()
    last_page = len(pages)
    assert re.search(r"Inledning\s*\.{3,}\s*3\b", contents)
    assert re.search(rf"Övrigt\s*\.{{3,}}\s*{last_page}\b", contents)


def test_a_plans_pdf_is_timed_step_by_step(city):
    plan = build_unit_plan(city)

    pdf, timings = render_pdf_timed(plan)

    assert pdf.startswith(b"%PDF-1.7")
    assert isinstance(timings, PdfTimings)
    assert timings.layout > 0 and timings.html > 0 and timings.pdf > 0
    assert timings.total == pytest.approx(timings.layout + timings.html + timings.pdf)
    text = "".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(pdf))
    assert "Enhetsmål: Familjeenheten mål 0" in text


def test_the_pages_are_a4_from_the_print_stylesheet(pdf):
    for page in pdf.pages:
        _left, _bottom, width, height = (float(value) for value in page.MediaBox)
        assert (round(width), round(height)) == (595, 842)


def test_the_renderer_reads_static_files_and_fonts_but_nothing_from_a_network():
    fetcher = LocalFilesFetcher()
    stylesheet = fetcher.fetch("file:///static/exporter/print.css")
    assert b"@page" in stylesheet.read()
    stylesheet.close()
    font = fetcher.fetch((FONT_DIRECTORY / "DejaVuSans.ttf").as_uri())
    assert font.read(4) == b"\x00\x01\x00\x00"
    font.close()
    for url in ("https://example.org/style.css", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
