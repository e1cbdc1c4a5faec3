from .decisions import (
                        DecisionDetailView,
                        DecisionListView,
                        decision_archive,
                        decision_create,
                        decision_scan,
                        decision_update,
)
from .links import link_search
from .people import PeopleView, PersonDetailView, person_merge, person_split
from .recipients import RecipientListView

__all__ = ["DecisionDetailView", "DecisionListView", "decision_archive", "decision_create", "decision_scan",
           "decision_update", "link_search", "PeopleView", "PersonDetailView", "person_merge", "person_split",
           "RecipientListView"]
