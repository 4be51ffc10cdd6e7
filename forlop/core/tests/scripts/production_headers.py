"""Run in a subprocess with FORLOP_ENV=production: migrate, collect static, fetch every public URL that
needs no arguments, print {url: {status, headers}} as JSON. Used by test_security_headers.py."""

import json
import sys

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import URLPattern, URLResolver, get_resolver  # noqa: E402

from forlop.audit.access import ACCESS_ATTR, PUBLIC  # noqa: E402

call_command("migrate", verbosity=0, interactive=False)
call_command("collectstatic", verbosity=0, interactive=False)


def public_paths(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from public_paths(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            if "<" in route or "(?P" in route or getattr(p.callback, ACCESS_ATTR, None) != PUBLIC:
                continue
            yield "/" + route.lstrip("^").rstrip("$").replace("\\Z", "")


client = Client(HTTP_HOST="forlop.example")
result = {}
for path in sorted(set(public_paths(get_resolver().url_patterns))):
    response = client.get(path, secure=True)
    result[path] = {"status": response.status_code, "headers": dict(response.headers)}
json.dump(result, sys.stdout)
