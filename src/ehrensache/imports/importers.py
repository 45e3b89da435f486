"""The importers: one per kind, each checking rows against the database and writing them in
batches (``bulk_create`` / ``bulk_update``, a fixed number of queries per batch).

``process(run_context, rows)`` is called by ``services`` for each batch; in a dry run nothing but
the row results is written. A row is refused with the column and a German reason; a row whose
external id was imported before is ``unchanged`` when its values are the same (nothing
written), else ``update``.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from ehrensache.agencies.models import Agency
from ehrensache.brokering.models import Conversation
from ehrensache.core.errors import DomainError
from ehrensache.opportunities import search_index
from ehrensache.opportunities.models import Opportunity
from ehrensache.organizations.models import Organization
from ehrensache.organizations.services import RESERVED_SLUGS, responsible_agency_for
from ehrensache.organizations.signals import organization_renamed
from ehrensache.regions.queries import Location, locate

from .columns import COLUMNS, ParsedRow
from .models import Action, ImportLink, Kind

OPPORTUNITY_EXPIRY_DAYS = 180


@dataclass
class Outcome:
    row: ParsedRow
    action: str = ""
    column: str = ""
    message: str = ""
    link: ImportLink | None = None
    row_hash: str = ""
    target: Model | None = None  # the record to create or update

    def refuse(self, column: Any, message: str) -> None:
        self.action, self.column, self.message = Action.REFUSE, str(column), message

    @property
    def ok(self) -> bool:
        return self.action in (Action.CREATE, Action.UPDATE)


@dataclass
class RunContext:
    """What one run keeps between batches."""

    agency: Agency
    source: str
    kind: str
    dry_run: bool
    actor: Any = None
    run_id: int | None = None
    seen: dict[str, int] = field(default_factory=dict)
    locations: dict[str, Location | str] = field(default_factory=dict)
    responsible: dict[str, int | None] = field(default_factory=dict)
    slugs: set[str] = field(default_factory=set)
    area_districts: set[int] = field(default_factory=set)
    area_codes: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.area_districts = set(self.agency.service_districts.values_list("pk", flat=True))
        if self.agency.district_id:
            self.area_districts.add(self.agency.district_id)
        self.area_codes = set(self.agency.service_postal_codes.values_list("code", flat=True))

    def locate(self, code: str) -> Location | str:
        """The place of a postal code, or the German reason it has none (cached per run)."""
        if code not in self.locations:
            try:
                self.locations[code] = locate(code)
            except DomainError as exc:
                self.locations[code] = str(exc)
        return self.locations[code]

    def in_area(self, location: Location) -> bool:
        return location.postal_code in self.area_codes or bool(
            set(location.district_ids) & self.area_districts
        )

    def links(self, kind: str, external_ids: Iterable[str]) -> dict[str, ImportLink]:
        ids = [i for i in set(external_ids) if i]
        if not ids:
            return {}
        return {
            link.external_id: link
            for link in ImportLink.objects.filter(
                agency=self.agency, source=self.source, kind=kind, external_id__in=ids
            )
        }


def row_hash(values: dict[str, Any]) -> str:
    text = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _header(kind: str, key: str) -> str:
    return next(c.header for c in COLUMNS[kind] if c.key == key)


class Importer:
    kind: str = ""
    link_field: str = ""
    model: type[Model]
    update_fields: list[str] = []

    def __init__(self, context: RunContext) -> None:
        self.context = context

    def column(self, key: str) -> str:
        return _header(self.kind, key)

    # -- the steps of a batch ---------------------------------------------------------------

    def decide(self, rows: list[ParsedRow]) -> list[Outcome]:
        """Refuse broken rows and duplicates; tell create, update and unchanged apart."""
        outcomes = [Outcome(row) for row in rows]
        links = self.context.links(self.kind, (r.external_id for r in rows))
        for outcome in outcomes:
            row = outcome.row
            if row.errors:
                outcome.refuse(*row.errors[0])
                if len(row.errors) > 1:
                    outcome.message += " " + _("(und %(n)d weitere Fehler in der Zeile)") % {
                        "n": len(row.errors) - 1
                    }
                continue
            first = self.context.seen.setdefault(row.external_id, row.number)
            if first != row.number:
                outcome.refuse(
                    self.column("external_id"),
                    _("Die ID „%(id)s“ steht schon in Zeile %(row)d.")
                    % {"id": row.external_id[:40], "row": first},
                )
                continue
            outcome.row_hash = row_hash(row.values)
            outcome.link = links.get(row.external_id)
            if outcome.link is None:
                outcome.action = Action.CREATE
            elif outcome.link.row_hash == outcome.row_hash:
                outcome.action = Action.UNCHANGED
            else:
                outcome.action = Action.UPDATE
        self.check([o for o in outcomes if o.ok])
        return outcomes

    def check(self, outcomes: list[Outcome]) -> None:
        """Refuse rows the database says no to (unknown places, references); build targets."""
        raise NotImplementedError

    def existing(self, outcomes: list[Outcome]) -> dict[int, Any]:
        ids = [getattr(o.link, f"{self.link_field}_id") for o in outcomes if o.link]
        return self.model.objects.in_bulk(ids) if ids else {}

    def write(self, outcomes: list[Outcome], *, run: Any) -> None:
        creates = [o for o in outcomes if o.action == Action.CREATE]
        updates = [o for o in outcomes if o.action == Action.UPDATE]
        if creates:
            self.model.objects.bulk_create([o.target for o in creates], batch_size=500)
        if updates:
            self.model.objects.bulk_update(
                [o.target for o in updates], self.update_fields, batch_size=500
            )
        self.after_write(creates, updates)
        ImportLink.objects.bulk_create(
            [
                ImportLink(
                    agency=self.context.agency,
                    source=self.context.source,
                    kind=self.kind,
                    external_id=o.row.external_id,
                    row_hash=o.row_hash,
                    run=run,
                    **{self.link_field: o.target},
                )
                for o in creates
            ]
        )
        for o in updates:
            o.link.row_hash, o.link.run, o.link.updated_at = o.row_hash, run, timezone.now()
        if updates:
            ImportLink.objects.bulk_update(
                [o.link for o in updates], ["row_hash", "run", "updated_at"]
            )

    def after_write(self, creates: list[Outcome], updates: list[Outcome]) -> None:
        pass


PLACE_FIELDS = ["postal_code", "district", "latitude", "longitude", "city"]


def _place(target: Any, location: Location, city: str) -> None:
    target.postal_code = location.postal_code
    target.district = location.district
    target.latitude = location.latitude
    target.longitude = location.longitude
    target.city = city if city and city in location.places else location.places[0]


class OrganizationImporter(Importer):
    kind = Kind.ORGANIZATIONS
    link_field = "organization"
    model = Organization
    VALUE_FIELDS = [
        "name",
        "kind",
        "street",
        "website",
        "email",
        "phone",
        "contact_name",
        "description",
        "fields_of_activity",
    ]
    update_fields = VALUE_FIELDS + PLACE_FIELDS + ["responsible_agency", "updated_at"]

    def check(self, outcomes: list[Outcome]) -> None:
        existing = self.existing(outcomes)
        for outcome in outcomes:
            values = outcome.row.values
            if len(values["name"]) < 3:
                outcome.refuse(
                    self.column("name"), _("Der Name ist zu kurz (mindestens 3 Zeichen).")
                )
                continue
            location = self.context.locate(values["postal_code"])
            if isinstance(location, str):
                outcome.refuse(self.column("postal_code"), location)
                continue
            if not self.context.in_area(location):
                outcome.refuse(
                    self.column("postal_code"),
                    _("Die Postleitzahl %(code)s liegt nicht im Gebiet Ihrer Anlaufstelle.")
                    % {"code": location.postal_code},
                )
                continue
            target = existing.get(outcome.link.organization_id) if outcome.link else None
            if outcome.link and target is None:
                outcome.action = Action.CREATE  # deleted here since: take it over again
            outcome.target = self.build(target, values, location)
        self.assign_slugs([o for o in outcomes if o.action == Action.CREATE])

    def build(self, target: Organization | None, values: dict, location: Location) -> Organization:
        if target is None:
            target = Organization(
                status=Organization.Status.CONFIRMED,
                confirmed_by=self.context.agency,
                confirmed_at=timezone.now(),
            )
        target._old_name = target.name  # type: ignore[attr-defined]
        for name in self.VALUE_FIELDS:
            setattr(target, name, values[name])
        _place(target, location, values["city"])
        code = location.postal_code
        if code not in self.context.responsible:
            agency = responsible_agency_for(code, location.district.pk)
            self.context.responsible[code] = agency.pk if agency else self.context.agency.pk
        target.responsible_agency_id = self.context.responsible[code]
        target.updated_at = timezone.now()
        return target

    def assign_slugs(self, outcomes: list[Outcome]) -> None:
        """Unique slugs for new organizations in two queries per batch."""
        from django.utils.text import slugify

        from ehrensache.core.text import fold

        bases = [(o, slugify(fold(o.target.name))[:180] or "einsatzstelle") for o in outcomes]
        if not bases:
            return
        taken = set(
            Organization.objects.filter(slug__in={b for _o, b in bases}).values_list(
                "slug", flat=True
            )
        )
        clashing = {b for _o, b in bases if b in taken}
        if clashing:
            from django.db.models import Q

            query = Q()
            for base in clashing:
                query |= Q(slug__startswith=f"{base}-")
            taken |= set(Organization.objects.filter(query).values_list("slug", flat=True))
        taken |= RESERVED_SLUGS | self.context.slugs
        for outcome, base in bases:
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            self.context.slugs.add(slug)
            outcome.target.slug = slug

    def after_write(self, creates: list[Outcome], updates: list[Outcome]) -> None:
        for outcome in updates:
            if outcome.target._old_name != outcome.target.name:
                organization_renamed.send(sender=Organization, organization=outcome.target)


class OpportunityImporter(Importer):
    kind = Kind.OPPORTUNITIES
    link_field = "opportunity"
    model = Opportunity
    VALUE_FIELDS = [
        "title",
        "description",
        "field",
        "summary",
        "tasks",
        "target_group",
        "street",
        "on_site",
        "remote",
        "hours_per_week",
        "minimum_age",
        "people_wanted",
        "starts_on",
        "ends_on",
        "status",
        "contact_name",
        "contact_email",
        "contact_phone",
    ]
    update_fields = (
        VALUE_FIELDS
        + PLACE_FIELDS
        + [
            "organization",
            "slug",
            "published_at",
            "expires_on",
            "search_title",
            "search_body",
            "updated_at",
        ]
    )

    def organizations(self, outcomes: list[Outcome]) -> dict[str, Organization]:
        links = self.context.links(
            Kind.ORGANIZATIONS, (o.row.values["organization_id"] for o in outcomes)
        )
        found = Organization.objects.in_bulk([link.organization_id for link in links.values()])
        return {key: found[link.organization_id] for key, link in links.items()}

    def check(self, outcomes: list[Outcome]) -> None:
        organizations = self.organizations(outcomes)
        existing = self.existing(outcomes)
        for outcome in outcomes:
            values = outcome.row.values
            organization = organizations.get(values["organization_id"])
            if organization is None:
                outcome.refuse(
                    self.column("organization_id"),
                    _(
                        "Eine Einsatzstelle mit der ID „%(id)s“ wurde noch nicht übernommen. "
                        "Bitte übernehmen Sie zuerst die Einsatzstellen."
                    )
                    % {"id": values["organization_id"][:40]},
                )
                continue
            location = self.check_place(outcome, values)
            if location is False:
                continue
            if (
                values["starts_on"]
                and values["ends_on"]
                and values["ends_on"] < values["starts_on"]
            ):
                outcome.refuse(self.column("ends_on"), _("Das Ende liegt vor dem Beginn."))
                continue
            target = existing.get(outcome.link.opportunity_id) if outcome.link else None
            if outcome.link and target is None:
                outcome.action = Action.CREATE
            outcome.target = self.build(target, values, organization, location)

    def check_place(self, outcome: Outcome, values: dict) -> Location | None | bool:
        if not values["on_site"] and not values["remote"]:
            outcome.refuse(
                self.column("on_site"),
                _(
                    "Ein Angebot ist vor Ort, online oder beides: bitte „Vor Ort“ oder „Online“ mit „ja“."
                ),
            )
            return False
        if not values["postal_code"]:
            if values["on_site"]:
                outcome.refuse(
                    self.column("postal_code"),
                    _("Für ein Angebot vor Ort brauchen wir die Postleitzahl des Einsatzortes."),
                )
                return False
            return None
        location = self.context.locate(values["postal_code"])
        if isinstance(location, str):
            outcome.refuse(self.column("postal_code"), location)
            return False
        return location

    def build(
        self,
        target: Opportunity | None,
        values: dict,
        organization: Organization,
        location: Location | None,
    ) -> Opportunity:
        now = timezone.now()
        if target is None:
            target = Opportunity(created_by=self.context.actor)
        for name in self.VALUE_FIELDS:
            setattr(target, name, values[name])
        target.organization = organization
        target.slug = search_index.slugify_title(target.title)
        if location is not None:
            _place(target, location, values["city"])
        else:
            target.postal_code, target.district, target.city = "", None, values["city"]
        if not target.on_site:
            target.latitude = target.longitude = None
        if target.status == Opportunity.Status.PUBLISHED and target.published_at is None:
            target.published_at = now
        if target.expires_on is None or target.expires_on < timezone.localdate():
            target.expires_on = timezone.localdate() + timedelta(days=OPPORTUNITY_EXPIRY_DAYS)
        search_index.fill_search_columns(target, organization_name=organization.name)
        target.updated_at = now
        return target

    def after_write(self, creates: list[Outcome], updates: list[Outcome]) -> None:
        search_index.sync_fts(
            (o.target.pk, o.target.search_title, o.target.search_body) for o in creates + updates
        )


def consent_time(day: Any) -> datetime:
    """The day consent was given, at noon in Berlin (the file has no time)."""
    return timezone.make_aware(datetime.combine(day, time(12)))


class VolunteerImporter(Importer):
    """A volunteer the agency knows becomes a guest's counselling record (first contact),
    never an account: the person links it to theirs when invited (``brokering.conversation``)."""

    kind = Kind.VOLUNTEERS
    link_field = "conversation"
    model = Conversation
    VALUE_FIELDS = ["guest_name", "guest_contact", "guest_postal_code", "interests", "wishes"]
    update_fields = VALUE_FIELDS + ["held_on", "consent_recorded_at", "updated_at"]

    def check(self, outcomes: list[Outcome]) -> None:
        existing = self.existing(outcomes)
        for outcome in outcomes:
            values = outcome.row.values
            if not values["consent"]:
                outcome.refuse(
                    self.column("consent"),
                    _("Ohne Einwilligung der Person übernehmen wir keine Daten über sie."),
                )
                continue
            target = existing.get(outcome.link.conversation_id) if outcome.link else None
            if outcome.link and target is None:
                outcome.action = Action.CREATE
            if target is None:
                target = Conversation(agency=self.context.agency, consent=True)
            for name in self.VALUE_FIELDS:
                setattr(target, name, values[name])
            target.held_on = values["held_on"] or values["consent_on"]
            target.consent_recorded_at = consent_time(values["consent_on"])
            target.updated_at = timezone.now()
            outcome.target = target


class ConversationImporter(Importer):
    kind = Kind.CONVERSATIONS
    link_field = "conversation"
    model = Conversation
    VALUE_FIELDS = ["held_on", "interests", "wishes", "notes", "outcome"]
    PERSON_FIELDS = [
        "volunteer",
        "guest_name",
        "guest_contact",
        "guest_postal_code",
        "consent_recorded_at",
    ]
    update_fields = VALUE_FIELDS + PERSON_FIELDS + ["updated_at"]

    def people(self, outcomes: list[Outcome]) -> dict[str, Conversation]:
        links = self.context.links(
            Kind.VOLUNTEERS, (o.row.values["volunteer_id"] for o in outcomes)
        )
        found = Conversation.objects.in_bulk([link.conversation_id for link in links.values()])
        return {key: found[link.conversation_id] for key, link in links.items()}

    def person(self, outcome: Outcome, people: dict[str, Conversation]) -> dict | None:
        values = outcome.row.values
        if values["volunteer_id"]:
            known = people.get(values["volunteer_id"])
            if known is None:
                outcome.refuse(
                    self.column("volunteer_id"),
                    _("Freiwillige mit der ID „%(id)s“ wurden noch nicht übernommen.")
                    % {"id": values["volunteer_id"][:40]},
                )
                return None
            return {name: getattr(known, name) for name in self.PERSON_FIELDS}
        if not values["guest_name"]:
            outcome.refuse(
                self.column("guest_name"),
                _("Bitte geben Sie einen Namen oder eine Freiwilligen-ID an."),
            )
            return None
        if not values["consent"] or not values["consent_on"]:
            outcome.refuse(
                self.column("consent" if not values["consent"] else "consent_on"),
                _("Ohne Einwilligung (mit Datum) übernehmen wir kein Gespräch."),
            )
            return None
        return {
            "volunteer": None,
            "guest_name": values["guest_name"],
            "guest_contact": values["guest_contact"],
            "guest_postal_code": values["guest_postal_code"],
            "consent_recorded_at": consent_time(values["consent_on"]),
        }

    def check(self, outcomes: list[Outcome]) -> None:
        people = self.people(outcomes)
        existing = self.existing(outcomes)
        for outcome in outcomes:
            person = self.person(outcome, people)
            if person is None:
                continue
            target = existing.get(outcome.link.conversation_id) if outcome.link else None
            if outcome.link and target is None:
                outcome.action = Action.CREATE
            if target is None:
                target = Conversation(agency=self.context.agency, consent=True)
            for name in self.VALUE_FIELDS:
                setattr(target, name, outcome.row.values[name])
            for name, value in person.items():
                setattr(target, name, value)
            target.updated_at = timezone.now()
            outcome.target = target


IMPORTERS: dict[str, type[Importer]] = {
    Kind.ORGANIZATIONS: OrganizationImporter,
    Kind.OPPORTUNITIES: OpportunityImporter,
    Kind.VOLUNTEERS: VolunteerImporter,
    Kind.CONVERSATIONS: ConversationImporter,
}
