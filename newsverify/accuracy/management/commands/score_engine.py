"""Score the current engine against the reviewers' gold readings and store the run."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from newsverify.accuracy import services
from newsverify.accuracy.models import EngineScore


class Command(BaseCommand):
    help = "Run the current engine on every reviewed article, score it against the reviewers' reading, store it."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--queue", action="store_true", help="Queue the run for a worker instead of running it here."
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if options["queue"]:
            score = services.engine_score_request(by=None)
            self.stdout.write(f"Queued scoring run {score.pk}.")
            return
        score = services.engine_score_start(score_id=EngineScore.objects.create().pk)
        if score is None:  # only if someone deleted the row a moment ago
            raise CommandError("The scoring run vanished before it started.")
        try:
            score = services.engine_score_compute(score=score)
        except Exception as exc:
            from newsverify.accuracy.tasks import failure_reason

            services.engine_score_fail(score_id=score.pk, reason=failure_reason(exc))
            raise
        figures = score.figures
        self.stdout.write(
            f"Engine {score.engine_version} ({score.engine_model}) on {score.article_count} reviewed article(s): "
            f"claims P {figures['precision']} R {figures['recall']} F1 {figures['f1']} "
            f"(micro F1 {figures['micro_f1']}), chains right {figures['chain_of_gold']} of gold, "
            f"{figures['chain']} of found. Run {score.pk}."
        )
