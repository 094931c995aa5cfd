"""newsverify: source-chain verification of news articles.

Deliberately empty: ``newsverify.attribution`` (the engine) must import without Django, so the
Celery app is loaded from ``ArticlesConfig.ready()`` rather than from here.
"""
