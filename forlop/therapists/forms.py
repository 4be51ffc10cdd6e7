from typing import Any

from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from forlop.therapists import vocabulary

from . import services
from .images import OUTPUT_SUFFIX
from .models import GENDER_CHOICES, FocusArea, Language, MeetingMode, Method, Therapist

PLACE_REQUIRED = _("Skriv hvor du tar imot klienter når du tilbyr oppmøte, for eksempel «Oslo».")
ACCEPTED_TYPES = "image/jpeg,image/png,image/webp"


def _check_place(form: forms.BaseForm, cleaned: dict[str, Any]) -> None:
    modes = cleaned.get("meeting_modes") or []
    keys = {mode if isinstance(mode, str) else mode.key for mode in modes}
    if vocabulary.IN_PERSON in keys and not (cleaned.get("place") or "").strip():
        form.add_error("place", PLACE_REQUIRED)


def _vocabulary_field(queryset, label, *, required: bool = False, help_text: str = "") -> forms.Field:
    return forms.ModelMultipleChoiceField(
        queryset=queryset,
        to_field_name="key",
        required=required,
        label=label,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Velg minst ett alternativ.")},
    )


class ProfileForm(forms.ModelForm):
    """A therapist's own profile. Everything but the publishing status and the web address."""

    photo = forms.FileField(
        label=_("Portrett"),
        required=False,
        help_text=_(
            "JPEG, PNG eller WebP, høyst 5 MB. Vi gjør bildet mindre og fjerner opplysninger som sted og kamera."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_TYPES}),
    )
    remove_photo = forms.BooleanField(label=_("Fjern portrettet"), required=False)
    substances = _vocabulary_field(
        FocusArea.objects.filter(kind=FocusArea.Kind.SUBSTANCE),
        _("Rusmidler og avhengighet du jobber med"),
    )
    themes = _vocabulary_field(
        FocusArea.objects.filter(kind=FocusArea.Kind.THEME), _("Andre tema du jobber med")
    )
    methods = _vocabulary_field(Method.objects.all(), _("Metoder du bruker"))
    languages = _vocabulary_field(Language.objects.all(), _("Språk du har samtaler på"), required=True)
    meeting_modes = _vocabulary_field(
        MeetingMode.objects.all(), _("Hvordan du møter klienter"), required=True
    )

    class Meta:
        model = Therapist
        fields = [
            "name",
            "title",
            "profession",
            "hpr_number",
            "gender",
            "bio_short",
            "bio_long",
            "methods",
            "languages",
            "meeting_modes",
            "place",
            "medical_detox",
            "accepting_new_clients",
            "new_clients_per_week",
        ]
        widgets = {
            "bio_short": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            "bio_long": forms.Textarea(attrs={"rows": 12}),
            "hpr_number": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "gender": forms.RadioSelect,
        }
        error_messages = {
            "name": {"required": _("Skriv navnet ditt slik klienter skal se det.")},
            "profession": {"required": _("Velg profesjonen din.")},
            "bio_short": {"required": _("Skriv en kort presentasjon på én eller to setninger.")},
            "bio_long": {"required": _("Skriv litt om deg selv og hvordan du jobber.")},
            "new_clients_per_week": {
                "required": _("Skriv hvor mange nye klienter du kan ta imot per uke (0 hvis ingen)."),
                "invalid": _("Skriv et helt tall."),
            },
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        gender = _choice_field(self, "gender")
        gender.choices = [("", _("Vil ikke oppgi")), *GENDER_CHOICES]
        gender.required = False
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["new_clients_per_week"].widget.attrs["min"] = 0
        focus = self.initial.get("focus_areas")
        if focus is not None and "substances" not in self.initial:
            keys = set(focus)
            self.initial["substances"] = [k for k in keys if k in vocabulary.SUBSTANCES]
            self.initial["themes"] = [k for k in keys if k in vocabulary.THEMES]

    def clean_hpr_number(self) -> str:
        # People copy numbers with spaces ("123 4567"): keep the digits and let the validator judge the rest.
        value = self.cleaned_data.get("hpr_number", "")
        return "".join(value.split())

    def clean_photo(self) -> bytes | None:
        upload = self.cleaned_data.get("photo")
        if not isinstance(upload, UploadedFile):
            return None
        return services.process_upload(upload)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_place(self, cleaned)
        cleaned["focus_areas"] = [*(cleaned.get("substances") or []), *(cleaned.get("themes") or [])]
        return cleaned

    def changes(self) -> dict[str, Any]:
        """What the service needs: field values, vocabulary keys and the photo decision."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}
        data["focus_areas"] = self.cleaned_data["focus_areas"]
        if self.cleaned_data.get("photo"):
            data[services.PHOTO] = self.cleaned_data["photo"]
        elif self.cleaned_data.get("remove_photo"):
            data[services.PHOTO] = services.REMOVE_PHOTO
        return data


class TherapistAdminForm(forms.ModelForm):
    """The admin's form: every field, and uploads go through the same cleaning as the therapist's."""

    photo = forms.FileField(
        label=_("Portrett"),
        required=False,
        help_text=_(
            "JPEG, PNG eller WebP, høyst 5 MB. Lagres som JPEG uten metadata, høyst 800 × 800 piksler."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_TYPES}),
    )

    class Meta:
        model = Therapist
        fields = [
            "name",
            "slug",
            "user",
            "status",
            "photo",
            "title",
            "profession",
            "hpr_number",
            "gender",
            "bio_short",
            "bio_long",
            "focus_areas",
            "methods",
            "languages",
            "meeting_modes",
            "place",
            "medical_detox",
            "accepting_new_clients",
            "new_clients_per_week",
        ]

    def clean_hpr_number(self) -> str:
        return "".join(self.cleaned_data.get("hpr_number", "").split())

    def clean_photo(self) -> Any:
        upload = self.cleaned_data.get("photo")
        if isinstance(upload, UploadedFile):
            return ContentFile(services.process_upload(upload), name=f"portrett.{OUTPUT_SUFFIX}")
        return upload  # False to clear, or the current file

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_place(self, cleaned)
        return cleaned


class DirectoryFilterForm(forms.Form):
    """Filters for the public directory (GET). Invalid values are dropped by the view, never an error."""

    fokus = forms.ChoiceField(label=_("Hva vil du ha hjelp med?"), required=False)
    metode = forms.ChoiceField(label=_("Metode"), required=False)
    sprak = forms.ChoiceField(label=_("Språk"), required=False)
    kjonn = forms.ChoiceField(label=_("Terapeutens kjønn"), required=False, widget=forms.RadioSelect)
    motes = forms.ChoiceField(label=_("Hvordan vil du møtes?"), required=False, widget=forms.RadioSelect)

    def __init__(self, *args, languages: list[Language], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        any_choice = ("", _("Alle"))
        _choice_field(self, "fokus").choices = [
            ("", _("Alt")),
            (_("Rusmidler og avhengighet"), [(k, _capitalise(v)) for k, v in vocabulary.SUBSTANCES.items()]),
            (_("Tema"), [(k, _capitalise(v)) for k, v in vocabulary.THEMES.items()]),
        ]
        _choice_field(self, "metode").choices = [("", _("Alle metoder"))] + [
            (k, _capitalise(v)) for k, v in vocabulary.METHODS.items()
        ]
        _choice_field(self, "sprak").choices = [("", _("Alle språk"))] + [
            (lang.key, lang.label) for lang in languages
        ]
        _choice_field(self, "kjonn").choices = [any_choice] + [
            (k, _capitalise(v)) for k, v in vocabulary.GENDERS.items()
        ]
        _choice_field(self, "motes").choices = [
            any_choice,
            ("video", _("Video")),
            ("telefon", _("Telefon")),
            (vocabulary.IN_PERSON, _("Oppmøte")),
        ]

    def valid_filters(self) -> dict[str, str]:
        """Each filter whose value is one of its choices; anything else is ignored."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned[name] for name in self.fields if cleaned.get(name)}


def _choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


def _capitalise(label: object) -> str:
    text = str(label)
    return text[:1].upper() + text[1:]
