"""Sessions in the database, as Django's ``db`` engine keeps them, read by a query compiled once.

Every signed-in request reads its session first; building that one-row ``get`` cost the ORM more
than the database spent on it. The row is the same (the session's key, and not expired: checked
against the clock here rather than in the query, so the query's text never changes); writing,
creating and deleting sessions are the ``db`` engine's own.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.db import router
from django.utils import timezone

from newsverify.db import CompiledQuery


def _session(session_key: str) -> Any:
    return SessionStore.get_model_class().objects.filter(session_key=session_key)


_SESSION = CompiledQuery(_session)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Any:
        found = _SESSION.objects(self.session_key, using=router.db_for_read(self.model))
        if not found or found[0].expire_date <= timezone.now():
            self._session_key = None
            return None
        return found[0]
