"""The signed-in page where users create, see and revoke their API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lifelong_week.accounts.access import get_or_404
from lifelong_week.api.forms import TokenForm
from lifelong_week.api.models import ApiToken
from lifelong_week.api.tokens import create_token, revoke_token


def _page(request, form: TokenForm, *, status: int = 200, **extra):
    context = {
        "form": form,
        "tokens": ApiToken.objects.filter(user=request.user),
        "now": timezone.now(),
        **extra,
    }
    return render(request, "api/tokens.html", context, status=status)


@login_required
def tokens(request):
    """List the user's tokens; POST creates one and shows its key this once."""
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            token, key = create_token(
                request.user, name=form.cleaned_data["name"], expires_at=form.expires_at()
            )
            # Rendered, not redirected: the key is never stored, so this
            # answer is the only place it ever appears.
            return _page(request, TokenForm(), created=token, key=key)
        return _page(request, form)
    return _page(request, TokenForm())


@login_required
@require_POST
def revoke(request, pk: int):
    token = get_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    if token.revoked:
        messages.info(request, _("Mã “%s” đã bị thu hồi từ trước.") % token.name)
    else:
        revoke_token(token)
        messages.success(
            request,
            _("Đã thu hồi mã “%s”; hệ thống nào dùng mã này sẽ không truy cập được nữa.")
            % token.name,
        )
    return redirect("api_pages:tokens")


@login_required
def reference(request):
    """The API's reference in Vietnamese, read from its OpenAPI schema."""
    from lifelong_week.api.reference import operations
    from lifelong_week.api.v1 import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return render(request, "api/reference.html", {"operations": operations(schema)})
