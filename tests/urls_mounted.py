"""The project's URLs mounted under a path of their own (for tests that change ``ROOT_URLCONF``)."""

from django.urls import include, path

urlpatterns = [path("mounted/", include("newsverify.urls"))]
