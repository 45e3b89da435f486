"""Meine Daten: engagements with onboarding, § 72a facts, hours, allowances and programme
records, plus trainings recorded by organizations (see ``ehrensache.core.personal_data``)."""

from django.utils.translation import gettext_lazy as _

from ehrensache.core.personal_data import DELETED, UNLINKED, choice

from .models import Engagement, OtherAllowance, RecordCheckDeletion, TrainingRecord

ERASURE = {
    "engagements.Engagement.volunteer": DELETED,
    "engagements.Engagement.coordinator": UNLINKED,
    "engagements.Engagement.created_by": UNLINKED,
    "engagements.Engagement.schooling_confirmed_by": UNLINKED,
    "engagements.Engagement.age_confirmed_by": UNLINKED,
    "engagements.Engagement.extended_service_confirmed_by": UNLINKED,
    "engagements.OnboardingCheck.done_by": UNLINKED,
    "engagements.TrainingRecord.person": DELETED,
    "engagements.OtherAllowance.person": DELETED,
    "engagements.TrainingRecord.recorded_by": UNLINKED,
    "engagements.HoursEntry.logged_by": UNLINKED,
    "engagements.HoursEntry.verified_by": UNLINKED,
    "engagements.AllowancePayment.recorded_by": UNLINKED,
    "engagements.SupervisionMeeting.recorded_by": UNLINKED,
}

NOTES = [
    _(
        "Zum erweiterten Führungszeugnis (§ 72a SGB VIII) speichern wir nur, was das Gesetz "
        "erlaubt: ob es eingesehen wurde, Ausstellungs- und Einsichtsdatum und ob eine "
        "einschlägige Eintragung vorliegt. Wird dieser Eintrag gelöscht, bleibt nur ein "
        "Vermerk ohne Inhalt, dass und warum gelöscht wurde."
    ),
    _(
        "Ausgezahlte Pauschalen löschen wir mit Ihrem Konto. Steuerliche Unterlagen, die eine "
        "Einsatzstelle außerhalb von Ehrensache aufbewahren muss, bleiben davon unberührt."
    ),
]


def export(user) -> dict:
    """Engagements and everything hanging off them, § 72a deletion notes, trainings,
    allowances stated from other payers (9 queries)."""
    engagements = (
        Engagement.objects.filter(volunteer=user)
        .select_related("organization", "opportunity", "record_check")
        .prefetch_related(
            "onboarding_checks",
            "hours_entries",
            "allowance_payments",
            "seminar_days",
            "supervision_meetings",
        )
        .order_by("start", "pk")
    )
    deletions = RecordCheckDeletion.objects.filter(engagement__volunteer=user).order_by(
        "deleted_at"
    )
    deletions_by_engagement: dict[int, list] = {}
    for d in deletions:
        deletions_by_engagement.setdefault(d.engagement_id, []).append(
            {**choice(d, "reason"), "deleted_at": d.deleted_at}
        )
    trainings = (
        TrainingRecord.objects.filter(person=user).select_related("organization").order_by("pk")
    )
    return {
        "engagements": [_engagement(e, deletions_by_engagement.get(e.pk, [])) for e in engagements],
        "trainings_recorded_by_organizations": [
            {
                "organization": t.organization.name,
                **choice(t, "kind"),
                "title": t.title,
                "provider": t.provider,
                "completed_on": t.completed_on,
                "teaching_units": t.teaching_units,
                "recorded_at": t.created_at,
            }
            for t in trainings
        ],
        "allowances_from_other_payers_stated": [
            {"year": o.year, **choice(o, "kind"), "amount_cents": o.amount_cents}
            for o in OtherAllowance.objects.filter(person=user).order_by("year", "kind")
        ],
    }


def _engagement(e: Engagement, record_check_deletions: list) -> dict:
    record_check = getattr(e, "record_check", None)
    return {
        "organization": e.organization.name,
        "opportunity": e.opportunity.title if e.opportunity_id else None,
        "role": e.role,
        "tasks": e.tasks,
        "start": e.start,
        "end": e.end,
        **choice(e, "programme"),
        "weekly_hours": e.weekly_hours,
        "pocket_money_cents": e.pocket_money_cents,
        **choice(e, "status"),
        "requires_record_check": e.requires_record_check,
        "schooling_confirmed_on": e.schooling_confirmed_on,
        "age_confirmed_on": e.age_confirmed_on,
        "age_confirmed_under": e.age_confirmed_under,
        "extended_service_confirmed_on": e.extended_service_confirmed_on,
        "bfd_over_27": e.bfd_over_27,
        "created_at": e.created_at,
        "onboarding": [{"step": c.title, "done_on": c.done_on} for c in e.onboarding_checks.all()],
        "record_check": (
            {
                "inspected": record_check.inspected,
                "issued_on": record_check.issued_on,
                "inspected_on": record_check.inspected_on,
                "relevant_entry": record_check.relevant_entry,
            }
            if record_check
            else None
        ),
        "record_check_deleted": record_check_deletions,
        "hours": [
            {
                "date": h.date,
                "minutes": h.minutes,
                "activity": h.activity,
                "note": h.note,
                "logged_at": h.logged_at,
                "verified_at": h.verified_at,
            }
            for h in e.hours_entries.all()
        ],
        "allowances": [
            {
                **choice(a, "kind"),
                "activity": a.activity,
                "amount_cents": a.amount_cents,
                "paid_on": a.paid_on,
                "tax_year": a.year,
                "legal_basis": a.legal_basis,
                "shared_with_other_organizations": a.shared_with_other_organizations,
            }
            for a in e.allowance_payments.all()
        ],
        "seminar_days": [{"date": s.date, "title": s.title} for s in e.seminar_days.all()],
        "supervision_meetings": [
            {"date": s.date, "minutes": s.minutes} for s in e.supervision_meetings.all()
        ],
    }
