from django.urls import path

from newsverify.stories import views

urlpatterns = [
    path("stories/", views.story_list, name="story_list"),
    path("stories/<int:story_id>/", views.story_detail, name="story_detail"),
    path("stories/<int:story_id>/upstream/", views.upstream_correction, name="story_upstream_correction"),
]
