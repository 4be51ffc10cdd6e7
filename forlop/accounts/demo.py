"""Demo accounts, one per role, for `make run`. Never in production: load_demo refuses there, this module
refuses again, login refuses demo accounts when PRODUCTION is set, and a system check reports any left."""

from django.conf import settings
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .services import totp_preview, totp_secret_for_humans

DEMO_PASSWORD = "demo-passord-forlop"  # noqa: S105 - printed for everyone on purpose: demo only
DEMO_USERS: tuple[tuple[str, str, str], ...] = (
    ("admin@forlop.test", "Astrid Berg", "is_admin"),
    ("koordinator@forlop.test", "Kari Nilsen", "is_coordinator"),
    ("terapeut@forlop.test", "Tor Haugen", "is_therapist"),
    ("lege@forlop.test", "Lene Dahl", "is_doctor"),
    ("klient@forlop.test", "Kim Olsen", "is_client"),
)
TOTP_COMMAND = ".venv/bin/python manage.py totp_code"
# The relative's demo account (Kim's sister) is made by forlop/relatives/demo.py; it is listed here so that
# `make run` prints its login with the others.
RELATIVE_EMAIL = "parorende@forlop.test"
RELATIVE_NAME = "Hilde Olsen"


def load(stdout) -> None:
    if not settings.DEMO_DATA_ALLOWED:
        raise CommandError("Demokontoer lages aldri i produksjon.")
    created = 0
    for email, name, role in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, DEMO_PASSWORD, full_name=name, is_demo=True, **{role: True}
            )
            created += 1
        elif not user.is_demo:
            stdout.write(f"  {email} finnes og er ikke en demokonto; den er ikke endret.")
            continue
        # Staff and the demo client alike log in with a password and an authenticator-app code.
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name="Demo-app", confirmed=True)
    stdout.write(f"Demobrukere: {created} nye, {len(DEMO_USERS) - created} fantes fra før.")


def describe_logins() -> str:
    """How to log in as each demo user, printed by `manage.py serve`."""
    if not settings.DEMO_DATA_ALLOWED:
        return ""
    emails = [e for e, _, _ in DEMO_USERS] + [RELATIVE_EMAIL]
    users = {u.email: u for u in User.objects.filter(is_demo=True, email__in=emails)}
    if not users:
        return ""
    devices = {
        d.user_id: d
        for d in TOTPDevice.objects.filter(user__in=users.values(), confirmed=True).order_by("pk")
    }
    lines = [
        "",
        f"Demobrukere – ansatte logger inn på {settings.SITE_URL}/ansatt/logg-inn/, klienten og den pårørende",
        f"på Min side ({settings.SITE_URL}/min-side/logg-inn/), alle med passordet «{DEMO_PASSWORD}».",
        "Andre faktor: legg TOTP-hemmeligheten inn i en autentiseringsapp, eller hent koden som gjelder nå med",
        f"  {TOTP_COMMAND} <e-post>",
        "Passnøkler virker på http://localhost:8000 (nettlesere godtar dem ikke på 127.0.0.1).",
        "",
    ]
    for email in emails:
        user = users.get(email)
        if user is None:
            continue
        roles = ", ".join(sorted(str(r.label).lower() for r in user.roles))
        if email == RELATIVE_EMAIL:
            roles = "pårørende"
        device = devices.get(user.pk)
        if device is not None:
            secret = totp_secret_for_humans(totp_preview(user=user, key=device.key))
            lines.append(f"  {email:<26} {roles:<14} TOTP-hemmelighet: {secret}")
            if email == RELATIVE_EMAIL:
                lines.append(f"  {'':<26} {'':<14} Pårørendesiden: {settings.SITE_URL}/min-side/parorende/")
            elif not user.is_staff:
                lines.append(f"  {'':<26} {'':<14} Min side: {settings.SITE_URL}/min-side/logg-inn/")
    return "\n".join(lines) + "\n"
