from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse


def home(request):
    """Leadership and staff land on the dashboard once it is installed."""
    try:
        return redirect(reverse("reports:dashboard"))
    except NoReverseMatch:
        return render(request, "home.html")
