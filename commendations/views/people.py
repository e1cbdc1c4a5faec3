from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from antq_portal.history import history_entries
from antq_portal.lists import RegistryListView

from .. import services
from ..filtersets import PeopleFilterSet
from ..forms import PersonChoiceForm, PersonSplitForm
from ..models import Person, Recipient
from ..tables import PEOPLE


class PeopleView(RegistryListView):
    """Individuals grouped across decisions, with how often each was commended per year."""

    template_name = "commendations/people.html"
    filterset_class = PeopleFilterSet
    table = PEOPLE

    def base_queryset(self):
        return Person.objects.visible_to(self.request.user).unmerged().select_related("commune__parent")

    def prepare_rows(self, rows: list) -> list:
        """How often each person shown was commended per year: one grouped query for the rows shown."""
        recipients = Recipient.objects.visible_to(self.request.user).individuals().filter(
            person__in=[p.pk for p in rows])
        authority = self.filterset.form.cleaned_data.get("authority")
        if authority:
            recipients = recipients.filter(decision__authority=authority)
        counts = (recipients.values("person_id", "decision__year").annotate(n=Count("id"))
                  .order_by("person_id", "decision__year"))
        per_year = defaultdict(list)
        for row in counts:
            per_year[row["person_id"]].append((row["decision__year"], row["n"]))
        for person in rows:
            person.per_year = per_year.get(person.pk, [])
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["people"] = context["object_list"]
        return context


class PersonDetailView(DetailView):
    template_name = "commendations/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.visible_to(self.request.user).select_related("commune__parent", "merged_into",
                                                                           "member")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            recipients=Recipient.objects.visible_to(user).filter(person=self.object).select_related(
                "decision__authority", "decision__form", "commune").order_by("-decision__decided_on"),
            merged_people=Person.objects.visible_to(user).filter(merged_into=self.object),
            history=history_entries(self.object),
            can_manage=user.has_perm("commendations.change_person") and not self.object.merged_into_id,
        )
        return context


def _manageable_person(request, pk: int) -> Person:
    return get_object_or_404(Person.objects.visible_to(request.user).unmerged(), pk=pk)


@permission_required("commendations.change_person", raise_exception=True)
def person_merge(request, pk: int):
    """Staff say that another entry is this same person: its commendations move here."""
    person = _manageable_person(request, pk)
    form = PersonChoiceForm(request.POST or None, user=request.user, person=person,
                            initial={"other": request.GET.get("other")})
    if request.method == "POST" and form.is_valid():
        try:
            services.person_merge(keep=person, absorb=form.cleaned_data["other"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã gộp %(other)s vào %(person)s.")
                             % {"other": form.cleaned_data["other"], "person": person})
            return redirect(person.get_absolute_url())
    candidates = (Person.objects.visible_to(request.user).unmerged().exclude(pk=person.pk)
                  .filter(search_text__contains=person.search_text.split(" ")[-1] if person.search_text else "")
                  .select_related("commune")[:30])
    return render(request, "commendations/person_merge.html",
                  {"person": person, "form": form, "candidates": candidates})


@permission_required("commendations.change_person", raise_exception=True)
def person_split(request, pk: int):
    """Undo a wrong merge: chosen commendations go to a separate person."""
    person = _manageable_person(request, pk)
    form = PersonSplitForm(request.POST or None, user=request.user, person=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            other = services.person_split(person=person, recipients=data["recipients"], into=data["into"],
                                         full_name=data["full_name"], birth_year=data["birth_year"],
                                         commune=data["commune"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã tách %(n)d lần khen thưởng sang %(other)s.")
                             % {"n": len(data["recipients"]), "other": other})
            return redirect(other.get_absolute_url())
    return render(request, "commendations/person_split.html", {"person": person, "form": form})

