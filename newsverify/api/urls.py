from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from newsverify.api import views

# No format-suffix routes (``articles.json``): the API speaks JSON and says so by content type, the
# exports have their own paths (``prov/turtle/``), and the suffix routes passed a ``format`` argument
# that the views' actions do not take (a 500).
router = DefaultRouter()
router.include_format_suffixes = False
router.register("articles", views.ArticleViewSet, basename="api-article")
router.register("claims", views.ClaimViewSet, basename="api-claim")
router.register("sources", views.SourceViewSet, basename="api-source")

urlpatterns = [
    path("v1/auth/token/", views.TokenObtainView.as_view(), name="api-token"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
