"""Django admin's app config with Forløp's admin site (kept in its own module: INSTALLED_APPS imports it
before models can be loaded)."""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "forlop.accounts.admin_site.StaffAdminSite"
