"""HTTP throughput of the production server on loopback, against a bare Django view on the same server.

Starts gunicorn with production settings (FORLOP_ENV=production) on 127.0.0.1 over a fresh SQLite file with
the demo articles, loads each URL with wrk (Debian package `wrk`) and prints requests/s and p50/p95/p99
latency, plus each page's throughput as a share of the bare view's. Run: `.venv/bin/python benchmarks/http_load.py`
(options: --duration 10 --connections 16 --workers 2).
"""

import argparse
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


WRK_REPORT = """
done = function(summary, latency, requests)
  for _, p in pairs({50, 95, 99}) do
    io.write(string.format("P%d %d\\n", p, latency:percentile(p)))
  end
  io.write(string.format("STATUS_ERRORS %d\\n", summary.errors.status))
end
"""


def run_wrk(url: str, duration: int, connections: int, script: Path) -> dict[str, float]:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "-s",
            str(script),
            "-H",
            "X-Forwarded-Proto: https",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    pct = {p: int(re.search(rf"P{p} (\d+)", out).group(1)) / 1000 for p in (50, 95, 99)}  # type: ignore[union-attr]
    errors = int(re.search(r"STATUS_ERRORS (\d+)", out).group(1))  # type: ignore[union-attr]
    return {"rps": rps, "p50": pct[50], "p95": pct[95], "p99": pct[99], "errors": errors}


def production_env(base_env: dict[str, str], **extra: str) -> dict[str, str]:
    """Production settings for a loopback benchmark (no TLS in front, so no SSL redirect)."""
    return dict(
        base_env,
        FORLOP_ENV="production",
        SECRET_KEY="benchmark-only-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="https://forlop.example",
        EMAIL_HOST="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
        **extra,
    )


def start_server(prod_env: dict[str, str], *, port: int, workers: int) -> subprocess.Popen:
    """Start gunicorn on 127.0.0.1:port and wait until /healthz answers."""
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "forlop.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(workers), "--threads", "4", "--log-level", "warning"],
        cwd=REPO,
        env=prod_env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)  # noqa: S310 - loopback only
            break
        except OSError:
            time.sleep(0.1)
    return server


BARE = ("bare Django view", "/_bare/")  # forlop/site/views.py: the baseline every ratio is taken against


def measure(
    base: str, targets: list[tuple[str, str]], *, duration: int, connections: int, script: Path
) -> dict[str, dict[str, float]]:
    """wrk against each (name, path) in turn, after a 2-second warm-up each."""
    results = {}
    for name, path in targets:
        run_wrk(base + path, 2, connections, script)  # warm-up
        results[name] = run_wrk(base + path, duration, connections, script)
    return results


def print_table(results: dict[str, dict[str, float]], *, width: int = 20) -> None:
    """req/s, latency percentiles and each target's throughput as a share of the bare view's."""
    bare = results[BARE[0]]["rps"]
    print(
        f"{'target':<{width}}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'vs bare':>10}{'non-2xx':>9}"
    )
    for name, r in results.items():
        print(
            f"{name:<{width}}{r['rps']:>10.0f}{r['p50']:>10.2f}{r['p95']:>10.2f}{r['p99']:>10.2f}"
            f"{r['rps'] / bare:>10.1%}{r['errors']:>9.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk mangler: apt-get install wrk")

    var = Path(tempfile.mkdtemp(prefix="forlop-bench-"))
    base_env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    base_env.update(FORLOP_VAR_DIR=str(var), PYTHONPATH=str(REPO))
    # Demo content is loaded in development mode; the server then runs in production mode on the same file.
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=REPO, env=base_env, check=True)
    subprocess.run(
        [PY, "manage.py", "load_demo"], cwd=REPO, env=base_env, check=True, stdout=subprocess.DEVNULL
    )
    port = free_port()
    prod_env = production_env(base_env)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=REPO, env=prod_env, check=True)
    slug = subprocess.run(
        [
            PY,
            "manage.py",
            "shell",
            "-v0",
            "-c",
            "from forlop.content.models import Article; print(Article.objects.published().first().slug)",
        ],
        cwd=REPO,
        env=prod_env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    server = start_server(prod_env, port=port, workers=args.workers)
    base = f"http://127.0.0.1:{port}"
    script = var / "report.lua"
    script.write_text(WRK_REPORT)
    try:
        targets = [
            BARE,
            ("/healthz", "/healthz"),
            ("/", "/"),
            ("/artikler/", "/artikler/"),
            ("article", f"/artikler/{slug}/"),
        ]
        print(
            f"# Forløp HTTP benchmark — {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        )
        print(
            f"# gunicorn {args.workers} workers x 4 threads, wrk 2 threads, {args.connections} connections, {args.duration}s each, production settings, SQLite"
        )
        results = measure(base, targets, duration=args.duration, connections=args.connections, script=script)
        print_table(results)
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
