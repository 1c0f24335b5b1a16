"""Values kept in the cache every process shares (Redis; settings.SHARED_CACHE), by
generation: what is read on every request and changes seldom (a user's roles, the bell's
count), each kept with the generation it was computed in. A write to what the value is made
of starts a new generation, at once and again when its transaction commits: a request that
read the old generation while the write was uncommitted tagged its copy with it, so the copy
is never used after the commit."""

import time

from django.core.cache import cache
from django.core.cache.backends import redis
from django.db import transaction


class RedisCache(redis.RedisCache):
    """Django's Redis cache, keeping one client a connection pool: Django's builds a new
    ``redis.Redis`` on every call (with its table of reply handlers: some 0.08 ms), and a
    page makes three calls (its session, its roles, the bell)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _KeptClients


class _KeptClients(redis.RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}  # connection pool → its client

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


def kept(generation_key, key, compute, seconds):
    """The value under ``key`` if it was computed in the current generation of
    ``generation_key``; else ``compute(generation)``, kept for ``seconds``. One round trip
    to the cache when the value is there."""
    found = cache.get_many([generation_key, key])
    generation = found.get(generation_key)
    if generation is None:
        # Never a number used before (the key may have been dropped): a fresh start.
        cache.add(generation_key, time.time_ns(), timeout=None)
        generation = cache.get(generation_key)
    entry = found.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    value = compute(generation)
    cache.set(key, (generation, value), seconds)
    return value


def new_generation(generation_key):
    """Every value kept under ``generation_key`` is out of date, now and at the commit."""
    _next(generation_key)
    transaction.on_commit(lambda: _next(generation_key))


def _next(generation_key):
    try:
        cache.incr(generation_key)
    except ValueError:  # no generation yet: the next reader starts one
        pass
