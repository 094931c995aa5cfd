from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from newsverify.accuracy import views as accuracy_views
from newsverify.articles import views as article_views
from newsverify.notifications import views as notification_views
from newsverify.review import source_views
from newsverify.review import views as review_views
from newsverify.views import LoginView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="article_list", permanent=False)),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("articles/", article_views.article_list, name="article_list"),
    path("articles/new/", article_views.article_upload, name="article_upload"),
    path("articles/progress/", article_views.article_progress, name="article_progress"),
    path("articles/<int:article_id>/", article_views.article_detail, name="article_detail"),
    path("articles/<int:article_id>/reanalyse/", article_views.article_reanalyse, name="article_reanalyse"),
    path("articles/<int:article_id>/claims/<int:claim_id>/", review_views.claim_detail, name="claim_detail"),
    path("articles/<int:article_id>/claims/<int:claim_id>/flag/", review_views.claim_flag, name="claim_flag"),
    path("articles/<int:article_id>/claims/<int:claim_id>/verdict/", review_views.claim_verdict, name="claim_verdict"),
    path("articles/<int:article_id>/claims/<int:claim_id>/assign/", review_views.claim_assign, name="claim_assign"),
    path("articles/<int:article_id>/claims/<int:claim_id>/comments/", review_views.claim_comment, name="claim_comment"),
    path(
        "articles/<int:article_id>/claims/<int:claim_id>/hops/<int:position>/confirm/",
        review_views.hop_confirm,
        name="hop_confirm",
    ),
    path(
        "articles/<int:article_id>/claims/<int:claim_id>/hops/<int:position>/reopen/",
        review_views.hop_reopen,
        name="hop_reopen",
    ),
    # Corrections (review.corrections): the chain editor, its hop and claim forms, adding a missed claim.
    path("articles/<int:article_id>/claims/add/", review_views.claim_add, name="claim_add"),
    path("articles/<int:article_id>/claims/<int:claim_id>/edit/", review_views.claim_edit, name="claim_edit"),
    path("articles/<int:article_id>/claims/<int:claim_id>/correct/", review_views.claim_correct, name="claim_correct"),
    path("articles/<int:article_id>/claims/<int:claim_id>/hops/add/", review_views.hop_add, name="hop_add"),
    path(
        "articles/<int:article_id>/claims/<int:claim_id>/hops/<int:position>/source/",
        review_views.hop_source,
        name="hop_source",
    ),
    path(
        "articles/<int:article_id>/claims/<int:claim_id>/hops/<int:position>/medium/",
        review_views.hop_medium,
        name="hop_medium",
    ),
    path(
        "articles/<int:article_id>/claims/<int:claim_id>/hops/<int:position>/move/",
        review_views.hop_move,
        name="hop_move",
    ),
    path(
        "articles/<int:article_id>/claims/<int:claim_id>/hops/<int:position>/remove/",
        review_views.hop_remove,
        name="hop_remove",
    ),
    path(
        "articles/<int:article_id>/claims/<int:claim_id>/suggestion/accept/",
        review_views.engine_suggestion_accept,
        name="engine_suggestion_accept",
    ),
    path(
        "articles/<int:article_id>/claims/<int:claim_id>/suggestion/dismiss/",
        review_views.engine_suggestion_dismiss,
        name="engine_suggestion_dismiss",
    ),
    path("review/sources/pick/", review_views.source_candidates, name="source_candidates"),
    path("review/", review_views.review_queue, name="review_queue"),
    path("review/bulk/", review_views.review_queue_bulk, name="review_queue_bulk"),
    path("audit/", review_views.audit_log, name="audit_log"),
    path("sources/", source_views.source_list, name="source_list"),
    path("sources/<int:source_id>/", source_views.source_detail, name="source_detail"),
    path("sources/<int:source_id>/merge/", source_views.source_merge, name="source_merge"),
    path("sources/merges/<int:merge_id>/undo/", source_views.source_merge_undo, name="source_merge_undo"),
    path("inbox/", notification_views.inbox, name="inbox"),
    path("inbox/read/", notification_views.notifications_read_all, name="notifications_read_all"),
    path("inbox/<int:notification_id>/", notification_views.notification_open, name="notification_open"),
    path("inbox/<int:notification_id>/read/", notification_views.notification_read, name="notification_read"),
    path("accuracy/", accuracy_views.accuracy_overview, name="accuracy"),
    path("operations/", article_views.pipeline_status, name="pipeline_status"),
    path("health/", article_views.HealthView.as_view(), name="health"),
    path("accuracy/score/", accuracy_views.accuracy_score, name="accuracy_score"),
    path("admin/", admin.site.urls),
    path("", include("newsverify.exports.urls")),
    path("", include("newsverify.network.urls")),
    path("api/", include("newsverify.api.urls")),
    path("", include("newsverify.stories.urls")),
]
