"""A filtered, sortable, paginated list that exports exactly the rows it filters."""

from django.views.generic import ListView

from antq_portal.exports import export_response

EXPORT_FORMATS = ("xlsx", "csv")


class FilteredListView(ListView):
    filterset_class = None
    paginate_by = 50
    # sort key in the URL -> ordering expression
    sort_fields: dict[str, str] = {}
    default_sort: tuple[str, ...] = ()
    export_name = "du-lieu"

    def base_queryset(self):
        raise NotImplementedError

    def export_headers(self) -> list[str]:
        raise NotImplementedError

    def export_rows(self, queryset):
        raise NotImplementedError

    def get_queryset(self):
        self.filterset = self.filterset_class(self.request.GET, queryset=self.base_queryset(),
                                              request=self.request)
        if not self.filterset.is_valid():
            return self.filterset.queryset.none()
        queryset = self.filterset.qs
        sort = self.request.GET.get("sort", "")
        if sort.lstrip("-") in self.sort_fields:
            prefix = "-" if sort.startswith("-") else ""
            return queryset.order_by(prefix + self.sort_fields[sort.lstrip("-")], "pk")
        return queryset.order_by(*self.default_sort) if self.default_sort else queryset

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt in EXPORT_FORMATS:
            queryset = self.get_queryset()
            return export_response(fmt, self.export_name, self.export_headers(), self.export_rows(queryset),
                                   request=request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = self.request.GET.get("sort", "")
        # The next sort value of each column header: ascending first, then descending.
        context["next_sort"] = {key: (f"-{key}" if current == key else key) for key in self.sort_fields}
        context["sort"] = current
        context["filterset"] = self.filterset
        context["total"] = context["paginator"].count if context.get("paginator") else len(context["object_list"])
        return context
