"""Settings of the demo's processes (``lifelong-week demo`` and the worker it
starts): the product's settings, except that without a mail server
(``EMAIL_HOST``) the e-mails the demo sends — a returned report's notice, the
reminders — are kept as files in the data folder, one file per message,
instead of being printed among the start-up lines or in the worker's log.
"""

from lifelong_week.core.env import env_bool
from lifelong_week.settings import *  # noqa: F403
from lifelong_week.settings import DATA_DIR, EMAIL_BACKEND

CONSOLE_EMAIL = "django.core.mail.backends.console.EmailBackend"
MAIL_DIR = DATA_DIR / "thu-dien-tu"

if EMAIL_BACKEND == CONSOLE_EMAIL:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = MAIL_DIR

# The demo's accounts are tried by anyone, on any machine: two-factor sign-in
# is offered (turn it on from the home page) but not required, unless asked.
TWO_FACTOR_REQUIRED = env_bool("LIFELONG_WEEK_REQUIRE_TWO_FACTOR", default=False)
