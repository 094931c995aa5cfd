"""A signed-in user's permissions and groups, read in one query a request (issue 9).

Django's ``ModelBackend`` reads a user's own permissions and their groups' permissions in two
queries, the first time a request asks ``has_perm``, and the header's list of roles
(``user.groups.all``) is a third. ``RolesBackend``, listed before ``ModelBackend``, reads all
three in one and leaves them where ``ModelBackend`` looks for them on the user object (its
per-request caches, and the groups as if prefetched): every permission is granted or refused
exactly as before, by the same rows, and ``ModelBackend`` answers from what is already read.

It authenticates no one and loads no user: sign-in and sessions stay with ``ModelBackend``, so
no session is signed out by this backend's arrival. Superusers, inactive users and object
permissions are left to ``ModelBackend`` as they were.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import connections, router
from django.db.models import CharField, F, IntegerField, Value

# Stands for the user's id in the query compiled once (no account has it: ids are positive and
# below this); each request puts its user's id in its place.
_USER_MARKER = 987_654_321_000
_GROUP, _GROUP_PERMISSION, _USER_PERMISSION = "group", "group permission", "user permission"


@cache
def _roles_sql(alias: str) -> tuple[str, tuple[Any, ...]]:
    """One query, compiled once per process: rows (kind, group id, name or app label, codename).

    The permissions are the rows ``ModelBackend`` reads: through the user's groups, and the user's own.
    """

    def permissions(kind: str, **through: int) -> Any:
        return (
            Permission.objects.using(alias)
            .filter(**through)
            .order_by()
            .annotate(
                kind=Value(kind, output_field=CharField()),
                group_id=Value(None, output_field=IntegerField()),
                label=F("content_type__app_label"),
                code=F("codename"),
            )
            .values_list("kind", "group_id", "label", "code")
        )

    groups = (
        Group.objects.using(alias)
        .filter(user=_USER_MARKER)
        .order_by()
        .annotate(
            kind=Value(_GROUP, output_field=CharField()), label=F("name"), code=Value("", output_field=CharField())
        )
        .values_list("kind", "pk", "label", "code")
    )
    rows = groups.union(
        permissions(_GROUP_PERMISSION, group__user=_USER_MARKER),
        permissions(_USER_PERMISSION, user=_USER_MARKER),
        all=True,
    )
    return rows.query.sql_with_params()


def roles_load(user: Any) -> None:
    """Read ``user``'s groups and permissions in one query, into the caches ``ModelBackend`` reads:
    ``_user_perm_cache``, ``_group_perm_cache`` and ``_perm_cache`` as it fills them, and
    ``user.groups.all()`` as ``prefetch_related("groups")`` leaves it."""
    alias = router.db_for_read(Permission)
    sql, params = _roles_sql(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [user.pk if value == _USER_MARKER else value for value in params])
        rows = cursor.fetchall()
    own = {f"{label}.{code}" for kind, _group, label, code in rows if kind == _USER_PERMISSION}
    through_groups = {f"{label}.{code}" for kind, _group, label, code in rows if kind == _GROUP_PERMISSION}
    user._user_perm_cache = own
    user._group_perm_cache = through_groups
    user._perm_cache = own | through_groups
    groups = user.groups.all()
    groups._result_cache = [Group(pk=group, name=label) for kind, group, label, _code in rows if kind == _GROUP]
    groups._prefetch_done = True
    if not hasattr(user, "_prefetched_objects_cache"):
        user._prefetched_objects_cache = {}
    user._prefetched_objects_cache[type(user).groups.field.name] = groups


class RolesBackend:
    """Permissions only (see the module): the first ``has_perm`` of a request reads them all at once.

    No ``get_user``: a session, or the test client's ``force_login``, never names this backend.
    """

    def authenticate(self, request: Any, **credentials: Any) -> None:
        return None  # sign-in is ModelBackend's

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or user_obj.is_superuser or obj is not None:
            return set()  # ModelBackend's answer, as before
        if not hasattr(user_obj, "_perm_cache"):
            roles_load(user_obj)
        return user_obj._perm_cache

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()  # ModelBackend answers these from the caches filled above

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()
