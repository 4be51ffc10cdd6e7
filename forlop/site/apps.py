from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The public site's own pages (home, crisis help, privacy, error pages), /healthz's view and `manage.py
    serve`: the top layer, which gathers from many apps. The machinery they use lives in forlop.core."""

    name = "forlop.site"
    label = "site"
