"""Mailings listen to the kernel below them. Imported by ``MailingsConfig.ready``."""

from ehrensache.core import mail

from .bounces import on_mail_bounced

# The inbound mail endpoint (messaging) announces bounces with ``core.mail.mail_bounced``;
# connected when the kernel has it.
_signal = getattr(mail, "mail_bounced", None)
if _signal is not None:
    _signal.connect(on_mail_bounced, dispatch_uid="mailings_mail_bounced")
