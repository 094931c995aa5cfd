from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from newsverify.articles.models import Article, ArticleStatus
from newsverify.articles.services import article_content_hash
from newsverify.review.models import Claim, ClaimKind, Evidence, Hop
from newsverify.sources.models import Source, SourceType


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    publisher = "Example Times"
    text = factory.Sequence(lambda n: f"Article number {n}. Officials said that {n} drones were seen.")
    content_hash = factory.LazyAttribute(lambda o: article_content_hash(o.text))
    status = ArticleStatus.DONE


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")
    type = SourceType.NEWS_OUTLET


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    engine_key = factory.Sequence(lambda n: f"c{n}")
    span_start = 0
    span_end = 10
    text = factory.LazyAttribute(lambda o: o.article.text[o.span_start : o.span_end])
    kind = ClaimKind.INDIRECT
    depth = 1


class HopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hop

    claim = factory.SubFactory(ClaimFactory)
    position = 0
    source = factory.SubFactory(SourceFactory)
    evidence = Evidence.EXPLICIT
