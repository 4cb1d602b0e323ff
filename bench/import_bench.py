"""make bench: how fast the importer is (issue #3), on this machine.

Measures the import of the three seed plans (text) into a fresh SQLite database
under var/, and the PDF text extraction rate on a generated 200-page PDF.
Prints the numbers with the machine's core count; asserts nothing.
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

from django.core.management import call_command  # noqa: E402

from styrkedja.importer.readers import read_document  # noqa: E402
from styrkedja.importer.tests.documents import write_pdf  # noqa: E402


def main() -> None:
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        sys.exit("bench: ../shared/seeds is missing")
    call_command("migrate", verbosity=0)
    print(f"cores: {os.cpu_count()}")

    started = time.perf_counter()
    call_command("import_plans", "--council", "Bänknämnden", *map(str, seeds), stdout=StringIO())
    elapsed = time.perf_counter() - started
    print(f"import of {len(seeds)} seed files (text): {elapsed:.2f} s (goal: under 5 s)")

    lines = [f"Rad {n}: Enheten arbetar med stöd, uppföljning och kvalitet." for n in range(50)]
    pdf = write_pdf(database.parent / "bench.pdf", [lines] * 200)
    started = time.perf_counter()
    document = read_document(pdf, max_bytes=10**9)
    elapsed = time.perf_counter() - started
    rate = document.pages / elapsed
    print(
        f"PDF text extraction: {document.pages} pages in {elapsed:.2f} s = {rate:.0f} pages/s"
        " (goal: 100 pages/s or more)"
    )


if __name__ == "__main__":
    main()
