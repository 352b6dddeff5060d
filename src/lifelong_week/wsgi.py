"""WSGI entry point for any production server (waitress, gunicorn, uWSGI)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lifelong_week.settings")
application = get_wsgi_application()
