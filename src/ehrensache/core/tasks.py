import base64
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task

log = logging.getLogger(__name__)


@task()
def send_email(*, to, subject, body, html=None, reply_to=(), attachments=()):
    """Send one mail. Arguments are plain JSON so any task backend can carry them."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=list(reply_to),
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content_b64, mimetype in attachments:
        message.attach(filename, base64.b64decode(content_b64), mimetype)
    message.send()
    log.info("mail sent: %s to %d recipient(s)", subject, len(to))
