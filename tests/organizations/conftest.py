from tests.opportunities.conftest import other_coordinator, other_organization  # noqa: F401
