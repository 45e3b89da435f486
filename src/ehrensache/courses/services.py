"""Every write that matters for courses. One transaction each, permission-checked.

Seats are scarce: ``register_for_course``, cancellations, offers and manual moves lock the
course row (``core.locking.lock_row``) before they count, then write. The partial unique
constraint on ``Registration`` backs it up. Mails are queued inside the transaction and sent
by a background task after the commit.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Min, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ehrensache.audit.services import change, log_action
from ehrensache.core import search
from ehrensache.core.dates import format_day
from ehrensache.core.errors import DomainError, Forbidden, InvalidInput
from ehrensache.core.locking import lock_row
from ehrensache.core.mail import Attachment, queue_mail
from ehrensache.core.permissions import can, require
from ehrensache.notifications.services import notify

from . import calendars
from .models import (
    Attendance,
    Completion,
    Course,
    Registration,
    Session,
    search_parts,
)

Status = Registration.Status
DEFAULT_OFFER_HOURS = 48
STAFF_ONLY = gettext_lazy("Nur die Mitarbeitenden des Anbieters dürfen das.")


# --- helpers ---------------------------------------------------------------------------------


def offer_hours(course) -> int:
    if course.offer_hours:
        return course.offer_hours
    return int(settings.EHRENSACHE.get("COURSE_OFFER_HOURS", DEFAULT_OFFER_HOURS))


def cancellation_deadline(course):
    return course.cancellation_deadline or course.starts_at


def _log(registration, action, *, before="", actor=None, reason=""):
    """A registration's history entry (shown on the participant page and to the person)."""
    course = registration.course
    data = {"status": change(before, registration.status)}
    if reason:
        data["reason"] = reason
    log_action(
        registration,
        f"courses.registration.{action}",
        actor=actor,
        person=registration.person_id,
        organization_id=course.organization_id,
        agency_id=course.agency_id,
        object_repr=course.title,
        data=data,
    )


def _log_course(course, action, *, actor, data=None):
    log_action(course, f"courses.course.{action}", actor=actor, data=data)


def _seats_taken(course) -> int:
    return course.registrations.filter(status__in=Registration.HOLDS_SEAT).count()


def _mail_context(registration, *, sessions=None, **extra):
    """``sessions``: pass the course's sessions when mailing many people (one query)."""
    course = registration.course
    return {
        "person": registration.person,
        "course": course,
        "registration": registration,
        "sessions": list(course.sessions.all()) if sessions is None else sessions,
        "course_url": settings.SITE_URL + course.get_absolute_url(),
        "account_url": settings.SITE_URL + reverse("accounts:profile"),
        **extra,
    }


def _mail(registration, prefix, *, ics=False, kind=None, **extra):
    person = registration.person
    attachments = []
    if ics:
        attachments.append(
            Attachment(
                "kurs.ics",
                calendars.course_calendar(registration.course),
                "text/calendar; charset=utf-8",
            )
        )
    if kind is not None:  # the person chose how (notifications)
        notify(
            person,
            kind,
            f"courses/mail/{prefix}",
            _mail_context(registration, **extra),
            attachments=attachments,
        )
        return
    queue_mail(
        f"courses/mail/{prefix}",
        _mail_context(registration, **extra),
        to=person.email,
        language=person.preferred_language or "de",
        attachments=attachments,
    )


def _refresh_dates(course):
    bounds = course.sessions.aggregate(first=Min("starts_at"), last=Max("ends_at"))
    course.starts_at, course.ends_at = bounds["first"], bounds["last"]
    course.save(update_fields=["starts_at", "ends_at", "updated_at"])


# --- courses ---------------------------------------------------------------------------------

COURSE_FIELDS = [
    "title",
    "description",
    "category",
    "target_group",
    "prerequisites",
    "capacity",
    "fee_cents",
    "venue_name",
    "street",
    "postal_code",
    "city",
    "is_online",
    "accessibility",
    "wheelchair_accessible",
    "registration_opens_at",
    "registration_closes_at",
    "cancellation_deadline",
    "offer_hours",
    "completion_percent",
    "contact_name",
    "contact_email",
    "contact_phone",
]


def _place_course(course):
    """District and coordinates from the postal code (for district and radius search)."""
    from .queries import locate_postal_code

    course.district = None
    course.latitude = course.longitude = None
    if course.postal_code:
        from ehrensache.regions.models import PostalCode

        row = (
            PostalCode.objects.filter(code=course.postal_code)
            .order_by("is_large_customer", "pk")
            .select_related("district")
            .first()
        )
        if row is not None:
            course.district = row.district
        point = locate_postal_code(course.postal_code)
        if point is not None:
            course.latitude, course.longitude = point


def _fill_search_fields(course) -> None:
    parts = search_parts(
        title=course.title,
        description=course.description,
        category=course.category,
        provider_name=course.provider_name,
        target_group=course.target_group,
        city=course.city,
    )
    course.search_document = search.document(*parts)
    course.search_stems = search.stems(*parts)


def refresh_search_fields(course) -> None:
    """Fill ``search_document`` / ``search_stems`` from the course's current texts."""
    _fill_search_fields(course)
    Course.objects.filter(pk=course.pk).update(
        search_document=course.search_document, search_stems=course.search_stems
    )


def refresh_provider_search_fields(*, agency=None, organization=None) -> int:
    """After an agency or organization is renamed: its name is in each of its courses' search
    columns. Called by the renaming services in the same transaction; returns the count.

    (Completions keep the provider name of the day they were issued, on purpose.)
    """
    if (agency is None) == (organization is None):
        raise ValueError("Pass exactly one of agency or organization.")
    courses = list(
        Course.objects.filter(agency=agency)
        if agency is not None
        else Course.objects.filter(organization=organization)
    )
    provider = agency if agency is not None else organization
    for course in courses:
        # The renamed instance, so the new name counts even before it is re-read.
        setattr(course, "agency" if agency is not None else "organization", provider)
        _fill_search_fields(course)
    Course.objects.bulk_update(courses, ["search_document", "search_stems"], batch_size=500)
    return len(courses)


def create_course(
    *, provider_kind, agency=None, organization=None, network_state=None, data, first_session, actor
) -> Course:
    course = Course(
        provider_kind=provider_kind,
        agency=agency,
        organization=organization,
        network_state=network_state,
        created_by=actor,
    )
    require(actor, "courses.create_course", message=STAFF_ONLY)
    if not can(actor, "courses.manage_course", course):
        raise Forbidden(STAFF_ONLY)
    for name in COURSE_FIELDS:
        if name in data:
            setattr(course, name, data[name])
    _place_course(course)
    with transaction.atomic():
        course.save()
        if first_session:
            _create_session(course, **first_session)
        _refresh_dates(course)
        refresh_search_fields(course)
        _log_course(course, "created", actor=actor)
    return course


def update_course(course, *, data, actor) -> Course:
    require(actor, "courses.manage_course", course, message=STAFF_ONLY)
    with transaction.atomic():
        course = lock_row(Course, course.pk)
        if course.status in (Course.Status.CANCELLED, Course.Status.CLOSED):
            raise DomainError(
                _("Abgesagte oder abgeschlossene Kurse können nicht geändert werden.")
            )
        new_capacity = data.get("capacity", course.capacity)
        if new_capacity < _seats_taken(course):
            raise InvalidInput(
                _("Es sind bereits mehr Plätze vergeben, als Sie eintragen wollen."),
                field="capacity",
            )
        for name in COURSE_FIELDS:
            if name in data:
                setattr(course, name, data[name])
        _place_course(course)
        _check_opens_before_first_session(course)
        course.save()
        refresh_search_fields(course)
        _log_course(course, "changed", actor=actor, data={"fields": sorted(data)})
        _offer_free_seats(course, actor=actor)
    return course


def _check_window(course, first_start) -> None:
    """Registration opens before the course starts (a session before it could not be booked)."""
    opens = course.registration_opens_at
    if opens and first_start and first_start < opens:
        raise InvalidInput(
            _("Die Anmeldung beginnt erst am %(date)s, nach diesem Termin.")
            % {"date": format_day(timezone.localtime(opens).date())},
            field="starts_at",
        )


def _check_opens_before_first_session(course) -> None:
    first = course.sessions.order_by("starts_at").values_list("starts_at", flat=True).first()
    opens = course.registration_opens_at
    if first is not None and opens and first < opens:
        raise InvalidInput(
            _("Die Anmeldung muss vor dem ersten Termin beginnen."),
            field="registration_opens_at",
        )


def _check_session(*, starts_at, ends_at, teaching_units, now=None):
    if starts_at <= (now or timezone.now()):
        raise InvalidInput(
            _(
                "Ein Termin kann nicht in der Vergangenheit liegen. Bitte wählen Sie ein späteres Datum."
            ),
            field="date",
        )
    if ends_at <= starts_at:
        raise InvalidInput(_("Ein Termin muss nach seinem Beginn enden."), field="ends_at")
    if teaching_units is None or teaching_units <= 0:
        raise InvalidInput(
            _("Bitte geben Sie die Unterrichtseinheiten des Termins an."), field="teaching_units"
        )


def _create_session(
    course, *, starts_at, ends_at, teaching_units, place="", online_url="", notes="", now=None
):
    _check_session(starts_at=starts_at, ends_at=ends_at, teaching_units=teaching_units, now=now)
    _check_window(course, starts_at)
    return Session.objects.create(
        course=course,
        starts_at=starts_at,
        ends_at=ends_at,
        teaching_units=teaching_units,
        place=place,
        online_url=online_url,
        notes=notes,
    )


def add_session(course, *, actor, **fields) -> Session:
    require(actor, "courses.manage_course", course, message=STAFF_ONLY)
    if course.status in (Course.Status.CANCELLED, Course.Status.CLOSED):
        raise DomainError(_("Abgesagte oder abgeschlossene Kurse können nicht geändert werden."))
    with transaction.atomic():
        session = _create_session(course, **fields)
        _refresh_dates(course)
        _log_course(course, "session_added", actor=actor, data={"session_id": session.pk})
    return session


SESSION_FIELDS = ("starts_at", "ends_at", "teaching_units", "place", "online_url", "notes")
# What a participant plans around: a change of these is mailed to everyone registered.
SESSION_MAILED_FIELDS = ("starts_at", "ends_at", "place", "online_url")
# What the session's calendar event shows: a change raises its SEQUENCE.
SESSION_EVENT_FIELDS = (*SESSION_MAILED_FIELDS, "notes")


def update_session(session, *, actor, now=None, **fields) -> Session:
    """Change a session in place (same calendar UID). Returns the session.

    A session that has begun stays as it is; the new time must lie in the future. A change
    of date, time, place or online link raises the event's SEQUENCE and is mailed to
    everyone registered (confirmed, offered, waiting), with the updated .ics attached.
    """
    now = now or timezone.now()
    course = session.course
    require(actor, "courses.manage_course", course, message=STAFF_ONLY)
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise InvalidInput(_("Unbekannte Felder: %s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        course = lock_row(Course, course.pk)
        if course.status in (Course.Status.CANCELLED, Course.Status.CLOSED):
            raise DomainError(
                _("Abgesagte oder abgeschlossene Kurse können nicht geändert werden.")
            )
        session = Session.objects.select_for_update().get(pk=session.pk, course=course)
        if session.starts_at <= now:
            raise DomainError(
                _("Dieser Termin hat schon begonnen und kann nicht mehr geändert werden.")
            )
        new = {name: fields.get(name, getattr(session, name)) for name in SESSION_FIELDS}
        new["place"] = (new["place"] or "").strip()
        new["notes"] = (new["notes"] or "").strip()
        _check_session(
            starts_at=new["starts_at"],
            ends_at=new["ends_at"],
            teaching_units=new["teaching_units"],
            now=now,
        )
        _check_window(course, new["starts_at"])
        changed = {name for name in SESSION_FIELDS if new[name] != getattr(session, name)}
        if not changed:
            return session
        before = {name: getattr(session, name) for name in SESSION_FIELDS}
        for name in changed:
            setattr(session, name, new[name])
        if changed & set(SESSION_EVENT_FIELDS):
            session.sequence += 1
        session.save(update_fields=[*sorted(changed), "sequence"])
        first_start = course.starts_at
        _refresh_dates(course)
        if course.starts_at != first_start:
            # The reminder speaks of the first date: remind again for the new one.
            course.registrations.update(reminder_sent_at=None)
        if changed & set(SESSION_MAILED_FIELDS):
            _mail_session_change(course, session, before=before, changed=changed)
        _log_course(
            course,
            "session_changed",
            actor=actor,
            data={"session_id": session.pk, "fields": sorted(changed)},
        )
    return session


def _session_place(course, *, place, online_url) -> str:
    if online_url:
        return online_url
    if place:
        return place
    return calendars.venue(course)


def _mail_session_change(course, session, *, before, changed):
    registrations = course.registrations.filter(status__in=Registration.ACTIVE).select_related(
        "person"
    )
    if not registrations:
        return
    ics = calendars.course_calendar(course)
    extra = {
        "session": session,
        "old_starts_at": before["starts_at"],
        "old_ends_at": before["ends_at"],
        "old_place": _session_place(course, place=before["place"], online_url=before["online_url"]),
        "new_place": _session_place(course, place=session.place, online_url=session.online_url),
        "time_changed": bool(changed & {"starts_at", "ends_at"}),
        "place_changed": bool(changed & {"place", "online_url"}),
        "sessions": list(course.sessions.all()),
    }
    for registration in registrations:
        registration.course = course
        notify(
            registration.person,
            "courses.session_changed",
            "courses/mail/session_changed",
            _mail_context(registration, **extra),
            attachments=[Attachment("kurs.ics", ics, "text/calendar; charset=utf-8")],
        )


def remove_session(session, *, actor) -> None:
    course = session.course
    require(actor, "courses.manage_course", course, message=STAFF_ONLY)
    if session.attendances.exists():
        raise DomainError(_("Für diesen Termin ist schon Anwesenheit erfasst."))
    if course.sessions.count() == 1 and course.status != Course.Status.DRAFT:
        raise DomainError(_("Ein veröffentlichter Kurs braucht mindestens einen Termin."))
    with transaction.atomic():
        session_id = session.pk
        session.delete()
        _refresh_dates(course)
        _log_course(course, "session_removed", actor=actor, data={"session_id": session_id})


def publish_course(course, *, actor) -> Course:
    require(actor, "courses.manage_course", course, message=STAFF_ONLY)
    if course.status != Course.Status.DRAFT:
        raise DomainError(_("Nur Entwürfe können veröffentlicht werden."))
    if not course.sessions.exists():
        raise DomainError(_("Legen Sie zuerst mindestens einen Termin an."))
    with transaction.atomic():
        course.status = Course.Status.PUBLISHED
        course.save(update_fields=["status", "updated_at"])
        _log_course(course, "published", actor=actor)
    return course


def cancel_course(course, *, reason, actor) -> Course:
    require(actor, "courses.manage_course", course, message=STAFF_ONLY)
    if not (reason or "").strip():
        raise InvalidInput(_("Bitte geben Sie einen Grund an."), field="reason")
    with transaction.atomic():
        course = lock_row(Course, course.pk)
        if course.status in (Course.Status.CANCELLED, Course.Status.CLOSED):
            raise DomainError(_("Dieser Kurs ist bereits abgesagt oder abgeschlossen."))
        course.status = Course.Status.CANCELLED
        course.save(update_fields=["status", "updated_at"])
        _log_course(course, "cancelled", actor=actor, data={"reason": reason.strip()})
        # Calendars take the cancelled events as a new version of the same UIDs.
        course.sessions.update(sequence=F("sequence") + 1)
        for registration in course.registrations.filter(
            status__in=Registration.ACTIVE
        ).select_related("person", "course"):
            before = registration.status
            registration.status = Status.CANCELLED
            registration.offer_expires_at = None
            registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
            _log(registration, "course_cancelled", before=before, actor=actor, reason=reason)
            _mail(registration, "course_cancelled", reason=reason)
    return course


# --- registration and waiting list -----------------------------------------------------------


def _check_open_for_registration(course, now):
    if course.status == Course.Status.CANCELLED:
        raise DomainError(_("Dieser Kurs wurde abgesagt."), code="course_cancelled")
    if course.status != Course.Status.PUBLISHED:
        raise DomainError(_("Für diesen Kurs ist keine Anmeldung möglich."), code="not_open")
    if course.starts_at is None or course.starts_at <= now:
        raise DomainError(_("Dieser Kurs hat bereits begonnen."), code="course_started")
    if course.registration_opens_at and now < course.registration_opens_at:
        raise DomainError(
            _("Die Anmeldung ist erst ab %(date)s möglich.")
            % {"date": timezone.localtime(course.registration_opens_at).strftime("%d.%m.%Y %H:%M")},
            code="window_not_open",
        )
    if course.registration_closes_at and now > course.registration_closes_at:
        raise DomainError(_("Der Anmeldeschluss ist vorbei."), code="window_closed")


def register_for_course(course, *, person, actor=None, on_behalf_of=None, now=None) -> Registration:
    """Take a seat or a place on the waiting list, in one transaction on the locked course."""
    actor = actor or person
    now = now or timezone.now()
    if not person.is_authenticated or not person.is_active:
        raise Forbidden(_("Bitte melden Sie sich zuerst an."))
    if actor.pk != person.pk:
        from .queries import volunteers_of_organization

        if (
            on_behalf_of is None
            or not can(actor, "courses.register_others", on_behalf_of)
            or not volunteers_of_organization(on_behalf_of).filter(pk=person.pk).exists()
        ):
            raise Forbidden(_("Sie können nur Engagierte Ihrer eigenen Einsatzstelle anmelden."))
    try:
        with transaction.atomic():
            course = lock_row(Course, course.pk)
            _check_open_for_registration(course, now)
            if course.registrations.filter(person=person, status__in=Registration.ACTIVE).exists():
                raise DomainError(
                    _("Sie sind für diesen Kurs bereits angemeldet."), code="already_registered"
                )
            registration = Registration(
                course=course,
                person=person,
                registered_by=actor,
                on_behalf_of=on_behalf_of,
            )
            if _seats_taken(course) < course.capacity:
                registration.status = Status.CONFIRMED
            else:
                # The course row is locked: nobody else can move the counter meanwhile.
                course.waitlist_counter += 1
                course.save(update_fields=["waitlist_counter"])
                registration.status = Status.WAITLISTED
                registration.waitlist_rank = course.waitlist_counter
            registration.save()
            registration.course = course
            _log(registration, "created", actor=actor)
    except IntegrityError as exc:  # the constraint backs up the check above
        raise DomainError(
            _("Sie sind für diesen Kurs bereits angemeldet."), code="already_registered"
        ) from exc
    # Mail is rendered after the lock is released (sent after the commit of any outer
    # transaction): the locked section stays as short as possible.
    if registration.status == Status.CONFIRMED:
        _mail(registration, "confirmed", ics=True)
    else:
        from .queries import waiting_position

        _mail(registration, "waitlisted", position=waiting_position(registration))
    return registration


def _offer_free_seats(course, *, actor=None, now=None):
    """Offer free seats to the first people on the waiting list. Course must be locked."""
    now = now or timezone.now()
    if course.status != Course.Status.PUBLISHED or (course.starts_at and course.starts_at <= now):
        return []
    free = course.capacity - _seats_taken(course)
    if free <= 0:
        return []
    offered = []
    deadline = now + timedelta(hours=offer_hours(course))
    if course.starts_at:
        deadline = min(deadline, course.starts_at)
    queue = course.registrations.filter(status=Status.WAITLISTED).select_related("person")
    for registration in queue.order_by("waitlist_rank", "pk")[:free]:
        registration.status = Status.OFFERED
        registration.offer_expires_at = deadline
        registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
        registration.course = course
        _log(registration, "offered", before=Status.WAITLISTED, actor=actor)
        _mail(
            registration,
            "offer",
            confirm_url=settings.SITE_URL + reverse("courses:registration", args=[registration.pk]),
        )
        offered.append(registration)
    return offered


def cancel_registration(registration, *, actor, reason="", now=None) -> Registration:
    """The person cancels (until the deadline) or staff remove them (with a reason)."""
    now = now or timezone.now()
    course = registration.course
    by_staff = actor.pk != registration.person_id
    if by_staff:
        require(actor, "courses.manage_registration", registration, message=STAFF_ONLY)
        if not (reason or "").strip():
            raise InvalidInput(_("Bitte geben Sie einen Grund an."), field="reason")
    with transaction.atomic():
        course = lock_row(Course, course.pk)
        registration = Registration.objects.select_related("person").get(pk=registration.pk)
        if registration.status not in Registration.ACTIVE:
            raise DomainError(_("Diese Anmeldung ist nicht mehr aktiv."), code="not_active")
        deadline = cancellation_deadline(course)
        if (
            not by_staff
            and registration.status == Status.CONFIRMED
            and deadline is not None
            and now > deadline
        ):
            raise DomainError(
                _("Die Frist für die Abmeldung ist vorbei. Bitte wenden Sie sich an den Anbieter."),
                code="deadline_passed",
            )
        before = registration.status
        registration.status = Status.CANCELLED
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
        registration.course = course
        _log(registration, "cancelled", before=before, actor=actor, reason=reason)
        if by_staff:
            _mail(registration, "cancelled", reason=reason)
        if before in Registration.HOLDS_SEAT:
            _offer_free_seats(course, actor=actor, now=now)
    return registration


def confirm_offer(registration, *, actor, now=None) -> Registration:
    now = now or timezone.now()
    require(actor, "courses.answer_offer", registration)
    with transaction.atomic():
        course = lock_row(Course, registration.course_id)
        registration = Registration.objects.select_related("person").get(pk=registration.pk)
        if registration.status == Status.CONFIRMED:
            raise DomainError(_("Ihr Platz ist bereits bestätigt."), code="already_confirmed")
        if registration.status != Status.OFFERED:
            raise DomainError(_("Für Sie liegt kein Platzangebot vor."), code="no_offer")
        if registration.offer_expires_at <= now:
            raise DomainError(
                _("Das Angebot ist abgelaufen; der Platz geht an die nächste Person."),
                code="offer_expired",
            )
        registration.status = Status.CONFIRMED
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
        registration.course = course
        _log(registration, "offer_confirmed", before=Status.OFFERED, actor=actor)
        _mail(registration, "confirmed", ics=True)
    return registration


def expire_offers(*, now=None) -> int:
    """Offers past their deadline expire; the seat goes to the next person. Idempotent."""
    now = now or timezone.now()
    course_ids = set(
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now).values_list(
            "course_id", flat=True
        )
    )
    expired = 0
    for course_id in sorted(course_ids):
        with transaction.atomic():
            course = lock_row(Course, course_id)
            due = course.registrations.filter(
                status=Status.OFFERED, offer_expires_at__lte=now
            ).select_related("person")
            for registration in due:
                registration.status = Status.EXPIRED
                registration.save(update_fields=["status", "updated_at"])
                registration.course = course
                _log(registration, "offer_expired", before=Status.OFFERED)
                _mail(registration, "offer_expired")
                expired += 1
            _offer_free_seats(course, now=now)
    return expired


def move_registration(registration, *, action, reason, actor, now=None) -> Registration:
    """Staff move someone by hand: ``confirm`` (onto a free seat) or ``top`` of the list."""
    course = registration.course
    require(actor, "courses.manage_registration", registration, message=STAFF_ONLY)
    if not (reason or "").strip():
        raise InvalidInput(_("Bitte geben Sie einen Grund an."), field="reason")
    if action not in ("confirm", "top"):
        raise InvalidInput(_("Unbekannte Aktion."), field="action")
    with transaction.atomic():
        course = lock_row(Course, course.pk)
        registration = Registration.objects.select_related("person").get(pk=registration.pk)
        before = registration.status
        if action == "confirm":
            if before not in (Status.WAITLISTED, Status.OFFERED):
                raise DomainError(_("Nur Wartende können einen Platz bekommen."))
            free = course.capacity - _seats_taken(course)
            if before != Status.OFFERED and free <= 0:
                raise DomainError(
                    _(
                        "Es ist kein Platz frei. Erhöhen Sie die Platzzahl oder melden Sie jemanden ab."
                    ),
                    code="course_full",
                )
            registration.status = Status.CONFIRMED
            registration.offer_expires_at = None
            registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
            registration.course = course
            _log(registration, "moved_confirmed", before=before, actor=actor, reason=reason)
            _mail(registration, "confirmed", ics=True)
        else:
            if before != Status.WAITLISTED:
                raise DomainError(_("Nur Wartende können nach vorn gesetzt werden."))
            first = course.registrations.filter(status=Status.WAITLISTED).aggregate(
                first=Min("waitlist_rank")
            )["first"]
            if first is not None and first >= registration.waitlist_rank:
                raise DomainError(_("Diese Person steht bereits an erster Stelle."))
            course.registrations.filter(status__in=(Status.WAITLISTED, Status.OFFERED)).update(
                waitlist_rank=F("waitlist_rank") + 1
            )
            registration.waitlist_rank = first
            registration.save(update_fields=["waitlist_rank", "updated_at"])
            _log(registration, "moved_to_top", before=before, actor=actor, reason=reason)
    return registration


# --- running the course ----------------------------------------------------------------------


def record_attendance(session, *, present_ids, actor) -> int:
    course = session.course
    require(actor, "courses.manage_course", course, message=STAFF_ONLY)
    if course.status == Course.Status.CANCELLED:
        raise DomainError(_("Dieser Kurs wurde abgesagt."))
    if course.status == Course.Status.CLOSED:
        raise DomainError(_("Der Kurs ist abgeschlossen; die Anwesenheit ist festgeschrieben."))
    try:
        present_ids = {int(pk) for pk in present_ids}
    except (TypeError, ValueError) as exc:
        raise InvalidInput(_("Ungültige Auswahl.")) from exc
    participants = list(
        course.registrations.filter(status=Status.CONFIRMED).values_list("pk", flat=True)
    )
    unknown = present_ids - set(participants)
    if unknown:
        raise InvalidInput(_("Die Liste enthält Personen, die nicht teilnehmen."))
    with transaction.atomic():
        existing = {a.registration_id: a for a in session.attendances.all()}
        for pk in participants:
            present = pk in present_ids
            record = existing.get(pk)
            if record is None:
                Attendance.objects.create(
                    registration_id=pk, session=session, present=present, recorded_by=actor
                )
            elif record.present != present:
                record.present = present
                record.recorded_by = actor
                record.save(update_fields=["present", "recorded_by", "recorded_at"])
        _log_course(
            course,
            "attendance_recorded",
            actor=actor,
            data={"session_id": session.pk, "present": len(present_ids)},
        )
    return len(present_ids)


def close_course(course, *, actor, now=None) -> list[Completion]:
    """Close the course and issue certificates to everyone who met the completion rule."""
    now = now or timezone.now()
    require(actor, "courses.manage_course", course, message=STAFF_ONLY)
    with transaction.atomic():
        course = lock_row(Course, course.pk)
        if course.status != Course.Status.PUBLISHED:
            raise DomainError(_("Nur laufende, veröffentlichte Kurse können abgeschlossen werden."))
        sessions = list(course.sessions.all())
        if not sessions or sessions[-1].starts_at > now:
            raise DomainError(
                _("Ein Kurs kann erst nach Beginn des letzten Termins abgeschlossen werden.")
            )
        total = sum((s.teaching_units for s in sessions), Decimal("0"))
        course.status = Course.Status.CLOSED
        course.save(update_fields=["status", "updated_at"])
        _log_course(course, "closed", actor=actor)
        completions = []
        registrations = course.registrations.filter(status=Status.CONFIRMED).select_related(
            "person"
        )
        for registration in registrations:
            attended = registration.attendances.filter(present=True).aggregate(
                units=Sum("session__teaching_units")
            )["units"] or Decimal("0")
            if attended <= 0 or attended * 100 < total * course.completion_percent:
                _log(registration, "not_completed", before=registration.status, actor=actor)
                continue
            completion = Completion.objects.create(
                person=registration.person,
                registration=registration,
                course=course,
                category=course.category,
                course_title=course.title,
                provider_name=course.provider_name,
                person_name=registration.person.get_full_name(),
                first_day=timezone.localtime(sessions[0].starts_at).date(),
                last_day=timezone.localtime(sessions[-1].ends_at).date(),
                teaching_units=attended,
                total_units=total,
                issued_by=actor,
            )
            registration.course = course
            _log(registration, "completed", before=registration.status, actor=actor)
            _mail(
                registration,
                "certificate",
                completion=completion,
                certificate_url=settings.SITE_URL
                + reverse("courses:certificate", args=[registration.pk]),
            )
            completions.append(completion)
    return completions


# --- reminders -------------------------------------------------------------------------------


def send_reminders(*, now=None, days=2) -> int:
    """Remind confirmed participants ``days`` before the first session. Idempotent."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        course__status=Course.Status.PUBLISHED,
        course__starts_at__gt=now,
        course__starts_at__lte=now + timedelta(days=days),
    ).select_related("person", "course", "course__agency", "course__organization")
    sent = 0
    for registration in due:
        with transaction.atomic():
            updated = Registration.objects.filter(
                pk=registration.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if updated:
                _mail(registration, "reminder", ics=True, kind="courses.reminder")
                sent += 1
    return sent
