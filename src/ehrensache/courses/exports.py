"""Columns of the courses' downloads (``core.exports``)."""

from django.utils.translation import gettext_lazy as _

from ehrensache.core.exports import Column, Table

from .models import Registration


def _code(r: Registration) -> str | None:
    completion = getattr(r, "completion", None)
    return completion.verification_code if completion else None


PARTICIPANTS: Table[Registration] = Table(
    _("Teilnehmende"),
    [
        Column(_("Name"), lambda r: r.person.get_full_name()),
        Column(_("E-Mail"), lambda r: r.person.email),
        Column(_("Status"), lambda r: r.get_status_display()),
        Column(_("Wartelisten-Rang"), lambda r: r.waitlist_rank),
        Column(_("Angemeldet am"), lambda r: r.created_at),
        Column(_("Einsatzstelle"), lambda r: r.on_behalf_of.name if r.on_behalf_of else None),
        Column(_("Prüfcode"), _code),
    ],
)
