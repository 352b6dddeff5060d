"""The ``lifelong-week`` console script: Django's ``manage.py`` with our settings preset."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lifelong_week.settings")
    # Our own commands read better hyphenated on the command line
    # (``lifelong-week import-units``); Python modules cannot be.
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "lifelong-week"
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
