"""Project-wide views: the login page, with its attempts rate-limited."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit

from newsverify.sign_in import login_name_key

TOO_MANY_ATTEMPTS = "Too many sign-in attempts. Wait a minute, then try again."


# Two counters: one per client address (credential stuffing from one place) and one per username
# (guessing one account's password from many places). Either one over its rate refuses the attempt
# before the password is even checked. Counts live in the shared cache (settings.CACHES). The
# username is read as authentication reads it (sign_in.login_name), so no spelling escapes its count.
# A run of wrong passwords also locks the account itself (django-axes, settings AXES_*).
@method_decorator(
    ratelimit(group="login", key="ip", rate=settings.NEWSVERIFY_LOGIN_RATE_PER_IP, method="POST", block=False),
    name="post",
)
@method_decorator(
    ratelimit(
        group="login", key=login_name_key, rate=settings.NEWSVERIFY_LOGIN_RATE_PER_USER, method="POST", block=False
    ),
    name="post",
)
class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request, "limited", False):
            context = self.get_context_data(form=self.get_form_class()(request), rate_limited=TOO_MANY_ATTEMPTS)
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)
