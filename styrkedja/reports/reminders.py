"""Reminding the late units of a nämnd: who gets the email, what it says, and sending it.

One email per late unit, to the unit's own redaktörer (memberships on the unit itself, not
those above it, who would otherwise get one email per unit below them). Each email sent is
recorded as a Reminder, so the overview shows when a unit was last reminded.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from styrkedja.org.models import Membership, OrgUnit, Role, User
from styrkedja.periods.models import PeriodKind, ReportPeriod
from styrkedja.reports.models import Reminder
from styrkedja.reports.overview import UnitProgress


@dataclass
class ReminderTarget:
    """A late unit and the people its reminder goes to."""

    row: UnitProgress
    recipients: list[User] = field(default_factory=list)  # redaktörer with an email address
    without_email: list[User] = field(default_factory=list)  # redaktörer it cannot reach

    @property
    def unit(self) -> OrgUnit:
        return self.row.unit

    @property
    def addresses(self) -> list[str]:
        return sorted({user.email for user in self.recipients})

    @property
    def reachable(self) -> bool:
        return bool(self.recipients)


def reminder_targets(rows: Sequence[UnitProgress]) -> list[ReminderTarget]:
    """The late rows with the redaktörer of each unit (active users only): one query."""
    late = [row for row in rows if row.overdue]
    editors: dict[int, list[User]] = defaultdict(list)
    memberships = (
        Membership.objects.filter(
            org_unit_id__in=[row.unit.pk for row in late],
            role=Role.EDITOR,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username", "pk")
    )
    for membership in memberships:
        editors[membership.org_unit_id].append(membership.user)
    return [
        ReminderTarget(
            row=row,
            recipients=[user for user in editors[row.unit.pk] if user.email],
            without_email=[user for user in editors[row.unit.pk] if not user.email],
        )
        for row in late
    ]


def report_title(kind: str, year: int) -> str:
    """The report as a heading names it: "Tertialrapport 1 2026"."""
    return f"{PeriodKind(kind).label.capitalize()} {year}"


def reminder_message(
    target: ReminderTarget, *, council: OrgUnit, period: ReportPeriod, link: str, sender: User
) -> tuple[str, str]:
    """The subject and text of a unit's reminder, in the site's language (Swedish) whatever
    language the controller reads the site in."""
    row = target.row
    with translation.override(settings.LANGUAGE_CODE):
        report = report_title(period.kind, period.year.number)
        details = {"report": report, "unit": row.unit.name, "council": council.name}
        subject = _("Reminder: %(report)s for %(unit)s") % details
        due = formats.date_format(row.deadline, "j F Y") if row.deadline else ""
        lines = [
            _("Hello,"),
            "",
            _("%(report)s for %(unit)s was due on %(due)s and has not been marked ready yet.")
            % {**details, "due": due},
            "",
        ]
        missing = [
            (row.outcomes, _("outcomes: %(missing)s of %(expected)s indicators")),
            (row.assessments, _("assessments: %(missing)s of %(expected)s goals")),
            (row.activity_statuses, _("status: %(missing)s of %(expected)s activities")),
        ]
        missing_lines = [
            "- " + text % {"missing": count.missing, "expected": count.expected}
            for count, text in missing
            if count.missing
        ]
        if missing_lines:
            lines += [_("Still missing:"), *missing_lines, ""]
        else:
            lines += [_("Everything is filled in: what remains is to mark the report ready."), ""]
        lines += [
            _("The report: %(link)s") % {"link": link},
            "",
            _("Regards,"),
            f"{sender.get_full_name() or sender.username}, {council.name}",
        ]
    return subject, "\n".join(lines) + "\n"


@dataclass
class SendResult:
    sent: list[Reminder] = field(default_factory=list)
    unreachable: list[ReminderTarget] = field(default_factory=list)
    failed: ReminderTarget | None = None
    error: str = ""


def send_reminders(
    *,
    council: OrgUnit,
    period: ReportPeriod,
    targets: Sequence[ReminderTarget],
    sender: User,
    link_for: Callable[[OrgUnit], str],
    now: datetime.datetime | None = None,
) -> SendResult:
    """Email each reachable target over one connection and record each email sent.

    Units without any redaktör with an address get nothing and are returned as unreachable.
    Sending stops at the first email the mail server refuses: the ones before it have gone
    out and are recorded, the rest are not, and the result says which unit failed.
    """
    result = SendResult(unreachable=[target for target in targets if not target.reachable])
    reachable = [target for target in targets if target.reachable]
    if not reachable:
        return result
    sent_at = now or timezone.now()
    reply_to = [sender.email] if sender.email else None
    connection = get_connection()
    current = reachable[0]  # the one that fails if the mail server cannot be reached
    try:
        with connection:
            for target in reachable:
                current = target
                subject, body = reminder_message(
                    target,
                    council=council,
                    period=period,
                    link=link_for(target.unit),
                    sender=sender,
                )
                EmailMessage(
                    subject, body, to=target.addresses, reply_to=reply_to, connection=connection
                ).send()
                result.sent.append(
                    Reminder.objects.create(
                        council=council,
                        period=period,
                        unit=target.unit,
                        sent_at=sent_at,
                        sent_by=sender,
                        recipients=target.addresses,
                    )
                )
    except OSError as error:  # smtplib's errors are OSErrors too
        result.failed = current
        result.error = str(error)
    return result
