"""The data migrations move the old per-app feeds into core with their tokens hashed, so the
addresses people subscribed to keep working (each with its old contents)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ehrensache.core.models import CalendarFeed
from ehrensache.core.tokens import hash_token
from ehrensache.courses.services import register_for_course
from tests.factories import CourseFactory, ShiftSignupFactory, UserFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BEFORE = [("courses", "0002_search_columns"), ("shifts", "0001_initial")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_old_feed_tokens_are_hashed_and_keep_working(client, regions):
    anna, ben = UserFactory(), UserFactory()
    course = CourseFactory(title="Juleica-Grundkurs (Demo)")
    register_for_course(course, person=anna)
    signup = ShiftSignupFactory(person=anna, shift__title="Kuchenstand")
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old_apps = _migrate(BEFORE)
        old_apps.get_model("courses", "CalendarFeed").objects.create(
            person_id=anna.pk, token="course-token-of-anna"
        )
        old_apps.get_model("shifts", "ShiftCalendarFeed").objects.create(
            person_id=anna.pk, token="shift-token-of-anna"
        )
        old_apps.get_model("shifts", "ShiftCalendarFeed").objects.create(
            person_id=ben.pk, token="shift-token-of-ben"
        )
    finally:
        _migrate(leaves)

    rows = set(CalendarFeed.objects.values_list("person_id", "source", "token_hash"))
    course_feed = client.get("/kurse/kalender/course-token-of-anna.ics").content.decode()
    shift_feed = client.get("/dienste/kalender/shift-token-of-anna.ics").content.decode()

    assert rows == {
        (anna.pk, "courses", hash_token("course-token-of-anna")),
        (anna.pk, "shifts", hash_token("shift-token-of-anna")),
        (ben.pk, "shifts", hash_token("shift-token-of-ben")),
    }
    assert "Juleica-Grundkurs (Demo)" in course_feed and "Kuchenstand" not in course_feed
    assert "Kuchenstand" in shift_feed and "Juleica" not in shift_feed
    assert f"shift-{signup.shift.pk}@" in shift_feed
    assert client.get("/kalender/shift-token-of-ben.ics").status_code == 200
    assert client.get("/kalender/unknown-token.ics").status_code == 404
