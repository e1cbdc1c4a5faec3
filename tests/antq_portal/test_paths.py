"""antq_portal.paths.path_to: the links a dashboard writes by the hundred, reversed once per URL name."""

from django.urls import reverse, set_script_prefix

from antq_portal.paths import path_to


def test_the_same_paths_as_reverse_with_or_without_an_id():
    assert path_to("organizations:organization_list") == reverse("organizations:organization_list")
    for pk in (1, 7, 918, 10795):
        assert path_to("reports:dashboard_unit", pk) == reverse("reports:dashboard_unit", args=[pk])
    assert path_to("no_such_list") is None  # a list not installed: no link rather than a broken one


def test_a_portal_served_under_a_prefix_links_under_it():
    try:
        set_script_prefix("/antq/")
        assert path_to("reports:dashboard_unit", 63) == reverse("reports:dashboard_unit", args=[63])
        assert path_to("reports:dashboard_unit", 63).startswith("/antq/")
    finally:
        set_script_prefix("/")
    assert not path_to("reports:dashboard_unit", 63).startswith("/antq/")
