from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.ReportListView.as_view(), name="report_list"),
    path("tao/", views.report_create, name="report_create"),
    path("so-sanh/", views.report_compare, name="report_compare"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("<int:pk>/trang-thai/", views.report_status, name="report_status"),
    path("<int:pk>/tai-ve/", views.report_download, name="report_download"),
    path("<int:pk>/tai-ve/<str:fmt>/", views.report_download, name="report_download_format"),
    path("<int:pk>/thu-lai/", views.report_retry, name="report_retry"),
    path("<int:pk>/dung-lai/", views.report_reproduce, name="report_reproduce"),
]
