"""Production settings: every public URL carries the security headers, and `check --deploy` is clean."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def production_env(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        FORLOP_ENV="production",
        SECRET_KEY="x" * 60 + "-test-only-secret-key-with-enough-entropy-1234567890",
        ALLOWED_HOSTS="forlop.example",
        SITE_URL="https://forlop.example",
        EMAIL_HOST="smtp.forlop.example",
        FORLOP_FIELD_KEYS="Zm9ybG9wLXRlc3Qtb25seS1maWVsZC1rZXktMzJieXQ=",  # test only: 32 bytes, base64
        FORLOP_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="forlop.settings",
        PYTHONWARNINGS="ignore",
        PYTHONPATH=str(REPO),
    )
    return env


@pytest.fixture(scope="module")
def production_responses(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("prod")
    out = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "scripts" / "production_headers.py")],
        cwd=REPO,
        env=production_env(tmp),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout)


def test_it_checks_every_public_page(production_responses):
    assert "/" in production_responses
    assert "/hjelp-na/" in production_responses
    assert len(production_responses) >= 5


def test_every_public_page_carries_the_security_headers(production_responses):
    for path, response in production_responses.items():
        headers = {k.lower(): v for k, v in response["headers"].items()}
        # 405: POST-only endpoints (JSON API, one-click actions); they must carry the headers all the same.
        assert response["status"] in (200, 301, 302, 405), (path, response["status"])
        csp = headers.get("content-security-policy", "")
        script_src = next((d for d in csp.split(";") if d.strip().startswith("script-src")), "")
        assert script_src, (path, "CSP without script-src")
        assert "unsafe-inline" not in script_src, path
        assert "unsafe-eval" not in script_src, path
        assert "frame-ancestors 'none'" in csp, path
        assert headers.get("strict-transport-security", "").startswith("max-age=63072000"), path
        assert headers.get("x-content-type-options") == "nosniff", path
        assert headers.get("referrer-policy") == "same-origin", path
        assert headers.get("x-frame-options") == "DENY", path


def test_check_deploy_passes_without_warnings(tmp_path):
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    out = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode != 0
    assert "SECRET_KEY" in out.stderr
