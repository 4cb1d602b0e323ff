"""`{% workflow_panel plan %}`: the status of a plan or report and what the user may do with it.

A tag rather than view context, because the panel sits on pages of other apps (the plan page,
the report page) that pass only the plan. It costs two small queries whatever the plan's size:
the last transition (the version and a return's comment) and, for an approved or adopted unit
plan, its nämnd's delegation setting.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from styrkedja.plans.models import Plan
from styrkedja.workflow import services
from styrkedja.workflow.models import Transition

register = template.Library()

Action = Transition.Action

# The steps taken with one button on the plan's page; the others open a confirmation page.
_ONE_CLICK = {Action.MARK_READY, Action.APPROVE}


@register.inclusion_tag("workflow/_panel.html", takes_context=True)
def workflow_panel(context: template.Context, plan: Plan) -> dict[str, Any]:
    # A page rendered without a request (an export) shows the status and no buttons.
    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()
    last = services.last_transition(plan)
    returned = (
        last
        if last is not None and last.action == Action.RETURN and plan.status == Plan.Status.DRAFT
        else None
    )
    steps = [
        {
            "name": name,
            "label": services.step_label(name, plan),
            "url": reverse(f"workflow:{name}", args=[plan.pk]),
            "one_click": name in _ONE_CLICK,
        }
        for name in services.available_steps(plan=plan, user=user)
    ]
    return {
        "plan": plan,
        "status": services.status_label(plan),
        "version": last.version if last is not None else 1,
        "returned": returned,
        "steps": steps,
        "csrf_token": context.get("csrf_token"),
        "adopted": plan.is_adopted,
    }
