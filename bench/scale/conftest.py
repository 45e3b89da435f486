"""The test suite's fixtures (roles, regions, the workspace tests' ``fill``) for the scale
benchmark."""

from tests.conftest import *  # noqa: F403
from tests.workspaces.conftest import fill  # noqa: F401
