"""The parser's one exception."""


class PlanReadError(Exception):
    """A document file could not be read.

    ``str(error)`` is a short message in Vietnamese, fit to show to a user.
    """
