"""make bench: how fast plans become documents (issue #7), on this machine.

Imports seed 000 (six unit plans of 2024) into a fresh SQLite database under var/, then for
its largest unit plan times the Word export and the PDF export split into gathering the data,
rendering the HTML and making the PDF, beside WeasyPrint alone on the same HTML; then a nämnd
compilation of the six units in one PDF, with its page count. Asserts nothing.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
database = Path(tempfile.mkdtemp(dir=ROOT / "var")) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{database}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkedja.settings")

import django  # noqa: E402

django.setup()

import pypdfium2  # noqa: E402
from django.core.management import call_command  # noqa: E402

from styrkedja.exporter.blocks import Heading, Table  # noqa: E402
from styrkedja.exporter.docx_render import render_docx  # noqa: E402
from styrkedja.exporter.html_render import render_html  # noqa: E402
from styrkedja.exporter.layout import build_export_document  # noqa: E402
from styrkedja.exporter.pdf import html_to_pdf, render_pdf_timed  # noqa: E402
from styrkedja.org.models import OrgUnit  # noqa: E402
from styrkedja.periods.models import Year  # noqa: E402
from styrkedja.plans.models import Plan  # noqa: E402
from styrkedja.plans.services import get_or_create_plan  # noqa: E402

COUNCIL = "Bänknämnden"


def pages(pdf: bytes) -> int:
    return len(pypdfium2.PdfDocument(pdf))


def size(plan: Plan) -> int:
    """Blocks of headings and table rows: how much a plan prints."""
    document = build_export_document(plan)
    return sum(
        len(block.rows) if isinstance(block, Table) else 1
        for block in document.blocks
        if isinstance(block, (Heading, Table))
    )


def main() -> None:
    seed = next((ROOT.parent / "shared" / "seeds").glob("000_*.txt"), None)
    if seed is None:
        sys.exit("bench: ../shared/seeds is missing")
    call_command("migrate", verbosity=0)
    call_command("import_plans", "--council", COUNCIL, str(seed), stdout=StringIO())
    print(f"cores: {os.cpu_count()}")
    plans = list(Plan.objects.filter(year__number=2024).select_related("org_unit", "year"))
    largest = max(plans, key=size)
    print(f"largest unit plan of seed 000: {largest.org_unit.name}")

    started = time.perf_counter()
    docx = render_docx(build_export_document(largest))
    print(f"Word: {time.perf_counter() - started:.2f} s, {len(docx) // 1024} kB (goal: under 1 s)")

    pdf, timings = render_pdf_timed(largest)
    total = timings.layout + timings.html + timings.pdf
    html = render_html(build_export_document(largest))
    started = time.perf_counter()
    html_to_pdf(html)
    alone = time.perf_counter() - started
    print(
        f"PDF: {total:.2f} s, {pages(pdf)} pages (goal: under 5 s) = gathering data "
        f"{timings.layout:.3f} s + HTML {timings.html:.3f} s + PDF {timings.pdf:.2f} s; "
        f"WeasyPrint alone on the same HTML {alone:.2f} s; ratio {total / alone:.2f} "
        "(goal: at most 1.3)"
    )

    council = OrgUnit.objects.get(name=COUNCIL, kind=OrgUnit.Kind.COUNCIL)
    council_plan, _created = get_or_create_plan(
        org_unit=council, year=Year.objects.get(number=2024)
    )
    units = sorted((plan.org_unit for plan in plans), key=lambda unit: unit.path)
    started = time.perf_counter()
    compiled, _timings = render_pdf_timed(council_plan, units=units)
    elapsed = time.perf_counter() - started
    print(
        f"nämnd compilation of the {len(units)} units of seed 000 (2024): {pages(compiled)} "
        f"pages in {elapsed:.1f} s"
    )


if __name__ == "__main__":
    main()
