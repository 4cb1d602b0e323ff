"""Helpers for the tests of concurrent editing: people with their own browser, and forms
read back from a page as the browser would send them."""

from __future__ import annotations

import html
import re

from django.test import Client

from styrkedja.org.models import OrgUnit, Role, User
from styrkedja.testing import factories

_REVISION = r'name="{name}" value="(\d*)"'


def person_with_browser(
    unit: OrgUnit, first_name: str, last_name: str, *, role: str = Role.EDITOR
) -> tuple[User, Client]:
    """A user with `role` on `unit`, logged in in a test client of their own."""
    user = factories.create_user(first_name=first_name, last_name=last_name)
    factories.create_membership(user=user, org_unit=unit, role=role)
    client = Client()
    client.force_login(user)
    return user, client


def revision_in(page: str, name: str = "base_revision") -> str:
    """The revision the page's first form with that field is based on, as the browser sends it."""
    found = re.search(_REVISION.format(name=re.escape(name)), page)
    assert found, f"the page has no {name}"
    return found.group(1)


def their_change_in(page: str) -> list[str]:
    """The words a conflict message marks as added by the other person."""
    return re.findall(r"<ins><span class=\"ds-sr-only\">[^<]*</span>([^<]*)</ins>", page)


def form_data(page: str) -> dict[str, str]:
    """What the browser sends for the page's one form with revisions (text, choices, ticks):
    a form with a `base_revision`, or with one per row (`<row>-base_revision`)."""
    (form,) = [form for form in page.split("<form ")[1:] if 'base_revision"' in form]
    form = form.split("</form>")[0]
    data = {}
    for tag in re.findall(r"<input [^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if name is None or name.group(1) == "csrfmiddlewaretoken":
            continue
        if 'type="checkbox"' in tag:
            if " checked" in tag:
                data[name.group(1)] = "on"
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        selected = re.search(r'<option value="([^"]*)" selected>', options)
        data[name] = selected.group(1) if selected else ""
    for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[name] = html.unescape(text).removeprefix("\n")
    return data
