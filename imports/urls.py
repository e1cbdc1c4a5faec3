from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.import_start, name="import_start"),
    path("lan-nhap/", views.JobListView.as_view(), name="job_list"),
    path("mau/<str:registry>/", views.import_template, name="template"),
    path("xuat/<str:registry>/", views.import_export, name="export"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/tep/", views.job_file, name="job_file"),
    path("<int:pk>/tien-do/", views.job_progress, name="job_progress"),
    path("<int:pk>/xac-nhan/", views.job_confirm, name="job_confirm"),
    path("<int:pk>/huy/", views.job_discard, name="job_discard"),
    path("<int:pk>/loi/", views.job_errors, name="job_errors"),
]
