"""The municipality's own Word template: who may upload it, what it must hold, and that
exports then use its styles."""

from __future__ import annotations

import io
import struct
import zlib

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm

from styrkedja.exporter.blocks import ExportDocument, Heading
from styrkedja.exporter.docx_render import (
    STYLE_LABELS,
    active_template,
    render_docx,
    shipped_template,
)
from styrkedja.exporter.models import DocxTemplate
from styrkedja.org.models import Role
from styrkedja.testing import factories

DOCUMENT = ExportDocument(
    organisation="Familjeenheten",
    kind="Verksamhetsplan",
    year=2024,
    blocks=[
        Heading(level=1, text="Inledning", anchor="inledning"),
        Heading(level=4, text="Enhetsmål: Alla barn hörs", anchor="e-1"),
    ],
)


def template_bytes(*, heading_font: str = "Georgia", without: tuple[str, ...] = ()) -> bytes:
    """A municipality's template: python-docx's default document with a look of its own."""
    word = docx.Document()
    word.styles["Heading 1"].font.name = heading_font
    for name in without:
        element = word.styles[name].element
        element.getparent().remove(element)
    word.add_paragraph("Mallens egen text, som inte ska med.")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def heading_font(word: docx.document.Document) -> str:
    fonts = word.styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:ascii"))


@pytest.fixture
def kommun_admin(client, city):
    user = factories.create_user(first_name="Kim", last_name="Kommunadmin")
    factories.create_membership(user=user, org_unit=city.municipality, role=Role.ADMINISTRATOR)
    client.force_login(user)
    return user


PAGE = "docx_templates:page"


# Access ------------------------------------------------------------------------------------


def test_kommun_administrator_sees_the_template_page(client, kommun_admin):
    response = client.get(reverse(PAGE))
    assert response.status_code == 200
    assert reverse("docx_templates:download_shipped") in response.content.decode()


@pytest.mark.parametrize(
    ("role", "where"),
    [
        (Role.ADMINISTRATOR, "council"),
        (Role.EDITOR, "unit"),
        (Role.REVIEWER, "municipality"),
        (Role.EDITOR, "municipality"),
    ],
)
def test_only_an_administrator_on_the_kommun_node_may_change_the_template(
    client, city, role, where
):
    user = factories.create_user()
    factories.create_membership(user=user, org_unit=getattr(city, where), role=role)
    client.force_login(user)
    assert client.get(reverse(PAGE)).status_code == 403
    response = client.post(reverse(PAGE), {"template": upload("mall.docx", template_bytes())})
    assert response.status_code == 403
    assert client.post(reverse("docx_templates:reset")).status_code == 403
    assert client.get(reverse("docx_templates:download")).status_code == 403
    assert not DocxTemplate.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in(client, db):
    response = client.get(reverse(PAGE))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# Uploading ---------------------------------------------------------------------------------


def test_uploaded_templates_styles_are_used_by_the_export(client, kommun_admin):
    response = client.post(
        reverse(PAGE), {"template": upload("Kommunens mall.docx", template_bytes())}
    )
    assert response.status_code == 302
    stored = DocxTemplate.objects.get()
    assert (stored.name, stored.uploaded_by) == ("Kommunens mall.docx", kommun_admin)

    word = open_docx(render_docx(DOCUMENT))
    assert heading_font(word) == "Georgia"
    assert word.paragraphs[-2].style.name == "Heading 1"
    # The template's text is not part of the export.
    assert not any("Mallens egen text" in p.text for p in word.paragraphs)
    page = client.get(reverse(PAGE)).content.decode()
    assert "Kommunens mall.docx" in page


def test_the_newest_upload_replaces_the_one_before(client, kommun_admin):
    client.post(reverse(PAGE), {"template": upload("först.docx", template_bytes())})
    client.post(
        reverse(PAGE), {"template": upload("sedan.docx", template_bytes(heading_font="Verdana"))}
    )
    assert list(DocxTemplate.objects.values_list("name", flat=True)) == ["sedan.docx"]
    assert heading_font(open_docx(render_docx(DOCUMENT))) == "Verdana"


def test_without_an_upload_the_export_uses_the_shipped_template(db):
    assert active_template() == shipped_template()
    assert heading_font(open_docx(render_docx(DOCUMENT))) == "Arial"


def test_a_file_that_is_not_a_word_document_is_refused_and_nothing_saved(client, kommun_admin):
    response = client.post(reverse(PAGE), {"template": upload("mall.docx", b"inte en zip-fil")})
    assert response.status_code == 422
    assert response.context["form"].errors["template"]
    assert not DocxTemplate.objects.exists()


def test_a_file_not_named_docx_is_refused(client, kommun_admin):
    response = client.post(reverse(PAGE), {"template": upload("mall.dotx", template_bytes())})
    assert response.status_code == 422
    assert ".docx" in response.context["form"].errors["template"][0]
    assert not DocxTemplate.objects.exists()


def test_a_template_without_the_heading_styles_is_refused_naming_them(client, kommun_admin):
    response = client.post(
        reverse(PAGE),
        {"template": upload("mall.docx", template_bytes(without=("Heading 2", "List Bullet")))},
    )
    assert response.status_code == 422
    [error] = response.context["form"].errors["template"]
    assert str(STYLE_LABELS["Heading 2"]) in error
    assert str(STYLE_LABELS["List Bullet"]) in error
    assert str(STYLE_LABELS["Heading 1"]) not in error
    assert error in response.content.decode()
    assert not DocxTemplate.objects.exists()


def test_a_template_without_a_table_style_is_refused(client, kommun_admin):
    word = docx.Document()
    for style in list(word.styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name != "Normal Table":
            style.element.getparent().remove(style.element)
    buffer = io.BytesIO()
    word.save(buffer)
    response = client.post(reverse(PAGE), {"template": upload("mall.docx", buffer.getvalue())})
    assert response.status_code == 422
    assert not DocxTemplate.objects.exists()


def test_a_too_large_file_is_refused(client, kommun_admin, monkeypatch):
    monkeypatch.setattr("styrkedja.exporter.template_views.MAX_TEMPLATE_BYTES", 1000)
    response = client.post(reverse(PAGE), {"template": upload("mall.docx", template_bytes())})
    assert response.status_code == 422
    assert not DocxTemplate.objects.exists()


# Going back to the shipped template --------------------------------------------------------


def test_going_back_to_the_shipped_template_asks_first(client, kommun_admin):
    client.post(reverse(PAGE), {"template": upload("mall.docx", template_bytes())})
    confirmation = client.get(reverse("docx_templates:reset"))
    assert confirmation.status_code == 200
    assert "mall.docx" in confirmation.content.decode()
    assert DocxTemplate.objects.exists()

    response = client.post(reverse("docx_templates:reset"))
    assert response.status_code == 302
    assert not DocxTemplate.objects.exists()
    assert active_template() == shipped_template()


def test_download_gives_the_template_in_use(client, kommun_admin):
    assert client.get(reverse("docx_templates:download")).content == shipped_template()
    content = template_bytes()
    client.post(reverse(PAGE), {"template": upload("mall.docx", content)})
    response = client.get(reverse("docx_templates:download"))
    assert response.content == content
    assert 'filename="mall.docx"' in response["Content-Disposition"]
    assert client.get(reverse("docx_templates:download_shipped")).content == shipped_template()


# What the export keeps of a template --------------------------------------------------------


def test_a_missing_heading_4_is_made_from_heading_3(db):
    word = open_docx(render_docx(DOCUMENT, template=template_bytes(without=("Heading 4",))))
    heading = word.paragraphs[-1]
    assert heading.text == "Enhetsmål: Alla barn hörs"
    assert heading.style.name == "Heading 4"
    outline = heading.style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    assert outline.get(qn("w:val")) == "3"


def test_the_templates_page_setup_and_header_picture_are_kept(db):
    word = docx.Document()
    section = word.sections[0]
    section.left_margin = Cm(3.3)
    section.header.paragraphs[0].add_run().add_picture(io.BytesIO(one_pixel_png()))
    section.header.add_paragraph("Mallens sidhuvudtext")
    buffer = io.BytesIO()
    word.save(buffer)

    exported = open_docx(render_docx(DOCUMENT, template=buffer.getvalue())).sections[0]
    assert round(exported.left_margin.cm, 1) == 3.3
    header = exported.header._element
    assert header.findall(f".//{qn('w:drawing')}")
    texts = [p.text for p in exported.header.paragraphs]
    assert "Mallens sidhuvudtext" not in texts
    assert texts[-1] == DOCUMENT.title


def one_pixel_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
