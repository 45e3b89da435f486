import base64
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task

log = logging.getLogger(__name__)


@task(takes_context=True)
def send_email(context, *, to, subject, body, html=None, reply_to=(), attachments=(), headers=None):
    """Send one mail. Arguments are plain JSON so any task backend can carry them.

    Once sent, the stored arguments (recipient, text, links such as answer or invitation
    links) are wiped from the database backend's result row: the mail is gone, its copy
    must not stay behind."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=list(reply_to),
        headers=dict(headers or {}),
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content_b64, mimetype in attachments:
        message.attach(filename, base64.b64decode(content_b64), mimetype)
    message.send()
    log.info("mail sent: %s to %d recipient(s)", subject, len(to))
    _forget_arguments(context.task_result)


def _stores_results(alias: str) -> bool:
    """Whether the task backend ``alias`` keeps results (and arguments) in the database."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends[alias], DatabaseBackend)


def _forget_arguments(task_result) -> None:
    """Replace a finished task's stored arguments (database backend only)."""
    from django_tasks_db.models import DBTaskResult

    if _stores_results(task_result.backend):
        DBTaskResult.objects.filter(id=task_result.id).update(
            args_kwargs={"args": [], "kwargs": {"forgotten": True}}
        )


@task()
def prune_task_results():
    """Delete finished results of the database task backend after
    ``EHRENSACHE["TASK_RESULTS_KEEP_DAYS"]``: they hold the arguments of every task, e.g. the
    recipient and text of each mail, which must not outlive their use. A no-op with other
    backends (nothing is stored)."""
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    keep = timedelta(days=settings.EHRENSACHE["TASK_RESULTS_KEEP_DAYS"])
    aliases = [alias for alias in settings.TASKS if _stores_results(alias)]
    if not aliases:
        return 0
    deleted, _ = (
        DBTaskResult.objects.finished()
        .filter(backend_name__in=aliases, finished_at__lte=timezone.now() - keep)
        .delete()
    )
    log.info("pruned %d finished task result(s)", deleted)
    return deleted
