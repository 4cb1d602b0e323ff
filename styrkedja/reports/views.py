"""The report page of a unit for T1, T2 or the annual report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from styrkedja.reports.reading import get_report_context
from styrkedja.reports.rollup import build_report_content


@login_required
@require_GET
def report_page(request: HttpRequest, unit_id: int, year: int, kind: str) -> HttpResponse:
    context = get_report_context(request.user, unit_id=unit_id, year=year, slug=kind)
    return render(
        request,
        "reports/report.html",
        {"ctx": context, "content": build_report_content(context)},
    )
