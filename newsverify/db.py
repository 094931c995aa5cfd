"""Database connection tweaks that are not settings."""

from __future__ import annotations

import sqlite3

from django.db.backends.signals import connection_created


def _sqlite_query_params(sender: object, connection: object, **kwargs: object) -> None:
    """Let bulk writes on SQLite use the library's real limit of variables per statement.

    Django assumes SQLite's old compile-time default of 999, so a bulk insert of a few hundred claims
    was cut into many statements; SQLite since 3.32 allows 32,766 (asked of the library itself).
    """
    if getattr(connection, "vendor", None) != "sqlite":
        return
    raw = connection.connection  # type: ignore[attr-defined]
    limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if hasattr(raw, "getlimit") else 999
    connection.features.max_query_params = max(999, limit)  # type: ignore[attr-defined]


def connect_signals() -> None:
    connection_created.connect(_sqlite_query_params, dispatch_uid="newsverify.db.sqlite_query_params")
