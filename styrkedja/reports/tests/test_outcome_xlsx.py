"""The outcome table as an Excel file: download, fill in, upload; and files with errors,
each refused whole with its problems listed by row and column."""

from __future__ import annotations

import html
import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import Workbook, load_workbook

from styrkedja.history.models import Change
from styrkedja.indicators.models import Outcome
from styrkedja.org.models import Role
from styrkedja.periods.models import PeriodKind
from styrkedja.plans.models import Plan
from styrkedja.reports import xlsx
from styrkedja.reports.outcomes import outcome_rows
from styrkedja.reports.tests.test_outcomes import (
    build_world,
    field,
    outcomes_url,
    table_data,
    text_of,
)
from styrkedja.testing import factories

# Columns of the file.
ID, NAME, TOTAL, WOMEN, MEN, COMMENT, VERSION = "A", "B", "G", "H", "I", "J", "K"


def swedish(msgid, **values):
    with translation.override("sv"):
        return gettext(msgid) % values if values else gettext(msgid)


def at(row, column, message, **values):
    """An error as the upload page lists it: "Rad 5, kolumn G (Totalt): …"."""
    with translation.override("sv"):
        name = xlsx._headers()[xlsx.COLUMNS[ord(column) - ord("A")]]
        return swedish(
            "Row %(row)s, column %(column)s (%(name)s): %(message)s",
            row=row,
            column=column,
            name=name,
            message=swedish(message, **values),
        )


def download_url(unit):
    return reverse("reports:outcomes_xlsx", args=[unit.pk, 2026, "t1"])


def upload_url(unit):
    return reverse("reports:outcomes_upload", args=[unit.pk, 2026, "t1"])


@pytest.fixture
def world(city):
    return build_world(city)


def download(browser, unit):
    response = browser.get(download_url(unit))
    assert response.status_code == 200
    assert response["Content-Type"] == xlsx.CONTENT_TYPE
    return load_workbook(io.BytesIO(response.content))


def row_of(sheet, indicator):
    for row in range(3, sheet.max_row + 1):
        if sheet[f"{ID}{row}"].value == indicator.pk:
            return row
    raise AssertionError(f"no row for {indicator}")


def as_file(workbook, name="utfall.xlsx"):
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue(), content_type=xlsx.CONTENT_TYPE)


def upload(browser, unit, workbook_or_file):
    file = (
        workbook_or_file
        if isinstance(workbook_or_file, SimpleUploadedFile)
        else as_file(workbook_or_file)
    )
    return browser.post(upload_url(unit), {"file": file})


def listed_errors(response):
    """The errors the upload page lists, in order."""
    page = response.content.decode()
    box = page.split('id="upload-errors"')[1].split("</div>")[0]
    return [re.sub(r"\s+", " ", item).strip() for item in re.findall(r"<li>(.*?)</li>", box, re.S)]


def unescape(text):
    return html.unescape(text)


# Download ----------------------------------------------------------------------------------


def test_the_download_has_a_title_a_fixed_header_and_one_row_per_indicator(city, world, anna):
    factories.create_outcome(
        indicator=world.share,
        org_unit=city.unit,
        period=world.period,
        value=Decimal("64.5"),
        comment="Som väntat",
    )
    _user, browser = anna
    response = browser.get(download_url(city.unit))
    assert 'attachment; filename="' in response["Content-Disposition"]
    assert "familjeenheten-2026-t1.xlsx" in response["Content-Disposition"]
    sheet = download(browser, city.unit).active
    assert sheet.title == swedish("Outcomes")
    assert "Familjeenheten" in sheet["A1"].value and "2026" in sheet["A1"].value
    assert [cell.value for cell in sheet[2]] == [
        swedish("Indicator id"),
        "Indikator",
        "Måttenhet",
        "Mål",
        "Årsmål",
        "KF:s årsmål",
        "Totalt",
        "Kvinnor",
        "Män",
        "Kommentar",
        swedish("Version (do not change)"),
    ]
    assert sheet.freeze_panes == "A3"
    ids = [sheet[f"{ID}{row}"].value for row in range(3, sheet.max_row + 1)]
    assert ids == [world.share.pk, world.participants.pk, world.council_indicator.pk]
    share = row_of(sheet, world.share)
    assert sheet[f"{TOTAL}{share}"].value == 64.5
    assert sheet[f"{COMMENT}{share}"].value == "Som väntat"
    assert sheet[f"E{share}"].value == "72 %" and sheet[f"F{share}"].value == "75 %"
    # Women and men only where the indicator is reported by sex: others grey and locked.
    assert sheet.protection.sheet
    assert sheet[f"{WOMEN}{share}"].protection.locked
    assert sheet[f"{WOMEN}{share}"].fill.fill_type == "solid"
    participants = row_of(sheet, world.participants)
    assert not sheet[f"{WOMEN}{participants}"].protection.locked
    assert not sheet[f"{TOTAL}{share}"].protection.locked
    assert sheet[f"{NAME}{share}"].protection.locked
    assert sheet.column_dimensions[VERSION].hidden


def test_a_reader_may_download_but_not_upload(client, city, world, user_with_role):
    client.force_login(user_with_role(Role.READER, city.unit))
    assert client.get(download_url(city.unit)).status_code == 200
    assert client.get(upload_url(city.unit)).status_code == 403
    workbook = Workbook()
    assert upload(client, city.unit, workbook).status_code == 403


def test_an_editor_of_a_sibling_unit_may_not_download_or_upload(
    client, city, world, user_with_role
):
    client.force_login(user_with_role(Role.EDITOR, city.sibling))
    assert client.get(download_url(city.unit)).status_code == 403
    assert client.get(upload_url(city.unit)).status_code == 403


# The round trip ----------------------------------------------------------------------------


def test_a_downloaded_file_filled_in_and_uploaded_stores_every_value(city, world, anna):
    user, browser = anna
    assert browser.get(upload_url(city.unit)).status_code == 200
    workbook = download(browser, city.unit)
    sheet = workbook.active
    share = row_of(sheet, world.share)
    participants = row_of(sheet, world.participants)
    council = row_of(sheet, world.council_indicator)
    sheet[f"{TOTAL}{share}"] = 0.705  # typed "70,5 %" in Excel: a fraction shown as per cent
    sheet[f"{TOTAL}{share}"].number_format = "0.0%"
    sheet[f"{COMMENT}{share}"] = "Bättre än i fjol."
    sheet[f"{TOTAL}{participants}"] = "1 500"
    sheet[f"{WOMEN}{participants}"] = 800
    sheet[f"{MEN}{participants}"] = "700 st"
    sheet[f"{TOTAL}{council}"] = "4,9 %"

    response = upload(browser, city.unit, workbook)
    assert response.status_code == 302
    assert response.url == outcomes_url(city.unit)

    def value(indicator, sex="total"):
        return Outcome.objects.get(indicator=indicator, sex=sex).value

    assert value(world.share) == Decimal("70.5")
    assert Outcome.objects.get(indicator=world.share).comment == "Bättre än i fjol."
    assert Outcome.objects.get(indicator=world.share).entered_by == user
    assert value(world.participants) == 1500
    assert value(world.participants, "women") == 800
    assert value(world.participants, "men") == 700
    assert value(world.council_indicator) == Decimal("4.9")
    assert Plan.objects.filter(org_unit=city.unit, kind=PeriodKind.T1).exists()

    # What was uploaded comes back in the next download, and uploading it again changes nothing.
    again = download(browser, city.unit)
    assert again.active[f"{TOTAL}{share}"].value == 70.5
    changes = Change.objects.count()
    assert upload(browser, city.unit, again).status_code == 302
    assert Change.objects.count() == changes


def test_a_file_downloaded_in_english_may_be_uploaded(city, world, anna):
    _user, browser = anna
    with translation.override("en"):
        data = xlsx.outcome_workbook(
            unit=city.unit,
            year=city.year,
            period=world.period,
            title="T1 2026",
            rows=outcome_rows(city.unit, city.year, world.period),
        )
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.active.title == "Outcomes"
    workbook.active[f"{TOTAL}3"] = 12
    assert upload(browser, city.unit, workbook).status_code == 302
    assert Outcome.objects.get(indicator=world.share).value == 12


def test_rows_left_as_downloaded_do_not_undo_what_someone_saved_since(city, world, anna, bertil):
    _anna, anna_browser = anna
    _bertil, bertil_browser = bertil
    workbook = download(anna_browser, city.unit)
    # Bertil saves the participants on the page after Anna downloaded the file.
    data = table_data(bertil_browser.get(outcomes_url(city.unit)).content.decode())
    data[field(world.participants, "total")] = "12"
    assert bertil_browser.post(outcomes_url(city.unit), data).status_code == 302
    sheet = workbook.active
    sheet[f"{TOTAL}{row_of(sheet, world.share)}"] = 55
    assert upload(anna_browser, city.unit, workbook).status_code == 302
    assert Outcome.objects.get(indicator=world.participants).value == 12
    assert Outcome.objects.get(indicator=world.share).value == 55


def test_a_row_someone_saved_since_the_download_is_an_error_and_nothing_is_saved(
    city, world, anna, bertil
):
    _anna, anna_browser = anna
    _bertil, bertil_browser = bertil
    workbook = download(anna_browser, city.unit)
    bertil_copy = download(bertil_browser, city.unit)
    bertil_copy.active[f"{TOTAL}{row_of(bertil_copy.active, world.participants)}"] = 12
    assert upload(bertil_browser, city.unit, bertil_copy).status_code == 302

    sheet = workbook.active
    participants = row_of(sheet, world.participants)
    sheet[f"{TOTAL}{participants}"] = 14
    sheet[f"{TOTAL}{row_of(sheet, world.share)}"] = 55
    response = upload(anna_browser, city.unit, workbook)
    assert response.status_code == 422
    (error,) = listed_errors(response)
    assert error.startswith(
        unescape(swedish("Row %(row)s: %(message)s", row=participants, message="")).strip()
    )
    assert "Bertil Berg" in unescape(error) and "12" in error
    assert Outcome.objects.get().value == 12  # Bertil's, and the share not written either


# Files with errors -------------------------------------------------------------------------


def _set(column, value, *, number_format=None):
    def change(sheet, rows):
        cell = sheet[f"{column}{rows['share']}"]
        cell.value = value
        if number_format:
            cell.number_format = number_format

    return change


def _participants(column, value):
    def change(sheet, rows):
        sheet[f"{column}{rows['participants']}"] = value

    return change


def _add_row(values):
    def change(sheet, rows):
        row = sheet.max_row + 1
        for column, value in values(rows).items():
            sheet[f"{column}{row}"] = value

    return change


CELL_ERRORS = [
    pytest.param(
        _set(TOTAL, "mycket"),
        lambda rows, world: at(rows["share"], TOTAL, "Enter a number, such as 4,9 or 1 500."),
        id="text-that-is-no-number",
    ),
    pytest.param(
        _set(TOTAL, "12 st"),
        lambda rows, world: at(
            rows["share"],
            TOTAL,
            "“%(suffix)s” is not the indicator's unit (%(unit)s). Write only the number.",
            suffix="st",
            unit="%",
        ),
        id="a-unit-not-the-indicators",
    ),
    pytest.param(
        _participants(TOTAL, "70 %"),
        lambda rows, world: at(
            rows["participants"],
            TOTAL,
            "“%(suffix)s” is not the indicator's unit (%(unit)s). Write only the number.",
            suffix="%",
            unit="st",
        ),
        id="a-per-cent-sign-on-a-count",
    ),
    pytest.param(
        _set(TOTAL, "4,12345"),
        lambda rows, world: at(rows["share"], TOTAL, "Use at most four decimals."),
        id="too-many-decimals",
    ),
    pytest.param(
        _set(WOMEN, 5),
        lambda rows, world: at(
            rows["share"],
            WOMEN,
            "this indicator is not reported by sex; leave the cell empty.",
        ),
        id="women-for-an-indicator-not-by-sex",
    ),
    pytest.param(
        _set(ID, "abc"),
        lambda rows, world: at(
            rows["share"], ID, "“%(value)s” is not an indicator id.", value="abc"
        ),
        id="an-id-that-is-no-number",
    ),
    pytest.param(
        _set(ID, 999999),
        lambda rows, world: at(
            rows["share"], ID, "there is no indicator with id %(id)s.", id=999999
        ),
        id="an-unknown-indicator",
    ),
    pytest.param(
        _set(ID, None),
        lambda rows, world: at(rows["share"], ID, "the indicator id is missing."),
        id="a-missing-id",
    ),
    pytest.param(
        _add_row(lambda rows: {ID: rows["ids"]["share"], TOTAL: 5}),
        lambda rows, world: at(
            rows["last"] + 1,
            ID,
            "indicator %(id)s is also on row %(other)s.",
            id=world.share.pk,
            other=rows["share"],
        ),
        id="a-duplicated-indicator",
    ),
    pytest.param(
        _set(VERSION, "mixtrat"),
        lambda rows, world: at(
            rows["share"],
            VERSION,
            "the hidden version of the row has been changed; download the file again.",
        ),
        id="a-changed-version",
    ),
]


@pytest.mark.parametrize(("change", "expected"), CELL_ERRORS)
def test_a_file_with_a_wrong_cell_is_refused_whole_with_the_row_and_column(
    city, world, anna, change, expected
):
    _user, browser = anna
    workbook = download(browser, city.unit)
    sheet = workbook.active
    rows = {
        "share": row_of(sheet, world.share),
        "participants": row_of(sheet, world.participants),
        "last": sheet.max_row,
        "ids": {"share": world.share.pk},
    }
    # A good value in another row, which must not be saved either.
    sheet[f"{TOTAL}{row_of(sheet, world.council_indicator)}"] = 40
    change(sheet, rows)
    response = upload(browser, city.unit, workbook)
    assert response.status_code == 422
    assert not Outcome.objects.exists()
    assert unescape(expected(rows, world)) in [unescape(error) for error in listed_errors(response)]


def test_a_per_cent_cell_for_an_indicator_not_in_per_cent_is_refused(city, world, anna):
    _user, browser = anna
    workbook = download(browser, city.unit)
    sheet = workbook.active
    participants = row_of(sheet, world.participants)
    sheet[f"{TOTAL}{participants}"] = 0.5
    sheet[f"{TOTAL}{participants}"].number_format = "0%"
    response = upload(browser, city.unit, workbook)
    assert response.status_code == 422
    (error,) = listed_errors(response)
    assert unescape(error).startswith(
        unescape(
            swedish(
                "Row %(row)s, column %(column)s (%(name)s): %(message)s",
                row=participants,
                column=TOTAL,
                name="Totalt",
                message="",
            )
        )
    )
    assert not Outcome.objects.exists()


def test_an_indicator_the_unit_does_not_report_is_refused(city, world, anna):
    _user, browser = anna
    elsewhere = factories.create_indicator(name="Antal utlån")
    workbook = download(browser, city.unit)
    sheet = workbook.active
    sheet[f"{ID}{sheet.max_row + 1}"] = elsewhere.pk
    sheet[f"{TOTAL}{sheet.max_row}"] = 5
    response = upload(browser, city.unit, workbook)
    assert response.status_code == 422
    assert [unescape(error) for error in listed_errors(response)] == [
        at(
            sheet.max_row,
            ID,
            "indicator %(id)s is not one the unit reports on in this report.",
            id=elsewhere.pk,
        )
    ]
    assert not Outcome.objects.exists()


def test_every_error_of_a_file_is_listed_in_row_order(city, world, anna):
    _user, browser = anna
    workbook = download(browser, city.unit)
    sheet = workbook.active
    sheet[f"{TOTAL}{row_of(sheet, world.council_indicator)}"] = "x"
    sheet[f"{TOTAL}{row_of(sheet, world.share)}"] = "y"
    sheet[f"{MEN}{row_of(sheet, world.participants)}"] = "z"
    errors = listed_errors(upload(browser, city.unit, workbook))
    assert [re.search(r"\d+", error).group(0) for error in errors] == ["3", "4", "5"]


def test_a_changed_header_is_refused(city, world, anna):
    _user, browser = anna
    workbook = download(browser, city.unit)
    sheet = workbook.active
    sheet["G2"] = "Utfall"
    sheet[f"{TOTAL}3"] = 5
    response = upload(browser, city.unit, workbook)
    assert response.status_code == 422
    errors = [unescape(error) for error in listed_errors(response)]
    assert (
        at(
            2,
            TOTAL,
            "the heading should be “%(expected)s” but is “%(found)s”.",
            expected="Totalt",
            found="Utfall",
        )
        in errors
    )
    assert not Outcome.objects.exists()


def test_a_missing_column_is_refused(city, world, anna):
    _user, browser = anna
    workbook = download(browser, city.unit)
    sheet = workbook.active
    sheet.delete_cols(3)  # no "Måttenhet": every column after it has moved
    response = upload(browser, city.unit, workbook)
    assert response.status_code == 422
    errors = [unescape(error) for error in listed_errors(response)]
    assert any(
        error.startswith(
            unescape(
                swedish(
                    "Row %(row)s, column %(column)s (%(name)s): %(message)s",
                    row=2,
                    column="C",
                    name="Måttenhet",
                    message="",
                )
            )
        )
        for error in errors
    )
    assert not Outcome.objects.exists()


def test_a_file_without_the_outcome_sheet_is_refused(city, world, anna):
    _user, browser = anna
    workbook = download(browser, city.unit)
    workbook.active.title = "Blad1"
    response = upload(browser, city.unit, workbook)
    assert response.status_code == 422
    (error,) = listed_errors(response)
    assert "Blad1" in unescape(error)
    assert not Outcome.objects.exists()


def test_the_file_of_another_report_is_refused(city, world, anna):
    _user, browser = anna
    workbook = download(browser, city.unit)
    workbook.active[f"{TOTAL}3"] = 5
    response = browser.post(
        reverse("reports:outcomes_upload", args=[city.unit.pk, 2026, "t2"]),
        {"file": as_file(workbook)},
    )
    assert response.status_code == 422
    (error,) = listed_errors(response)
    assert "Familjeenheten" in unescape(error)
    assert not Outcome.objects.exists()


def test_a_sheet_not_from_this_page_is_refused(city, world, anna):
    _user, browser = anna
    workbook = Workbook()
    workbook.active.title = swedish("Outcomes")
    workbook.active["A3"] = world.share.pk
    response = upload(browser, city.unit, workbook)
    assert response.status_code == 422
    assert len(listed_errors(response)) == 1
    assert not Outcome.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("utfall.xlsx", b"Indikator;Totalt\n12;5\n"),  # text named .xlsx
        ("utfall.xlsx", b"PK\x03\x04 not really a zip"),
    ],
    ids=["text-named-xlsx", "broken-zip"],
)
def test_a_file_that_is_not_xlsx_is_refused(city, world, anna, name, content):
    _user, browser = anna
    response = upload(browser, city.unit, SimpleUploadedFile(name, content))
    assert response.status_code == 422
    assert [unescape(error) for error in listed_errors(response)] == [
        swedish("The file is not an Excel file (.xlsx).")
    ]


def test_a_file_of_another_type_is_refused_by_its_name(city, world, anna):
    _user, browser = anna
    response = upload(browser, city.unit, SimpleUploadedFile("utfall.csv", b"Indikator;Totalt\n"))
    assert response.status_code == 422
    assert swedish("Choose an Excel file (.xlsx).") in text_of(response)


def test_a_file_over_the_size_limit_is_refused(city, world, anna):
    _user, browser = anna
    big = SimpleUploadedFile("utfall.xlsx", b"0" * (xlsx.MAX_UPLOAD_BYTES + 1))
    response = upload(browser, city.unit, big)
    assert response.status_code == 422
    assert swedish("The file is larger than %(limit)s MB.", limit=2) in text_of(response)
