from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("", views.OrganizationListView.as_view(), name="organization_list"),
    path("thanh-vien/", views.MemberListView.as_view(), name="member_list"),
    path("them/", views.OrganizationCreateView.as_view(), name="organization_create"),
    path("<int:pk>/", views.OrganizationDetailView.as_view(), name="organization_detail"),
    path("<int:pk>/sua/", views.OrganizationUpdateView.as_view(), name="organization_update"),
    path("<int:pk>/luu-tru/", views.organization_archive_view, name="organization_archive"),
    path("<int:pk>/khoi-phuc/", views.organization_restore_view, name="organization_restore"),
]
