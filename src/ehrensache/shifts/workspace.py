"""Dashboard panels (``ehrensache.workspaces``): upcoming shifts without enough people
(coordinators) and the person's own next shifts (volunteers)."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ehrensache.workspaces.panels import Item, Panel, Waiting, waiting

from . import queries
from .models import Shift, ShiftSignup


def _title(shift: Shift) -> str:
    return f"{shift.plan.title}: {shift.title}" if shift.title else shift.plan.title


def understaffed(user: Any, workspace: Any, limit: int) -> Waiting:
    qs = queries.understaffed_shifts(user, organization_id=workspace.organization_id)

    def item(shift: Shift) -> Item:
        return Item(
            label=_title(shift),
            since=shift.starts_at,
            url=reverse("shifts:plan", args=[shift.plan_id]),
            detail=gettext("%(taken)s von %(capacity)s Plätzen besetzt")
            % {"taken": shift.taken, "capacity": shift.capacity},
        )

    return waiting(qs, limit=limit, item=item)


def my_next_shifts(user: Any, workspace: Any, limit: int) -> Waiting:
    def item(signup: ShiftSignup) -> Item:
        shift = signup.shift
        return Item(
            label=f"{_title(shift)} ({shift.plan.organization.name})",
            since=shift.starts_at,
            url=reverse("shifts:mine"),
            detail=f"{timezone.localtime(shift.starts_at):%H:%M}",
        )

    return waiting(queries.signups_of(user), limit=limit, item=item)


PANELS = [
    Panel(
        "shifts",
        _("Dienste, für die noch Leute fehlen"),
        workspace="coordinator",
        items=understaffed,
        all_url=lambda w: reverse("shifts:organization", args=[w.slug]),
        permission="shifts.create_plan",
        position=60,
        since_label=_("beginnt am"),
    ),
    Panel(
        "my-shifts",
        _("Meine nächsten Dienste"),
        workspace="volunteer",
        items=my_next_shifts,
        all_url=lambda w: reverse("shifts:mine"),
        position=40,
        since_label=_("am"),
    ),
]
PANELS.append(
    Panel(
        "shift-links",
        _("Meine Dienste"),
        workspace="volunteer",
        template="shifts/dashboard_section.html",
        position=250,
    )
)
