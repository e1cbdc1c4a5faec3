from django.urls import path

from . import views

app_name = "commendations"
urlpatterns = [
    path("", views.DecisionListView.as_view(), name="decision_list"),
    path("quyet-dinh/them/", views.decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", views.DecisionDetailView.as_view(), name="decision_detail"),
    path("quyet-dinh/<int:pk>/sua/", views.decision_update, name="decision_update"),
    path("quyet-dinh/<int:pk>/xoa/", views.decision_archive, name="decision_archive"),
    path("quyet-dinh/<int:pk>/ban-scan/", views.decision_scan, name="decision_scan"),
    path("lien-ket/<slug:kind>/", views.link_search, name="link_search"),
    path("nguoi-duoc-khen/", views.RecipientListView.as_view(), name="recipient_list"),
    path("ca-nhan/", views.PeopleView.as_view(), name="people"),
    path("ca-nhan/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("ca-nhan/<int:pk>/gop/", views.person_merge, name="person_merge"),
    path("ca-nhan/<int:pk>/tach/", views.person_split, name="person_split"),
]
