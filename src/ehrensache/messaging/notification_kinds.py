from django.utils.translation import gettext_lazy as _

from ehrensache.notifications.kinds import Kind

KINDS = [
    Kind(
        "messaging.new_message",
        _("Neue Nachricht in einer Unterhaltung"),
        help_text=_(
            "Nachrichten zu Ihren Anfragen und Engagements. Per E-Mail können Sie direkt antworten."
        ),
    )
]
