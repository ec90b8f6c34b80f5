"""Per-learner values kept in the shared cache: what a signed-in learner's
every page needs (their account, the steps they have done), read in one
round trip to Redis instead of queries to the database.

Each value is kept with the version it was computed for, and every write
that changes it gives the learner a new version: a value computed from
the database before a write, and stored after it, is then never used. A
write bumps the version at once and again when its transaction commits,
so a value computed in between is not used either. A value computed inside a
transaction is used but never kept: it may hold writes that are then rolled
back, and a rollback moves no version on."""

import uuid

from django.core.cache import cache
from django.db import connection, transaction

KEEP_SECONDS = 15 * 60  # a signed-in learner's session of reading; any write forgets it sooner
VERSION_SECONDS = 24 * 60 * 60  # longer than the value: a missing version is simply a new one


class LearnerCache:
    """`LearnerCache("done-steps")`: `get(pk, compute)` reads the value for
    learner `pk`, computing and keeping it when missing or outdated;
    `forget(pk)` after any write that changes it."""

    def __init__(self, name):
        self.name = name

    def keys(self, pk):
        return f"{self.name}:version:{pk}", f"{self.name}:{pk}"

    def get(self, pk, compute, found=None):
        """The value; `found` may hold what a cache.get_many of `keys(pk)`
        (with other keys, in one round trip) already read."""
        version_key, value_key = self.keys(pk)
        if found is None or version_key not in found:
            found = cache.get_many([version_key, value_key])
        version = found.get(version_key)
        if version is None:
            cache.add(version_key, uuid.uuid4().hex, VERSION_SECONDS)  # a concurrent request may win: use theirs
            version = cache.get(version_key)
        kept = found.get(value_key)
        if kept is not None and version is not None and kept[0] == version:
            return kept[1]
        value = compute()
        if version is not None and not _in_a_transaction():
            cache.set(value_key, (version, value), KEEP_SECONDS)
        return value

    def forget(self, pk):
        version_key, _ = self.keys(pk)

        def bump():
            cache.set(version_key, uuid.uuid4().hex, VERSION_SECONDS)

        bump()
        transaction.on_commit(bump)


def _in_a_transaction():
    """Inside a transaction of our own (the test runner's wrapping one aside,
    which stands in for the autocommit of a real request)."""
    return any(not block._from_testcase for block in connection.atomic_blocks)
