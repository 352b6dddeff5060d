"""Signals other apps listen to, so the tree need not know about them."""

from django.dispatch import Signal

# Sent with ``unit`` after a unit moved or its validity dates changed; the
# units in its subtree may now count differently in campaigns' roll-ups.
unit_changed = Signal()
