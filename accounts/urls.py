from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("xac-thuc/", views.otp_verify, name="otp_verify"),
    path("xac-thuc-hai-buoc/", views.otp_setup, name="otp_setup"),
    path("nhat-ky-truy-cap/", views.AccessLogListView.as_view(), name="access_log"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(success_url="/"), name="password_change"),
]
