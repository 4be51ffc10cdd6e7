from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from .models import User


class LoginForm(forms.Form):
    email = forms.EmailField(
        label=_("E-post"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Passord"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Engangskode"),
        max_length=32,
        help_text=_("Seks sifre fra autentiseringsappen, eller en av reservekodene dine."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )


class TOTPSetupForm(forms.Form):
    code = forms.CharField(
        label=_("Engangskode"),
        max_length=12,
        help_text=_("Skriv inn de seks sifrene appen viser nå."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-post"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class NewPasswordForm(forms.Form):
    """At least 12 characters, not a common password, not like the person's name or email: no rules about
    digits or symbols (they make passwords worse, not better)."""

    new_password1 = forms.CharField(
        label=_("Nytt passord"),
        strip=False,
        max_length=4096,
        help_text=_("Minst 12 tegn. Gjerne flere ord etter hverandre – lengde gjør passordet sterkt."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label=_("Gjenta nytt passord"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_new_password2(self) -> str:
        first = self.cleaned_data.get("new_password1")
        second = self.cleaned_data["new_password2"]
        if first and first != second:
            raise forms.ValidationError(_("De to passordene er ikke like."))
        if first:
            password_validation.validate_password(first, self.user)
        return second


class PasswordChangeForm(NewPasswordForm):
    old_password = forms.CharField(
        label=_("Nåværende passord"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    field_order = ["old_password", "new_password1", "new_password2"]

    def clean_old_password(self) -> str:
        password = self.cleaned_data["old_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Det nåværende passordet er feil."))
        return password
