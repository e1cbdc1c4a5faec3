from django.urls import path

from . import views
from .dashboard import views as dashboard_views

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
    # The dashboard: the user's own scope, and any unit inside it (drill-down).
    path("tong-quan/", dashboard_views.dashboard, name="dashboard"),
    path("tong-quan/<int:unit_id>/", dashboard_views.dashboard, name="dashboard_unit"),
]
