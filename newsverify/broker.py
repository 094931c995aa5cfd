"""The embedded broker: kombu's filesystem transport, with every message written whole before a
worker can see it.

kombu's own ``_put`` creates the message file under its final name and then writes it, while
``_get`` takes any file of that name it finds, unlocked: a worker polling at that moment reads a
file still empty or half written, fails to decode it and exits (seen in about one run in ten of
``benchmarks/upload_latency.py``, an upload reaching an idle worker). Here the message is written
under a name ``_get`` does not take (``.part`` after the queue's suffix) and renamed into place, an
atomic step on one filesystem: a worker finds either no message or the whole of it.

Used for ``filesystem://`` (``settings.CELERY_BROKER_TRANSPORT``); Redis needs nothing of this.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from time import monotonic
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps

PARTIAL_SUFFIX = ".part"


class Channel(filesystem.Channel):
    def _put(self, queue: str, payload: Any, **kwargs: Any) -> None:
        """Put ``payload`` onto ``queue``: written aside, then renamed to the name ``_get`` looks for."""
        # The name kombu gives a message (its order is the order of the names).
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        partial = final + PARTIAL_SUFFIX
        try:
            with open(partial, "wb") as file:
                file.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.remove(partial)
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
