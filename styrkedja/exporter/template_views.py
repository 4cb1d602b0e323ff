"""The municipality's Word template: upload it, see which one exports use, go back to ours.

Only an administratör on the kommun node may: the template is one for the whole installation.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from styrkedja.core.forms import StyledForm
from styrkedja.exporter.docx_render import TemplateError, check_template, shipped_template
from styrkedja.exporter.models import DocxTemplate
from styrkedja.org import access
from styrkedja.org.models import User

MAX_TEMPLATE_BYTES = 10_000_000
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SHIPPED_NAME = "styrkedja.docx"


class DocxTemplateForm(StyledForm):
    file_name = ""  # the uploaded file's name, once valid
    template = forms.FileField(
        label=gettext_lazy("Word template"),
        help_text=gettext_lazy(
            "A Word document (.docx) of at most 10 MB with the styles Heading 1, Heading 2, "
            "Heading 3, List Bullet and a table style."
        ),
        widget=forms.FileInput(attrs={"accept": ".docx"}),
    )

    def clean_template(self) -> bytes:
        """The file's bytes, once they are known to make a Word export."""
        upload = self.cleaned_data["template"]
        if not (upload.name or "").lower().endswith(".docx"):
            raise forms.ValidationError(
                _(
                    "Choose a Word document (.docx). A Word template (.dotx) must first be "
                    "saved as a document."
                )
            )
        if (upload.size or 0) > MAX_TEMPLATE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.")
                % {"limit": MAX_TEMPLATE_BYTES // 1_000_000}
            )
        content: bytes = upload.read()
        try:
            check_template(content)
        except TemplateError as error:
            raise forms.ValidationError(str(error)) from error
        self.file_name = upload.name
        return content


def _administrator(request: HttpRequest) -> User:
    if not access.administers_municipality(request.user):
        raise PermissionDenied
    user = request.user
    assert isinstance(user, User)  # login_required let only a logged-in user through
    return user


def _current() -> DocxTemplate | None:
    # The page names the template; its content (up to 10 MB) stays in the database.
    return DocxTemplate.objects.defer("content").select_related("uploaded_by").active()


@login_required
@require_http_methods(["GET", "POST"])
def template_page(request: HttpRequest) -> HttpResponse:
    """The template in use, and the form to upload a new one."""
    user = _administrator(request)
    form = DocxTemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        DocxTemplate.objects.install(
            name=form.file_name, content=form.cleaned_data["template"], uploaded_by=user
        )
        messages.success(
            request,
            _("Word exports now use the template %(name)s.") % {"name": form.file_name},
        )
        return redirect("docx_templates:page")
    return render(
        request,
        "exporter/docx_template.html",
        {"form": form, "current": _current()},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def reset(request: HttpRequest) -> HttpResponse:
    """GET asks for confirmation; POST removes the uploaded template."""
    _administrator(request)
    current = _current()
    if current is None:
        return redirect("docx_templates:page")
    if request.method == "POST":
        DocxTemplate.objects.withdraw()
        messages.success(request, _("Word exports now use Styrkedja's own template."))
        return redirect("docx_templates:page")
    return render(request, "exporter/docx_template_reset.html", {"current": current})


@login_required
@require_GET
def download(request: HttpRequest, *, shipped: bool) -> HttpResponse:
    """The template in use, or Styrkedja's own: a start for the municipality's template."""
    _administrator(request)
    uploaded = None if shipped else DocxTemplate.objects.active()
    if uploaded is not None:
        name, content = uploaded.name, bytes(uploaded.content)
    else:
        name, content = SHIPPED_NAME, shipped_template()
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    disposition = content_disposition_header(as_attachment=True, filename=name)
    assert disposition is not None  # an attachment always has the header
    response["Content-Disposition"] = disposition
    return response
