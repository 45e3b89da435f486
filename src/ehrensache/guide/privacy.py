"""Meine Daten: Kooperations-Check teams, rounds taken part in, unsent drafts
(see ``ehrensache.core.personal_data``)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from ehrensache.core.personal_data import DELETED, UNLINKED, choice

from .models import Answer, Participation, Response, TeamMember

ERASURE = {
    "guide.Team.created_by": UNLINKED,
    "guide.TeamMember.user": DELETED,
    "guide.Response.user": DELETED,  # only unsent drafts are tied to an account
    "guide.Participation.user": DELETED,
}

NOTES = [
    _(
        "Abgeschickte Antworten im Kooperations-Check sind anonym: Beim Abschicken trennen wir "
        "sie von Ihrem Konto. Wir können sie Ihnen deshalb nicht zuordnen, nicht herausgeben "
        "und nicht löschen; sie zählen nur in den Ergebnissen des Teams. Gespeichert ist nur, "
        "an welchen Runden Sie teilgenommen haben."
    ),
]


def export(user) -> dict:
    """Team memberships, participations, drafts with their answers (4 queries)."""
    members = (
        TeamMember.objects.filter(user=user).select_related("team__organization").order_by("pk")
    )
    participations = (
        Participation.objects.filter(user=user).select_related("check_round__team").order_by("pk")
    )
    drafts = (
        Response.objects.filter(user=user)
        .select_related("check_round__team")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("statement").order_by("pk"))
        )
        .order_by("pk")
    )
    return {
        "teams": [
            {
                "team": m.team.name,
                "organization": m.team.organization.name if m.team.organization_id else None,
                **choice(m, "group"),
                "leads_the_check": m.is_manager,
                "since": m.created_at,
            }
            for m in members
        ],
        "rounds_answered": [
            {"team": p.check_round.team.name, "round": p.check_round.number} for p in participations
        ],
        "unsent_drafts": [
            {
                "team": r.check_round.team.name,
                "round": r.check_round.number,
                **choice(r, "group"),
                "answers": [
                    {"statement": a.statement.text, "value": a.value} for a in r.answers.all()
                ],
            }
            for r in drafts
        ],
    }
