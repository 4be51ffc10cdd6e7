"""Print the authenticator-app code a demo account would see right now (demo only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from forlop.accounts.models import User


class Command(BaseCommand):
    help = "Skriver ut engangskoden som gjelder nå for en demokonto. Virker ikke i produksjon."

    def add_arguments(self, parser):
        parser.add_argument("email", help="demokontoens e-postadresse")

    def handle(self, *args, email: str, **options):
        if settings.PRODUCTION or not settings.DEMO_DATA_ALLOWED:
            raise CommandError("totp_code finnes ikke i produksjon.")
        user = User.objects.filter(email=email.strip().lower()).first()
        if user is None or not user.is_demo:
            raise CommandError(f"{email} er ikke en demokonto. Koder vises bare for demokontoer.")
        device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
        if device is None:
            raise CommandError(f"{email} har ingen autentiseringsapp. Kjør «manage.py load_demo» først.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        seconds_left = device.step - (int(totp.time) - device.t0) % device.step
        self.stdout.write(f"{totp.token():0{device.digits}d}")
        self.stderr.write(
            f"Gjelder i {seconds_left} sekunder til. En kode kan bare brukes én gang; er den nettopp brukt, "
            "vent på neste."
        )
