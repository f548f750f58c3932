"""The demonstration editions for the operations tests (shared with the web tests)."""

from tests.web.conftest import ingested_demo  # noqa: F401
