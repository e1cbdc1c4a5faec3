from django.urls import path

from . import views

app_name = "models_registry"
urlpatterns = [
    path("", views.ModelListView.as_view(), name="model_list"),
    path("them/", views.ModelCreateView.as_view(), name="model_create"),
    path("<int:pk>/", views.ModelDetailView.as_view(), name="model_detail"),
    path("<int:pk>/sua/", views.ModelUpdateView.as_view(), name="model_update"),
    path("<int:pk>/xoa/", views.model_archive, name="model_archive"),
    path("<int:pk>/khoi-phuc/", views.model_restore, name="model_restore"),
    path("<int:model_pk>/cong-nhan/them/", views.RecognitionCreateView.as_view(), name="recognition_create"),
    path("cong-nhan/<int:pk>/sua/", views.RecognitionUpdateView.as_view(), name="recognition_update"),
    path("<int:model_pk>/trien-khai/them/", views.DeploymentCreateView.as_view(), name="deployment_create"),
    path("trien-khai/", views.DeploymentListView.as_view(), name="deployment_list"),
    path("trien-khai/<int:pk>/", views.DeploymentDetailView.as_view(), name="deployment_detail"),
    path("trien-khai/<int:pk>/sua/", views.DeploymentUpdateView.as_view(), name="deployment_update"),
    path("trien-khai/<int:pk>/xoa/", views.deployment_archive, name="deployment_archive"),
    path("trien-khai/<int:pk>/khoi-phuc/", views.deployment_restore, name="deployment_restore"),
    path("trien-khai/<int:pk>/ket-qua/", views.DeploymentResultsView.as_view(), name="deployment_results"),
]
