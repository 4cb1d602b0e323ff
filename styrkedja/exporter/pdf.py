"""An ExportDocument as an archivable, accessible PDF: WeasyPrint on the print view's HTML.

The variant is PDF/A-2a, which WeasyPrint 70 writes itself (`pdf_variant="pdf/a-2a"`, one
of its pdf/a-1a…4f and pdf/ua-1/2 variants): PDF/A-2 identification in the XMP metadata
(pdfaid:part 2, conformance A), an sRGB output intent, a document identifier in the
trailer (`pdf_identifier`), and the tagged structure (`pdf_tags`) that level A asks for.
With the tags WeasyPrint also sets /MarkInfo /Marked, /ViewerPreferences /DisplayDocTitle
and /Lang from <html lang>; it writes <title> to the info dictionary and XMP dc:title,
makes a bookmark of every h1–h4, tags table header cells as TH (with /Headers on the data
cells), and gives each inline SVG a Figure element whose /Alt is the SVG's <title>. It
embeds (subsets of) every font it uses. So the file needs no post-processing; the tests in
tests/test_pdf.py check each of these properties in a generated file.

PDF/UA: the file meets what the issue asks of it (language, title in the title bar, tags,
bookmarks, table headers, alternative text, embedded fonts) but does not claim PDF/UA-1
in its metadata. WeasyPrint takes one variant, and it leaves the page margin boxes (the
running title and "Sid n (N)") as marked content outside the structure tree rather than
as artifacts, which a PDF/UA checker would flag.

Fonts come from the system's DejaVu files through @font-face rules with file:// URLs,
given to the renderer beside the page's own stylesheet, and the stylesheet comes from the
app's static files: the renderer fetches nothing over a network.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from styrkedja.exporter.blocks import ExportDocument
from styrkedja.exporter.html_render import render_html
from styrkedja.exporter.layout import build_export_document
from styrkedja.org.models import OrgUnit
from styrkedja.plans.models import Plan

PDF_VARIANT = "pdf/a-2a"

FONT_DIRECTORY = Path("/usr/share/fonts/truetype/dejavu")
# (file, weight, style) of the family the print stylesheet names ("DejaVu Sans").
FONT_FACES = (
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("DejaVuSans-BoldOblique.ttf", "bold", "italic"),
)

# The HTML is rendered as if it were at this address, so that its stylesheet link
# (/static/…) resolves to a URL the fetcher below maps to a file.
_BASE_URL = "file:///"


@dataclass(frozen=True)
class PdfTimings:
    """Seconds spent gathering the data, rendering the HTML and making the PDF."""

    layout: float
    html: float
    pdf: float

    @property
    def total(self) -> float:
        return self.layout + self.html + self.pdf


def render_pdf(document: ExportDocument) -> bytes:
    return html_to_pdf(render_html(document))


def render_pdf_timed(
    plan: Plan, *, units: Sequence[OrgUnit] | None = None
) -> tuple[bytes, PdfTimings]:
    """The plan's PDF and the time each step took, for the benchmark."""
    started = time.perf_counter()
    document = build_export_document(plan, units=units)
    laid_out = time.perf_counter()
    html = render_html(document)
    rendered = time.perf_counter()
    pdf = html_to_pdf(html)
    finished = time.perf_counter()
    return pdf, PdfTimings(
        layout=laid_out - started, html=rendered - laid_out, pdf=finished - rendered
    )


def html_to_pdf(html: str) -> bytes:
    """The print view's HTML as a PDF/A-2a file."""
    font_config = FontConfiguration()
    fetcher = LocalFilesFetcher()
    fonts = CSS(string=font_face_rules(), font_config=font_config, url_fetcher=fetcher)
    pdf = HTML(string=html, base_url=_BASE_URL, url_fetcher=fetcher).write_pdf(
        stylesheets=[fonts], font_config=font_config, pdf_variant=PDF_VARIANT
    )
    assert pdf is not None  # write_pdf returns the bytes when given no target
    return bytes(pdf)


def font_face_rules() -> str:
    """@font-face rules for the DejaVu files that are installed (Debian: fonts-dejavu-core
    and fonts-dejavu-extra); a missing file falls back to what fontconfig finds."""
    rules = []
    for name, weight, style in FONT_FACES:
        path = FONT_DIRECTORY / name
        if path.exists():
            rules.append(
                '@font-face { font-family: "DejaVu Sans"; '
                f'src: url("{path.as_uri()}"); font-weight: {weight}; font-style: {style}; }}'
            )
    return "\n".join(rules)


class LocalFilesFetcher(URLFetcher):
    """Only local files: the app's static files and the system's fonts. Anything else
    (a link to another host in a plan's text) is refused rather than fetched."""

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        static = _static_file(url)
        if static is not None:
            return super().fetch(Path(static).as_uri(), headers)
        parsed = urlparse(url)
        if parsed.scheme == "file" and unquote(parsed.path).startswith(f"{FONT_DIRECTORY}/"):
            return super().fetch(url, headers)
        raise ValueError(f"The PDF renderer fetches no {url}")


def _static_file(url: str) -> str | None:
    """The file of a static URL as the print view links it: "/static/…" (resolved against
    the file:/// base) or, where STATIC_URL names a host, that full URL."""
    static_url = settings.STATIC_URL or "/static/"
    if urlparse(static_url).scheme:
        relative = url.removeprefix(static_url) if url.startswith(static_url) else None
    else:
        parsed = urlparse(url)
        prefix = "/" + static_url.strip("/") + "/"
        path = unquote(parsed.path)
        inside = parsed.scheme == "file" and path.startswith(prefix)
        relative = path.removeprefix(prefix) if inside else None
    if not relative:
        return None
    found = finders.find(relative)
    return found if isinstance(found, str) else None
