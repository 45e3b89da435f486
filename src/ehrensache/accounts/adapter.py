import logging
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib import messages
from django.utils import translation
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

# allauth's mails that confirm an address: if one cannot be sent, the person is told how to
# get it again. Other mails (password reset, notices) fail silently for the person: the page
# must not tell whether the address has an account.
CONFIRMATION_MAILS = ("account/email/email_confirmation", "account/email/email_confirmation_signup")


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True) -> Any:  # noqa: ANN001
        """New accounts keep the language the person used while signing up."""
        user.preferred_language = (translation.get_language() or "de")[:2]
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's mails go through the same task as every other mail
        (``core.tasks.send_email``): with a queue the request never waits for the mail
        server, and with the immediate backend a mail server that is down fails the task
        (logged), never the request. Sign-up completes and says the mail must be fetched
        again; a password reset shows its usual page."""
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site
        from django_tasks import TaskResultStatus

        from ehrensache.core.tasks import send_email

        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        message = self.render_mail(template_prefix, email, {**ctx, **context})
        html = next(
            (content for content, mimetype in message.alternatives if mimetype == "text/html"),
            None,
        )
        try:
            result = send_email.enqueue(
                to=list(message.to),
                subject=message.subject,
                body=message.body,
                html=html,
                reply_to=list(message.reply_to),
                headers=dict(message.extra_headers),
            )
            failed = result.status == TaskResultStatus.FAILED
        except Exception:  # the queue itself is unreachable: the request still completes
            log.exception("could not queue %s", template_prefix)
            failed = True
        if failed:
            log.error("mail %s could not be sent", template_prefix)
            _tell_mail_failed(request, template_prefix)


def _tell_mail_failed(request: Any, template_prefix: str) -> None:
    if request is None or template_prefix not in CONFIRMATION_MAILS:
        return
    messages.warning(
        request,
        _(
            "Die E-Mail zur Bestätigung Ihrer Adresse konnte gerade nicht verschickt "
            "werden. Ihr Konto ist angelegt. Melden Sie sich später mit Ihrer Adresse und "
            "Ihrem Passwort an: Dann schicken wir Ihnen die E-Mail noch einmal."
        ),
    )
