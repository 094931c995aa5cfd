"""``manage.py extract_chains``: run the attribution engine on text files from the shell.

    python manage.py extract_chains ARTICLE.txt [--publisher NAME] [--json]
    python manage.py extract_chains --jsonl A.txt B.txt ...
    python manage.py extract_chains -        (reads standard input)

The work is done by ``newsverify.attribution.cli``; this command only supplies the spaCy
pipeline named by the ``NEWSVERIFY_SPACY_MODEL`` setting.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsverify.attribution import cli


class Command(BaseCommand):
    help = "Find attributed claims and their source chains in article text files."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        cli.add_arguments(parser)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        options["model"] = options.get("model") or getattr(settings, "NEWSVERIFY_SPACY_MODEL", None)
        namespace = _Options(options)
        try:
            cli.run(namespace, self.stdout, stdin=sys.stdin)
        except (OSError, UnicodeError) as exc:
            raise CommandError(str(exc)) from exc


class _Options:
    """The parsed options as ``cli.run`` expects them (an argparse namespace)."""

    def __init__(self, options: dict):  # type: ignore[type-arg]
        self.files = options["files"]
        self.publisher = options.get("publisher")
        self.json = options.get("json", False)
        self.jsonl = options.get("jsonl", False)
        self.model = options.get("model")
