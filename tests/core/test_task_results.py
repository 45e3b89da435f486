"""Finished background-task results hold personal data (a mail's recipient and text) and are
pruned by the periodic job after the configured number of days."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ehrensache.core.scheduling import periodic_jobs
from ehrensache.core.tasks import prune_task_results, send_email

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _mail_task(*, status, finished_days_ago=None):
    send_email.enqueue(to=["ida@example.org"], subject="Kurs", body="Ihr Platz ist frei.")
    result = DBTaskResult.objects.latest("enqueued_at")
    result.status = status
    if finished_days_ago is not None:
        result.finished_at = timezone.now() - timedelta(days=finished_days_ago)
    result.save()
    return result


@override_settings(TASKS=DATABASE_TASKS)
def test_finished_results_older_than_the_keep_days_are_deleted(settings):
    settings.EHRENSACHE = {**settings.EHRENSACHE, "TASK_RESULTS_KEEP_DAYS": 7}
    old_sent = _mail_task(status=TaskResultStatus.SUCCESSFUL, finished_days_ago=8)
    old_failed = _mail_task(status=TaskResultStatus.FAILED, finished_days_ago=30)
    recent = _mail_task(status=TaskResultStatus.SUCCESSFUL, finished_days_ago=6)
    waiting = _mail_task(status=TaskResultStatus.READY)

    deleted = prune_task_results.call()

    assert deleted == 2
    remaining = set(DBTaskResult.objects.values_list("id", flat=True))
    assert remaining == {recent.id, waiting.id}
    assert old_sent.id not in remaining and old_failed.id not in remaining


def test_without_the_database_backend_there_is_nothing_to_prune():
    assert prune_task_results.call() == 0


def test_pruning_is_a_periodic_job():
    assert prune_task_results in periodic_jobs()


@override_settings(TASKS=DATABASE_TASKS)
def test_a_sent_mail_leaves_no_copy_in_the_task_table(mailoutbox):
    """The worker sends the mail, then the result row forgets recipient, text and links."""
    from django_tasks.base import TaskContext

    send_email.enqueue(
        to=["ida@example.org"], subject="Ihr Antwortlink", body="https://example.org/a/geheim"
    )

    queued = DBTaskResult.objects.get().task_result
    # What the worker (manage.py db_worker) does with a claimed row:
    send_email.call(TaskContext(task_result=queued), *queued.args, **queued.kwargs)

    [mail] = mailoutbox
    assert mail.to == ["ida@example.org"] and "geheim" in mail.body
    result = DBTaskResult.objects.get()
    stored = str(result.args_kwargs)
    assert "ida@example.org" not in stored and "geheim" not in stored
