"""Audit action names of this app (see ``ehrensache.audit.registry``).

§ 72a: the trail records that (and when) a certificate of conduct was inspected and by whom,
and that a record was deleted and why; never the certificate's content (issue date,
entries). ``RecordCheckDeletion`` stays as the organization's deletion protocol.
"""

from django.utils.translation import gettext_lazy as _

from .models import AllowancePayment, Engagement, Programme, RecordCheckDeletion, TrainingRecord

ACTIONS = {
    "engagements.engagement.started": _("Engagement begonnen"),
    "engagements.engagement.ended": _("Engagement beendet"),
    "engagements.engagement.not_started": _("Als nicht angetreten markiert"),
    "engagements.engagement.status_changed": _("Status des Engagements geändert"),
    "engagements.onboarding_template.step_added": _("Schritt der Einarbeitung angelegt"),
    "engagements.onboarding_template.step_removed": _("Schritt der Einarbeitung entfernt"),
    "engagements.onboarding.step_added": _("Schritt der Einarbeitung hinzugefügt"),
    "engagements.onboarding.step_done": _("Schritt der Einarbeitung erledigt"),
    "engagements.onboarding.step_undone": _("Schritt der Einarbeitung zurückgesetzt"),
    "engagements.record_check.recorded": _("Einsicht ins Führungszeugnis festgehalten"),
    "engagements.record_check.deleted": _("Angaben zum Führungszeugnis gelöscht"),
    "engagements.hours.logged": _("Stunden erfasst"),
    "engagements.hours.deleted": _("Stunden gelöscht"),
    "engagements.hours.verified": _("Stunden bestätigt"),
    "engagements.allowance.recorded": _("Pauschale erfasst"),
    "engagements.seminar_day.recorded": _("Seminartag erfasst"),
    "engagements.supervision.recorded": _("Supervision erfasst"),
    "engagements.training.recorded": _("Fortbildung eingetragen"),
}

FIELDS = {
    "programme": (_("Programm"), Programme),
    "start": _("Beginn"),
    "end": _("Ende"),
    "status": (_("Status"), Engagement.Status),
    "step": _("Schritt"),
    "done_on": _("Erledigt am"),
    "inspected_on": _("Eingesehen am"),
    "reason": (_("Grund"), RecordCheckDeletion.Reason),
    "date": _("Datum"),
    "minutes": _("Minuten"),
    "kind": (_("Art"), AllowancePayment.Kind),
    "year": _("Jahr"),
    "completed_on": _("Abgeschlossen am"),
    "training_kind": (_("Art der Fortbildung"), TrainingRecord.Kind),
}

HISTORIES = {
    "engagements.engagement": "engagements.manage_engagement",
}
