"""Every change this site makes to a library's code, in one place, applied once when Django
starts (ciso/apps.py). Each one is covered by a test in tests/ciso/test_patches.py that fails
when an upgrade changes what it relies on, so that the patch is looked at again.
"""

from ciso import routing


def route_in_two_queries():
    """wagtail-modeltranslation sets `route` on every translated page model; its version loads
    every child of each level of the path. Routing starts at the home page: its `route` finds
    the whole path in two queries instead (ciso/routing.py), falling back on that one."""
    from ciso.models import HomePage

    HomePage.route = routing.route_from(HomePage.route)


def apply():
    route_in_two_queries()
