# The documents tests render real reports: reuse the reporting fixtures.
from tests.reports.conftest import coordinator, report, reporter, step  # noqa: F401
