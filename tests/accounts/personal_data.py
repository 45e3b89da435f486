"""One row in every model that holds a person's data, each free text carrying ``marker``.

``populate(person, marker=..., staff=...)`` also makes ``staff`` act on the person's records
(verifies hours, issues certificates …), so that deleting ``staff`` exercises the UNLINKED
references of ``ERASURE``.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from ehrensache.accounts.models import ApiToken, User
from ehrensache.audit.services import log_action
from ehrensache.brokering.models import (
    Conversation,
    FollowUp,
    Interest,
    InterestStatusChange,
    Invitation,
    VolunteerProfile,
)
from ehrensache.core.models import CalendarFeed
from ehrensache.core.tokens import new_token
from ehrensache.courses.models import Attendance, Registration
from ehrensache.engagements.models import (
    AllowancePayment,
    OnboardingCheck,
    OtherAllowance,
    RecordCheckDeletion,
    SeminarDay,
    SupervisionMeeting,
)
from ehrensache.guide.content import ensure_reference_data
from ehrensache.guide.models import (
    Answer,
    CheckRound,
    Participation,
    Questionnaire,
    Response,
    Statement,
    Team,
    TeamMember,
)
from ehrensache.notifications.models import DigestEntry, Preference
from ehrensache.organizations.models import OrganizationInvitation
from ehrensache.recognition.models import Card
from tests.factories import (
    AgencyFactory,
    AgencyMembershipFactory,
    CourseFactory,
    EngagementFactory,
    EngagementProofFactory,
    HoursEntryFactory,
    NetworkMembershipFactory,
    OpportunityFactory,
    OrganizationFactory,
    OrganizationMembershipFactory,
    ProfileFactory,
    RecordCheckFactory,
    ReleaseRequestFactory,
    ShiftFactory,
    ShiftSignupFactory,
)
from tests.recognition.factories import completion, external_training, profile


def populate(person: User, *, marker: str, staff: User) -> None:
    now = timezone.now()
    # accounts, agencies, organizations
    NetworkMembershipFactory(user=person, state=None, title=f"Netzwerk {marker}")
    agency = AgencyFactory(name=f"Agentur {marker}")
    AgencyMembershipFactory(user=person, agency=agency)
    organization = OrganizationFactory(name=f"Verein {marker}")
    OrganizationMembershipFactory(user=person, organization=organization)
    OrganizationInvitation.objects.create(
        organization=organization,
        email=person.email,
        token_hash=new_token()[1],
        invited_by=staff,
        expires_at=now + dt.timedelta(days=7),
        accepted_at=now,
        accepted_by=person,
    )
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
        change_message=f"Konto {marker}",
    )
    LogEntry.objects.create(
        user=person,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(staff.pk),
        object_repr="Änderung durch die Person",
        action_flag=CHANGE,
    )
    # core
    if not CalendarFeed.objects.filter(person=person).exists():
        CalendarFeed.objects.create(person=person, token_hash=new_token()[1])
    # opportunities
    ApiToken.issue(user=person, name=f"Schlüssel {marker}")
    opportunity = OpportunityFactory(
        organization=organization, title=f"Angebot {marker}", contact_person=person
    )
    # brokering
    if not VolunteerProfile.objects.filter(user=person).exists():
        ProfileFactory(user=person, skills=f"Fähigkeiten {marker}")
    conversation = Conversation.objects.create(
        agency=agency,
        staff=staff,
        held_on=dt.date(2025, 2, 1),
        volunteer=person,
        consent=True,
        consent_recorded_at=now,
        wishes=f"Wünsche {marker}",
    )
    interest = Interest.objects.create(
        opportunity=opportunity,
        volunteer=person,
        message=f"Nachricht {marker}",
        status_changed_at=now,
        created_at=now,
        agency=agency,
        conversation=conversation,
        referred_by=staff,
    )
    InterestStatusChange.objects.create(
        interest=interest, status="new", reason=f"Grund {marker}", changed_by=staff, changed_at=now
    )
    FollowUp.objects.create(
        interest=interest,
        agency=agency,
        due_on=dt.date(2025, 3, 15),
        answer="started",
        note=f"Nachfrage {marker}",
        answered_at=now,
        answered_by=staff,
    )
    Invitation.objects.create(
        opportunity=OpportunityFactory(organization=organization),
        volunteer=person,
        invited_by=staff,
        message=f"Einladung {marker}",
        created_at=now,
    )
    # courses
    course = CourseFactory(agency=agency, created_by=staff)
    registration = Registration.objects.create(
        course=course, person=person, status="confirmed", registered_by=staff
    )
    log_action(
        registration,
        "courses.registration.created",
        actor=staff,
        person=person,
        data={"status": {"from": "", "to": "confirmed"}, "reason": f"Anmeldung {marker}"},
    )
    Attendance.objects.create(
        registration=registration, session=course.sessions.first(), present=True, recorded_by=staff
    )
    certificate = completion(person, category="first_aid", units=8, day=dt.date(2025, 4, 1))
    certificate.course_title = f"Erste Hilfe {marker}"
    certificate.issued_by = staff
    certificate.save()
    # engagements
    engagement = EngagementFactory(
        volunteer=person,
        organization=organization,
        opportunity=opportunity,
        role=f"Rolle {marker}",
        coordinator=staff,
        created_by=staff,
        requires_record_check=True,
    )
    OnboardingCheck.objects.create(
        engagement=engagement, title=f"Schritt {marker}", done_on=dt.date(2025, 1, 5), done_by=staff
    )
    RecordCheckFactory(engagement=engagement)
    RecordCheckDeletion.objects.create(
        organization=organization, engagement=engagement, reason="ended", deleted_at=now
    )
    HoursEntryFactory(
        engagement=engagement, activity=f"Vorlesen {marker}", verified_by=staff, verified_at=now
    )
    AllowancePayment.objects.create(
        engagement=engagement,
        kind="ehrenamt",
        activity=f"Pauschale {marker}",
        amount_cents=84000,
        paid_on=dt.date(2025, 12, 1),
        year=2025,
        legal_basis="§ 3 Nr. 26a EStG",
        recorded_by=staff,
    )
    OtherAllowance.objects.update_or_create(
        person=person, year=2025, kind="ehrenamt", defaults={"amount_cents": 12000}
    )
    SeminarDay.objects.create(
        engagement=engagement, date=dt.date(2025, 5, 5), title=f"Seminar {marker}"
    )
    SupervisionMeeting.objects.create(
        engagement=engagement, date=dt.date(2025, 5, 6), minutes=90, recorded_by=staff
    )
    training = external_training(
        person,
        kind="first_aid",
        units=Decimal("9"),
        day=dt.date(2024, 9, 1),
        organization=organization,
    )
    training.title = f"Fortbildung {marker}"
    training.recorded_by = staff
    training.save()
    # recognition
    profile(person)
    Card.objects.create(
        person=person,
        kind="juleica",
        issuer=f"Jugendamt {marker}",
        issued_on=dt.date(2024, 1, 1),
        expires_on=dt.date(2027, 1, 1),
    )
    ReleaseRequestFactory(
        organization=organization,
        leader=person,
        event_title=f"Zeltlager {marker}",
        created_by=staff,
    )
    EngagementProofFactory(engagement=engagement, note=f"Nachweis {marker}", issued_by=staff)
    # shifts
    ShiftSignupFactory(
        person=person,
        shift=ShiftFactory(
            plan__organization=organization, plan__coordinator=staff, title=f"Dienst {marker}"
        ),
    )
    # notifications
    Preference.objects.update_or_create(
        user=person, kind="shifts.reminder", defaults={"delivery": "digest"}
    )
    DigestEntry.objects.create(
        user=person,
        kind="shifts.reminder",
        subject=f"Erinnerung {marker}",
        text=f"Dienst {marker}",
        created_at=now,
    )
    # mailings: a group message she received (written by staff), an opt-out
    from ehrensache.mailings.models import Delivery, Mailing, OptOut

    mailing = Mailing.objects.create(
        audience="shift",
        object_id=1,
        audience_label="Dienst",
        sender_kind="organization",
        sender_id=organization.pk,
        sender_name=organization.name,
        subject=f"Rundnachricht {marker}",
        body="Text",
        author=staff,
        idempotency_key=f"populate-{person.pk}-{marker}-{Mailing.objects.count()}",
    )
    Delivery.objects.create(mailing=mailing, person=person, name=str(person), status="sent")
    OptOut.objects.get_or_create(
        person=person,
        sender_kind="organization",
        sender_id=organization.pk,
        defaults={"sender_name": organization.name},
    )
    # guide
    ensure_reference_data()
    team = Team.objects.create(name=f"Team {marker}", organization=organization, created_by=staff)
    TeamMember.objects.create(team=team, user=person, group="ehrenamt")
    questionnaire = Questionnaire.objects.filter(status="published").order_by("-version").first()
    answered = CheckRound.objects.create(team=team, questionnaire=questionnaire, number=1)
    Participation.objects.create(check_round=answered, user=person)
    draft_round = CheckRound.objects.create(team=team, questionnaire=questionnaire, number=2)
    draft = Response.objects.create(check_round=draft_round, group="ehrenamt", user=person)
    statement = Statement.objects.filter(dimension__questionnaire=questionnaire).first()
    Answer.objects.create(response=draft, statement=statement, value=4)
    # messaging: a conversation about the interest, a message each, a bounced mail
    from ehrensache.messaging.models import Bounce, Thread
    from ehrensache.messaging.models import Message as ThreadMessage
    from ehrensache.messaging.models import Participant as ThreadParticipant

    thread = Thread.objects.create(
        subject_type="brokering.interest",
        subject_id=interest.pk,
        title=f"Unterhaltung {marker}",
        last_message_at=now,
    )
    ThreadParticipant.objects.create(thread=thread, user=person, unread=1)
    ThreadMessage.objects.create(
        thread=thread, author=person, text=f"Frage {marker}", created_at=now
    )
    ThreadMessage.objects.create(thread=thread, author=staff, text="Antwort", created_at=now)
    Bounce.objects.create(recipient=person.email, status="5.1.1", user=person, thread=thread)
    # imports: a data takeover she started as agency staff (kept without her when erased)
    from ehrensache.imports.models import ImportRun

    for author in (person, staff):
        ImportRun.objects.create(
            agency=agency,
            kind="organizations",
            source="Altsystem",
            created_by=author,
            file_name="einsatzstellen.csv",
            file_format="csv",
        )
