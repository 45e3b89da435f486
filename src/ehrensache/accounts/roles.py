"""One place that answers "what is this person here?", cached per request on the user."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Roles:
    agency_ids: frozenset[int] = field(default_factory=frozenset)
    organization_ids: frozenset[int] = field(default_factory=frozenset)
    network_state_ids: frozenset[int | None] = field(default_factory=frozenset)

    @property
    def is_agency_staff(self) -> bool:
        return bool(self.agency_ids)

    @property
    def is_coordinator(self) -> bool:
        return bool(self.organization_ids)

    @property
    def is_network_staff(self) -> bool:
        return bool(self.network_state_ids)


ANONYMOUS = Roles()


def roles_of(user) -> Roles:
    """The memberships of ``user`` (3 small queries, once per request)."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_ehrensache_roles", None)
    if cached is not None:
        return cached
    roles = Roles(
        agency_ids=frozenset(user.agency_memberships.values_list("agency_id", flat=True)),
        organization_ids=frozenset(
            user.organization_memberships.values_list("organization_id", flat=True)
        ),
        network_state_ids=frozenset(user.network_memberships.values_list("state_id", flat=True)),
    )
    user._ehrensache_roles = roles
    return roles


def forget_roles(user) -> None:
    """Call after changing someone's memberships within the same request."""
    if hasattr(user, "_ehrensache_roles"):
        del user._ehrensache_roles
