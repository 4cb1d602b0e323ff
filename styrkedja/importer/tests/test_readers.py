"""Reading the visible text of documents, and refusing what cannot be read with a clear message."""

import os

import pytest

from styrkedja.importer.readers import PAGE_BREAK, DocumentError, read_document
from styrkedja.importer.tests.documents import (
    write_docx,
    write_image_only_pdf,
    write_pdf,
)

LIMIT = 50_000_000


def written(path, data):
    path.write_bytes(data)
    return path


def test_a_text_file_is_read_as_it_is(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("Verksamhetsplan 2026\r\nför Enheten för test\r\n", encoding="utf-8")
    assert (
        read_document(path, max_bytes=LIMIT).text == "Verksamhetsplan 2026\nför Enheten för test\n"
    )


def test_a_windows_encoded_text_file_is_read(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("Målsättning för året".encode("cp1252"))
    assert read_document(path, max_bytes=LIMIT).text == "Målsättning för året"


def test_a_pdf_is_read_page_by_page(tmp_path):
    path = write_pdf(tmp_path / "plan.pdf", [["Första sidan", "Rad två"], ["Andra sidan"]])
    document = read_document(path, max_bytes=LIMIT)
    assert document.pages == 2
    first, second = document.text.split(PAGE_BREAK)
    assert "Första sidan" in first and "Rad två" in first
    assert "Andra sidan" in second


def test_a_pdf_is_read_without_its_embedded_files(tmp_path):
    path = write_pdf(
        tmp_path / "plan.pdf", [["Synlig text"]], embedded=b"Hemlig text i en inbaddad fil"
    )
    text = read_document(path, max_bytes=LIMIT).text
    assert "Synlig text" in text
    assert "Hemlig" not in text


def test_a_word_file_gives_paragraphs_and_tab_separated_table_rows(tmp_path):
    path = write_docx(
        tmp_path / "plan.docx",
        [
            "Inledning",
            "Enheten arbetar med stöd.",
            [["Indikator", "Årsmål"], ["Andel nöjda", "80 %"]],
        ],
    )
    text = read_document(path, max_bytes=LIMIT).text
    assert "Inledning\nEnheten arbetar med stöd.\n" in text
    assert "Indikator\tÅrsmål\nAndel nöjda\t80 %" in text


def test_a_word_file_is_read_without_its_metadata_or_custom_parts(tmp_path):
    import docx

    path = write_docx(tmp_path / "plan.docx", ["Synlig text"])
    document = docx.Document(str(path))
    document.core_properties.title = "Hemlig titel i metadata"
    document.core_properties.comments = "Hemlig kommentar"
    document.save(str(path))
    text = read_document(path, max_bytes=LIMIT).text
    assert "Synlig text" in text
    assert "Hemlig" not in text


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: written(p / "tom.txt", b""), "tom"),
        (lambda p: written(p / "brus.txt", os.urandom(4000)), "ingen läsbar text"),
        (lambda p: written(p / "brus.pdf", b"%PDF-1.7\n" + os.urandom(4000)), "skadad"),
        (lambda p: write_image_only_pdf(p / "skannad.pdf"), "textlager"),
        (
            lambda p: write_pdf(p / "lösen.pdf", [["Hemligt"]], password="hemligt"),
            "lösenordsskyddad",
        ),
        (lambda p: written(p / "trasig.docx", b"PK\x03\x04" + os.urandom(300)), "skadad"),
    ],
    ids=["empty", "random-bytes", "random-pdf", "scanned-pdf", "password-pdf", "broken-docx"],
)
def test_unreadable_files_are_refused_with_a_message_naming_the_file(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(DocumentError) as error:
        read_document(path, max_bytes=LIMIT)
    assert path.name in str(error.value)
    assert message in str(error.value)


def test_a_truncated_pdf_is_refused(tmp_path):
    whole = write_pdf(tmp_path / "hel.pdf", [["Verksamhetsplan 2026"]] * 3)
    truncated = tmp_path / "avklippt.pdf"
    truncated.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(DocumentError, match=r"avklippt\.pdf"):
        read_document(truncated, max_bytes=LIMIT)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "stor.txt"
    path.write_text("x" * 2000)
    monkeypatch.setattr(
        type(path), "read_bytes", lambda self: pytest.fail("read despite the limit")
    )
    with pytest.raises(DocumentError, match="gränsen är 0,0 MB"):
        read_document(path, max_bytes=1000)


def test_a_pdf_line_ending_in_a_hyphen_keeps_the_hyphen_and_the_line_break(tmp_path):
    path = write_pdf(
        tmp_path / "avstavning.pdf", [["Uppföljningar på enhets-, avdelnings-", "och nämndnivå."]]
    )
    text = read_document(path, max_bytes=10_000_000).text
    assert "\ufffe" not in text
    assert "avdelnings-\noch nämndnivå." in text
