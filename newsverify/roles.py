"""A signed-in user's permissions and groups, read in one query a request (issue 9).

Django's ``ModelBackend`` reads a user's own permissions and their groups' permissions in two
queries, the first time a request asks ``has_perm``, and the header's list of roles
(``user.groups.all``) is a third. ``RolesBackend``, listed before ``ModelBackend``, reads all
three in one and leaves them where ``ModelBackend`` looks for them on the user object (its
per-request caches, and the groups as if prefetched): every permission is granted or refused
exactly as before, by the same rows, and ``ModelBackend`` answers from what is already read.

It is ``ModelBackend`` with one change more: a session's user is loaded with its roles, in one
query (``get_user``: the user's row, its groups and both kinds of permission in one ``UNION ALL``),
where ``ModelBackend`` reads the user and then, at the first ``has_perm``, the roles. Nothing is
kept between requests: every request reads the user and its roles afresh, so a role taken away, a
password changed (the session's hash is checked by Django on the row read) or an account made
inactive is seen on the next request. It signs in as ``ModelBackend`` does (its ``authenticate``),
so new sessions name it; ``ModelBackend`` stays listed after it, so sessions signed in before, which
name ``ModelBackend``, stay signed in (their user is loaded as before, the roles in one query).
Superusers, inactive users and object permissions are left to ``ModelBackend`` as they were.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, router
from django.db.models import CharField, F, IntegerField, Value

# Stands for the user's id in the query compiled once; each request puts its user's id in its place
# (every other parameter of the query is a string). Within an integer key's range: a lookup of a
# key by a number out of its range matches nothing, and the ORM leaves that part out of the SQL.
_USER_MARKER = 2_147_483_646
_USER, _GROUP, _GROUP_PERMISSION, _USER_PERMISSION = "user", "group", "group permission", "user permission"
_ROLE_COLUMNS = ("kind", "group_id", "label", "code")


def _user_columns() -> list[str]:
    return [field.attname for field in get_user_model()._meta.concrete_fields]


@cache
def _roles_query(alias: str, *, with_user: bool) -> tuple[str, tuple[Any, ...], Any]:
    """One query, compiled once per process: rows (kind, group id, name or app label, codename),
    after the user's own columns and its row first when ``with_user`` (the other rows have none).

    The permissions are the rows ``ModelBackend`` reads: through the user's groups, and the user's own.
    The compiler comes too: it converts the user's columns as the ORM converts them.
    """
    user_columns = _user_columns() if with_user else []
    # Named apart from any model's fields, so that every branch may carry them.
    padded = {f"u_{name}": Value(None, output_field=CharField()) for name in user_columns}

    def rows(queryset: Any, *, kind: str, **columns: Any) -> Any:
        return (
            queryset.using(alias)
            .order_by()
            .annotate(**(padded | {"kind": Value(kind, output_field=CharField())} | columns))
            .values_list(*padded, *_ROLE_COLUMNS)
        )

    def permissions(kind: str, **through: int) -> Any:
        return rows(
            Permission.objects.filter(**through),
            kind=kind,
            group_id=Value(None, output_field=IntegerField()),
            label=F("content_type__app_label"),
            code=F("codename"),
        )

    groups = rows(
        Group.objects.filter(user=_USER_MARKER),
        kind=_GROUP,
        group_id=F("pk"),
        label=F("name"),
        code=Value("", output_field=CharField()),
    )
    branches = [
        groups,
        permissions(_GROUP_PERMISSION, group__user=_USER_MARKER),
        permissions(_USER_PERMISSION, user=_USER_MARKER),
    ]
    if with_user:
        # The user's row first: the union's columns take their types (and the ORM's conversions) from it.
        user = rows(
            get_user_model()._default_manager.filter(pk=_USER_MARKER),
            kind=_USER,
            **{f"u_{name}": F(name) for name in user_columns},
            group_id=Value(None, output_field=IntegerField()),
            label=Value(None, output_field=CharField()),
            code=Value(None, output_field=CharField()),
        )
        branches.insert(0, user)
    union = branches[0].union(*branches[1:], all=True)
    compiler = union.query.get_compiler(using=alias)
    sql, params = compiler.as_sql()
    return sql, tuple(params), compiler


def _roles_rows(user_id: Any, alias: str, *, with_user: bool) -> list[tuple[Any, ...]]:
    sql, params, compiler = _roles_query(alias, with_user=with_user)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [user_id if value == _USER_MARKER else value for value in params])
        fetched = cursor.fetchall()
    return [tuple(row) for row in compiler.results_iter(results=[fetched])] if with_user else fetched


def _roles_keep(user: Any, rows: list[tuple[Any, ...]]) -> None:
    """The caches ``ModelBackend`` reads, from rows (kind, group id, label, code)."""
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


def roles_load(user: Any) -> None:
    """Read ``user``'s groups and permissions in one query, into the caches ``ModelBackend`` reads:
    ``_user_perm_cache``, ``_group_perm_cache`` and ``_perm_cache`` as it fills them, and
    ``user.groups.all()`` as ``prefetch_related("groups")`` leaves it."""
    _roles_keep(user, _roles_rows(user.pk, router.db_for_read(Permission), with_user=False))


def user_with_roles(user_id: Any) -> Any:
    """The user of this id with its groups and permissions read (as ``roles_load`` leaves them), in
    one query; None if there is no such user."""
    model = get_user_model()
    alias = router.db_for_read(model)
    if router.db_for_read(Permission) != alias:
        user = model._default_manager.filter(pk=user_id).first()
        if user is not None:
            roles_load(user)
        return user
    try:
        user_id = model._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    columns = len(_user_columns())
    rows = _roles_rows(user_id, alias, with_user=True)
    found = [row for row in rows if row[columns] == _USER]
    if not found:
        return None
    user = model.from_db(alias, _user_columns(), found[0][:columns])
    _roles_keep(user, [row[columns:] for row in rows if row[columns] != _USER])
    return user


class RolesBackend(ModelBackend):
    """``ModelBackend`` that loads a session's user with its roles in one query (see the module), and
    reads the roles in one query the first time a request asks ``has_perm`` of a user loaded otherwise."""

    def authenticate(self, request: Any, username: Any = None, password: Any = None, **credentials: Any) -> Any:
        user = super().authenticate(request, username=username, password=password, **credentials)
        if user is None and username is not None and password is not None:
            # ModelBackend, listed next for the sessions from before, would check the same password
            # against the same row a second time: stop here, as a refused sign-in.
            raise PermissionDenied
        return user

    def get_user(self, user_id: Any) -> Any:
        user = user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

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
