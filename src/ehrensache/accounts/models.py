"""People. A user is a person; what they may do comes from memberships, not flags.

- every user is a volunteer;
- ``agencies.AgencyMembership`` makes them staff of an Anlaufstelle;
- ``organizations.OrganizationMembership`` makes them coordinator of an Einsatzstelle;
- ``NetworkMembership`` makes them staff of the network (LAGFA, ministry);
- ``is_superuser`` is for the Django admin only.
"""

from typing import ClassVar

import rules
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ehrensache.core.bounds import validate_date_in_range
from ehrensache.core.tokens import TOKEN_HASH_LENGTH, find_by_token, new_token


def _is_model_permission(perm: str) -> bool:
    """``perm`` names one of Django's default model permissions (as the admin asks them)."""
    app_label, _sep, codename = perm.partition(".")
    action, _sep, model_name = codename.partition("_")
    if action not in ("add", "change", "delete", "view") or not model_name:
        return False
    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return True


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    # Sign-in by e-mail; one display name instead of first and last name.
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    display_name = models.CharField(
        _("Name"),
        max_length=150,
        blank=True,
        help_text=_("So werden Sie auf der Plattform angesprochen."),
    )
    preferred_language = models.CharField(
        _("Sprache"), max_length=8, choices=settings.LANGUAGES, default="de"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")

    def __str__(self):
        return self.display_name or self.email

    def has_perm(self, perm, obj=None):
        """Platform permissions (``rules.py``) follow the role matrix, superusers included.

        Django's model permissions keep Django's meaning where the Django admin asks them:
        ``<app>.<add|change|delete|view>_<model>`` without an object (the admin never passes
        one). A rule of the same name (``courses.view_course``) decides whenever the platform
        asks about an object.
        """
        if rules.perm_exists(perm) and not (obj is None and _is_model_permission(perm)):
            return bool(self.is_active and rules.has_perm(perm, self, obj))
        return super().has_perm(perm, obj)

    def get_full_name(self):
        return self.display_name or self.email

    def get_short_name(self):
        return self.display_name or self.email.split("@")[0]


class NetworkMembership(models.Model):
    """Staff of the network (e.g. LAGFA Hessen, the ministry); ``state`` empty = nationwide."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_memberships"
    )
    state = models.ForeignKey("regions.State", on_delete=models.PROTECT, null=True, blank=True)
    title = models.CharField(_("Bezeichnung"), max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Mitarbeit im Netzwerk")
        verbose_name_plural = _("Mitarbeit im Netzwerk")
        constraints = [
            models.UniqueConstraint(fields=["user", "state"], name="network_membership_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.state or _('bundesweit')}"


class AccountDeletion(models.Model):
    """An anonymous trace of a deleted account, kept for usage statistics only.

    Holds no personal data: the month the account was created, the day it was deleted and
    which kinds of roles it had. Nothing here can be linked back to the person.
    """

    deleted_on = models.DateField(_("Gelöscht am"), validators=[validate_date_in_range])
    joined_month = models.DateField(_("Registriert im Monat"), validators=[validate_date_in_range])
    had_agency_role = models.BooleanField(_("Mitarbeit in einer Anlaufstelle"), default=False)
    had_coordinator_role = models.BooleanField(_("Koordination einer Einsatzstelle"), default=False)
    had_network_role = models.BooleanField(_("Mitarbeit im Netzwerk"), default=False)

    class Meta:
        verbose_name = _("Gelöschtes Konto (anonym)")
        verbose_name_plural = _("Gelöschte Konten (anonym)")
        ordering = ["-deleted_on"]

    def __str__(self):
        return f"{self.deleted_on:%Y-%m-%d}"


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 hash is stored, the secret is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("Bezeichnung"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    token_hash = models.CharField(max_length=TOKEN_HASH_LENGTH, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    last_used_at = models.DateTimeField(null=True, blank=True, validators=[validate_date_in_range])
    revoked_at = models.DateTimeField(null=True, blank=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("API-Schlüssel")
        verbose_name_plural = _("API-Schlüssel")
        ordering = ["-created_at"]
        # Made by the opportunities app, which had the model first; moved without copying.
        db_table = "opportunities_apitoken"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, user, name: str) -> tuple["ApiToken", str]:
        raw, token_hash = new_token(prefix="es_")
        token = cls.objects.create(user=user, name=name, prefix=raw[:8], token_hash=token_hash)
        return token, raw

    @classmethod
    def find_active(cls, raw: str) -> "ApiToken | None":
        active = cls.objects.select_related("user").filter(
            revoked_at__isnull=True, user__is_active=True
        )
        return find_by_token(active, raw)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def touch(self):
        now = timezone.now()
        if self.last_used_at is None or (now - self.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)


class InvitationBase(models.Model):
    """What every invitation by e-mail has: the address, the hash of its token (the link
    works once), who sent it, when it expires and what became of it. Used here and by
    ``organizations.OrganizationInvitation``."""

    email = models.EmailField(_("E-Mail-Adresse"))
    token_hash = models.CharField(max_length=TOKEN_HASH_LENGTH, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    expires_at = models.DateTimeField(validators=[validate_date_in_range])
    accepted_at = models.DateTimeField(null=True, blank=True, validators=[validate_date_in_range])
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True, validators=[validate_date_in_range])

    class Meta:
        abstract = True


class PersonInvitation(InvitationBase):
    """An invitation by e-mail to join something: a Kooperations-Check team, a counselling
    record (the kinds are registered by the apps above, ``accounts.invitations``).

    Whoever adds a person only types an address and always gets the same answer: a mail goes
    to the address with a link, and the person is attached only when they accept it, signed
    in with that address (or after creating an account with it). Nobody learns from the form
    whether the address has an account, nor whose it is. Only the token's hash is stored
    (``core.tokens``)."""

    kind = models.CharField(_("Art"), max_length=40)
    object_id = models.PositiveBigIntegerField()
    # Small, non-personal values the kind needs when the person accepts (e.g. the group).
    details = models.JSONField(default=dict, blank=True)

    objects: ClassVar[models.Manager["PersonInvitation"]] = models.Manager()

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "object_id"], name="person_invitation_target")]

    def __str__(self):
        return f"{self.kind} #{self.object_id}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
