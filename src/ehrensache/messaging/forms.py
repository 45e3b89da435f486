import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from ehrensache.core.forms import Form


class MessageForm(Form):
    text = forms.CharField(
        label=_("Ihre Nachricht"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Bitte schreiben Sie eine Nachricht.")},
    )
    # The same form sent twice (double click, reload) adds one message.
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("initial", {"idempotency_key": uuid.uuid4().hex})
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
