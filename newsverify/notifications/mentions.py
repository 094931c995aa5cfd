"""Who a text mentions: "@username", as Django spells usernames (letters, digits and @ . + - _)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

# Not inside a word or an e-mail address ("ada@example.org" mentions no one).
_MENTION = re.compile(r"(?<![\w@.+-])@([\w.@+-]{1,150})")
# A sentence may end right after the name: "thanks @ada."
_TRAILING = ".@+-"
MAX_MENTIONS = 20


def mentioned_usernames(text: str) -> list[str]:
    """The names after each "@", in order of first mention, at most ``MAX_MENTIONS``."""
    names = (match.group(1) for match in _MENTION.finditer(text))
    return list(dict.fromkeys(n for n in names if n.strip(_TRAILING)))[:MAX_MENTIONS]


def mentioned_users(text: str) -> list[AbstractBaseUser]:
    """The active users a text mentions. Unknown names are ignored; a name is matched as written,
    else without the punctuation that may follow it, else in any case when that is unambiguous."""
    User = get_user_model()
    field = User.USERNAME_FIELD
    found: list[AbstractBaseUser] = []
    for written in mentioned_usernames(text):
        tries = list(dict.fromkeys([written, written.rstrip(_TRAILING)]))
        users = list(User.objects.filter(**{f"{field}__in": tries, "is_active": True}))
        if not users:
            users = list(User.objects.filter(**{f"{field}__iexact": tries[-1], "is_active": True})[:2])
            users = users if len(users) == 1 else []
        users.sort(key=lambda u: tries.index(getattr(u, field)) if getattr(u, field) in tries else 0)
        if users and users[0] not in found:
            found.append(users[0])
    return found
