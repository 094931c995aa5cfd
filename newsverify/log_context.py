"""Every log line of an analysis names its article: a context variable and a logging filter.

``current_article_id`` is set for the run of each analysis task (``articles/tasks.py``, between
Celery's task_prerun and task_postrun signals); ``ArticleContextFilter`` on
the handler copies the id onto every record logged inside it, by any logger (the engine's, Django's,
Celery's), as ``article_id`` (JSON logs) and ``article`` ("article=12 " in plain logs). A record
logged with ``extra={"article_id": ...}`` keeps its own.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar

current_article_id: ContextVar[int | None] = ContextVar("current_article_id", default=None)


class ArticleContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        article_id = getattr(record, "article_id", None)
        if article_id is None:
            article_id = current_article_id.get()
        record.article_id = article_id
        record.article = f"article={article_id} " if article_id is not None else ""
        return True
