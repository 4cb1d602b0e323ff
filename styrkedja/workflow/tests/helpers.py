"""Helpers of the workflow tests: people with a browser, and the forms the pages send."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse

from styrkedja.plans.models import Plan
from styrkedja.testing import factories

DECISION_DAY = datetime.date(2026, 2, 17)
CASE_NUMBER = "SDN 2026/17"


def person(node, role, **names):
    """A user with `role` on `node` (none for role None), logged in in a browser of their own."""
    user = factories.create_user(**names)
    if role is not None:
        factories.create_membership(user=user, org_unit=node, role=role)
    client = Client()
    client.force_login(user)
    return user, client


def workflow_url(name, plan):
    return reverse(f"workflow:{name}", args=[plan.pk])


def fresh(plan):
    return Plan.objects.get(pk=plan.pk)


def transition_data(name, plan, **extra):
    """What the page's form for the transition sends, on the plan's current revision."""
    data = {"base_revision": fresh(plan).revision}
    if name in ("return", "reopen"):
        data["comment"] = "Skriv om inledningen."
    if name == "adopt":
        data["decided_on"] = DECISION_DAY.isoformat()
        data["case_number"] = CASE_NUMBER
    data.update(extra)
    return data


def take(client, name, plan, **extra):
    return client.post(workflow_url(name, plan), transition_data(name, plan, **extra))


def plan_page(client, plan):
    return client.get(reverse("ui:plan", args=[plan.org_unit_id, plan.year.number]))


def set_status(plan, status):
    """Put the plan in `status` directly, as if it had got there through the workflow."""
    Plan.objects.filter(pk=plan.pk).update(status=status)
