"""Demo therapists for `make run`: twelve therapists and one doctor, all invented (names, HPR numbers and
stories). Published, without photos (the directory shows initials). Idempotent: keyed on the slug.

Tor Haugen and Lene Dahl are the people behind the demo accounts terapeut@ and lege@ (forlop.accounts.demo);
when those accounts exist, the profiles are linked to them so /ansatt/profil/ shows something real."""

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from forlop.accounts.demo import DEMO_USERS
from forlop.accounts.models import User

from .models import FocusArea, Language, MeetingMode, Method, Profession, Therapist

DEMO_ACCOUNTS = {name: email for email, name, _role in DEMO_USERS}

PROFILES: list[dict] = [
    {
        "name": "Tor Haugen",
        "slug": "tor-haugen",
        "profession": Profession.PSYKOLOGSPESIALIST,
        "title": "Psykologspesialist i rus og psykisk helse",
        "hpr_number": "9812345",
        "gender": "mann",
        "focus": ["alkohol", "cannabis", "parorende", "angst_depresjon"],
        "methods": ["kognitiv_terapi", "motiverende_intervju", "act"],
        "languages": ["nb", "en"],
        "modes": ["video", "oppmote"],
        "place": "Oslo",
        "new_clients_per_week": 3,
        "bio_short": "Psykologspesialist som hjelper deg å se hva rusen gjør for deg – og hva du vil ha i stedet.",
        "bio_long": """Jeg har jobbet med rus og psykisk helse i femten år, først ved en poliklinikk i Groruddalen
og senere i privat praksis. Det jeg har lært, er at de fleste som tar kontakt, allerede har tenkt lenge på å
endre noe. De trenger sjelden en ny pekefinger, men et sted der det går an å være ærlig om både det som er
godt og det som er vondt med drikkingen eller røykingen.

I samtalene bruker jeg mye motiverende intervju og kognitiv terapi. Vi ser på konkrete situasjoner:
fredagskvelden, krangelen, de søvnløse nettene. Hva skjer i deg, og hva kan du gjøre annerledes neste gang?
Noen ønsker å slutte helt, andre vil trappe ned. Begge deler er gode utgangspunkt.

Jeg tar også imot pårørende, og har gjerne med partneren din i en eller to timer hvis du ønsker det.
Samtalene kan foregå på video eller på kontoret mitt i Oslo sentrum, på norsk eller engelsk.""",
    },
    {
        "name": "Lene Dahl",
        "slug": "lene-dahl",
        "profession": Profession.RUSMEDISIN,
        "title": "Ansvarlig lege for avrusning",
        "hpr_number": "9823456",
        "gender": "kvinne",
        "focus": ["alkohol", "opioider", "benzodiazepiner", "ghb"],
        "methods": ["motiverende_intervju"],
        "languages": ["nb", "en"],
        "modes": ["video", "telefon", "oppmote"],
        "place": "Oslo",
        "medical_detox": True,
        "new_clients_per_week": 2,
        "bio_short": "Lege og spesialist i rus- og avhengighetsmedisin. Jeg har ansvaret for medisinsk støttet "
        "avrusning i Forløp.",
        "bio_long": """Å slutte med alkohol eller beroligende tabletter kan være farlig å gjøre alene: abstinensene
kan gi kramper og akutt forvirring. Abstinenser etter opioider er sjelden farlige i seg selv, men toleransen
faller raskt, og da er faren for overdose stor. Noen ganger trengs medisiner og tett oppfølging de første
dagene. Det er der jeg kommer inn.

Før en avrusning går vi grundig gjennom hva og hvor mye du bruker, helsen din og hvilke medisiner du tar.
Sammen lager vi en plan for nedtrappingen, med faste avtaler på video eller telefon og klare beskjeder om når
du skal ringe legevakten. Jeg samarbeider med fastlegen din når du ønsker det, og med terapeuten du skal
fortsette hos etterpå.

Jeg har bakgrunn fra allmennpraksis og fra en avrusningsenhet i Oslo. Der så jeg hvor mye det betyr å bli
møtt uten skam. Mange har prøvd å slutte flere ganger før de kommer til meg. Det er ikke et nederlag, men
erfaring vi kan bruke når vi legger planen denne gangen.""",
    },
    {
        "name": "Ingrid Solberg",
        "slug": "ingrid-solberg",
        "profession": Profession.PSYKOLOG,
        "title": "Psykolog med videreutdanning i traumebehandling",
        "hpr_number": "9834567",
        "gender": "kvinne",
        "focus": ["alkohol", "benzodiazepiner", "traumer", "angst_depresjon"],
        "methods": ["traumebehandling", "kognitiv_terapi"],
        "languages": ["nb"],
        "modes": ["video", "oppmote"],
        "place": "Bergen",
        "new_clients_per_week": 2,
        "bio_short": "Psykolog i Bergen med særlig interesse for sammenhengen mellom traumer og rus.",
        "bio_long": """Mange av dem jeg møter, har brukt alkohol eller piller for å dempe noe som har vært for
vondt å kjenne på. Det gir mening. Rusen har vært en løsning, selv om den etter hvert har skapt nye problemer.
I terapien begynner vi ofte der: med respekt for hvorfor du har trengt den.

Jeg er utdannet ved Universitetet i Bergen og har videreutdanning i traumebehandling. Arbeidet går i faser.
Først handler det om trygghet og stabilitet i hverdagen, om søvn, kropp og hvordan du kan roe deg ned uten
rus. Når det er på plass, ser vi nærmere på det som har skjedd, og bare i det tempoet du orker.

Jeg bruker også kognitive metoder når angst og nedstemthet tar mye plass. Du kan møte meg på kontoret på
Møhlenpris eller på video. Jeg er rolig og tydelig, og jeg sier fra hvis jeg tror vi bør gjøre noe
annerledes.""",
    },
    {
        "name": "Samir Haddad",
        "slug": "samir-haddad",
        "profession": Profession.KLINISK_SOSIONOM,
        "title": "Klinisk sosionom, ungdom og familier",
        "hpr_number": "",
        "gender": "mann",
        "focus": ["cannabis", "sentralstimulerende", "ungdom", "parorende"],
        "methods": ["familieterapi", "motiverende_intervju"],
        "languages": ["nb", "ar", "en"],
        "modes": ["video", "telefon"],
        "place": "",
        "new_clients_per_week": 3,
        "bio_short": "Klinisk sosionom som jobber med ungdom, unge voksne og familiene rundt dem. Jeg snakker "
        "norsk, arabisk og engelsk.",
        "bio_long": """Jeg begynte som miljøarbeider på et ungdomshus i Drammen og har siden jobbet i
barnevernet og i en rusenhet for unge. Mange av ungdommene jeg møter, røyker hasj eller prøver
sentralstimulerende stoffer, og foreldrene er ofte like redde som de er sinte.

I arbeidet mitt er familien en viktig ressurs. Noen ganger snakker jeg med ungdommen alene, andre ganger med
foreldrene, og ofte med alle sammen. Vi prøver å finne tilbake til samtaler som ikke bare handler om rus, og
å bli enige om noen få, tydelige avtaler hjemme.

Jeg vokste opp med arabisk og norsk og vet hvordan det er å stå mellom to kulturer. Skam og frykt for hva
andre skal si, kan gjøre det vanskelig å be om hjelp. Hos meg kan du snakke fritt, på det språket du føler
deg tryggest på. Samtalene foregår på video eller telefon, og vi kan finne tider på ettermiddagen og tidlig
på kvelden.""",
    },
    {
        "name": "Agnieszka Nowak",
        "slug": "agnieszka-nowak",
        "profession": Profession.SYKEPLEIER,
        "title": "Sykepleier og gruppeleder",
        "hpr_number": "9845678",
        "gender": "kvinne",
        "focus": ["alkohol", "benzodiazepiner"],
        "methods": ["motiverende_intervju", "gruppeterapi"],
        "languages": ["nb", "pl"],
        "modes": ["video", "telefon"],
        "place": "",
        "accepting_new_clients": False,
        "new_clients_per_week": 0,
        "bio_short": "Sykepleier med lang erfaring fra rusfeltet. Jeg leder samtalegrupper og tar imot klienter "
        "på norsk og polsk.",
        "bio_long": """Jeg kom til Norge fra Gdańsk for tolv år siden og har jobbet som sykepleier i rusomsorgen
nesten hele tiden siden. Mange av dem jeg har møtt, jobber lange dager på bygg, i fiskeindustrien eller i
hjemmetjenesten, og drikker for å få sove eller for å holde ut ensomheten langt hjemmefra.

Jeg er opptatt av det praktiske. Hvordan ser en vanlig uke ut for deg? Når drikker du, og hva skjer rett
før? Vi bruker motiverende samtaler for å finne ut hva du selv vil, og jeg vet godt hvordan nedtrapping av
sovemedisin og beroligende tabletter kan gjøres trygt sammen med lege.

Jeg leder også en samtalegruppe på video for folk som vil drikke mindre eller slutte helt. Det er ofte en
lettelse å høre at andre strever med det samme. Jeg snakker norsk og polsk, og du velger selv hvilket språk
vi bruker.""",
    },
    {
        "name": "Hodan Warsame",
        "slug": "hodan-warsame",
        "profession": Profession.PSYKOLOG,
        "title": "Psykolog, traumer og flerkulturelt arbeid",
        "hpr_number": "9856789",
        "gender": "kvinne",
        "focus": ["alkohol", "annet", "traumer", "angst_depresjon", "parorende"],
        "methods": ["traumebehandling", "act"],
        "languages": ["nb", "so", "en"],
        "modes": ["video", "oppmote"],
        "place": "Oslo",
        "new_clients_per_week": 2,
        "bio_short": "Psykolog som hjelper deg med angst, tunge tanker og vonde erfaringer – på norsk, somali "
        "eller engelsk.",
        "bio_long": """Før jeg ble psykolog, jobbet jeg som tolk i helsevesenet. Der så jeg hvor mye som går
tapt når folk ikke får forklare seg med sine egne ord. Derfor er det viktig for meg å tilby samtaler på
somali, i tillegg til norsk og engelsk.

Mange som kommer til meg, har opplevd krig, flukt eller vold, og bærer på mye som aldri er blitt sagt høyt.
Noen har begynt å bruke khat, alkohol eller tabletter for å få sove eller for å slippe tankene. Andre kommer
fordi de er bekymret for en sønn, en ektemann eller en søster.

Jeg jobber med traumebehandling og med aksept- og forpliktelsesterapi. Målet er ikke å viske ut det som har
skjedd, men å få mer plass til livet ved siden av. Jeg tar imot på video og på kontoret vårt på Grønland i
Oslo. Du trenger ikke å vite hva du vil si før du kommer.""",
    },
    {
        "name": "Erik Lindqvist",
        "slug": "erik-lindqvist",
        "profession": Profession.SERTIFISERT_TERAPEUT,
        "title": "Rusterapeut med egen erfaring",
        "hpr_number": "",
        "gender": "mann",
        "focus": ["spill", "alkohol"],
        "methods": ["kognitiv_terapi", "gruppeterapi"],
        "languages": ["sv", "nb"],
        "modes": ["video", "telefon"],
        "place": "",
        "new_clients_per_week": 4,
        "bio_short": "Sertifisert rusterapeut med egen erfaring fra spilleavhengighet. Jeg tar imot på svensk "
        "og norsk.",
        "bio_long": """Jeg har selv vært der du kanskje er nå. I mange år spilte jeg bort lønna, lånte penger av
venner og løy til familien. Først da jeg satt i en samtalegruppe i Göteborg og hørte andre fortelle min
historie, løsnet noe. Den erfaringen er en stor del av grunnen til at jeg gjør dette arbeidet i dag.

Jeg er utdannet rusterapeut i Sverige og har jobbet med spilleproblemer og alkohol i ti år, de siste fire i
Norge. Jeg er ikke autorisert helsepersonell, og jeg samarbeider med psykolog og lege i Forløp når det
trengs.

Sammen kartlegger vi når suget kommer, hva som utløser det og hvilke praktiske grep som hjelper: sperre på
kontoen, hjelp med økonomien, en plan for kveldene. Jeg leder også en gruppe på video annenhver uke.
Samtalene kan foregå på svensk eller norsk, på video eller telefon.""",
    },
    {
        "name": "Marte Kvam",
        "slug": "marte-kvam",
        "profession": Profession.PSYKOLOGSPESIALIST,
        "title": "Psykologspesialist, barn, ungdom og familier",
        "hpr_number": "9867890",
        "gender": "kvinne",
        "focus": ["cannabis", "ungdom", "parorende"],
        "methods": ["familieterapi", "kognitiv_terapi"],
        "languages": ["nb"],
        "modes": ["video", "oppmote"],
        "place": "Trondheim",
        "accepting_new_clients": False,
        "new_clients_per_week": 1,
        "bio_short": "Psykologspesialist i Trondheim som jobber med ungdom og familier, særlig når hasj er blitt "
        "en del av hverdagen.",
        "bio_long": """Jeg har jobbet med barn og unge i over tjue år, først i BUP og senere i en
ruspoliklinikk for ungdom i Trondheim. Når en sekstenåring begynner å røyke hasj hver dag, påvirker det hele
familien. Foreldrene blir vaktbikkjer, søsken trekker seg unna, og ungdommen selv føler seg misforstått.

Jeg tror på å jobbe med familien som helhet. I de første timene blir jeg kjent med hver enkelt, og så møtes
vi sammen. Vi ser på hvordan dere snakker med hverandre når det blir vanskelig, og hva som kan gjøre det litt
lettere. Ungdommen får også egne timer, der vi bruker kognitive metoder for å forstå sammenhengen mellom
tanker, følelser og røyking.

Jeg har kontor på Bakklandet og tar også samtaler på video, slik at foreldre som bor hver for seg, kan være
med. Jeg er nysgjerrig og direkte, og opptatt av at alle i rommet blir hørt.""",
    },
    {
        "name": "Jonas Eide",
        "slug": "jonas-eide",
        "profession": Profession.KLINISK_SOSIONOM,
        "title": "Klinisk sosionom, opioider og sentralstimulerende stoffer",
        "hpr_number": "",
        "gender": "mann",
        "focus": ["opioider", "sentralstimulerende", "annet"],
        "methods": ["motiverende_intervju", "act"],
        "languages": ["nb"],
        "modes": ["video", "telefon", "oppmote"],
        "place": "Stavanger",
        "new_clients_per_week": 2,
        "bio_short": "Klinisk sosionom i Stavanger. Jeg har jobbet med opioider og sentralstimulerende stoffer i "
        "mange år, og møter deg der du er.",
        "bio_long": """I mer enn ti år jobbet jeg i et lavterskeltilbud i Stavanger sentrum. Der lærte jeg at
endring sjelden skjer i rette linjer. Folk kommer og går, prøver og faller, og kommer tilbake igjen. Du
trenger ikke å ha bestemt deg for noe før vi møtes.

Mange av klientene mine bruker eller har brukt opioider, amfetamin eller kokain. Noen går i LAR, andre ønsker
å komme seg ut av et miljø, få orden på bolig og økonomi eller ta opp igjen kontakten med barna sine. Jeg
hjelper gjerne med det praktiske, for det henger tett sammen med alt annet.

I samtalene bruker jeg motiverende intervju og aksept- og forpliktelsesterapi. Vi snakker om hva som er
viktig for deg, og tar små skritt i den retningen. Du kan møte meg på kontoret ved Breiavatnet, på video
eller på telefon, alt etter hva som passer den uken.""",
    },
    {
        "name": "Sunniva Rønning",
        "slug": "sunniva-ronning",
        "profession": Profession.PSYKIATER,
        "title": "Psykiater",
        "hpr_number": "9878901",
        "gender": "kvinne",
        "focus": ["alkohol", "benzodiazepiner", "angst_depresjon", "traumer"],
        "methods": ["kognitiv_terapi"],
        "languages": ["nb", "en"],
        "modes": ["video"],
        "place": "",
        "new_clients_per_week": 1,
        "bio_short": "Psykiater som ser angst, depresjon og rusbruk i sammenheng, og vurderer medisiner når det "
        "hjelper.",
        "bio_long": """Angst, depresjon og rus henger ofte sammen, men det er ikke alltid lett å se hva som
kom først. Noen drikker for å holde angsten i sjakk, andre blir nedstemte etter år med tung bruk. Som
psykiater er jobben min å se helheten, og å finne ut hva som skal behandles, og i hvilken rekkefølge.

Timene hos meg begynner med en grundig samtale om livet ditt, helsen og det du bruker. Deretter lager vi en
plan. Den kan inneholde kognitiv terapi, endringer i medisiner eller begge deler. Jeg er forsiktig med
vanedannende medisiner, og hjelper også folk som vil trappe ned på sovetabletter og beroligende midler de
har brukt lenge.

Jeg har jobbet ved distriktspsykiatriske sentre i Møre og Romsdal og i Oslo. Jeg tar imot på video, på
norsk eller engelsk, og tar bare noen få nye klienter om gangen, slik at jeg har tid til dem jeg allerede
følger.""",
    },
    {
        "name": "Alex Mo",
        "slug": "alex-mo",
        "profession": Profession.SERTIFISERT_TERAPEUT,
        "title": "ACT-terapeut, rus og seksualitet",
        "hpr_number": "",
        "gender": "annet",
        "focus": ["ghb", "sentralstimulerende", "annet", "traumer"],
        "methods": ["act", "motiverende_intervju"],
        "languages": ["nb", "en"],
        "modes": ["video", "telefon"],
        "place": "",
        "new_clients_per_week": 3,
        "bio_short": "Terapeut for deg som bruker GHB eller sentralstimulerende stoffer på fest eller i sex, og "
        "vil ha kontrollen tilbake.",
        "bio_long": """Jeg jobber mye med mennesker som bruker rus i forbindelse med sex og fest, ofte GHB,
metamfetamin eller kokain. Mange har holdt dette skjult for fastlegen og familien, og har aldri snakket med
noen om det uten å bli møtt med forskrekkelse. Hos meg trenger du ikke å forklare miljøet eller forsvare
hvem du er.

Jeg er sertifisert terapeut i aksept- og forpliktelsesterapi og er ikke autorisert helsepersonell. Når det
trengs en medisinsk vurdering, for eksempel ved avhengighet av GHB, samarbeider jeg tett med legen i Forløp.
Abstinenser etter GHB kan være farlige, så ikke slutt brått på egen hånd.

I samtalene ser vi på hva rusen gir deg, og hva den koster. Mange har også vonde erfaringer de trenger å
sortere. Vi jobber i ditt tempo, på video eller telefon, på norsk eller engelsk. Jeg bruker pronomenet
hen.""",
    },
    {
        "name": "Kristian Aasen",
        "slug": "kristian-aasen",
        "profession": Profession.PSYKOLOG,
        "title": "Psykolog, spill og alkohol",
        "hpr_number": "9889012",
        "gender": "mann",
        "focus": ["spill", "alkohol", "angst_depresjon"],
        "methods": ["kognitiv_terapi", "act"],
        "languages": ["nb"],
        "modes": ["video", "oppmote"],
        "place": "Trondheim",
        "new_clients_per_week": 2,
        "bio_short": "Psykolog i Trondheim som hjelper folk med spilleproblemer, alkohol og uroen som ofte "
        "følger med.",
        "bio_long": """Jeg er oppvokst på Innherred, utdannet i Trondheim og har jobbet både i kommunal
rustjeneste og ved et distriktspsykiatrisk senter. I dag jobber jeg mest med voksne som har mistet
kontrollen over spill eller alkohol, ofte begge deler.

Mange skammer seg over pengene som har forsvunnet, og over løgnene de har fortalt for å skjule det. Skammen
gjør det vanskelig å be om hjelp, og den driver ofte nye runder med spill. Derfor bruker vi tid på å forstå
mønsteret uten å dømme. Jeg bruker kognitiv terapi og aksept- og forpliktelsesterapi, og vi lager konkrete
avtaler mellom timene.

Angst og uro er vanlige følgesvenner, og dem jobber vi med underveis. Jeg liker å gå, og noen av timene på
kontoret ved Solsiden kan like gjerne foregå langs elva. Jeg tar også imot på video.""",
    },
    {
        "name": "Nora Bakken",
        "slug": "nora-bakken",
        "profession": Profession.KLINISK_SOSIONOM,
        "title": "Klinisk sosionom og familieterapeut",
        "hpr_number": "",
        "gender": "kvinne",
        "focus": ["alkohol", "parorende", "ungdom"],
        "methods": ["familieterapi", "gruppeterapi"],
        "languages": ["nb", "en"],
        "modes": ["video", "oppmote"],
        "place": "Stavanger",
        "new_clients_per_week": 3,
        "bio_short": "Klinisk sosionom og familieterapeut. Jeg hjelper pårørende som står nær noen som drikker "
        "eller ruser seg.",
        "bio_long": """Når en du er glad i, drikker for mye, blir det ofte du som holder familien sammen. Du
passer på, rydder opp, dekker over og ligger våken om nettene. Mange pårørende har gjort dette i årevis før
de tenker at de selv kan trenge hjelp.

Jeg har jobbet med pårørende i femten år, både i kommunen og ved et familievernkontor i Stavanger. I
samtalene handler det om deg: hvordan du har det, hvilke grenser du vil sette, og hva du kan si til barna.
Du kan komme til meg selv om den som drikker, ikke vil være med.

Jeg leder også en samtalegruppe for pårørende på video, og jeg tar imot par og familier når flere vil komme
sammen. Jeg har kontor i Stavanger og har samtaler på video med folk fra hele landet. Jeg snakker norsk og
engelsk.""",
    },
]


def _paragraphs(text: str) -> str:
    """The bios above are wrapped for the source file; stored text has one line per paragraph."""
    return "\n\n".join(" ".join(block.split()) for block in text.strip().split("\n\n"))


def load(stdout) -> None:
    if not settings.DEMO_DATA_ALLOWED:
        raise CommandError("Demoterapeuter lages aldri i produksjon.")
    now = timezone.now()
    created_count = 0
    with transaction.atomic():
        for spec in PROFILES:
            values = dict(spec)
            relations = {
                "focus_areas": FocusArea.objects.filter(key__in=values.pop("focus")),
                "methods": Method.objects.filter(key__in=values.pop("methods")),
                "languages": Language.objects.filter(key__in=values.pop("languages")),
                "meeting_modes": MeetingMode.objects.filter(key__in=values.pop("modes")),
            }
            slug = values.pop("slug")
            values["bio_long"] = _paragraphs(values["bio_long"])
            values.setdefault("accepting_new_clients", True)
            values.setdefault("medical_detox", False)
            values.update(status=Therapist.Status.PUBLISHED, pending_changes={}, submitted_at=None)
            therapist, created = Therapist.objects.update_or_create(slug=slug, defaults=values)
            created_count += created
            if therapist.published_at is None:
                therapist.published_at = now
                therapist.save(update_fields=["published_at"])
            for name, queryset in relations.items():
                getattr(therapist, name).set(queryset)
            _link_demo_account(therapist)
    stdout.write(
        f"Demoterapeuter: {created_count} nye, {len(PROFILES) - created_count} fantes fra før (alle publisert)."
    )


def _link_demo_account(therapist: Therapist) -> None:
    email = DEMO_ACCOUNTS.get(therapist.name)
    if email is None or therapist.user_id is not None:
        return
    user = User.objects.filter(email=email, is_demo=True).first()
    if user is not None and not Therapist.objects.filter(user=user).exists():
        therapist.user = user
        therapist.save(update_fields=["user"])
