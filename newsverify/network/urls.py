from django.urls import path

from newsverify.network import views

urlpatterns = [
    path("network/", views.network_page, name="network"),
    path("network/graph.<str:fmt>", views.network_data, name="network_data"),
    path("network/outlets/", views.outlet_dashboard, name="outlet_dashboard"),
]
