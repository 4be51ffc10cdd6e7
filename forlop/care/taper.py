"""Proposed withdrawal plans: benzodiazepine taper, alcohol and opioid templates. Software proposes; a doctor
edits and approves (issue 13). Nothing here prescribes.

Pure: no ORM, no clock (the start date is passed in), no I/O. Clinical source:
`../shared/clinical/benzodiazepine-equivalents.md` (Ashton's table; Helsedirektoratet IS-2211, 2016).

Benzodiazepines and z-drugs
---------------------------
1. `convert_to_diazepam` turns current daily doses (several drugs at once, Norwegian generic or brand names, any
   letter case) into diazepam equivalents with the table: diazepam mg = daily mg x 10 / (mg ≈ diazepam 10 mg).
   Every line and the total are approximate ("omtrentlig"). A clinician may override a drug's factor with a
   reason; the override is kept in the result. Bromazepam is listed as 5-6 mg: we use 6 mg, the lower diazepam
   equivalent, so that a switch does not oversedate; the switch is gradual and watched, and the doctor can
   override it to 5 mg.
2. `propose_benzodiazepine_taper` proposes whole weeks, each with one daily regimen:
   - an optional switch to diazepam over 1-2 weeks: in week k of n the diazepam part is k/(n+1) of the starting
     dose and each original drug is given at (1 - k/(n+1)) of its dose (not rounded to tablets: the doctor
     fits it to the person's own tablets);
   - a week at the starting dose S (the converted total rounded to the nearest dose the tablets can make);
   - then an ideal dose that falls by rate % of S each week (the clinician picks 10-20 %), by half that step
     once the ideal dose is at or below `slow_below_mg` (slower at low doses), and stops at the target (0 or an
     agreed dose). Each week's dose is the ideal rounded to the nearest dose the tablets can make (ties go
     down). Rounding to the nearest feasible dose is monotone, so the plan never increases a dose, and a week's
     reduction is at most the step plus the largest gap between two feasible doses (the rounding bound);
   - a dose is feasible when it can be split over the fixed dosing times so that each time is a sum of the
     available strengths (default diazepam 2, 5 and 10 mg; half tablets only when allowed). Unequal splits give
     the larger part to the later time (the evening dose is usually the last to go). When the daily dose falls,
     no single time gets more than the week before if the tablets allow it (6 mg as 2+4 then 5 mg can only be
     0+5 with 2, 5 and 10 mg tablets: the daily dose, which is what this module guarantees, still falls);
   - a final week at the target when the target is above zero.
   Consecutive weeks with the same regimen form one step. A pause (`with_pause`, or `pauses=`) repeats the week it
   is put at, so the step is extended and everything after it moves later; no dose changes.
3. Length: IS-2211 says 1-6 months, counted here as 4-26 weeks from the start to the last medicated day. A plan
   outside that is still returned, with a flag that says why; the doctor decides.

Alcohol and opioids
-------------------
Templates with the guideline's structure and texts; every dose in them is a required argument, set by a doctor.

Output
------
`plan.steps` (the weekly steps) and `plan.schedule()`: date -> list of `Dose(time, drug, mg)` for the print view.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from math import gcd

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

__all__ = [
    "APPROXIMATE",
    "BENZODIAZEPINES",
    "Conversion",
    "ConvertedDose",
    "CurrentDose",
    "Dose",
    "Factor",
    "FactorOverride",
    "Flag",
    "Pause",
    "PlanStep",
    "TabletStrengths",
    "TaperPlan",
    "Template",
    "UnknownDrug",
    "alcohol_ciwa_template",
    "alcohol_fixed_template",
    "buprenorphine_naloxone_template",
    "convert_to_diazepam",
    "find_drug",
    "propose_benzodiazepine_taper",
]

type Text = str | Promise
type Mg = Decimal

DIAZEPAM = "diazepam"
APPROXIMATE = _("omtrentlig")
MIN_WEEKS = 4  # "1 month"
MAX_WEEKS = 26  # "6 months"
MIN_RATE, MAX_RATE = 10, 20  # percent of the starting dose per week (IS-2211)


# --- equivalents -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Factor:
    """One drug in the table: `mg` of it is approximately diazepam 10 mg."""

    drug: str  # Norwegian generic name, lower case
    mg: Decimal
    brands: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other spellings (English generic names)
    note: str = ""


BENZODIAZEPINES: Mapping[str, Factor] = {
    f.drug: f
    for f in (
        Factor(DIAZEPAM, Decimal(10), ("Valium", "Stesolid")),
        Factor("alprazolam", Decimal("0.5"), ("Xanor",)),
        Factor("klonazepam", Decimal("0.5"), ("Rivotril",), ("clonazepam",)),
        Factor("lorazepam", Decimal(1), ("Temesta",)),
        Factor("oksazepam", Decimal(20), ("Sobril",), ("oxazepam",)),
        Factor("nitrazepam", Decimal(10), ("Apodorm", "Mogadon")),
        Factor("flunitrazepam", Decimal(1)),
        Factor("klordiazepoksid", Decimal(25), (), ("chlordiazepoxide", "klordiazepoxid")),
        Factor("temazepam", Decimal(20)),
        Factor("triazolam", Decimal("0.5")),
        Factor("bromazepam", Decimal(6), (), (), "5-6 mg in the table; 6 chosen (see the module docstring)"),
        Factor("klobazam", Decimal(20), (), ("clobazam",)),
        Factor("zopiklon", Decimal(15), ("Imovane",), ("zopiclone",)),
        Factor("zolpidem", Decimal(20), ("Stilnoct",)),
        Factor("eszopiklon", Decimal(3), (), ("eszopiclone",)),
        Factor("zaleplon", Decimal(20)),
    )
}
_NAMES = {
    name.casefold(): f.drug for f in BENZODIAZEPINES.values() for name in (f.drug, *f.brands, *f.aliases)
}


class UnknownDrug(ValueError):
    pass


def find_drug(name: str) -> Factor:
    """The table row for a generic or brand name, any letter case."""
    key = _NAMES.get(name.strip().casefold())
    if key is None:
        raise UnknownDrug(f"{name!r} is not in the benzodiazepine and z-drug table")
    return BENZODIAZEPINES[key]


@dataclass(frozen=True)
class CurrentDose:
    drug: str  # generic or brand name
    mg_per_day: Decimal


@dataclass(frozen=True)
class FactorOverride:
    """A clinician's own factor for one drug: `mg` of it ≈ diazepam 10 mg, and why."""

    mg: Decimal
    reason: str
    by: str = ""  # who decided, for the record

    def __post_init__(self) -> None:
        if self.mg <= 0:
            raise ValueError("an overriding factor must be above zero")
        if not self.reason.strip():
            raise ValueError("an overriding factor needs a reason")


@dataclass(frozen=True)
class ConvertedDose:
    drug: str  # generic name
    named_as: str  # as the caller wrote it
    mg_per_day: Decimal
    factor_mg: Decimal  # mg ≈ diazepam 10 mg, as used
    table_factor_mg: Decimal
    diazepam_mg: Decimal
    override: FactorOverride | None = None
    approximate: bool = True
    label: Text = APPROXIMATE


@dataclass(frozen=True)
class Conversion:
    lines: tuple[ConvertedDose, ...]
    diazepam_mg: Decimal  # the total
    approximate: bool = True
    label: Text = APPROXIMATE


def _exact(value: Fraction) -> Decimal:
    """A Fraction as a Decimal: exact to 0.01 mg (rounded there when it does not terminate), no trailing zeros."""
    decimal = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))
    if decimal == decimal.to_integral_value():
        return decimal.quantize(Decimal(1))
    return decimal.normalize()


def convert_to_diazepam(
    doses: Iterable[CurrentDose], *, overrides: Mapping[str, FactorOverride] | None = None
) -> Conversion:
    """Diazepam equivalents of the current daily doses. `overrides` is keyed by generic or brand name."""
    chosen = {find_drug(name).drug: override for name, override in (overrides or {}).items()}
    lines = []
    total = Fraction(0)
    for dose in doses:
        if dose.mg_per_day < 0:
            raise ValueError(f"a daily dose cannot be negative: {dose}")
        row = find_drug(dose.drug)
        override = chosen.get(row.drug)
        factor = override.mg if override is not None else row.mg
        diazepam = Fraction(dose.mg_per_day) * 10 / Fraction(factor)
        total += diazepam
        lines.append(
            ConvertedDose(
                drug=row.drug,
                named_as=dose.drug,
                mg_per_day=dose.mg_per_day,
                factor_mg=factor,
                table_factor_mg=row.mg,
                diazepam_mg=_exact(diazepam),
                override=override,
            )
        )
    return Conversion(lines=tuple(lines), diazepam_mg=_exact(total))


# --- tablets ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TabletStrengths:
    """The tablets a dose is made of. With `halves`, half a tablet of each strength counts as a strength."""

    mg: tuple[Decimal, ...] = (Decimal(2), Decimal(5), Decimal(10))
    halves: bool = False

    def __post_init__(self) -> None:
        if not self.mg or any(m <= 0 for m in self.mg):
            raise ValueError("give at least one tablet strength, each above zero")

    @cached_property
    def pieces(self) -> tuple[Fraction, ...]:
        pieces = {Fraction(m) for m in self.mg}
        if self.halves:
            pieces |= {p / 2 for p in pieces}
        return tuple(sorted(pieces))

    @cached_property
    def unit(self) -> Fraction:
        """The largest amount every piece is a whole multiple of."""
        denominator = 1
        for p in self.pieces:
            denominator = denominator * p.denominator // gcd(denominator, p.denominator)
        numerator = 0
        for p in self.pieces:
            numerator = gcd(numerator, int(p * denominator))
        return Fraction(numerator, denominator)

    def is_sum(self, mg: Decimal | Fraction) -> bool:
        """Whether `mg` is 0 or a sum of available pieces (the same piece any number of times)."""
        amount = Fraction(mg) / self.unit
        if amount.denominator != 1 or amount < 0:
            return False
        return int(amount) in _reachable(tuple(int(p / self.unit) for p in self.pieces), int(amount))


def _reachable(pieces: tuple[int, ...], up_to: int) -> set[int]:
    reach = [False] * (up_to + 1)
    reach[0] = True
    for n in range(1, up_to + 1):
        reach[n] = any(p <= n and reach[n - p] for p in pieces)
    return {n for n, ok in enumerate(reach) if ok}


class _Doses:
    """Feasible daily doses (in units) for given strengths and number of dosing times, up to a maximum."""

    def __init__(self, strengths: TabletStrengths, times: int, up_to: Fraction) -> None:
        self.unit = strengths.unit
        self.top = int(up_to / self.unit) + max(int(p / self.unit) for p in strengths.pieces)
        per_time = _reachable(tuple(int(p / self.unit) for p in strengths.pieces), self.top)
        self.per_time = per_time
        sums = [{0}]
        for _i in range(times):
            sums.append({a + b for a in sums[-1] for b in per_time if a + b <= self.top})
        self.sums = sums  # sums[k]: doses that k dosing times can make
        self.daily = sorted(sums[times])
        self.times = times

    def nearest(self, mg: Fraction) -> Fraction:
        """The feasible daily dose nearest to `mg`; ties go down."""
        target = mg / self.unit
        best = min(self.daily, key=lambda n: (abs(n - target), n))
        return best * self.unit

    def largest_gap(self, up_to: Fraction) -> Fraction:
        doses = [n for n in self.daily if n * self.unit <= up_to]
        return max((b - a for a, b in zip(doses, doses[1:], strict=False)), default=0) * self.unit

    def split(self, mg: Fraction) -> tuple[Fraction, ...]:
        """The daily dose over the dosing times, each a sum of pieces, as even as we can, larger parts later."""
        left = int(mg / self.unit)
        if left not in self.sums[self.times]:
            raise ValueError(f"{mg} mg cannot be made from the tablets over {self.times} dosing times")
        parts = []
        for k in range(self.times, 0, -1):
            # the largest part <= an even share whose rest the other times can still make
            part = max(p for p in self.per_time if p * k <= left and (left - p) in self.sums[k - 1])
            parts.append(part)
            left -= part
        return tuple(sorted(p * self.unit for p in parts))

    def split_within(self, mg: Fraction, previous: Sequence[Fraction]) -> tuple[Fraction, ...]:
        """Like `split`, but no dosing time gets more than it had the week before when the tablets allow it."""
        even = self.split(mg)
        if all(a <= b for a, b in zip(even, previous, strict=True)):
            return even
        caps = tuple(int(p / self.unit) for p in previous)
        found = self._bounded(int(mg / self.unit), caps, {})
        return tuple(p * self.unit for p in found) if found is not None else even

    def _bounded(
        self, left: int, caps: tuple[int, ...], seen: dict[tuple[int, int], tuple[int, ...] | None]
    ) -> tuple[int, ...] | None:
        k = len(caps)
        if k == 0:
            return () if left == 0 else None
        key = (left, k)
        if key not in seen:
            seen[key] = None
            share = Fraction(left, k)
            rest_cap = sum(caps[:-1])
            for p in sorted(
                (p for p in self.per_time if p <= min(caps[-1], left) and left - p <= rest_cap),
                key=lambda p: (abs(p - share), -p),
            ):
                if left - p in self.sums[k - 1]:
                    found = self._bounded(left - p, caps[:-1], seen)
                    if found is not None:
                        seen[key] = (*found, p)
                        break
        return seen[key]


# --- the plan -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Dose:
    time: time
    drug: str
    mg: Decimal


@dataclass(frozen=True)
class Pause:
    """Hold the dose of week `week` (1 = the first week of the plan) for `weeks` more weeks."""

    week: int
    weeks: int = 1
    reason: str = ""

    def __post_init__(self) -> None:
        if self.week < 1 or self.weeks < 1:
            raise ValueError("a pause starts in week 1 or later and lasts at least one week")


@dataclass(frozen=True)
class Flag:
    code: str  # for tests and the template: "too-short", "too-long", "start-rounded", "switch-not-rounded"
    message: Text


@dataclass(frozen=True)
class _Week:
    phase: str  # "switch", "taper" or "target"
    doses: tuple[Dose, ...]  # one day's doses, by time
    paused: bool = False

    def diazepam_mg(self) -> Decimal:
        return sum((d.mg for d in self.doses if d.drug == DIAZEPAM), Decimal(0))


@dataclass(frozen=True)
class PlanStep:
    """Consecutive weeks with the same daily doses."""

    start: date
    weeks: int
    phase: str
    doses: tuple[Dose, ...]  # one day, by time
    paused_weeks: int = 0

    @property
    def end(self) -> date:
        """The last day of the step."""
        return self.start + timedelta(weeks=self.weeks, days=-1)

    def mg_per_day(self, drug: str = DIAZEPAM) -> Decimal:
        return sum((d.mg for d in self.doses if d.drug == drug), Decimal(0))


@dataclass(frozen=True)
class TaperPlan:
    start: date
    conversion: Conversion | None
    starting_dose_mg: Decimal  # diazepam per day, after rounding to the tablets
    rate_percent: int
    step_mg: Decimal  # rate % of the starting dose
    slow_below_mg: Decimal
    target_mg: Decimal
    times: tuple[time, ...]
    strengths: TabletStrengths
    rounding_bound_mg: Decimal  # the largest gap between two feasible daily doses up to the starting dose
    weeks: tuple[_Week, ...] = field(repr=False)
    flags: tuple[Flag, ...] = ()
    pauses: tuple[Pause, ...] = ()
    approximate: bool = True
    label: Text = APPROXIMATE

    @property
    def steps(self) -> tuple[PlanStep, ...]:
        steps: list[PlanStep] = []
        day = self.start
        for week in self.weeks:
            last = steps[-1] if steps else None
            if last is not None and last.doses == week.doses and last.phase == week.phase:
                steps[-1] = replace(last, weeks=last.weeks + 1, paused_weeks=last.paused_weeks + week.paused)
            else:
                steps.append(PlanStep(day, 1, week.phase, week.doses, int(week.paused)))
            day += timedelta(weeks=1)
        return tuple(steps)

    @property
    def length_weeks(self) -> int:
        """Weeks from the start to the last medicated week (the target week included when the target is > 0)."""
        return len(self.weeks)

    @property
    def end(self) -> date:
        """The last day of the plan."""
        return self.start + timedelta(weeks=len(self.weeks), days=-1)

    @property
    def within_guideline(self) -> bool:
        return MIN_WEEKS <= self.length_weeks <= MAX_WEEKS

    def schedule(self) -> dict[date, list[Dose]]:
        """Every day of the plan: its doses, sorted by time. The day after `end` has none (or the target)."""
        days: dict[date, list[Dose]] = {}
        day = self.start
        for week in self.weeks:
            for _i in range(7):
                days[day] = sorted(week.doses)
                day += timedelta(days=1)
        return days

    def with_pause(self, *, week: int, weeks: int = 1, reason: str = "") -> "TaperPlan":
        """The same plan with week `week`'s dose held `weeks` weeks longer; everything after it moves later."""
        return _apply_pauses(self, (Pause(week, weeks, reason),))


def _spread(drug: str, parts: Sequence[Fraction], times: Sequence[time]) -> list[Dose]:
    return [Dose(t, drug, _exact(p)) for t, p in zip(times, parts, strict=True) if p > 0]


def _even(mg: Fraction, count: int) -> list[Fraction]:
    """`mg` over `count` times, to 0.01 mg, the remainder on the last."""
    share = Fraction(int(mg / count * 100), 100)
    return [share] * (count - 1) + [mg - share * (count - 1)]


def propose_benzodiazepine_taper(
    *,
    start: date,
    conversion: Conversion | None = None,
    diazepam_mg_per_day: Decimal | None = None,
    rate_percent: int = 10,
    switch_weeks: int = 0,
    slow_below_mg: Decimal = Decimal(10),
    slow_step_fraction: Fraction = Fraction(1, 2),
    target_mg: Decimal = Decimal(0),
    times: Sequence[time] = (time(8), time(20)),
    strengths: TabletStrengths | None = None,
    pauses: Sequence[Pause] = (),
) -> TaperPlan:
    """A proposed taper from a conversion (or a diazepam dose given directly). See the module docstring."""
    strengths = strengths or TabletStrengths()
    if (conversion is None) == (diazepam_mg_per_day is None):
        raise ValueError("give either a conversion or a diazepam dose, not both")
    if not MIN_RATE <= rate_percent <= MAX_RATE:
        raise ValueError(f"the weekly reduction is {MIN_RATE}-{MAX_RATE} % of the starting dose (IS-2211)")
    if switch_weeks not in (0, 1, 2):
        raise ValueError("the switch to diazepam takes 1 or 2 weeks (0: no switch)")
    if switch_weeks and conversion is None:
        raise ValueError("a switch needs the conversion of the current drugs")
    if not times or len(set(times)) != len(times) or len(times) > 6:
        raise ValueError("give 1-6 different dosing times")
    if not 0 < slow_step_fraction <= 1:
        raise ValueError("the slower end step is a fraction of the weekly step, above 0 and at most 1")
    if slow_below_mg < 0 or target_mg < 0:
        raise ValueError("doses cannot be negative")
    times = tuple(sorted(times))
    flags: list[Flag] = []

    raw = Fraction(conversion.diazepam_mg if conversion is not None else diazepam_mg_per_day or 0)
    if raw <= 0:
        raise ValueError("there is nothing to taper: the daily dose is zero")
    doses = _Doses(strengths, len(times), raw)
    S = doses.nearest(raw)
    if S == 0:
        raise ValueError(
            f"{_exact(raw)} mg cannot be made from the tablets; choose smaller strengths or halves"
        )
    if S != raw:
        flags.append(
            Flag(
                "start-rounded",
                gettext(
                    "Startdosen er rundet fra %(raw)s mg til %(mg)s mg diazepam, slik at den går opp i tablettene."
                )
                % {"raw": _exact(raw), "mg": _exact(S)},
            )
        )
    target = Fraction(target_mg)
    if target >= S:
        raise ValueError("the agreed target must be below the starting dose")
    if doses.nearest(target) != target:
        raise ValueError(f"the target {target_mg} mg cannot be made from the tablets over the dosing times")

    weeks: list[_Week] = []
    if switch_weeks:
        assert conversion is not None
        flags.append(
            Flag(
                "switch-not-rounded",
                _(
                    "Under byttet til diazepam er dosene av de opprinnelige legemidlene ikke rundet av til "
                    "tabletter. Legen tilpasser dem til tablettene personen har."
                ),
            )
        )
        for k in range(1, switch_weeks + 1):
            share = Fraction(k, switch_weeks + 1)
            day: list[Dose] = _spread(DIAZEPAM, doses.split(doses.nearest(S * share)), times)
            for line in conversion.lines:
                if line.drug == DIAZEPAM:
                    continue
                day += _spread(line.drug, _even(Fraction(line.mg_per_day) * (1 - share), len(times)), times)
            weeks.append(_Week("switch", tuple(sorted(day))))

    step = S * rate_percent / 100
    slow_step = step * slow_step_fraction
    slow_below = Fraction(slow_below_mg)
    ideal = S
    parts = doses.split(S)
    weeks.append(_Week("taper", tuple(_spread(DIAZEPAM, parts, times))))
    while True:
        ideal = max(target, ideal - (slow_step if ideal <= slow_below else step))
        dose = doses.nearest(ideal)
        if dose == target and target == 0:
            break  # a zero dose is the end itself
        parts = doses.split_within(dose, parts)
        weeks.append(_Week("target" if dose == target else "taper", tuple(_spread(DIAZEPAM, parts, times))))
        if dose == target:
            break  # a week at the agreed target ends the plan

    plan = TaperPlan(
        start=start,
        conversion=conversion,
        starting_dose_mg=_exact(S),
        rate_percent=rate_percent,
        step_mg=_exact(step),
        slow_below_mg=slow_below_mg,
        target_mg=target_mg,
        times=times,
        strengths=strengths,
        rounding_bound_mg=_exact(doses.largest_gap(S)),
        weeks=tuple(weeks),
        flags=tuple(flags),
    )
    return _apply_pauses(plan, tuple(pauses))


def _apply_pauses(plan: TaperPlan, pauses: tuple[Pause, ...]) -> TaperPlan:
    weeks = list(plan.weeks)
    # Week numbers refer to the plan as the clinician sees it now; insert from the last so they stay valid.
    for pause in sorted(pauses, key=lambda p: p.week, reverse=True):
        if pause.week > len(weeks):
            raise ValueError(f"the plan has {len(weeks)} weeks; it cannot pause in week {pause.week}")
        held = replace(weeks[pause.week - 1], paused=True)
        weeks[pause.week : pause.week] = [held] * pause.weeks
    plan = replace(plan, weeks=tuple(weeks), pauses=plan.pauses + pauses)
    flags = [f for f in plan.flags if f.code not in ("too-short", "too-long")]
    if plan.length_weeks < MIN_WEEKS:
        flags.append(
            Flag(
                "too-short",
                gettext(
                    "Planen varer %(weeks)s uker. Retningslinjen (IS-2211) anbefaler nedtrapping over 1-6 "
                    "måneder; vurder en lavere ukentlig reduksjon."
                )
                % {"weeks": plan.length_weeks},
            )
        )
    if plan.length_weeks > MAX_WEEKS:
        flags.append(
            Flag(
                "too-long",
                gettext(
                    "Planen varer %(weeks)s uker, mer enn de 6 månedene retningslinjen (IS-2211) nevner. "
                    "Vurder en høyere ukentlig reduksjon eller færre pauser."
                )
                % {"weeks": plan.length_weeks},
            )
        )
    return replace(plan, flags=tuple(flags))


# --- alcohol and opioid templates ----------------------------------------------------------------------------

_THIAMINE_NOTE = _(
    "Tiamin (vitamin B1) gis for å forebygge Wernickes encefalopati, en alvorlig hjerneskade som kan komme ved "
    "alkoholavhengighet."
)
_PROPOSAL_NOTE = _("Dette er et forslag. Legen vurderer, endrer og godkjenner planen før den tas i bruk.")
_OUTPATIENT_NOTE = _(
    "Poliklinisk avrusning passer bare når personen kan ta medisiner, drikke og spise, ikke har tegn til alvorlig "
    "væsketap eller saltforstyrrelser, og ikke har hatt abstinenskramper eller delirium tremens tidligere. Ellers "
    "bør avrusningen skje i døgnenhet."
)
OVERDOSE_WARNING = _(
    "Viktig: Etter avrusning faller toleransen for opioider raskt. En dose du tålte før, kan da gi en "
    "livstruende overdose. Ha nalokson nesespray tilgjengelig, ikke bruk alene, og ring 113 ved mistanke om "
    "overdose."
)


@dataclass(frozen=True)
class Template:
    kind: str  # "alcohol-fixed", "alcohol-ciwa", "opioid-buprenorphine-naloxone"
    title: Text
    start: date
    days: tuple[tuple[Dose, ...], ...]  # the doses of day 1, 2, ...
    notes: tuple[Text, ...]
    warnings: tuple[Text, ...] = ()
    ciwa_threshold: int | None = None  # CIWA-Ar-guided: the score at or above which a dose is given
    ciwa_dose: Dose | None = None

    def schedule(self) -> dict[date, list[Dose]]:
        return {self.start + timedelta(days=i): sorted(day) for i, day in enumerate(self.days)}


def _times_for(count: int, times: Sequence[time]) -> list[time]:
    """`count` of the dosing times, spread from the first to the last (one dose: the last)."""
    if count > len(times):
        raise ValueError(f"{count} doses a day need at least {count} dosing times")
    if count == 1:
        return [times[-1]]
    return [times[round(i * (len(times) - 1) / (count - 1))] for i in range(count)]


def alcohol_fixed_template(
    *,
    start: date,
    diazepam_dose_mg: Decimal,
    thiamine_mg_per_day: Decimal,
    doses_per_day: Sequence[int] = (4, 3, 2, 1),
    thiamine_days: int = 7,
    times: Sequence[time] = (time(8), time(13), time(18), time(22)),
) -> Template:
    """Alcohol withdrawal on a predetermined schedule: diazepam `doses_per_day[i]` times on day i+1, falling;
    thiamine every day. The doctor sets the doses from an individual assessment (IS-2211 kap. 12)."""
    if diazepam_dose_mg <= 0 or thiamine_mg_per_day <= 0 or thiamine_days < 1:
        raise ValueError("the doctor sets a diazepam dose, a thiamine dose and at least one day of thiamine")
    if list(doses_per_day) != sorted(doses_per_day, reverse=True) or any(n < 0 for n in doses_per_day):
        raise ValueError("a fixed schedule never gives more doses a day than the day before")
    times = tuple(sorted(times))
    days = []
    for i in range(max(len(doses_per_day), thiamine_days)):
        count = doses_per_day[i] if i < len(doses_per_day) else 0
        day = [Dose(t, DIAZEPAM, diazepam_dose_mg) for t in _times_for(count, times)] if count else []
        if i < thiamine_days:
            day.append(Dose(times[0], "tiamin", thiamine_mg_per_day))
        days.append(tuple(sorted(day)))
    return Template(
        kind="alcohol-fixed",
        title=_("Avrusning fra alkohol etter fast skjema"),
        start=start,
        days=tuple(days),
        notes=(
            _(
                "Diazepam gis etter et skjema som er bestemt på forhånd ut fra en individuell vurdering, og "
                "trappes ned over noen dager."
            ),
            _THIAMINE_NOTE,
            _OUTPATIENT_NOTE,
            _PROPOSAL_NOTE,
        ),
    )


def alcohol_ciwa_template(
    *,
    start: date,
    diazepam_dose_mg: Decimal,
    ciwa_threshold: int,
    thiamine_mg_per_day: Decimal,
    thiamine_days: int = 7,
    thiamine_time: time = time(8),
) -> Template:
    """Alcohol withdrawal guided by CIWA-Ar: a dose of diazepam when the score is at or above the threshold the
    doctor sets; thiamine every day (IS-2211 kap. 12). Only thiamine is on the fixed schedule."""
    if diazepam_dose_mg <= 0 or thiamine_mg_per_day <= 0 or thiamine_days < 1:
        raise ValueError("the doctor sets a diazepam dose, a thiamine dose and at least one day of thiamine")
    if not 0 < ciwa_threshold <= 67:
        raise ValueError("a CIWA-Ar threshold lies between 1 and 67")
    return Template(
        kind="alcohol-ciwa",
        title=_("Avrusning fra alkohol styrt etter CIWA-Ar"),
        start=start,
        days=tuple((Dose(thiamine_time, "tiamin", thiamine_mg_per_day),) for _i in range(thiamine_days)),
        notes=(
            _(
                "Abstinensen måles jevnlig med CIWA-Ar. Diazepam gis bare når skåren er på eller over grensen "
                "legen har satt."
            ),
            _("En skåre på 15 eller mer varsles til legen."),
            _THIAMINE_NOTE,
            _OUTPATIENT_NOTE,
            _PROPOSAL_NOTE,
        ),
        ciwa_threshold=ciwa_threshold,
        ciwa_dose=Dose(time(0), DIAZEPAM, diazepam_dose_mg),
    )


def buprenorphine_naloxone_template(
    *, start: date, daily_doses_mg: Sequence[Decimal], dosing_time: time = time(8)
) -> Template:
    """Opioid withdrawal with buprenorphine-naloxone (first choice in IS-2211 kap. 14), one dose a day as the
    doctor sets them, never rising once it has fallen; with the warning about lost tolerance."""
    if not daily_doses_mg or any(d < 0 for d in daily_doses_mg):
        raise ValueError("the doctor sets at least one day's dose")
    peak = max(daily_doses_mg)
    reached = list(daily_doses_mg).index(peak)
    tail = list(daily_doses_mg)[reached:]
    if tail != sorted(tail, reverse=True):
        raise ValueError("a dose never rises again once it has been reduced")
    return Template(
        kind="opioid-buprenorphine-naloxone",
        title=_("Avrusning fra opioider med buprenorfin-nalokson"),
        start=start,
        days=tuple(((Dose(dosing_time, "buprenorfin-nalokson", d),) if d else ()) for d in daily_doses_mg),
        notes=(
            _(
                "Buprenorfin, vanligvis sammen med nalokson, er førstevalget ved avrusning fra opioider. "
                "Klonidin eller lofeksidin er andrevalg. Metadon brukes ikke ved poliklinisk avrusning."
            ),
            _(
                "Abstinens fra opioider er svært ubehagelig, men sjelden farlig i seg selv. Spør om nalokson "
                "nesespray. Legemiddelassistert rehabilitering (LAR) finnes for opioidavhengighet."
            ),
            _PROPOSAL_NOTE,
        ),
        warnings=(OVERDOSE_WARNING,),
    )
