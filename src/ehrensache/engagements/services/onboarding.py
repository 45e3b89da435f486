"""The onboarding checklist: the organization's template and the ticks per engagement."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ehrensache.audit.services import log_action
from ehrensache.core.errors import InvalidInput
from ehrensache.core.permissions import require

from ..models import Engagement, OnboardingCheck, OnboardingItem, OnboardingTemplate
from ._audit import log_engagement
from ._shared import _today

DEFAULT_ONBOARDING_STEPS = [
    gettext_lazy("Begrüßungsgespräch"),
    gettext_lazy("Engagementvereinbarung"),
    gettext_lazy("Informationen zum Versicherungsschutz"),
    gettext_lazy("Hinweise zum Datenschutz und zur Schweigepflicht"),
    gettext_lazy("Vorstellung im Team"),
    gettext_lazy("Erste-Hilfe-Kurs"),
]


def default_onboarding_template(organization) -> OnboardingTemplate:
    """The organization's checklist; created with the usual steps on first use."""
    template = OnboardingTemplate.objects.filter(organization=organization).first()
    if template is None:
        with transaction.atomic():
            template = OnboardingTemplate.objects.create(
                organization=organization, name=_("Einarbeitung"), is_default=True
            )
            OnboardingItem.objects.bulk_create(
                OnboardingItem(template=template, title=str(title), position=i)
                for i, title in enumerate(DEFAULT_ONBOARDING_STEPS)
            )
    return template


def add_onboarding_item(template: OnboardingTemplate, *, title: str, actor) -> OnboardingItem:
    require(actor, "engagements.manage_organization", template)
    title = (title or "").strip()
    if not title:
        raise InvalidInput(_("Bitte geben Sie den Schritt an."), field="title")
    if template.items.filter(title__iexact=title).exists():
        raise InvalidInput(_("Diesen Schritt gibt es schon."), field="title")
    last = template.items.order_by("-position").values_list("position", flat=True).first()
    with transaction.atomic():
        item = OnboardingItem.objects.create(
            template=template, title=title[:160], position=(last or 0) + 1
        )
        log_action(
            template,
            "engagements.onboarding_template.step_added",
            actor=actor,
            organization_id=template.organization_id,
            data={"step": item.title},
        )
    return item


def remove_onboarding_item(item: OnboardingItem, *, actor) -> None:
    """Removes the step from the checklist; steps already on engagements stay there."""
    template = item.template
    require(actor, "engagements.manage_organization", template)
    with transaction.atomic():
        item.delete()
        log_action(
            template,
            "engagements.onboarding_template.step_removed",
            actor=actor,
            organization_id=template.organization_id,
            data={"step": item.title},
        )


def add_onboarding_check(engagement: Engagement, *, title: str, actor) -> OnboardingCheck:
    require(actor, "engagements.manage_engagement", engagement)
    title = (title or "").strip()
    if not title:
        raise InvalidInput(_("Bitte geben Sie den Schritt an."), field="title")
    if engagement.onboarding_checks.filter(title__iexact=title).exists():
        raise InvalidInput(_("Diesen Schritt gibt es schon."), field="title")
    last = engagement.onboarding_checks.order_by("-position").first()
    with transaction.atomic():
        check = OnboardingCheck.objects.create(
            engagement=engagement, title=title[:160], position=(last.position + 1) if last else 0
        )
        log_engagement(
            engagement,
            "engagements.onboarding.step_added",
            actor=actor,
            data={"step": check.title},
        )
    return check


def tick_onboarding(
    check: OnboardingCheck, *, done_on: date, actor, today: date | None = None
) -> OnboardingCheck:
    today = _today(today)
    require(actor, "engagements.manage_engagement", check.engagement)
    if done_on > today:
        raise InvalidInput(_("Das Datum liegt in der Zukunft."), field="done_on")
    return _mark_step(check, done_on=done_on, actor=actor)


def untick_onboarding(check: OnboardingCheck, *, actor) -> OnboardingCheck:
    require(actor, "engagements.manage_engagement", check.engagement)
    return _mark_step(check, done_on=None, actor=actor)


def _mark_step(check: OnboardingCheck, *, done_on: date | None, actor) -> OnboardingCheck:
    """Save a step as done on ``done_on`` (or open again with None) and log it."""
    check.done_on = done_on
    check.done_by = actor if done_on else None
    data = {"step": check.title, **({"done_on": done_on} if done_on else {})}
    action = "engagements.onboarding.step_done" if done_on else "engagements.onboarding.step_undone"
    with transaction.atomic():
        check.save(update_fields=["done_on", "done_by"])
        log_engagement(check.engagement, action, actor=actor, data=data)
    return check
