"""The registrations' old event table moves into the audit trail: same actor, person, time,
statuses and reason, under the declared action names."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from ehrensache.audit.queries import history_of
from ehrensache.audit.registry import registry
from ehrensache.courses.services import register_for_course
from tests.factories import CourseFactory, UserFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BEFORE = [("courses", "0004_session_notes_sequence")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_old_registration_events_become_log_entries(regions):
    anna, staff = UserFactory(), UserFactory()
    course = CourseFactory(title="Erste Hilfe (Demo)")
    registration = register_for_course(course, person=anna)
    history_of(registration).delete()  # only the migrated rows below
    when = timezone.now() - timezone.timedelta(days=3)
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old_apps = _migrate(BEFORE)
        Event = old_apps.get_model("courses", "RegistrationEvent")
        Event.objects.create(
            registration_id=registration.pk,
            action="ehrensache.course.registration.moved_to_top",
            from_status="waitlisted",
            to_status="waitlisted",
            actor_id=staff.pk,
            reason="Juleica läuft ab",
        )
        Event.objects.filter(registration_id=registration.pk).update(created_at=when)
        Event.objects.create(
            registration_id=registration.pk, action="register", to_status="confirmed"
        )
    finally:
        _migrate(leaves)

    moved, unknown = sorted(history_of(registration), key=lambda e: e.created_at)
    assert (moved.action, moved.actor_id, moved.subject_person_id) == (
        "courses.registration.moved_to_top",
        staff.pk,
        anna.pk,
    )
    assert moved.created_at == when
    assert moved.data == {
        "status": {"from": "waitlisted", "to": "waitlisted"},
        "reason": "Juleica läuft ab",
    }
    assert (moved.object_repr, moved.agency_id) == ("Erste Hilfe (Demo)", course.agency_id)
    assert unknown.action == "courses.registration.changed"
    assert {moved.action, unknown.action} <= set(registry().actions)
