"""Make the stories' sentence embeddings ready before a worker needs them.

The ``static`` encoder (and ``cascade``'s first pass) reads a table built once per machine from the
MiniLM package (about a minute on one core, then kept under ``NEWSVERIFY_MODEL_CACHE``). Built at
the first match, that minute would hold a worker's first article; ``make run`` and a deploy run
this command first instead. With the table already built, or another encoder set, it only says so.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from newsverify.stories.embeddings import encoders_of, get_encoder, static_table_path


class Command(BaseCommand):
    help = "Build what the configured story embeddings need (the static table, once per machine)."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        encoders = encoders_of(settings.NEWSVERIFY_STORY_EMBEDDINGS)
        if "static" not in encoders:
            self.stdout.write(f"Story embeddings {settings.NEWSVERIFY_STORY_EMBEDDINGS!r}: nothing to build.")
            return
        path = static_table_path()
        if path.exists():
            self.stdout.write(f"Story embeddings: the static table is ready ({path}).")
            return
        self.stdout.write("Story embeddings: building the static table (once per machine, about a minute)...")
        self.stdout.flush()
        started = time.monotonic()
        get_encoder("static")
        self.stdout.write(f"Story embeddings: built {path} in {time.monotonic() - started:.0f} s.")
