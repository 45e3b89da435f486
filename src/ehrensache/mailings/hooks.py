"""Mailings listen to the kernel below them. Imported by ``MailingsConfig.ready``."""

from ehrensache.core.mail import mail_bounced

from .bounces import on_mail_bounced

# The inbound mail endpoint (messaging) announces every bounce it receives.
mail_bounced.connect(on_mail_bounced, dispatch_uid="mailings_mail_bounced")
