from .decisions import (
                        DecisionDetailView,
                        DecisionListView,
                        decision_archive,
                        decision_create,
                        decision_scan,
                        decision_update,
)
from .people import PeopleView, PersonDetailView, person_merge, person_split
from .recipients import RecipientListView

__all__ = ["DecisionDetailView", "DecisionListView", "decision_archive", "decision_create", "decision_scan",
           "decision_update", "PeopleView", "PersonDetailView", "person_merge", "person_split",
           "RecipientListView"]
