"""Django admin's app config with Forløp's admin site (kept in its own module: INSTALLED_APPS imports it
before models can be loaded)."""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    # The staff site (accounts: second factor, admin role) with the access log built in (audit).
    default_site = "forlop.audit.admin_site.AuditedAdminSite"
