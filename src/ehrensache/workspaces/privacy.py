"""Meine Daten: the daily digest setting (see ``ehrensache.core.personal_data``)."""

from typing import Any

from ehrensache.core.personal_data import DELETED

from .models import DigestSetting

ERASURE = {"workspaces.DigestSetting.user": DELETED}


def export(user: Any) -> dict:
    setting = DigestSetting.objects.filter(user=user).first()
    return {
        "daily_digest_last_sent_on": setting.last_sent_on if setting else None,
    }
