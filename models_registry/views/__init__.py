from .deployments import (
                          DeploymentCreateView,
                          DeploymentDetailView,
                          DeploymentListView,
                          DeploymentResultsView,
                          DeploymentUpdateView,
                          deployment_archive,
                          deployment_restore,
)
from .models import (
                          ModelCreateView,
                          ModelDetailView,
                          ModelListView,
                          ModelUpdateView,
                          RecognitionCreateView,
                          RecognitionUpdateView,
                          model_archive,
                          model_restore,
)

__all__ = [
    "DeploymentCreateView", "DeploymentDetailView", "DeploymentListView", "DeploymentResultsView", "DeploymentUpdateView",
    "deployment_archive", "deployment_restore", "ModelCreateView", "ModelDetailView", "ModelListView",
    "ModelUpdateView", "RecognitionCreateView", "RecognitionUpdateView", "model_archive",
    "model_restore",
]
