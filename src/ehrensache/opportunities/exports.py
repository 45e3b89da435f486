"""Columns of the opportunities' downloads (``core.exports``): an organization's offers."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ehrensache.core.exports import Column, Table

from .models import Opportunity

OPPORTUNITIES: Table[Opportunity] = Table(
    _("Engagementangebote"),
    [
        Column(_("Nummer"), lambda o: o.pk),
        Column(_("Titel"), lambda o: o.title),
        Column(_("Einsatzstelle"), lambda o: o.organization.name),
        Column(_("Status"), lambda o: o.get_status_display()),
        Column(_("Tätigkeitsfeld"), lambda o: o.get_field_display()),
        Column(_("Postleitzahl"), lambda o: o.postal_code),
        Column(_("Ort"), lambda o: o.city),
        Column(_("Stunden pro Woche"), lambda o: o.hours_per_week),
        Column(_("Gesuchte Personen"), lambda o: o.people_wanted),
        Column(_("Beginn"), lambda o: o.starts_on),
        Column(_("Ende"), lambda o: o.ends_on),
        Column(_("Läuft ab am"), lambda o: o.expires_on),
        Column(_("Veröffentlicht am"), lambda o: o.published_at),
        Column(_("Zuletzt geändert"), lambda o: o.updated_at),
        Column(_("Adresse der Seite"), lambda o: settings.SITE_URL + o.get_absolute_url()),
    ],
)
