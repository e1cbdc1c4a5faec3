from django.urls import path

from . import views

app_name = "approvals"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<str:period>/xa/<int:commune_id>/", views.commune_period, name="commune_period"),
    path("<str:period>/xa/<int:commune_id>/<slug:step>/", views.commune_period_step, name="commune_period_step"),
    path("<str:period>/tiep-nhan/", views.period_accept, name="period_accept"),
]
