"""The draft forms, one per kind, and the approval form. Each form turns a version's inputs into initial values
and its cleaned data back into inputs (`to_inputs`), so a re-rendered form keeps everything typed."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from forlop.care import taper

from .models import Kind

DOSE_ROWS = 4
PAUSE_ROWS = 3


def _list(value: str, *, what: str | Promise) -> list[str]:
    parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
    if not parts:
        raise ValidationError(_("Skriv minst én verdi for %(what)s.") % {"what": what})
    return parts


def _decimals(value: str, *, what: str | Promise) -> list[str]:
    out = []
    for part in _list(value, what=what):
        try:
            number = Decimal(part.replace(",", ".").replace(" ", ""))
        except ArithmeticError:
            raise ValidationError(_("«%(part)s» er ikke et tall.") % {"part": part}) from None
        if not number.is_finite() or number < 0:
            raise ValidationError(_("«%(part)s» er ikke et gyldig tall.") % {"part": part})
        out.append(str(number))
    return out


def _times(value: str) -> list[str]:
    out = []
    for part in _list(value.replace(" ", ","), what=_("klokkeslett")):
        text = part.replace(".", ":")
        if ":" not in text and text.isdigit() and len(text) <= 2:
            text = f"{int(text):02d}:00"
        try:
            hour, minute = (int(x) for x in text.split(":"))
            if not (0 <= hour < 24 and 0 <= minute < 60):
                raise ValueError
        except ValueError:
            raise ValidationError(
                _("«%(part)s» er ikke et klokkeslett. Skriv for eksempel 08:00, 20:00.") % {"part": part}
            ) from None
        out.append(f"{hour:02d}:{minute:02d}")
    if len(set(out)) != len(out):
        raise ValidationError(_("Hvert klokkeslett kan bare stå én gang."))
    return sorted(out)


def _joined(values: Any) -> str:
    return ", ".join(str(v) for v in values or [])


def _mg(**kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(min_value=Decimal(0), max_digits=7, decimal_places=2, localize=True, **kwargs)


class DraftForm(forms.Form):
    start = forms.DateField(label=_("Første dag i planen"), widget=forms.DateInput(attrs={"type": "date"}))

    @classmethod
    def for_kind(cls, kind: str) -> type["DraftForm"]:
        forms_by_kind: dict[str, type[DraftForm]] = {
            Kind.BENZODIAZEPINE: BenzodiazepineForm,
            Kind.ALCOHOL_FIXED: AlcoholFixedForm,
            Kind.ALCOHOL_CIWA: AlcoholCiwaForm,
            Kind.BUPRENORPHINE: BuprenorphineForm,
        }
        return forms_by_kind[Kind(kind)]

    @classmethod
    def initial_from(cls, inputs: dict[str, Any]) -> dict[str, Any]:
        return {"start": inputs.get("start")}

    def to_inputs(self) -> dict[str, Any]:
        raise NotImplementedError


class BenzodiazepineForm(DraftForm):
    switch_weeks = forms.TypedChoiceField(
        label=_("Bytte til diazepam først"),
        choices=[(0, _("Nei, trapp ned direkte")), (1, _("Ja, over 1 uke")), (2, _("Ja, over 2 uker"))],
        coerce=int,
        help_text=_("Vanlig praksis er å bytte til et langtidsvirkende middel (diazepam) over 1-2 uker."),
    )
    rate_percent = forms.IntegerField(
        label=_("Ukentlig reduksjon, prosent av startdosen"),
        min_value=taper.MIN_RATE,
        max_value=taper.MAX_RATE,
        help_text=_("Retningslinjen (IS-2211): 10-20 % av startdosen per uke, langsommere mot slutten."),
    )
    slow_below_mg = _mg(
        label=_("Langsommere under (mg diazepam per døgn)"),
        help_text=_("Under denne dosen er nedtrappingen halvparten så rask."),
    )
    target_mg = _mg(label=_("Måldose (mg diazepam per døgn)"), help_text=_("0 betyr helt slutt."))
    times = forms.CharField(
        label=_("Faste tidspunkt for dosene"), help_text=_("For eksempel: 08:00, 20:00"), max_length=60
    )
    strengths = forms.CharField(
        label=_("Tablettstyrker diazepam (mg)"), help_text=_("Standard: 2, 5, 10"), max_length=60
    )
    halves = forms.BooleanField(label=_("Halve tabletter kan brukes"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        drugs = ", ".join(sorted(taper.BENZODIAZEPINES))
        for i in range(1, DOSE_ROWS + 1):
            self.fields[f"drug_{i}"] = forms.CharField(
                label=_("Legemiddel %(n)s") % {"n": i},
                required=False,
                max_length=40,
                help_text=_("Virkestoff eller merkenavn, for eksempel Sobril eller oksazepam.")
                if i == 1
                else "",
                widget=forms.TextInput(attrs={"list": "taper-drugs", "autocomplete": "off"}),
            )
            self.fields[f"mg_{i}"] = _mg(
                label=_("Døgndose nå, legemiddel %(n)s (mg)") % {"n": i}, required=False
            )
            self.fields[f"factor_{i}"] = _mg(
                label=_("Egen faktor for legemiddel %(n)s: mg som tilsvarer diazepam 10 mg") % {"n": i},
                required=False,
                help_text=_("La stå tom for tabellens verdi."),
            )
            self.fields[f"factor_reason_{i}"] = forms.CharField(
                label=_("Begrunnelse for egen faktor, legemiddel %(n)s") % {"n": i},
                required=False,
                max_length=300,
            )
        for i in range(1, PAUSE_ROWS + 1):
            self.fields[f"pause_week_{i}"] = forms.IntegerField(
                label=_("Pause %(n)s: hold dosen fra uke") % {"n": i},
                required=False,
                min_value=1,
                max_value=60,
            )
            self.fields[f"pause_weeks_{i}"] = forms.IntegerField(
                label=_("Pause %(n)s: antall uker ekstra") % {"n": i},
                required=False,
                min_value=1,
                max_value=12,
            )
            self.fields[f"pause_reason_{i}"] = forms.CharField(
                label=_("Pause %(n)s: hvorfor") % {"n": i}, required=False, max_length=300
            )
        self.known_drugs = drugs
        self.drug_names = sorted(taper.BENZODIAZEPINES)

    def dose_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"drug_{i}"], self[f"mg_{i}"], self[f"factor_{i}"], self[f"factor_reason_{i}"]]
            for i in range(1, DOSE_ROWS + 1)
        ]

    def pause_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"pause_week_{i}"], self[f"pause_weeks_{i}"], self[f"pause_reason_{i}"]]
            for i in range(1, PAUSE_ROWS + 1)
        ]

    def main_fields(self) -> list[forms.BoundField]:
        names = ["start", "switch_weeks", "rate_percent", "slow_below_mg", "target_mg", "times", "strengths"]
        return [self[n] for n in [*names, "halves"]]

    @classmethod
    def initial_from(cls, inputs: dict[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "start": inputs.get("start"),
            "switch_weeks": inputs.get("switch_weeks", 0),
            "rate_percent": inputs.get("rate_percent", 10),
            "slow_below_mg": inputs.get("slow_below_mg", "10"),
            "target_mg": inputs.get("target_mg", "0"),
            "times": _joined(inputs.get("times", ["08:00", "20:00"])),
            "strengths": _joined(inputs.get("strengths", ["2", "5", "10"])),
            "halves": inputs.get("halves", False),
        }
        overrides = {o["drug"]: o for o in inputs.get("overrides", [])}
        for i, dose in enumerate(inputs.get("doses", [])[:DOSE_ROWS], start=1):
            initial[f"drug_{i}"] = dose["drug"]
            initial[f"mg_{i}"] = dose["mg_per_day"]
            override = overrides.get(dose["drug"])
            if override:
                initial[f"factor_{i}"] = override["mg"]
                initial[f"factor_reason_{i}"] = override["reason"]
        for i, pause in enumerate(inputs.get("pauses", [])[:PAUSE_ROWS], start=1):
            initial[f"pause_week_{i}"] = pause["week"]
            initial[f"pause_weeks_{i}"] = pause.get("weeks", 1)
            initial[f"pause_reason_{i}"] = pause.get("reason", "")
        return initial

    def clean_times(self) -> list[str]:
        return _times(self.cleaned_data["times"])

    def clean_strengths(self) -> list[str]:
        values = _decimals(self.cleaned_data["strengths"], what=_("tablettstyrker"))
        if any(Decimal(v) <= 0 for v in values):
            raise ValidationError(_("En tablettstyrke må være over 0 mg."))
        return values

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        doses = 0
        for i in range(1, DOSE_ROWS + 1):
            drug, mg = (data.get(f"drug_{i}") or "").strip(), data.get(f"mg_{i}")
            factor, reason = data.get(f"factor_{i}"), (data.get(f"factor_reason_{i}") or "").strip()
            if drug and mg is None:
                self.add_error(f"mg_{i}", _("Skriv døgndosen for %(drug)s.") % {"drug": drug})
            if mg is not None and not drug:
                self.add_error(f"drug_{i}", _("Skriv hvilket legemiddel dosen gjelder."))
            if drug:
                try:
                    taper.find_drug(drug)
                except taper.UnknownDrug:
                    self.add_error(
                        f"drug_{i}",
                        _("%(drug)s står ikke i tabellen. Kjente virkestoff: %(known)s.")
                        % {"drug": drug, "known": self.known_drugs},
                    )
                doses += 1
            if factor is not None and factor <= 0:
                self.add_error(f"factor_{i}", _("Faktoren må være over 0."))
            if factor is not None and not reason:
                self.add_error(
                    f"factor_reason_{i}", _("Skriv hvorfor du bruker en annen faktor enn tabellen.")
                )
            if reason and factor is None:
                self.add_error(
                    f"factor_{i}", _("Skriv faktoren begrunnelsen gjelder, eller fjern begrunnelsen.")
                )
        if doses == 0:
            self.add_error("drug_1", _("Skriv inn minst ett legemiddel personen bruker nå, med døgndose."))
        for i in range(1, PAUSE_ROWS + 1):
            week, weeks = data.get(f"pause_week_{i}"), data.get(f"pause_weeks_{i}")
            if (week is None) != (weeks is None):
                self.add_error(f"pause_week_{i}", _("En pause trenger både uke og antall uker."))
        return data

    def to_inputs(self) -> dict[str, Any]:
        data = self.cleaned_data
        doses, overrides, pauses = [], [], []
        for i in range(1, DOSE_ROWS + 1):
            drug = (data.get(f"drug_{i}") or "").strip()
            if not drug:
                continue
            doses.append({"drug": drug, "mg_per_day": str(data[f"mg_{i}"])})
            if data.get(f"factor_{i}") is not None:
                overrides.append(
                    {
                        "drug": drug,
                        "mg": str(data[f"factor_{i}"]),
                        "reason": data[f"factor_reason_{i}"].strip(),
                    }
                )
        for i in range(1, PAUSE_ROWS + 1):
            if data.get(f"pause_week_{i}") is not None:
                pauses.append(
                    {
                        "week": data[f"pause_week_{i}"],
                        "weeks": data[f"pause_weeks_{i}"],
                        "reason": (data.get(f"pause_reason_{i}") or "").strip(),
                    }
                )
        return {
            "doses": doses,
            "overrides": overrides,
            "switch_weeks": data["switch_weeks"],
            "rate_percent": data["rate_percent"],
            "slow_below_mg": str(data["slow_below_mg"]),
            "target_mg": str(data["target_mg"]),
            "times": data["times"],
            "strengths": data["strengths"],
            "halves": data["halves"],
            "pauses": pauses,
            "start": data["start"].isoformat(),
        }


class AlcoholFixedForm(DraftForm):
    diazepam_dose_mg = _mg(label=_("Diazepam per dose (mg)"))
    doses_per_day = forms.CharField(
        label=_("Antall doser per dag, dag for dag"), help_text=_("For eksempel: 4, 3, 2, 1"), max_length=60
    )
    times = forms.CharField(
        label=_("Faste tidspunkt"), help_text=_("For eksempel: 08:00, 13:00, 18:00, 22:00"), max_length=60
    )
    thiamine_mg_per_day = _mg(label=_("Tiamin (vitamin B1) per døgn (mg)"))
    thiamine_days = forms.IntegerField(label=_("Antall dager med tiamin"), min_value=1, max_value=60)

    @classmethod
    def initial_from(cls, inputs: dict[str, Any]) -> dict[str, Any]:
        return {
            "start": inputs.get("start"),
            "diazepam_dose_mg": inputs.get("diazepam_dose_mg"),
            "doses_per_day": _joined(inputs.get("doses_per_day")),
            "times": _joined(inputs.get("times")),
            "thiamine_mg_per_day": inputs.get("thiamine_mg_per_day"),
            "thiamine_days": inputs.get("thiamine_days"),
        }

    def clean_doses_per_day(self) -> list[int]:
        parts = _list(self.cleaned_data["doses_per_day"], what=_("doser per dag"))
        if not all(p.isdigit() for p in parts):
            raise ValidationError(_("Skriv hele tall, for eksempel 4, 3, 2, 1."))
        return [int(p) for p in parts]

    def clean_times(self) -> list[str]:
        return _times(self.cleaned_data["times"])

    def to_inputs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "start": data["start"].isoformat(),
            "diazepam_dose_mg": str(data["diazepam_dose_mg"]),
            "doses_per_day": data["doses_per_day"],
            "times": data["times"],
            "thiamine_mg_per_day": str(data["thiamine_mg_per_day"]),
            "thiamine_days": data["thiamine_days"],
        }


class AlcoholCiwaForm(DraftForm):
    diazepam_dose_mg = _mg(label=_("Diazepam per dose (mg)"))
    ciwa_threshold = forms.IntegerField(
        label=_("Gi dose ved CIWA-Ar-skåre på eller over"), min_value=1, max_value=67
    )
    thiamine_mg_per_day = _mg(label=_("Tiamin (vitamin B1) per døgn (mg)"))
    thiamine_days = forms.IntegerField(label=_("Antall dager med tiamin"), min_value=1, max_value=60)
    thiamine_time = forms.TimeField(
        label=_("Tidspunkt for tiamin"), widget=forms.TimeInput(attrs={"type": "time"})
    )

    @classmethod
    def initial_from(cls, inputs: dict[str, Any]) -> dict[str, Any]:
        return {k: inputs.get(k) for k in cls.base_fields}

    def to_inputs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "start": data["start"].isoformat(),
            "diazepam_dose_mg": str(data["diazepam_dose_mg"]),
            "ciwa_threshold": data["ciwa_threshold"],
            "thiamine_mg_per_day": str(data["thiamine_mg_per_day"]),
            "thiamine_days": data["thiamine_days"],
            "thiamine_time": f"{data['thiamine_time']:%H:%M}",
        }


class BuprenorphineForm(DraftForm):
    daily_doses_mg = forms.CharField(
        label=_("Døgndose buprenorfin-nalokson (mg), dag for dag"),
        help_text=_("For eksempel: 8, 8, 6, 4, 2, 0. En dose økes aldri igjen når den er satt ned."),
        max_length=300,
    )
    dosing_time = forms.TimeField(label=_("Tidspunkt"), widget=forms.TimeInput(attrs={"type": "time"}))

    @classmethod
    def initial_from(cls, inputs: dict[str, Any]) -> dict[str, Any]:
        return {
            "start": inputs.get("start"),
            "daily_doses_mg": _joined(inputs.get("daily_doses_mg")),
            "dosing_time": inputs.get("dosing_time"),
        }

    def clean_daily_doses_mg(self) -> list[str]:
        return _decimals(self.cleaned_data["daily_doses_mg"], what=_("døgndoser"))

    def to_inputs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "start": data["start"].isoformat(),
            "daily_doses_mg": data["daily_doses_mg"],
            "dosing_time": f"{data['dosing_time']:%H:%M}",
        }


class CreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type plan"), choices=Kind.choices)


class NewVersionForm(forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor endres planen?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Den nye versjonen må godkjennes av legen før personen ser den."),
    )


class ApproveForm(forms.Form):
    code = forms.CharField(
        label=_("Engangskode fra autentiseringsappen, eller en reservekode"),
        max_length=20,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}
        ),
        help_text=_("Skriv inn en ny kode for å bekrefte at det er du som godkjenner."),
    )
