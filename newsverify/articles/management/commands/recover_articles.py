"""One recovery sweep, from the command line (every worker already runs it on a timer)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from newsverify.articles.recovery import articles_recover


class Command(BaseCommand):
    help = (
        "Queue again the articles whose analysis was lost (stuck analysing, never sent, or lost by the broker) "
        "and fail those that used up their attempts. Workers run this themselves every "
        "NEWSVERIFY_RECOVERY_INTERVAL seconds; run it by hand or from cron when no worker is running."
    )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        done = articles_recover()
        self.stdout.write(
            f"{len(done.requeued)} requeued, {len(done.failed)} failed, {len(done.sent)} sent, "
            f"{len(done.resent)} re-sent, {done.unsent} still waiting for the broker"
        )
