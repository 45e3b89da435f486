from django import template
from django.db.models import Model
from django.template import Context
from django.urls import reverse

from ehrensache.core.permissions import can

from ..models import LogEntry
from ..queries import history_of
from ..registry import shown_data

register = template.Library()

SECTION_ENTRIES = 5


@register.inclusion_tag("audit/history_section.html", takes_context=True)
def history_section(context: Context, obj: Model) -> dict:
    """The "Verlauf" section of an object page: the latest entries and a link to all, or
    nothing for people who may not read the history (2 queries)."""
    user = context["request"].user
    if not can(user, "audit.view_history", obj):
        return {"allowed": False}
    entries = list(history_of(obj)[: SECTION_ENTRIES + 1])
    return {
        "allowed": True,
        "entries": entries[:SECTION_ENTRIES],
        "more": len(entries) > SECTION_ENTRIES,
        "url": reverse("audit:object", args=[obj._meta.label_lower, obj.pk]),
        "user": user,
    }


@register.filter
def entry_details(entry: LogEntry) -> list[tuple[str, str]]:
    return shown_data(entry.action, entry.data)
