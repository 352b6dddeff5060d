"""The site's URLs plus two floor pages, behind the same middleware.

- ``bench/trivial/``: the site's layout for a signed-in user with nothing in
  it — the floor of a dashboard page;
- ``bench/insert/``: a POST (CSRF-checked, signed in) that does one INSERT and
  redirects — the floor of a report submission.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from lifelong_week.reports.models import Notification
from lifelong_week.urls import urlpatterns as site_urlpatterns

INSERT_MARK = "bench: one insert"


@login_required
def trivial(request):
    return render(request, "base.html")


@login_required
@require_POST
def insert_one(request):
    Notification.objects.create(user=request.user, message=INSERT_MARK)
    return redirect("bench_trivial")


urlpatterns = [
    path("bench/trivial/", trivial, name="bench_trivial"),
    path("bench/insert/", insert_one, name="bench_insert"),
    *site_urlpatterns,
]
