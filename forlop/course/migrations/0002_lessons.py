"""The course's ten lessons (five, each for "meg selv" and "en jeg er glad i"). Product content, not demo data:
production gets them from this migration, and admins edit them afterwards in the admin."""

from django.db import migrations

TITLES = {
    1: "Toleranse: når det trengs mer for å kjenne virkningen",
    2: "Tap av kontroll: når det blir mer enn planlagt",
    3: "Når rusen tar stadig større plass",
    4: "Når bruken fortsetter til tross for problemer",
    5: "Abstinens: når rusen brukes for å dempe ubehag",
}

SUBJECTS = {
    1: "Del 1 av 5: Når det trengs mer for å kjenne virkningen",
    2: "Del 2 av 5: Når det blir mer enn planlagt",
    3: "Del 3 av 5: Når noe tar stadig større plass",
    4: "Del 4 av 5: Når det fortsetter selv om det koster",
    5: "Del 5 av 5: Ubehag, lindring og veien videre",
}

SELF = {
    1: """Mange merker det ikke selv før de ser tilbake: Det som før var nok, er ikke nok lenger. To glass ga en gang en god, avslappet følelse. Nå trengs det kanskje en flaske for å komme dit. Eller en tablett som før holdt hele kvelden, holder nå bare et par timer. Dette kalles toleranse, og det er et av de vanligste tegnene på at kroppen har vent seg til et rusmiddel.

## Hva skjer i kroppen?

Toleranse er ikke et tegn på svak vilje. Det er kroppens måte å tilpasse seg på. Når hjernen gang på gang får et stoff som demper eller stimulerer, justerer den seg for å holde balansen. Resultatet er at den samme mengden gir mindre virkning. Mange beskriver det som at de «tåler mye», og noen er til og med litt stolte av det. Men å tåle mye betyr ofte at kroppen allerede jobber hardt for å motvirke rusen.

Toleranse kan utvikle seg for alkohol, cannabis, beroligende tabletter, sovemedisiner, smertestillende opioider og sentralstimulerende stoffer. Det skjer raskere jo oftere man bruker, og det kan skje selv om man sjelden føler seg full eller ruset.

## Tegn du kan se etter

- Du trenger mer enn før for å kjenne den virkningen du er ute etter.
- Den vanlige mengden gir deg mindre effekt enn den gjorde for et år siden.
- Du har begynt å velge sterkere varianter, eller å drikke eller ta noe før du går ut.
- Andre rundt deg blir tydelig påvirket, mens du selv kjenner lite.

Ett av disse tegnene alene betyr ikke at du har et rusproblem. Men toleranse er ofte det første som endrer seg, lenge før andre merker noe. Derfor er det et godt sted å begynne hvis du vil bli litt mer nysgjerrig på din egen bruk.

## En viktig ting å vite

Toleranse kan også forsvinne. Har du hatt en pause, kanskje på grunn av sykdom, ferie eller et forsøk på å kutte ned, tåler kroppen mindre enn før. Å gå rett tilbake til den gamle mengden kan da være farlig, særlig med opioider, beroligende midler og alkohol, og aller mest i kombinasjon. Mange overdoser skjer nettopp etter en pause. Er noen ikke til å vekke, eller puster tungt og uregelmessig, ring 113 med en gang.

## Neste steg

Skriv ned hvor mye du brukte i går, og hvor mye du brukte for omtrent et år siden, så ærlig du kan. Ingen andre trenger å se det. Legg bare merke til om tallene har endret seg. I morgen handler det om å miste kontrollen over hvor mye det blir.
""",
    2: """«Bare ett glass i kveld.» «Jeg tar bare én i helgen.» De fleste som har et anstrengt forhold til rus, kjenner igjen det å bestemme seg for en grense og så ende et helt annet sted. Tap av kontroll er et av de tydeligste tegnene på at rusen har fått et grep som er sterkere enn de gode intensjonene.

## Hvordan det kan arte seg

Tap av kontroll betyr ikke at man alltid bruker mye. Mange har helt rolige dager eller uker. Men når man først begynner, er det vanskelig å stoppe der man hadde tenkt. Det kan se slik ut:

- Du bruker mer, eller lenger, enn du hadde planlagt.
- Du har prøvd å kutte ned eller ta pauser, men det holder ikke over tid.
- Du har laget regler for deg selv, som «aldri på hverdager» eller «bare i selskap», og ser at de glir ut.
- Du har hull i hukommelsen etter en kveld, eller angrer på ting du sa og gjorde.
- Du bruker mye tid på å tenke på når du kan bruke neste gang.

## Hvorfor det skjer

Rusmidler virker på hjernens belønningssystem. Etter hvert lærer hjernen at rusen er noe den må ha, og trangen kan komme sterkt, særlig i situasjoner som minner om tidligere bruk: en bestemt ukedag, et sted, en stemning, en type stress. Når trangen først er der, er det vanskeligere å veie fordeler og ulemper slik man gjør når man er edru og uthvilt. Det er derfor gode forsetter så ofte ryker. Det sier ingenting om hvor sterk eller svak du er som person.

## Skam hjelper sjelden

Mange straffer seg selv etter en kveld som gikk over styr. Skam er forståelig, men den gjør det ofte verre. Den får oss til å skjule, bagatellisere og holde avstand til dem som kunne ha hjulpet. Det hjelper mer å være nysgjerrig enn streng: Hva skjedde rett før det ble mer enn planlagt? Var du sliten, lei, ensom eller redd for noe?

## Neste steg

Sett deg et lite, konkret mål for den neste uken, for eksempel to bestemte dager uten noe. Skriv ned på forhånd hva du skal gjøre i stedet de kveldene. Går det ikke som planlagt, er ikke det et nederlag, men nyttig informasjon: Det viser hvor sterkt grepet er. I morgen handler det om hva som skjer når rusen tar stadig større plass.
""",
    3: """Rus begynner sjelden som et problem. Det er ofte noe som hører med: en fredagskveld, en fest, en måte å koble av på. Et tegn på at noe er i ferd med å endre seg, er når rusen gradvis tar mer plass, og ting du før prioriterte, får mindre.

## Hvordan det sniker seg inn

Endringen er som regel så langsom at den er vanskelig å se innenfra. Her er noen tegn:

- Du bruker mer tid på å skaffe, bruke eller komme deg etter rusen.
- Du har sluttet med, eller gjør sjeldnere, ting du likte før: trening, hobbyer, venner som ikke bruker.
- Du velger helst sosiale situasjoner der det er rus, og kvier deg for dem der det ikke er det.
- Jobb, studier eller oppgaver hjemme får mindre oppmerksomhet enn før, eller du er sliten og ukonsentrert dagen derpå.
- Du planlegger uken rundt når du kan bruke.
- Penger går til rus som du egentlig trengte til noe annet.

## Når hverdagen krymper

Det er ikke mengden alene som sier noe om hvor stor plass rusen har. Det handler like mye om hva den fortrenger. Mange merker det først som en følelse av at livet har blitt litt mindre. Samtalene med de nærmeste blir færre, eller handler om andre ting enn før. Gleden ved det som ikke har med rus å gjøre, blir svakere. Det kan også være at rusen har blitt den viktigste måten å håndtere stress, ensomhet eller kjedsomhet på.

Det er ikke rart at det blir slik. Rusen gir en rask belønning, og når hjernen har lært det, kan andre kilder til glede og hvile føles blassere. Dette kan snu. Når bruken går ned, kommer interessen for annet ofte gradvis tilbake, selv om det kan ta noen uker.

## Se på uken din

En enkel måte å få oversikt på er å tegne opp en vanlig uke og markere tiden som går med til rus: planlegging, bruk og tiden etterpå da du ikke er helt i form. Mange blir overrasket over hvor mye det blir. Det er ikke ment for å dømme deg selv, men for å se tydelig.

## Neste steg

Velg én ting du har gjort mindre av det siste året, og som du savner. Sett av en time til den i løpet av de neste dagene, helst på et tidspunkt da du ellers ville ha brukt. Legg merke til hvordan det kjennes. I morgen handler det om å fortsette selv om det koster.
""",
    4: """De fleste av oss endrer vaner når vi merker at de skader oss. Med rus er det ofte annerledes. Et av de tydeligste tegnene på avhengighet er at man fortsetter å bruke selv om man ser, og kanskje kjenner på kroppen, at det koster.

## Hva det kan koste

Problemene kommer ikke nødvendigvis på én gang. Ofte er det en rekke små ting som til sammen blir store:

- Du sover dårligere, er mer urolig eller nedstemt, eller har mer angst dagen etter.
- Legen har sagt noe om blodtrykk, lever, mage eller vekt, eller du har selv merket plager.
- Det har blitt krangler hjemme, eller noen du er glad i, har sagt at de er bekymret.
- Du har fått problemer på jobb eller i studiene, eller vært nær ved å få det.
- Du har gjort ting i rus som du ikke ville gjort edru, som å kjøre bil eller sende meldinger du angrer på.

Likevel fortsetter bruken. Kanskje tenker du at det er rusen som hjelper deg å takle nettopp disse problemene.

## Hvorfor det er så vanskelig å stoppe

Det er ikke fordi du ikke forstår konsekvensene. Rus virker raskt, mens ulempene kommer senere. Hjernen er laget for å prioritere det som gir lindring nå. Har man i tillegg lært seg å bruke rus for å håndtere vonde følelser, kan det å slutte kjennes som å miste en av de få tingene som hjelper. Mange har også blandede følelser: En del av deg vil endre noe, en annen del vil ikke. Det er helt vanlig, og det er et godt utgangspunkt for en ærlig samtale med deg selv.

## Se på begge sider

Ta et ark og lag to kolonner. I den ene skriver du hva du får ut av rusen: avslapning, søvn, selskap, å slippe å kjenne på noe. I den andre skriver du hva den koster deg. Vær ærlig på begge sider. Meningen er ikke å overbevise deg selv om noe, bare å se tydeligere.

## Når du trenger hjelp med en gang

Har du tanker om å ta livet ditt, eller har noen tatt en overdose, ring 113. Haster det, men er ikke livstruende, kan du ringe legevakten på 116 117.

## Neste steg

Snakk med én person om det du har skrevet: en venn, fastlegen din eller en av oss. Du trenger ikke å ha bestemt deg for noe først. I morgen, i den siste leksjonen, handler det om abstinens, og om å bruke rus for å dempe ubehag.
""",
    5: """Det siste tegnet vi skal se på, er kanskje det som tydeligst viser at kroppen har blitt avhengig: at du får det dårlig når virkningen går ut, og at du bruker for å få det bedre.

## Hva abstinens er

Når kroppen har vent seg til et rusmiddel, prøver den å holde balansen ved å jobbe imot det. Tar rusen slutt, står kroppen igjen med den motsatte virkningen. Det kalles abstinens. Hvordan det kjennes, avhenger av stoffet, mengden og hvor lenge man har brukt. Vanlige tegn er:

- uro, rastløshet, irritabilitet og angst
- søvnproblemer og mareritt
- svette, skjelving, hjertebank og kvalme
- sterk trang til å bruke, særlig om morgenen eller når du skal sove

Mange tenker ikke på dette som abstinens. De tenker at de «bare trenger noe for å roe seg ned» eller «for å få sove». Merker du at en drink om morgenen, en tablett eller litt cannabis får plagene til å forsvinne, er det et viktig tegn.

## Viktig om å slutte

Med noen rusmidler kan det være farlig å slutte brått på egen hånd. Det gjelder særlig alkohol etter lang tids daglig bruk, beroligende tabletter og sovemedisiner, og GHB. Abstinensen kan da gi kramper eller delirium. Bruker du mye og daglig, snakk med fastlegen eller en behandler før du slutter, så kan nedtrappingen legges opp trygt. Får du kramper, blir forvirret eller ser og hører ting som ikke er der, ring 113. Haster det, men er ikke livstruende, ring legevakten på 116 117.

## Det du har lært

På fem dager har vi gått gjennom fem vanlige tegn: toleranse, tap av kontroll, at rusen tar mer plass, at bruken fortsetter til tross for problemer, og abstinens. Kjenner du deg igjen i flere av dem, betyr ikke det at noe er galt med deg som person. Det betyr at det kan være lurt å få hjelp, og at hjelpen virker best jo tidligere den kommer. Mange kommer seg godt ut av det, ofte med mindre omveltning enn de hadde fryktet.

## Neste steg: en gratis førstesamtale

Hos Forløp er den første samtalen gratis og uforpliktende. Den foregår på video, og du snakker med en terapeut om hvordan du har det, hva du ønsker deg, og hva slags hjelp som kan passe. Du bestemmer selv om du vil gå videre.

Fyll ut [matchskjemaet](/finn-terapeut/), så foreslår vi en terapeut som passer for deg. Vil du heller skrive til oss først, bruker du [kontaktskjemaet](/kontakt/).

Takk for at du tok deg tid til dette kurset.
""",
}

RELATIVE = {
    1: """Når du er bekymret for en du er glad i, er det lett å lete etter ett tydelig bevis. Ofte finnes det ikke. Tegnene kommer gjerne gradvis, og det første som endrer seg, er sjelden dramatisk. Et av de tidligste tegnene er toleranse: at personen trenger mer enn før for å få den samme virkningen.

## Hva er toleranse?

Når kroppen får et rusmiddel ofte, tilpasser hjernen seg. Den samme mengden gir etter hvert mindre effekt, og man må bruke mer for å kjenne det samme. Det gjelder alkohol, cannabis, beroligende tabletter, sovemedisiner, smertestillende og sentralstimulerende stoffer. Toleranse handler ikke om karakter eller vilje. Det er biologi.

## Hva du kanskje legger merke til

- Personen drikker mer enn før i de samme situasjonene, men virker ikke særlig beruset.
- Flasker, bokser eller pakninger går raskere tom enn de pleide.
- Det snakkes om å «tåle mye», gjerne litt stolt eller spøkefullt.
- Personen drikker eller tar noe før et selskap, eller fyller på i det stille.
- Det blir vanligere med sterkere varianter.

Ingen av disse tegnene beviser noe alene. Mange har perioder der de bruker mer, og så går det over. Men kjenner du deg igjen i flere av punktene, og har det vart en stund, er bekymringen din verdt å ta på alvor.

## Når du vil si noe

Det er sjelden lurt å ta det opp mens personen er påvirket, eller midt i en krangel. Velg et rolig øyeblikk. Snakk om det du selv har sett og kjent, ikke om hva personen «er». «Jeg har lagt merke til at det går mer vin enn før, og jeg blir litt bekymret» er lettere å høre enn «Du drikker for mye». Du trenger ikke å få et svar med en gang. At du har sagt det, kan være nok for første gang.

## En viktig ting å vite

Toleranse forsvinner når man tar en pause. Har personen vært syk, på reise eller prøvd å slutte, og går så tilbake til den gamle mengden, øker faren for overdose. Er noen ikke til å vekke, eller puster tungt og uregelmessig, ring 113 med en gang.

## Neste steg

Skriv ned to eller tre konkrete ting du har sett de siste ukene, med dato hvis du husker det. Da blir det lettere å se om det er et mønster, og lettere å snakke om det senere. I morgen handler det om tap av kontroll.
""",
    2: """Kanskje har du hørt det før: «I kveld skal jeg ta det rolig.» Og så blir det likevel sent, mye og kaotisk. Eller personen har lovet å slutte, du har trodd på det, og så skjer det igjen. Tap av kontroll er et av de vanligste tegnene på at rusen har fått mer makt enn personen selv ønsker.

## Hva du kanskje legger merke til

- Planer om å «bare ta én» ender ofte med mye mer.
- Det kommer løfter om å kutte ned eller slutte, som holder en stund og så glipper.
- Personen husker ikke deler av kvelden, eller blir overrasket over hva som ble sagt.
- Regler som «aldri på hverdager» slutter gradvis å gjelde.
- Bruken skjer i det skjulte, eller personen blir irritert når du spør.

## Løfter som brytes

Det er vondt å bli skuffet gang på gang. Det kan være fristende å tenke at personen lyver, eller ikke bryr seg om deg. Men for de fleste er løftene ærlig ment i øyeblikket de gis. Rusmidler påvirker hjernens belønningssystem, og når trangen først melder seg, er det mye vanskeligere å holde seg til en beslutning enn det ser ut utenfra. Det er ikke en unnskyldning, og det betyr ikke at du skal finne deg i alt. Men det kan gjøre det lettere å snakke om problemet uten å havne i en kamp om hvem som har rett.

## Du kan ikke kontrollere det for en annen

Mange pårørende prøver å ta over kontrollen: telle flasker, helle ut, gjemme bilnøkler, passe på. Noe av dette kan være nødvendig for å holde folk trygge, for eksempel at ingen kjører i påvirket tilstand. Men å styre en annens bruk over tid sliter deg ut, og det pleier ikke å virke. Det du kan styre, er hva du selv sier og gjør, og hvor grensene dine går.

## Din egen grense

Tenk gjennom hva du ikke lenger vil være med på. Det kan være å dekke over for andre, å låne bort penger eller å bli i samme rom når personen er beruset og ubehagelig. En grense er ikke en straff. Den handler om deg, og den er lettest å holde hvis du sier den høyt i et rolig øyeblikk: «Når du har drukket, vil jeg ikke diskutere dette. Da går jeg en tur.»

## Neste steg

Skriv ned én grense du vil sette for din egen del den neste uken, og hva du gjør hvis den ikke blir respektert. I morgen handler det om hva som skjer når rusen tar stadig større plass.
""",
    3: """Noen ganger er det ikke det personen gjør som er mest merkbart, men det som har forsvunnet. Hobbyen som ble lagt bort. Vennene som ikke lenger kommer på besøk. Middagene som ikke blir noe av. Når rusen tar stadig større plass, får andre ting mindre, og det er ofte de nærmeste som merker det først.

## Hva du kanskje legger merke til

- Personen har sluttet med aktiviteter som pleide å bety mye.
- Vennekretsen har endret seg, og de nye vennene bruker gjerne også.
- Det blir oftere avlysninger, forsinkelser eller glemte avtaler.
- Jobb, skole eller oppgaver hjemme blir skjøvet på eller gjort halvveis.
- Det er ofte snakk om penger, eller penger forsvinner uten at det blir forklart.
- Helger og ferier planlegges rundt muligheten til å bruke.

## Hvordan det påvirker deg

Når rusen tar plass hos én, tar den også plass i familien. Mange pårørende bruker mye energi på å planlegge rundt den andres bruk, ta over oppgaver, forklare for andre og holde stemningen oppe. Du kan kjenne deg ensom, sint, skamfull eller skyldig, ofte alt på én gang. Det er vanlige reaksjoner, og de er ikke et tegn på at du har gjort noe galt.

Er det barn i familien, merker de mer enn voksne tror. Barn har godt av at en trygg voksen forklarer, med enkle ord tilpasset alderen, at det som skjer, ikke er deres skyld, og at de kan spørre om det de lurer på.

## Å snakke om endringene

Det kan være lettere å ta opp det som har forsvunnet, enn å ta opp rusen direkte. «Jeg savner turene våre» eller «Jeg merker at vi ikke snakker sammen slik vi gjorde før» åpner for en samtale uten at noen må forsvare seg med en gang. Si gjerne hva du er glad i ved personen, og at det er derfor du tar det opp.

## Ta vare på deg selv

Det du trenger, er viktig, også mens den andre strever. Hold fast ved noe som er ditt: en venn du kan snakke fritt med, en aktivitet som gir deg hvile, tid for deg selv. Du trenger ikke å vente til den andre har det bedre.

## Neste steg

Gjør én ting denne uken som bare er for deg, og fortell en person du stoler på hvordan du egentlig har det. I morgen handler det om å fortsette selv om det koster.
""",
    4: """Noe av det vondeste for pårørende er å se at noen fortsetter med rusen, selv om den tydelig skader dem. Helsen blir dårligere, jobben står i fare, forholdet til de nærmeste blir anstrengt, og likevel fortsetter det. Det er et av de sikreste tegnene på at rusen har fått et grep som er vanskelig å komme ut av på egen hånd.

## Hva du kanskje legger merke til

- Personen har fått advarsler, fra lege, arbeidsgiver eller andre, uten at det endrer noe.
- Det blir flere konflikter, men bruken fortsetter eller øker.
- Humøret svinger mer, og personen virker mer nedstemt, irritabel eller engstelig.
- Det har skjedd farlige ting, som kjøring i påvirket tilstand eller skader, uten at det fører til endring.
- Forklaringene går ofte ut på at det er andre ting som er problemet.

## Hvorfor innsikt ikke er nok

Det er fristende å tro at hvis personen bare forstod hvor skadelig det er, ville hun eller han slutte. Men de fleste vet det godt. Rusen gir lindring her og nå, mens kostnadene kommer senere. For mange har den også blitt en måte å håndtere angst, uro, søvnproblemer eller vonde minner på. Å slutte kan da kjennes som å miste et viktig verktøy. Derfor hjelper det sjelden å gjenta argumentene eller å true. Det som oftere hjelper, er at noen de stoler på, viser at de bryr seg, og at hjelpen finnes og er lett å nå.

## Slik kan du snakke om det

- Velg et tidspunkt da personen er edru og dere har god tid.
- Snakk om konkrete hendelser og om dine egne følelser: «Da du kjørte hjem i lørdags, ble jeg redd.»
- Lytt mer enn du snakker. Spør hva personen selv tenker om bruken.
- Avslutt med noe konkret, for eksempel et tilbud om å bli med til fastlegen eller å finne ut hvilken hjelp som finnes.

Det er helt vanlig at den første samtalen ender med en avvisning. Det betyr ikke at den var bortkastet.

## Når det er fare

Har personen tatt en overdose, er ikke til å vekke, puster dårlig eller snakker om å ta livet sitt, ring 113. Haster det, men er ikke livstruende, ring legevakten på 116 117. Du kan også ringe RUSinfo på 08588 for anonyme råd om hvordan du kan gå fram.

## Neste steg

Planlegg én samtale. Skriv ned hva du vil si, med én konkret hendelse og én setning om hvorfor du bryr deg. I morgen, i den siste leksjonen, handler det om abstinens, og om hva du kan gjøre videre.
""",
    5: """I den siste leksjonen ser vi på abstinens: at kroppen reagerer når rusen går ut, og at personen bruker for å dempe ubehaget. Vi ser også på hvordan du kan gå videre, både for den du er bekymret for og for deg selv.

## Hva du kanskje legger merke til

Når kroppen har vent seg til et rusmiddel, blir den urolig når virkningen går ut. Du kan se det som:

- rastløshet, irritabilitet eller tydelig uro, særlig om morgenen
- skjelving, svette eller kvalme som går over når personen har fått i seg noe
- dårlig søvn, og behov for noe «for å sove»
- en drink tidlig på dagen, eller piller «for nervene»
- at personen blir urolig når det er fare for å gå tom

Personen selv kaller det sjelden abstinens. Oftere heter det at de trenger noe for å roe seg ned. Likevel er dette et av de klareste tegnene på at kroppen har blitt avhengig.

## Når det kan bli farlig

Med noen rusmidler kan det være farlig å slutte brått. Det gjelder særlig alkohol etter lang tids daglig bruk, beroligende tabletter og sovemedisiner, og GHB. Abstinensen kan gi kramper eller delirium. Oppfordre derfor personen til å snakke med fastlegen eller en behandler før en slik nedtrapping, i stedet for å slutte alene. Får personen kramper, blir forvirret, ser eller hører ting som ikke er der, eller er ikke til å vekke, ring 113. Haster det, men er ikke livstruende, ring legevakten på 116 117.

## Det du har lært

På fem dager har vi sett på fem vanlige tegn: toleranse, tap av kontroll, at rusen tar mer plass, at bruken fortsetter til tross for problemer, og abstinens. Du kan ikke stille en diagnose, og du trenger ikke det. Det er nok at du har sett noe som bekymrer deg, og at du tar det på alvor. Mange kommer seg godt ut av rusproblemer, og støtte fra de nærmeste betyr mye på veien.

## Du trenger også støtte

Det er krevende å stå nær noen som strever med rus. Du har rett til hjelp for din egen del, enten den andre vil ha hjelp eller ikke. Å snakke med noen som kjenner til rus og familier, kan gjøre det lettere å vite hva du skal si, hvilke grenser du kan sette, og hvordan du kan ta vare på deg selv.

## Neste steg: en gratis førstesamtale

Hos Forløp er den første samtalen gratis og uforpliktende. Den kan være for deg som pårørende, eller for den du er bekymret for, hvis personen selv vil. Samtalen foregår på video.

Fyll ut [matchskjemaet](/finn-terapeut/), så foreslår vi en terapeut som passer. Vil du heller skrive til oss først, bruker du [kontaktskjemaet](/kontakt/).

Takk for at du har lest, og for at du bryr deg.
""",
}

LESSONS = [
    {"number": number, "audience": audience, "title": TITLES[number], "subject": SUBJECTS[number], "body": body}
    for audience, bodies in (("self", SELF), ("relative", RELATIVE))
    for number, body in bodies.items()
]


def seed_lessons(lesson_model) -> int:
    """Create whichever of the ten lessons are missing (never overwrites an edited one)."""
    created = 0
    for lesson in LESSONS:
        _, was_created = lesson_model.objects.get_or_create(
            number=lesson["number"], audience=lesson["audience"], defaults=lesson
        )
        created += was_created
    return created


def forwards(apps, schema_editor):
    seed_lessons(apps.get_model("course", "Lesson"))


class Migration(migrations.Migration):
    dependencies = [("course", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
