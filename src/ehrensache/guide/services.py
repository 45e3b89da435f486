"""Every write of the guide and the Kooperations-Check."""

import random
import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ehrensache.audit.services import change, log_action
from ehrensache.core import search
from ehrensache.core.counters import count_in_window, uncount
from ehrensache.core.errors import DomainError, InvalidInput, NotFound
from ehrensache.core.locking import lock_row
from ehrensache.core.mail import queue_mail
from ehrensache.core.permissions import require
from ehrensache.core.tokens import find_by_token, new_token

from .models import (
    Answer,
    CheckRound,
    Dimension,
    Episode,
    Group,
    Invitation,
    Measure,
    Participation,
    Questionnaire,
    Response,
    Statement,
    Team,
    TeamMember,
)

MAX_LINKS_PER_REQUEST = 100
MAX_MAILED_LINKS_PER_REQUEST = 50
MAIL_LANGUAGES = ("de", "en")


def guide_setting(name, default):
    return settings.EHRENSACHE.get(name, default)


def min_group_size() -> int:
    """The anonymity threshold: configurable, never below 3."""
    return max(3, int(guide_setting("CHECK_MIN_GROUP_SIZE", 3)))


# --- Episodes -------------------------------------------------------------------------------


def refresh_search_fields(episode: Episode) -> None:
    topics = " ".join(topic.name for topic in episode.topics.all())
    situations = " ".join(situation.name for situation in episode.situations.all())
    parts = (
        episode.title,
        episode.summary,
        episode.key_messages,
        topics,
        situations,
        episode.discussion_questions,
        episode.worksheet,
        episode.transcript,
    )
    Episode.objects.filter(pk=episode.pk).update(
        search_document=search.document(*parts), search_stems=search.stems(*parts)
    )


def save_episode(form, *, actor) -> Episode:
    """Create or change an episode from a valid ``EpisodeForm``."""
    require(actor, "guide.edit_episodes")
    with transaction.atomic():
        episode = form.save()
        refresh_search_fields(episode)
        log_action(episode, "guide.episode.saved", actor=actor)
    return episode


# --- Questionnaire --------------------------------------------------------------------------


def current_questionnaire() -> Questionnaire | None:
    return (
        Questionnaire.objects.filter(status=Questionnaire.Status.PUBLISHED)
        .order_by("-version")
        .first()
    )


def draft_new_version(*, actor) -> Questionnaire:
    """Copy the newest version into a new draft (dimensions and statements)."""
    require(actor, "guide.edit_questionnaire")
    with transaction.atomic():
        if Questionnaire.objects.filter(status=Questionnaire.Status.DRAFT).exists():
            raise DomainError(_("Es gibt schon einen Entwurf. Bitte bearbeiten Sie diesen."))
        source = Questionnaire.objects.order_by("-version").first()
        draft = Questionnaire.objects.create(
            version=(source.version + 1) if source else 1,
            title=source.title if source else _("Kooperations-Check"),
            introduction=source.introduction if source else "",
        )
        if source:
            for dimension in source.dimensions.prefetch_related("statements"):
                copy = Dimension.objects.create(
                    questionnaire=draft,
                    key=dimension.key,
                    name=dimension.name,
                    description=dimension.description,
                    topic_id=dimension.topic_id,
                    position=dimension.position,
                )
                Statement.objects.bulk_create(
                    Statement(dimension=copy, text=s.text, position=s.position)
                    for s in dimension.statements.all()
                )
        log_action(draft, "guide.questionnaire.drafted", actor=actor)
    return draft


def _require_draft(questionnaire):
    if questionnaire.status != Questionnaire.Status.DRAFT:
        raise DomainError(
            _("Veröffentlichte Versionen bleiben unverändert. Legen Sie eine neue Version an.")
        )


def save_questionnaire_form(form, *, actor):
    """Save a form bound to a draft questionnaire, dimension or statement."""
    require(actor, "guide.edit_questionnaire")
    instance = form.instance
    questionnaire = (
        instance
        if isinstance(instance, Questionnaire)
        else instance.questionnaire
        if isinstance(instance, Dimension)
        else instance.dimension.questionnaire
    )
    _require_draft(questionnaire)
    with transaction.atomic():
        saved = form.save()
        log_action(questionnaire, "guide.questionnaire.changed", actor=actor)
    return saved


def delete_statement(statement, *, actor):
    require(actor, "guide.edit_questionnaire")
    questionnaire = statement.dimension.questionnaire
    _require_draft(questionnaire)
    with transaction.atomic():
        statement.delete()
        log_action(questionnaire, "guide.questionnaire.changed", actor=actor)


def publish_questionnaire(questionnaire, *, actor) -> Questionnaire:
    require(actor, "guide.edit_questionnaire")
    _require_draft(questionnaire)
    counts = [d.statements.count() for d in questionnaire.dimensions.all()]
    if not counts or 0 in counts:
        raise DomainError(_("Jede Dimension braucht mindestens eine Aussage."))
    with transaction.atomic():
        Questionnaire.objects.filter(status=Questionnaire.Status.PUBLISHED).update(
            status=Questionnaire.Status.RETIRED
        )
        questionnaire.status = Questionnaire.Status.PUBLISHED
        questionnaire.published_at = timezone.now()
        questionnaire.save(update_fields=["status", "published_at"])
        log_action(questionnaire, "guide.questionnaire.published", actor=actor)
    return questionnaire


# --- Teams ----------------------------------------------------------------------------------


def create_team(
    *, name, group, actor, organization=None, facilitating_agency=None, agency_may_view=False
) -> Team:
    """A coordinator creates a team for their organization, agency staff a facilitated one.

    The creator becomes the team's first member and manager, in ``group``.
    """
    if organization is None and facilitating_agency is None:
        raise InvalidInput(_("Bitte wählen Sie eine Einsatzstelle oder eine Anlaufstelle."))
    place = organization or facilitating_agency
    require(actor, "guide.create_team", place)
    state_id = place.district.state_id if place.district_id else None
    with transaction.atomic():
        team = Team.objects.create(
            name=name.strip(),
            organization=organization,
            facilitating_agency=facilitating_agency,
            agency_may_view=agency_may_view and facilitating_agency is not None,
            state_id=state_id,
            created_by=actor,
        )
        TeamMember.objects.create(team=team, user=actor, group=group, is_manager=True)
        _log_team(team, "guide.team.created", actor=actor)
    return team


def _log_team(team, action, *, actor, person=None, data=None):
    """Team-level history; never anything that could tie an answer to a person."""
    log_action(
        team,
        action,
        actor=actor,
        person=person,
        agency_id=team.facilitating_agency_id,
        data=data,
    )


def update_team_settings(team, *, facilitating_agency, agency_may_view, actor) -> Team:
    require(actor, "guide.manage_team", team)
    team.facilitating_agency = facilitating_agency
    team.agency_may_view = bool(agency_may_view and facilitating_agency)
    with transaction.atomic():
        team.save(update_fields=["facilitating_agency", "agency_may_view"])
        _log_team(
            team,
            "guide.team.settings_changed",
            actor=actor,
            data={"agency_may_view": team.agency_may_view},
        )
    return team


def invite_team_member(team, *, email, group, is_manager=False, actor):
    """Invite a person to the team by e-mail: they join when they accept, signed in with that
    address (``accounts.PersonInvitation``). The answer is the same whether or not the
    address has an account or already belongs to the team: nobody is looked up."""
    from ehrensache.accounts.services import invite_person

    require(actor, "guide.manage_team", team)
    if group not in Group.values:
        raise InvalidInput(_("Bitte wählen Sie eine Gruppe."), field="group")
    return invite_person(
        team,
        kind="guide.team",
        email=email,
        actor=actor,
        details={"group": group, "is_manager": bool(is_manager)},
    )


def join_team(team, invitation, user) -> str:
    """The invited person accepted: they join in the group the invitation names (once)."""
    details = invitation.details or {}
    group = details.get("group") if details.get("group") in Group.values else Group.EHRENAMT
    try:
        with transaction.atomic():
            _member, created = TeamMember.objects.get_or_create(
                team=team,
                user=user,
                defaults={"group": group, "is_manager": bool(details.get("is_manager"))},
            )
    except IntegrityError:
        created = False
    if created:
        _log_team(team, "guide.team.member_added", actor=user, person=user)
    return team.get_absolute_url()


def remove_team_member(member, *, actor) -> None:
    team = member.team
    require(actor, "guide.manage_team", team)
    if member.is_manager and team.members.filter(is_manager=True).count() == 1:
        raise DomainError(_("Das Team braucht mindestens eine Person, die den Check leitet."))
    with transaction.atomic():
        member.delete()
        _log_team(team, "guide.team.member_removed", actor=actor, person=member.user_id)


# --- Rounds and answer links ----------------------------------------------------------------


def start_round(team, *, actor) -> CheckRound:
    require(actor, "guide.manage_team", team)
    questionnaire = current_questionnaire()
    if questionnaire is None:
        raise DomainError(_("Es ist noch kein Fragebogen veröffentlicht."))
    with transaction.atomic():
        lock_row(Team, team.pk)
        if team.rounds.filter(status=CheckRound.Status.OPEN).exists():
            raise DomainError(
                _("Es läuft schon eine Runde. Schließen Sie sie, bevor Sie eine neue beginnen.")
            )
        last = team.rounds.order_by("-number").first()
        check_round = CheckRound.objects.create(
            team=team, questionnaire=questionnaire, number=(last.number + 1) if last else 1
        )
        _log_team(team, "guide.round.started", actor=actor, data={"round": check_round.number})
        return check_round


def close_round(check_round, *, actor) -> CheckRound:
    require(actor, "guide.manage_team", check_round.team)
    check_round.status = CheckRound.Status.CLOSED
    check_round.closed_at = timezone.now()
    with transaction.atomic():
        check_round.save(update_fields=["status", "closed_at"])
        _log_team(
            check_round.team,
            "guide.round.closed",
            actor=actor,
            data={"round": check_round.number},
        )
    return check_round


def create_answer_links(check_round, *, group, count, valid_days, actor) -> list[str]:
    """``count`` single-use tokens for ``group``; the tokens are returned once, never stored."""
    require(actor, "guide.manage_team", check_round.team)
    if check_round.status != CheckRound.Status.OPEN:
        raise DomainError(_("Diese Runde ist abgeschlossen."))
    if group not in Group.values:
        raise InvalidInput(_("Bitte wählen Sie eine Gruppe."), field="group")
    if not 1 <= count <= MAX_LINKS_PER_REQUEST:
        raise InvalidInput(
            _("Bitte erzeugen Sie zwischen 1 und %(max)s Links.") % {"max": MAX_LINKS_PER_REQUEST},
            field="count",
        )
    expires_at = timezone.now() + timedelta(days=valid_days)
    tokens = [new_token(nbytes=24) for _i in range(count)]
    with transaction.atomic():
        Invitation.objects.bulk_create(
            Invitation(
                check_round=check_round, group=group, token_hash=token_hash, expires_at=expires_at
            )
            for _raw, token_hash in tokens
        )
        _log_team(
            check_round.team,
            "guide.round.links_created",
            actor=actor,
            data={"round": check_round.number, "count": count},
        )
    return [raw for raw, _hash in tokens]


def max_mailed_links_per_round() -> int:
    """A ceiling against misuse of the platform as a mail relay (setting, default 500)."""
    return int(guide_setting("CHECK_MAX_MAILED_LINKS_PER_ROUND", 500))


def max_mailed_links_per_day() -> int:
    """The same ceiling per sender and day, across all their rounds (setting, default 500)."""
    return int(guide_setting("CHECK_MAX_MAILED_LINKS_PER_DAY", 500))


def _sent_today_key(actor) -> str:
    return f"guide:mailed-links:{actor.pk}:{timezone.localdate().isoformat()}"


def _reserve_daily_mails(actor, count: int) -> None:
    """Count ``count`` mails against the sender's day in the shared cache (Redis in
    production), refusing what would pass the ceiling."""
    key = _sent_today_key(actor)
    used = count_in_window(key, count, window=60 * 60 * 25)
    if used > max_mailed_links_per_day():
        uncount(key, count)
        raise DomainError(
            _(
                "Heute können Sie noch %(n)s Links per E-Mail verschicken. Erzeugen Sie weitere "
                "Links zum Kopieren oder versuchen Sie es morgen wieder."
            )
            % {"n": max(0, max_mailed_links_per_day() - (used - count))},
            field="emails",
        )


def clean_addresses(addresses) -> list[str]:
    """Validated e-mail addresses, duplicates (ignoring case) and blanks removed, order kept.

    ``addresses`` is a text (one address per line; commas and semicolons also separate) or
    a list of strings. Raises ``InvalidInput`` naming every invalid address.
    """
    if isinstance(addresses, str):
        addresses = re.split(r"[\n\r,;]+", addresses)
    unique, seen, invalid = [], set(), []
    for raw in addresses:
        address = (raw or "").strip()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            invalid.append(address)
            continue
        if address.lower() not in seen:
            seen.add(address.lower())
            unique.append(address)
    if invalid:
        raise InvalidInput(
            _("Diese Angaben sind keine gültigen E-Mail-Adressen: %(list)s")
            % {"list": ", ".join(invalid)},
            field="emails",
        )
    if not unique:
        raise InvalidInput(_("Bitte geben Sie mindestens eine E-Mail-Adresse ein."), field="emails")
    if len(unique) > MAX_MAILED_LINKS_PER_REQUEST:
        raise InvalidInput(
            _(
                "Bitte geben Sie höchstens %(max)s Adressen auf einmal ein (Sie haben %(n)s "
                "verschiedene eingegeben)."
            )
            % {"max": MAX_MAILED_LINKS_PER_REQUEST, "n": len(unique)},
            field="emails",
        )
    return unique


def mail_answer_links(check_round, *, emails, group, valid_days, language="de", actor) -> int:
    """Send every address its own single-use answer link; return how many went out.

    Anonymity: the addresses live only in this call and in the queued mails. No address is
    stored with the invitation, the round or the answers; the round keeps just the number
    of links sent by mail. The manager never sees the links, and the addresses are paired
    with the new invitations in random order, so not even the order typed matches the
    order of the invitation rows.
    """
    require(actor, "guide.manage_team", check_round.team)
    addresses = clean_addresses(emails)
    if language not in MAIL_LANGUAGES:
        raise InvalidInput(_("Bitte wählen Sie eine Sprache."), field="language")
    with transaction.atomic():
        locked = lock_row(CheckRound, check_round.pk)
        if locked.mailed_links + len(addresses) > max_mailed_links_per_round():
            raise DomainError(
                _(
                    "In dieser Runde können Sie noch %(n)s Links per E-Mail verschicken. Erzeugen "
                    "Sie weitere Links zum Kopieren oder wenden Sie sich an den Support."
                )
                % {"n": max(0, max_mailed_links_per_round() - locked.mailed_links)},
                field="emails",
            )
        _reserve_daily_mails(actor, len(addresses))
        try:
            tokens = create_answer_links(
                check_round, group=group, count=len(addresses), valid_days=valid_days, actor=actor
            )
        except Exception:
            uncount(_sent_today_key(actor), len(addresses))  # nothing goes out
            raise
        random.SystemRandom().shuffle(addresses)
        team = check_round.team
        context = {
            "team": team.name,
            "organization": team.organization.name if team.organization_id else "",
            "agency": team.facilitating_agency.name if team.facilitating_agency_id else "",
            "sender": actor.get_full_name(),
            "group": Group(group).label,
            "expires_on": timezone.localdate(timezone.now() + timedelta(days=valid_days)),
            "about_url": settings.SITE_URL + reverse("guide:check"),
            "threshold": min_group_size(),
        }
        for address, token in zip(addresses, tokens, strict=True):
            queue_mail(
                "guide/mail/answer_link",
                {**context, "link": settings.SITE_URL + reverse("guide:answer", args=[token])},
                to=address,
                language=language,
                reply_to=[actor.email],
            )
        CheckRound.objects.filter(pk=check_round.pk).update(
            mailed_links=F("mailed_links") + len(addresses)
        )
        # The number only: addresses are never stored (see the docstring).
        _log_team(
            team,
            "guide.round.links_mailed",
            actor=actor,
            data={"round": check_round.number, "count": len(addresses)},
        )
    check_round.mailed_links = locked.mailed_links + len(addresses)
    return len(addresses)


class LinkUnusable(DomainError):
    """An answer link that is unknown, used, expired or belongs to a closed round."""

    status_code = 410

    def __init__(self, message, *, reason):
        super().__init__(message, code=reason)
        self.reason = reason


def invitation_for_token(token: str) -> Invitation:
    invitation = find_by_token(
        Invitation.objects.select_related("check_round__team", "check_round__questionnaire"), token
    )
    if invitation is None:
        raise LinkUnusable(
            _("Diesen Antwortlink kennen wir nicht. Bitte prüfen Sie, ob er vollständig ist."),
            reason="unknown",
        )
    if invitation.used_at is not None:
        raise LinkUnusable(
            _("Mit diesem Link wurde schon geantwortet. Jeder Link gilt nur einmal."),
            reason="used",
        )
    if invitation.expires_at <= timezone.now():
        raise LinkUnusable(
            _("Dieser Antwortlink ist abgelaufen. Bitten Sie um einen neuen Link."),
            reason="expired",
        )
    if invitation.check_round.status != CheckRound.Status.OPEN:
        raise LinkUnusable(_("Diese Runde ist abgeschlossen."), reason="closed")
    return invitation


def response_for_invitation(invitation) -> Response:
    response = Response.objects.filter(invitation=invitation).first()
    return response or Response(
        check_round=invitation.check_round, group=invitation.group, invitation=invitation
    )


def response_for_member(check_round, *, user) -> Response:
    """The (draft) response of a team member answering with their account."""
    member = check_round.team.members.filter(user=user).first()
    if member is None:
        raise NotFound(_("Nicht gefunden."))
    if check_round.status != CheckRound.Status.OPEN:
        raise DomainError(_("Diese Runde ist abgeschlossen."), code="closed")
    if Participation.objects.filter(check_round=check_round, user=user).exists():
        raise DomainError(_("Sie haben in dieser Runde schon geantwortet."), code="used")
    response = Response.objects.filter(check_round=check_round, user=user).first()
    return response or Response(check_round=check_round, group=member.group, user=user)


def save_answers(response: Response, *, values: dict[int, int], submit: bool) -> Response:
    """Keep the given answers (statement id -> 1..5); ``submit`` finishes the response.

    Submitting needs every statement answered; it cuts the tie to token or account.
    """
    statements = set(
        Statement.objects.filter(
            dimension__questionnaire_id=response.check_round.questionnaire_id
        ).values_list("pk", flat=True)
    )
    clean = {pk: v for pk, v in values.items() if pk in statements and v in range(1, 6)}
    with transaction.atomic():
        if response.invitation_id:
            invitation = lock_row(Invitation, response.invitation_id)
            if invitation.used_at is not None:
                raise LinkUnusable(
                    _("Mit diesem Link wurde schon geantwortet. Jeder Link gilt nur einmal."),
                    reason="used",
                )
        if response.pk is None:
            try:
                with transaction.atomic():
                    response.save()
            except IntegrityError as exc:
                raise DomainError(_("Ihre Antworten wurden schon gespeichert.")) from exc
        existing = {a.statement_id: a for a in response.answers.all()}
        changed = []
        for pk, value in clean.items():
            if pk in existing:
                if existing[pk].value != value:
                    existing[pk].value = value
                    changed.append(existing[pk])
            else:
                existing[pk] = Answer.objects.create(
                    response=response, statement_id=pk, value=value
                )
        if changed:
            Answer.objects.bulk_update(changed, ["value"])
        if not submit:
            return response
        missing = statements - set(existing)
        if missing:
            raise InvalidInput(
                _("Bitte beantworten Sie alle Aussagen. Es fehlen noch %(n)s.")
                % {"n": len(missing)}
            )
        if response.invitation_id:
            Invitation.objects.filter(pk=response.invitation_id).update(used_at=timezone.now())
        if response.user_id:
            Participation.objects.create(check_round=response.check_round, user_id=response.user_id)
        response.invitation = None
        response.user = None
        response.submitted_on = timezone.localdate()
        response.save(update_fields=["invitation", "user", "submitted_on"])
    return response


# --- Action plan ----------------------------------------------------------------------------


def add_measure(team, *, title, owner, due_date=None, dimension_key="", check_round=None, actor):
    require(actor, "guide.manage_team", team)
    if not (title or "").strip():
        raise InvalidInput(_("Bitte beschreiben Sie die Maßnahme."), field="title")
    if not (owner or "").strip():
        raise InvalidInput(_("Bitte nennen Sie, wer verantwortlich ist."), field="owner")
    if check_round is not None and check_round.team_id != team.pk:
        raise NotFound(_("Nicht gefunden."))
    with transaction.atomic():
        measure = Measure.objects.create(
            team=team,
            title=title.strip(),
            owner=owner.strip(),
            due_date=due_date,
            dimension_key=dimension_key or "",
            check_round=check_round,
        )
        _log_team(team, "guide.measure.added", actor=actor, data={"measure": measure.title})
    return measure


def set_measure_status(measure, *, status, actor) -> Measure:
    require(actor, "guide.manage_team", measure.team)
    if status not in Measure.Status.values:
        raise InvalidInput(_("Bitte wählen Sie einen gültigen Status."), field="status")
    old_status = measure.status
    measure.status = status
    with transaction.atomic():
        measure.save(update_fields=["status", "updated_at"])
        _log_team(
            measure.team,
            "guide.measure.status_changed",
            actor=actor,
            data={"measure": measure.title, "status": change(old_status, status)},
        )
    return measure


def delete_measure(measure, *, actor) -> None:
    require(actor, "guide.manage_team", measure.team)
    with transaction.atomic():
        measure.delete()
        _log_team(
            measure.team, "guide.measure.deleted", actor=actor, data={"measure": measure.title}
        )
