"""Django admin behind the same door as the staff area: a verified second factor and the admin role.

Installed as the default admin site through `admin_apps.StaffAdminConfig` (INSTALLED_APPS), so `admin.site` and every
app's `admin.site.register` use it. Admin's own login page is never shown: it sends people to
/ansatt/logg-inn/.
"""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .guards import forbidden, is_verified


class StaffAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active and user.is_staff and is_verified(user) and user.has_role("admin")  # type: ignore[union-attr]
        )

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:  # type: ignore[override]
        user = request.user
        if user.is_authenticated and is_verified(user):
            # Fully logged in but not an admin: sending them to the login page again would loop.
            return forbidden(request)
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url, login_url=reverse("accounts:login"))

    def logout(self, request: HttpRequest, extra_context=None) -> HttpResponse:  # type: ignore[override]
        from .services import SESSION_NOTICE, end_current_session

        if request.method == "POST":
            end_current_session(request)
            request.session[SESSION_NOTICE] = "logout"
            return redirect("accounts:login")
        return redirect("accounts:logout")
