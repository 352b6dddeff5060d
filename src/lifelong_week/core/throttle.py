"""Counting attempts per client or per account in a time window, in the
shared cache (Redis in a deployment of several servers, so every server
counts the same attempts; each process's memory otherwise)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    name: str  # what is counted, part of the cache key
    attempts: int  # allowed in one window
    seconds: int  # the window


def _key(limit: Limit, who: str) -> str:
    return f"throttle:{limit.name}:{who}"


def exceeded(limit: Limit, who: str) -> bool:
    """Has ``who`` used up ``limit`` already (without counting this look)?"""
    return (cache.get(_key(limit, who)) or 0) >= limit.attempts


def count(limit: Limit, who: str) -> int:
    """Count one attempt by ``who``; how many there have been in the window.
    The window starts at the first attempt and is not prolonged by later ones."""
    key = _key(limit, who)
    cache.add(key, 0, timeout=limit.seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=limit.seconds)
        return 1


def client_address(request) -> str:
    """The client's address as the WSGI server gives it (behind a trusted
    proxy, waitress puts the forwarded client address there)."""
    return request.META.get("REMOTE_ADDR") or "unknown"
