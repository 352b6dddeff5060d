"""Password reset that tells nobody whether an address has an account, and
cannot be used to flood an inbox or probe addresses.

The page answers the same way, with the same work, for every address: it
queues one background task and shows "sent if the address is known". The
task finds the accounts and sends the e-mails, so the time an SMTP server
takes never shows in the answer. Requests are limited per client address
(refused with a Vietnamese page) and per e-mail address (silently: the
answer must stay the same).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetView
from django.shortcuts import render
from django.urls import reverse_lazy
from django_tasks import task

from lifelong_week.core.text import fold
from lifelong_week.core.throttle import Limit, client_address, count, exceeded

EMAIL_TEMPLATE = "accounts/email/password_reset.txt"
SUBJECT_TEMPLATE = "accounts/email/password_reset_subject.txt"


def per_client() -> Limit:
    return Limit("password-reset-client", settings.PASSWORD_RESET_LIMIT, 3600)


def per_address() -> Limit:
    return Limit("password-reset-address", 3, 3600)


class ThrottledPasswordResetView(PasswordResetView):
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        if exceeded(per_client(), client_address(request)):
            return render(request, "accounts/too_many.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        count(per_client(), client_address(self.request))
        email = form.cleaned_data["email"]
        if count(per_address(), fold(email)) <= per_address().attempts:
            send_password_reset.enqueue(
                email=email, domain=self.request.get_host(), use_https=self.request.is_secure()
            )
        return super(PasswordResetView, self).form_valid(form)


@task()
def send_password_reset(*, email: str, domain: str, use_https: bool) -> None:
    """Send the reset link to every active account with ``email`` (none: nothing)."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            email_template_name=EMAIL_TEMPLATE,
            subject_template_name=SUBJECT_TEMPLATE,
        )
