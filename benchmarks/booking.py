"""Booking under load (reported, not asserted): the slot endpoint's requests/s and p95, and bookings per
second with 20 concurrent clients (hold + confirm through the JSON API), on SQLite and on PostgreSQL.

Starts gunicorn with production settings on 127.0.0.1 as benchmarks/http_load.py does (and reuses its helpers),
over a fresh database seeded with 20 published therapists working 08-20 every day. wrk (Debian package
`wrk`) with a Lua `done` hook gives the latency percentiles. The API's per-address rate limits are switched
off for the run (every request comes from 127.0.0.1); with them on, each request also writes a row.

    .venv/bin/python benchmarks/booking.py                           # SQLite only
    scripts/with-postgres.sh .venv/bin/python benchmarks/booking.py  # SQLite, then PostgreSQL

Options: --duration 10 --connections 16 --workers 2 --clients 20 --bookings 400.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from http_load import (  # noqa: E402
    BARE,
    PY,
    REPO,
    WRK_REPORT,
    free_port,
    measure,
    print_table,
    production_env,
    start_server,
)

THERAPISTS = 20
SEED = """
from datetime import time
from forlop.booking.models import ConsultationType
from forlop.scheduling.models import BookingSettings, WorkingHours
from forlop.therapists.models import Language, MeetingMode, Profession, Therapist
types = list(ConsultationType.objects.filter(doctors_only=False))
for n in range(THERAPISTS_COUNT):
    t = Therapist.objects.create(name=f"Benk Terapeut {n}", slug=f"benk-{n}", status="published",
        profession=Profession.PSYKOLOG, hpr_number="1234567", bio_short="x", bio_long="x")
    t.languages.set(Language.objects.filter(key="nb"))
    t.meeting_modes.set(MeetingMode.objects.filter(key="video"))
    WorkingHours.objects.bulk_create([WorkingHours(therapist=t, weekday=d, start=time(8), end=time(20)) for d in range(7)])
    BookingSettings.objects.create(therapist=t, min_notice_hours=1, horizon_weeks=8, close_on_holidays=False)
    for ct in types:
        ct.therapists.add(t)
""".replace("THERAPISTS_COUNT", str(THERAPISTS))
HEADERS = {"X-Forwarded-Proto": "https", "Content-Type": "application/json"}


def _call(base: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        base + path, data=data, headers=HEADERS, method="POST" if data else "GET"
    )  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def free_starts(base: str, wanted: int) -> list[tuple[str, str]]:
    """(therapist slug, slot start) pairs spread over all therapists, so PostgreSQL can book in parallel."""
    per = wanted // THERAPISTS + 1
    found: list[tuple[str, str]] = []
    for n in range(THERAPISTS):
        _, body = _call(
            base, f"/api/v1/therapists/benk-{n}/slots?type=konsultasjon&from={_day(2)}&to={_day(30)}"
        )
        found += [(f"benk-{n}", slot["start"]) for slot in body["slots"][:per]]
    order = sorted(range(len(found)), key=lambda i: (i % per, i))  # round-robin over therapists
    return [found[i] for i in order][:wanted]


def _day(offset: int) -> str:
    import datetime
    from zoneinfo import ZoneInfo

    today = datetime.datetime.now(tz=ZoneInfo("Europe/Oslo")).date()
    return (today + datetime.timedelta(days=offset)).isoformat()


def book_concurrently(base: str, clients: int, starts: list[tuple[str, str]]) -> dict:
    work = list(starts)
    lock = threading.Lock()
    outcomes: dict[str, int] = {}

    def client() -> None:
        while True:
            with lock:
                if not work:
                    return
                slug, start = work.pop(0)
            status, body = _call(
                base, "/api/v1/holds", {"therapist": slug, "type": "konsultasjon", "start": start}
            )
            if status == 201:
                person = {"name": "Benk Klient", "email": "benk@example.no", "consent": True}
                status, body = _call(base, f"/api/v1/holds/{body['hold']['token']}/confirm", person)
            key = "booked" if status == 201 else f"{status} {body.get('error', {}).get('code', '')}"
            with lock:
                outcomes[key] = outcomes.get(key, 0) + 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {"per_second": outcomes.get("booked", 0) / elapsed, "elapsed": elapsed, "outcomes": outcomes}


OVERLAPS = """
from django.db import connection
from forlop.booking.guard import ACTIVE_SQL
with connection.cursor() as cursor:
    cursor.execute(
        "SELECT COUNT(*) FROM booking_booking a JOIN booking_booking b ON a.therapist_id = b.therapist_id "
        f"AND a.id < b.id AND a.status IN {ACTIVE_SQL} AND b.status IN {ACTIVE_SQL} "
        "AND a.start_at < b.blocked_until AND b.start_at < a.blocked_until"
    )
    print(cursor.fetchone()[0])
"""


def double_bookings(env: dict[str, str]) -> int:
    """Pairs of active bookings of one therapist that overlap (must be 0), straight from the database."""
    out = subprocess.run(
        [PY, "manage.py", "shell", "-v0", "-c", OVERLAPS], cwd=REPO, env=env, capture_output=True, text=True
    )
    if out.returncode:
        sys.exit(f"could not count double bookings:\n{out.stderr[-2000:]}")
    return int(out.stdout.split()[-1])


def create_database(url: str) -> None:
    """scripts/with-postgres.sh starts an empty cluster: create the database its DATABASE_URL names."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def run(label: str, env: dict[str, str], args, var: Path) -> None:
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=REPO, env=env, check=True)
    subprocess.run([PY, "manage.py", "shell", "-c", SEED], cwd=REPO, env=env, check=True)
    port = free_port()
    prod_env = production_env(
        env, BOOKING_API_RATE_LIMIT_PER_MINUTE="0", BOOKING_HOLD_RATE_LIMIT_PER_HOUR="100000000"
    )
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=REPO, env=prod_env, check=True)
    server = start_server(prod_env, port=port, workers=args.workers)
    base = f"http://127.0.0.1:{port}"
    script = var / "report.lua"
    script.write_text(WRK_REPORT)
    try:
        targets = [
            BARE,  # the same server and run, so the ratios compare like with like
            (
                "API slots, 7 days",
                f"/api/v1/therapists/benk-0/slots?type=konsultasjon&from={_day(1)}&to={_day(7)}",
            ),
            (
                "API slots, 31 days",
                f"/api/v1/therapists/benk-0/slots?type=konsultasjon&from={_day(1)}&to={_day(31)}",
            ),
            ("HTML picker (week)", f"/bestill/benk-0/?type=konsultasjon&dag={_day(2)}"),
        ]
        print(f"\n## {label}")
        results = measure(base, targets, duration=args.duration, connections=args.connections, script=script)
        print_table(results, width=22)
        starts = free_starts(base, args.bookings)
        result = book_concurrently(base, args.clients, starts)
        print(
            f"bookings (hold + confirm), {args.clients} concurrent clients: {result['per_second']:.1f}/s "
            f"({len(starts)} attempts in {result['elapsed']:.1f} s; outcomes {result['outcomes']}; "
            f"double bookings: {double_bookings(env)})"
        )
    finally:
        server.terminate()
        server.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--bookings", type=int, default=400)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk mangler: apt-get install wrk")
    postgres_url = os.environ.get("DATABASE_URL", "")
    print(
        f"# Forløp booking benchmark — {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"# gunicorn {args.workers} workers x 4 threads, production settings; wrk 2 threads, "
        f"{args.connections} connections, {args.duration}s per target; {THERAPISTS} therapists, 08-20 daily"
    )
    databases = [("SQLite (file, WAL)", None)]
    if postgres_url.startswith("postgres"):
        databases.append(("PostgreSQL", postgres_url))
    for label, url in databases:
        var = Path(tempfile.mkdtemp(prefix="forlop-bench-booking-"))
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
        env.update(FORLOP_VAR_DIR=str(var), PYTHONPATH=str(REPO))
        if url:
            create_database(url)
            env["DATABASE_URL"] = url
        try:
            run(label, env, args, var)
        finally:
            shutil.rmtree(var, ignore_errors=True)
    if len(databases) == 1:
        print("\n(PostgreSQL skipped: run under scripts/with-postgres.sh to include it.)")


if __name__ == "__main__":
    main()
