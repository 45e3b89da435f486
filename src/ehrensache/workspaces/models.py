from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ehrensache.core.bounds import validate_date_in_range


class DigestSetting(models.Model):
    """When a staff person last got the daily mail of their dashboards (so the job, run
    every 15 minutes, mails once a day). Whether they want it is their notification
    preference for the kind ``workspaces.dashboard_digest``."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workspace_digest"
    )
    last_sent_on = models.DateField(
        null=True, blank=True, editable=False, validators=[validate_date_in_range]
    )

    class Meta:
        verbose_name = _("Tägliche Zusammenfassung")
        verbose_name_plural = _("Tägliche Zusammenfassungen")

    def __str__(self) -> str:
        return str(self.user)
