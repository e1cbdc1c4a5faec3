from django.urls import path

from . import views

app_name = "geography"
urlpatterns = [
    path("goi-y/", views.unit_search, name="unit_search"),
]
