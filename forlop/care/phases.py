"""Which phase may follow which (pure). A course moves forward through kartlegging → avrusning (when needed)
→ behandling → oppfølging → avsluttet; it may go back from oppfølging (a relapse) and be closed from any
phase, always with a closing summary."""

KARTLEGGING = "kartlegging"
AVRUSNING = "avrusning"
BEHANDLING = "behandling"
OPPFOLGING = "oppfolging"
AVSLUTTET = "avsluttet"

NEXT: dict[str, tuple[str, ...]] = {
    KARTLEGGING: (AVRUSNING, BEHANDLING, AVSLUTTET),
    AVRUSNING: (BEHANDLING, AVSLUTTET),
    BEHANDLING: (AVRUSNING, OPPFOLGING, AVSLUTTET),
    OPPFOLGING: (BEHANDLING, AVRUSNING, AVSLUTTET),
    AVSLUTTET: (),
}


def allowed(from_phase: str, to_phase: str) -> bool:
    return to_phase in NEXT.get(from_phase, ())
