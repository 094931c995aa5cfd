from django.urls import path

from newsverify.exports import views

urlpatterns = [
    path("exports/claims.csv", views.claims_csv, name="export_claims_csv"),
    path("exports/claims/<int:claim_id>/claimreview.json", views.claim_claimreview, name="export_claimreview"),
    path("exports/claims/<int:claim_id>/prov.<str:fmt>", views.claim_prov, name="export_prov"),
]
