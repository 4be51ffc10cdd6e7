"""Demo content for the knowledge base: categories and articles in Norwegian bokmål.

Plain data, no imports, so the seeding code decides how to create rows. Facts about the Norwegian system
follow shared/clinical/README.md (nasjonalt pasientforløp, not pakkeforløp; no Helfo approval scheme for
fritt behandlingsvalg after 1 January 2023). Authors are the demo staff accounts (forlop.accounts.demo), so a
byline takes its title from the therapist profile; "author" is the name used when the account is missing.
"medical_advice" articles are reviewed by the demo doctor when loaded. Bodies use a small Markdown subset only: "## " headings,
paragraphs on one line each, "- " bullet lists and **bold**; no links, so the text stays valid under /en/ too.
"""

CATEGORIES = [
    {"name": "Om behandling", "slug": "om-behandling", "position": 1},
    {"name": "Avrusning", "slug": "avrusning", "position": 2},
    {"name": "Pårørende", "slug": "parorende", "position": 3},
    {"name": "Tegn og forebygging", "slug": "tegn-og-forebygging", "position": 4},
    {"name": "Etter behandlingen", "slug": "etter-behandlingen", "position": 5},
]

ARTICLES = [
    {
        "title": "Hva er rusbehandling?",
        "slug": "hva-er-rusbehandling",
        "summary": (
            "Rusbehandling er mer enn å slutte. Her forklarer vi hva behandlingen kan inneholde, hvem den er "
            "for, og hvordan et forløp hos oss ser ut fra den første samtalen til oppfølgingen etterpå."
        ),
        "category": "om-behandling",
        "author": "Tor Haugen",
        "author_email": "terapeut@forlop.test",
        "reviewer_role": None,
        "medical_advice": True,
        "days_ago": 5,
        "body": """Mange ser for seg rusbehandling som et lengre opphold på en institusjon langt hjemmefra. Det finnes, og for noen er det helt riktig. Men de fleste som får hjelp med alkohol, piller eller andre rusmidler i Norge, bor hjemme, går på jobb eller skole og har samtaler med en behandler underveis. Rusbehandling er et samlebegrep for mange ulike former for hjelp, og den beste behandlingen er den som passer til livet ditt og problemet ditt akkurat nå.

## Hva er målet med rusbehandling?

Målet er ikke alltid å slutte helt. For noen er det eneste trygge målet å bli rusfri, for eksempel når alkoholen har begynt å skade helsen, eller når man har mistet kontrollen mange ganger. For andre er målet å drikke mindre, å slutte med ett bestemt rusmiddel, eller å få bedre kontroll på bruken av vanedannende medisiner. Målet settes sammen med deg, og det kan endre seg underveis.

Felles for de fleste forløp er at de handler om mer enn selve rusmiddelet. Rusen har ofte en funksjon: Den demper uro, gjør det lettere å sove eller å være sosial, eller hjelper deg å holde ut noe som er vondt. Når rusen tas bort, må noe annet på plass. Derfor handler god rusbehandling like mye om søvn, relasjoner, følelser, jobb og hverdag som om promille og piller.

## Hva kan rusbehandlingen inneholde?

Innholdet varierer fra person til person, men disse delene går ofte igjen:

- **Kartlegging:** Hva bruker du, hvor mye og hvor lenge? Hvordan er helsen, søvnen og den psykiske formen? Hva har du prøvd før, og hva fungerte?
- **Samtalebehandling:** Vanlige tilnærminger er motiverende samtale, kognitiv atferdsterapi og tilbakefallsforebygging. Du lærer å kjenne igjen mønstre og øver på nye måter å møte stress og sug på.
- **Medisinsk oppfølging:** Noen trenger avrusning eller gradvis nedtrapping under tilsyn av lege. Noen har nytte av medisiner som demper suget etter alkohol. Det er alltid en lege som vurderer og avgjør dette.
- **Hjelp til pårørende:** Familien står ofte midt i det. Pårørende kan få egne samtaler, eller være med i noen av timene hvis du ønsker det.
- **Oppfølging over tid:** De første månedene etter en endring er ofte de mest sårbare. En god plan for tiden etterpå er en del av behandlingen, ikke et tillegg.

## Hvem er rusbehandling for?

Du trenger ingen diagnose for å søke hjelp, og du trenger ikke å ha «nådd bunnen» først. Mange tar kontakt fordi de merker at de drikker mer enn de vil, at de har begynt å gjemme flasker eller telle tabletter, eller fordi noen de er glade i, har sagt ifra. Jo tidligere du søker hjelp, jo lettere er det ofte å snu.

Det kan være lurt å snakke med noen hvis du kjenner deg igjen i noe av dette:

- Du har prøvd å kutte ned eller slutte, men det har ikke holdt.
- Du bruker mer eller oftere enn du hadde tenkt.
- Bruken går ut over søvn, jobb, økonomi eller forholdet til andre.
- Du kjenner deg uvel, urolig eller skjelven når du ikke har fått i deg rusmiddelet.
- Du er bekymret, og klarer ikke helt å legge bekymringen fra deg.

## Offentlig og privat rusbehandling

I Norge finnes det både offentlig og privat hjelp. I spesialisthelsetjenesten heter rusbehandlingen tverrfaglig spesialisert behandling for rusmiddelavhengighet, ofte forkortet TSB, og dit kommer du som regel med henvisning, for eksempel fra fastlegen. Kommunen har også egne tjenester for rus og psykisk helse. Hos en privat praksis som vår betaler du selv, og du trenger ingen henvisning. Du kan lese mer om forskjellene i artikkelen om offentlig og privat hjelp.

Det ene utelukker ikke det andre. Noen begynner hos oss mens de venter på et offentlig tilbud, og noen går videre til døgnbehandling fordi det er det tryggeste for dem. Vi hjelper deg å finne ut hva som passer.

## Slik ser et forløp hos oss ut

Hos oss foregår samtalene på video, slik at du kan få hjelp hjemmefra eller fra et annet sted der du kan snakke fritt. Et forløp begynner med en gratis og uforpliktende førstesamtale. Deretter lager du og terapeuten din en plan sammen: hvor ofte dere skal snakke, hva dere skal jobbe med, og om en lege skal være med i vurderingen. Underveis ser dere på om planen virker, og justerer den når noe ikke fungerer.

Vi er ærlige om det vi ikke kan gjøre på video. Hvis det er fare for alvorlige abstinenser, for eksempel etter lang tids tung daglig drikking eller ved bruk av GHB, anbefaler vi avrusning på et sted der du kan følges tett døgnet rundt, og vi hjelper deg med veien dit. Er noen i akutt fare, skal du alltid ringe 113.

## Et godt første steg

Du trenger ikke å ha bestemt deg for noe for å ta kontakt. Mange begynner med å lese litt, eller med det gratis e-postkurset «5 vanlige tegn på rusmisbruk». Når du er klar, kan du fylle ut skjemaet «Match meg med en terapeut» og bestille en gratis førstesamtale. Der får du snakke med en fagperson om situasjonen din, uten at du binder deg til noe.""",
    },
    {
        "title": "Offentlig eller privat hjelp – og hvordan henvisning fra fastlegen fungerer",
        "slug": "offentlig-eller-privat-hjelp",
        "summary": (
            "Du kan få hjelp for rusproblemer både i det offentlige og privat. Her er en oversikt over veien "
            "via fastlegen, kommunen og spesialisthelsetjenesten, og over hva som er annerledes når du går privat."
        ),
        "category": "om-behandling",
        "author": "Kari Nilsen",
        "author_email": "koordinator@forlop.test",
        "reviewer_role": None,
        "medical_advice": False,
        "days_ago": 19,
        "body": """Når du har bestemt deg for å få hjelp, kan det være vanskelig å vite hvor du skal begynne. Det norske systemet har flere dører inn, og flere av ordningene har endret navn eller innhold de siste årene. Her er en oversikt over de vanligste veiene, og over hva som skiller det offentlige tilbudet fra et privat tilbud som vårt.

## Kommunen: ofte nærmest

Kommunen har ansvar for helse- og omsorgstjenester til innbyggerne, også til dem som strever med rus. Hvordan tilbudet er organisert, varierer mye. Mange kommuner har en egen rustjeneste eller en felles tjeneste for psykisk helse og rus, og ofte kan du ta kontakt direkte, uten henvisning. Der kan du få samtaler og oppfølging, hjelp med bolig, arbeid og økonomi, og hjelp til å søke videre behandling.

Du finner som regel kontaktinformasjon på nettsidene til kommunen. Du kan også spørre fastlegen eller NAV-kontoret hvor du skal henvende deg.

## Spesialisthelsetjenesten: TSB

Rusbehandling i spesialisthelsetjenesten heter tverrfaglig spesialisert behandling for rusmiddelavhengighet, forkortet TSB. Her finner du poliklinikker, avrusningsenheter og døgnbehandling, drevet av helseforetakene eller av private institusjoner som har avtale med et regionalt helseforetak. «Tverrfaglig» betyr at leger, psykologer, sykepleiere, sosionomer og andre samarbeider om behandlingen.

For å komme til TSB trenger du som regel en henvisning. Den kan komme fra:

- fastlegen din
- legevakten eller en annen lege
- sosialtjenesten i kommunen, for eksempel ved NAV-kontoret

## Slik fungerer henvisningen

Hos fastlegen forteller du om situasjonen din: hva du bruker, hvor lenge det har pågått, hvordan det påvirker helsen og hverdagen, og hva du ønsker hjelp til. Det kan kjennes ubehagelig å si det høyt, men legen har taushetsplikt og har hørt det meste før. Det kan hjelpe å skrive ned noen stikkord på forhånd, og å være ærlig om mengdene. Jo bedre bildet er, jo bedre blir henvisningen.

Fastlegen sender deretter en henvisning til spesialisthelsetjenesten. Når henvisningen er mottatt, har du rett til å få den vurdert innen ti virkedager. Du får svar på om du har rett til nødvendig helsehjelp fra spesialisthelsetjenesten, og i så fall en frist for når behandlingen senest skal starte. Mange blir også kalt inn til en samtale før det bestemmes hva slags behandling som passer.

Dette er nyttig å vite:

- Klarer ikke behandlingsstedet å gi deg et tilbud innen fristen, kan du kontakte Helfo, som da skal skaffe deg et tilbud et annet sted.
- Du kan som hovedregel velge hvor du vil behandles, blant offentlige behandlingssteder og private institusjoner som har avtale med de regionale helseforetakene. På helsenorge.no finner du ventetider, og Veiledningstjenesten på telefon 23 32 70 00 kan hjelpe deg å velge.
- Godkjenningsordningen i fritt behandlingsvalg, der Helfo godkjente private behandlingssteder, ble avviklet 1. januar 2023. Private steder uten avtale med et helseforetak er derfor ikke lenger noe det offentlige betaler for.
- Er du uenig i en beslutning, kan du klage. Pasient- og brukerombudet i fylket ditt kan hjelpe deg gratis.

## Nasjonalt pasientforløp

Rusbehandlingen i TSB følger det som i dag heter nasjonalt pasientforløp. Fram til 2023 het dette pakkeforløp, og du kan fortsatt møte det gamle navnet enkelte steder. Forløpet beskriver hva du kan forvente: en grundig kartlegging, at du er med og bestemmer innholdet i behandlingen, at både fysisk og psykisk helse blir vurdert, og at det lages en plan for tiden etter behandlingen. Du skal også ha en fast kontaktperson som hjelper deg gjennom forløpet.

## Når det haster

Du trenger ikke vente på en henvisning hvis situasjonen er akutt. Ved fare for liv, for eksempel ved overdose, kramper eller akutt selvmordsfare, ring 113. Haster det, men er ikke livstruende, kan du ringe legevakten på 116 117. Legevakten kan vurdere deg og ved behov sørge for at du kommer raskt til avrusning eller annen hjelp.

## Privat hjelp: uten henvisning og uten lang ventetid

Hos en privat praksis som Forløp trenger du ingen henvisning. Du tar kontakt selv, og du betaler selv. Det betyr at du kan komme raskt i gang, velge tider som passer, også på kveldstid, og ha samtalene på video hjemmefra. Noen bruker oss som hele behandlingen, andre mens de venter på et offentlig tilbud, og andre igjen som oppfølging etter et døgnopphold.

Et privat tilbud skal ikke erstatte alt. Trenger du avrusning med tett medisinsk overvåking døgnet rundt, eller et lengre døgnopphold, er det spesialisthelsetjenesten som har de tilbudene. Da sier vi det tydelig, og hjelper deg gjerne med å ta det opp med fastlegen. Fastlegen er også viktig i det daglige, for blodprøver, andre sykdommer og resepter.

Du kan fint bruke flere tilbud samtidig. Hvis du ønsker det, kan vi samarbeide med fastlegen eller andre som hjelper deg. Vi deler ikke opplysninger om deg uten ditt samtykke, bortsett fra i de få tilfellene der loven krever det.

## Hva koster det?

I det offentlige er rusbehandlingen i hovedsak dekket av fellesskapet, men du betaler vanlig egenandel hos fastlegen. Hos oss betaler du for hver samtale, og prisene står på nettsiden før du bestiller. Den første samtalen er gratis.

## Hvor skal du begynne?

Er du usikker, kan du ringe RUSinfo på 08588 for anonym informasjon og råd. Du kan også fylle ut skjemaet «Match meg med en terapeut» eller bestille en gratis og uforpliktende førstesamtale hos oss. Der ser vi sammen på hva som er riktig vei for deg, også når svaret er et offentlig tilbud.""",
    },
    {
        "title": "Avrusning: hva skjer, og hva kan du forvente?",
        "slug": "avrusning-hva-skjer-og-hva-kan-du-forvente",
        "summary": (
            "Avrusning er den første tiden uten rusmiddelet, når kroppen skal finne en ny balanse. Her forklarer "
            "vi hvordan abstinenser arter seg, når de kan være farlige, og hvorfor medisinsk tilsyn ofte er viktig."
        ),
        "category": "avrusning",
        "author": "Lene Dahl",
        "author_email": "lege@forlop.test",
        "reviewer_role": None,
        "medical_advice": True,
        "days_ago": 33,
        "body": """Når kroppen har vent seg til et rusmiddel over tid, tilpasser den seg. Nervesystemet stiller seg inn på at stoffet er der. Tar du plutselig bort rusmiddelet, trenger kroppen tid til å finne balansen igjen. Denne perioden kalles avrusning, og ubehaget som kommer underveis, kalles abstinenser.

For mange er avrusningen både det de gruer seg mest til og det de vet minst om. Her er en oversikt over hva som skjer, og hva du kan gjøre for at det skal gå så trygt som mulig.

**Trenger du hjelp nå?** Ved kramper, bevisstløshet, pustevansker, sterk forvirring eller mistanke om overdose: ring 113. Haster det, men er ikke livstruende, ring legevakten på 116 117.

## Hva er abstinenser?

Abstinenser er kroppens reaksjon når et stoff den har blitt avhengig av, forsvinner. Symptomene er ofte det motsatte av rusen: Stoffer som demper, gir uro når de forsvinner. Hvor sterke abstinensene blir, avhenger blant annet av:

- hvilket rusmiddel det gjelder
- hvor mye og hvor lenge du har brukt det
- om du bruker flere rusmidler samtidig
- helsen din ellers, og om du har hatt alvorlige abstinenser før

Vanlige symptomer er uro, svette, skjelving, kvalme, hjertebank, søvnproblemer, angst og irritabilitet. De fleste abstinenser er svært ubehagelige, men går over. Noen kan likevel bli farlige, og derfor er det viktig å vite hva man har med å gjøre.

## Alkohol: tidsforløpet

Etter lang tids daglig drikking kommer de første abstinensene ofte 6 til 12 timer etter siste enhet, noen ganger mens det fortsatt er alkohol i blodet. Typisk er skjelvinger, svette, uro, kvalme og søvnløshet. Plagene er som regel verst det første til tredje døgnet, og de fleste er vesentlig bedre i løpet av en uke. Søvnproblemer og indre uro kan henge igjen i flere uker.

Hos noen blir abstinensene alvorlige:

- **Kramper** kommer oftest det første eller andre døgnet etter siste enhet. Får noen kramper, ring 113.
- **Delirium** (delirium tremens) kommer vanligvis to til fire døgn etter siste enhet, med forvirring, sterk uro, feber, hallusinasjoner og høy puls. Dette er en livstruende tilstand som krever behandling på sykehus. Blir noen forvirret, eller ser eller hører ting som ikke er der, ring 113 med en gang.

Risikoen er størst for den som har drukket mye hver dag over lang tid, har hatt kramper eller delirium ved tidligere avrusninger, har andre sykdommer, eller også bruker beroligende medisiner. Kjenner du deg igjen i dette, skal du ikke slutte brått på egen hånd. Snakk med en lege først, slik at avrusningen kan planlegges og følges opp. Noen kan avruses hjemme med tett oppfølging, mens andre trenger et døgnopphold. Har du hatt kramper eller delirium ved en tidligere avrusning, er et døgnopphold som regel det tryggeste. Det er en vurdering en lege gjør sammen med deg.

Lang tids høyt alkoholforbruk kan også gi mangel på vitamin B1 (tiamin), som kan skade hjernen. Legen vil derfor ofte gi tiamin som en del av avrusningen.

## Beroligende medisiner og sovemedisiner

Benzodiazepiner, som diazepam, oksazepam, alprazolam og klonazepam, og lignende sovemedisiner gir også abstinenser når de tas bort. Når abstinensene kommer, avhenger av hvor lenge medisinen virker i kroppen: Ved kortvirkende midler kan de komme i løpet av et døgn, ved langtidsvirkende først etter flere dager. Etter regelmessig bruk over tid kan brå stopp gi sterk angst, søvnløshet, overfølsomhet for lyd og lys, og i verste fall kramper eller akutt forvirring. Får noen kramper, blir forvirret eller ser og hører ting som ikke er der, ring 113.

Slutt derfor aldri brått med benzodiazepiner på egen hånd hvis du har brukt dem fast en stund. Den trygge veien er en gradvis nedtrapping over uker til måneder, etter en plan som en lege har vurdert. Du kan lese mer i artikkelen om medikamentelt støttet avrusning og nedtrapping.

## GHB og GBL

Abstinenser etter GHB eller GBL kan komme svært raskt, i løpet av få timer etter siste dose hos den som doserer jevnt gjennom døgnet, og kan utvikle seg til kramper, delirium og livstruende tilstander. Avrusning fra GHB hører hjemme der du kan overvåkes tett, som regel i en døgnenhet i spesialisthelsetjenesten. Ikke forsøk å slutte alene. Kontakt fastlegen eller legevakten på 116 117, og ring 113 hvis noen blir forvirret, får kramper eller ikke er til å vekke.

## Opioider og andre rusmidler

Abstinenser etter opioider, som heroin, oksykodon eller morfin, oppleves ofte som en kraftig influensa med smerter, diaré, svette, gåsehud og sterk uro. For en ellers frisk voksen er det sjelden livstruende i seg selv, men det er tungt å stå i alene, og det finnes god medisinsk hjelp. Den største faren kommer etterpå: Etter noen dager uten opioider er toleransen lavere, og en dose du tålte før, kan gi en dødelig overdose. Spør gjerne om nalokson nesespray, og ring 113 ved mistanke om overdose.

Abstinenser etter cannabis og sentralstimulerende midler, som amfetamin og kokain, er sjelden farlige for kroppen, men kan gi uro, nedstemthet, søvnproblemer og sterkt sug. Noen blir svært nedfor de første dagene etter en periode med mye bruk. Kommer det tanker om å skade deg selv, ta dem på alvor og snakk med noen med en gang, for eksempel Mental Helse Hjelpetelefonen på 116 123. Har du planer om å ta livet ditt, ring 113.

## Dette gjør avrusningen lettere

Uansett rusmiddel er det noen ting som hjelper:

- Ha noen rundt deg som vet hva du går gjennom, og som kan tilkalle hjelp.
- Drikk nok, spis lett og ofte, og hvil så mye du kan.
- Fjern rusmidler fra hjemmet før du begynner.
- Avtal på forhånd hvem du ringer hvis det blir verre.
- Ha en plan for ukene etterpå, ikke bare for selve avrusningen.

## Slik hjelper vi

Hos oss vurderer en lege sammen med deg om avrusningen kan skje hjemme med tett oppfølging, eller om du trenger et sted med overvåking døgnet rundt. Er det siste tryggest, sier vi det tydelig og hjelper deg videre. Vil du snakke om din situasjon, kan du bestille en gratis og uforpliktende førstesamtale, eller fylle ut skjemaet «Match meg med en terapeut».""",
    },
    {
        "title": "Medikamentelt støttet avrusning og nedtrapping",
        "slug": "medikamentelt-stottet-avrusning-og-nedtrapping",
        "summary": (
            "Noen trenger medisiner for å komme trygt gjennom avrusningen, eller en gradvis nedtrapping av "
            "vanedannende medisiner. Her forklarer vi hvordan det foregår, og hvorfor det alltid er en lege "
            "som vurderer planen."
        ),
        "category": "avrusning",
        "author": "Lene Dahl",
        "author_email": "lege@forlop.test",
        "reviewer_role": None,
        "medical_advice": True,
        "days_ago": 47,
        "body": """For mange er det mulig å slutte med et rusmiddel uten medisiner, med god støtte og en plan. For andre er abstinensene så kraftige, eller så risikable, at kroppen trenger hjelp for å komme gjennom dem. Da kan medikamentelt støttet avrusning eller gradvis nedtrapping være det tryggeste. Denne artikkelen forklarer hva det innebærer, men sier ingenting om doser. Valg av medisin og dose avgjør en lege etter en personlig vurdering.

**Ved akutt fare**, som kramper, bevisstløshet, forvirring, pustevansker eller mistanke om overdose: ring 113. Haster det, men er ikke livstruende, ring legevakten på 116 117.

## To ulike ting

Det er nyttig å skille mellom to situasjoner:

- **Medikamentelt støttet avrusning** betyr at du slutter med rusmiddelet og får medisiner i en kort periode for å dempe abstinensene og forebygge komplikasjoner. Dette er vanlig ved avrusning fra alkohol og opioider.
- **Nedtrapping** betyr at dosen av et vanedannende legemiddel settes ned gradvis over tid, i stedet for at det stoppes brått. Dette er den anbefalte veien for benzodiazepiner og lignende sovemedisiner.

I begge tilfeller er målet det samme: at kroppen får finne tilbake til balansen på en trygg måte, og at du slipper mer ubehag enn nødvendig.

## Slik vurderer legen

Før det lages en plan, trenger legen et godt bilde av situasjonen din. Du vil bli spurt om:

- hvilke rusmidler og medisiner du bruker, hvor mye og hvor lenge
- tidligere avrusninger, og om du har hatt kramper eller delirium
- andre sykdommer og andre medisiner du bruker
- hvordan du har det psykisk, og om du har noen rundt deg
- hva du selv ønsker, og hva du har troen på

Ofte brukes standardiserte skjemaer for å vurdere hvor sterke abstinensene er, og det kan være aktuelt med blodprøver hos fastlegen. Ut fra dette vurderer legen om avrusningen kan skje hjemme med tett oppfølging, eller om du trenger et døgnopphold der du kan overvåkes. Planen godkjennes av legen og justeres underveis etter hvordan det går.

Vi vil være tydelige på én ting: Verken nettsiden vår, artiklene eller selvtestene foreskriver medisiner. Det kan bare en lege gjøre, etter å ha vurdert deg.

## Alkohol

Ved avrusning fra alkohol brukes ofte en beroligende medisin i noen dager, enten etter en fast plan som legen setter opp på forhånd, eller etter hvor sterke abstinensene er underveis. Mange får også vitamin B1 (tiamin), fordi langvarig høyt alkoholforbruk kan gi en mangel som skader hjernen.

Avrusning hjemme kan være et godt alternativ når du klarer å ta medisiner, mat og drikke, ikke er alvorlig uttørket, og ikke har hatt kramper eller delirium ved tidligere avrusninger. Mangler noe av dette, anbefales avrusning i en døgnenhet.

## Benzodiazepiner og sovemedisiner

Den nasjonale retningslinjen for avrusning anbefaler at benzodiazepiner trappes ned gradvis i stedet for å stoppes brått. Det samme gjelder ofte for sovemedisiner som zopiklon og zolpidem. Slik foregår det gjerne:

- Det er vanlig å først gå over til ett langtidsvirkende middel, for eksempel diazepam, i løpet av en til to uker. Da blir nivået i kroppen jevnere.
- Deretter settes dosen ned i små trinn med jevne mellomrom. Hele nedtrappingen tar gjerne fra én til seks måneder, og noen trenger lenger tid.
- Når dosen har blitt lav, går det ofte saktere, fordi de siste trinnene kan kjennes tyngst.
- Dosen økes ikke igjen når den først er satt ned. Blir det tungt, er løsningen heller å vente lenger før neste trinn.

Omregning mellom ulike benzodiazepiner er bare omtrentlig, og virkningen varierer fra person til person. Derfor er det legen som setter opp planen og følger den opp. Trapp aldri ned eller bytt medisin på egen hånd ut fra tabeller du finner på nettet. Bruker du benzodiazepiner på resept, er det også viktig at legen som skriver dem ut, er med på planen.

## Opioider

Ved avrusning fra opioider er buprenorfin, som regel kombinert med nalokson, førstevalget i retningslinjen. Andre medisiner kan brukes for å dempe enkelte symptomer. For noen er langvarig behandling med legemidler, såkalt legemiddelassistert rehabilitering (LAR), et tryggere valg enn avrusning. LAR gis i spesialisthelsetjenesten, og det er en viktig samtale å ta med legen din.

Etter avrusning fra opioider er toleransen lav, og risikoen for overdose er høy hvis du bruker igjen. Snakk med legen om dette på forhånd, og ha gjerne nalokson nesespray tilgjengelig, både du og de rundt deg.

## GHB og GBL

Avrusning fra GHB og GBL kan raskt bli livstruende og skal skje der det er mulig med intensiv overvåking, som regel i en døgnenhet. Dette er ikke noe vi gjør på video, og heller ikke noe du skal prøve alene. Vi hjelper deg å komme i kontakt med riktig sted, og legevakten på 116 117 kan hjelpe deg hvis det haster. Blir noen forvirret, får kramper eller er ikke til å vekke, ring 113.

## Etter avrusningen

Avrusningen er starten, ikke slutten. Kroppen kan bruke uker på å finne tilbake til søvnen og roen, og suget kan komme tilbake lenge etterpå. Derfor bør avrusning alltid følges av en plan for tiden etterpå, med samtaler, støtte og en strategi for de vanskelige dagene. For noen kan medisiner som demper suget etter alkohol være aktuelt. Det vurderer legen sammen med deg.

## Ta det første steget

Lurer du på om medikamentelt støttet avrusning eller nedtrapping er noe for deg? Bestill en gratis og uforpliktende førstesamtale, eller fyll ut skjemaet «Match meg med en terapeut». Vi ser på situasjonen din sammen, og en lege vurderer hva som er trygt for nettopp deg.""",
    },
    {
        "title": "Hjelp til pårørende",
        "slug": "hjelp-til-parorende",
        "summary": (
            "Når noen du er glad i ruser seg, blir du også berørt. Her er råd om samtaler og grenser, om hvordan "
            "du kan ta vare på deg selv og barna, og om hvilke rettigheter du har som pårørende."
        ),
        "category": "parorende",
        "author": "Tor Haugen",
        "author_email": "terapeut@forlop.test",
        "reviewer_role": None,
        "medical_advice": False,
        "days_ago": 11,
        "body": """Å stå nær noen som ruser seg, er krevende på en måte som kan være vanskelig å forklare for andre. Mange pårørende beskriver en konstant beredskap: Hvordan er stemningen i dag? Har hun drukket? Kommer han hjem i kveld? Over tid kan bekymringen ta så mye plass at egne behov forsvinner helt.

Denne artikkelen er for deg som er partner, forelder, voksent barn, søsken, venn eller kollega. Du fortjener hjelp, uansett om den du bekymrer deg for, vil ha hjelp eller ikke.

## Du er ikke årsaken, og du kan ikke kontrollere det

Mange pårørende bærer på skyld: Hvis jeg bare hadde vært annerledes, hadde han ikke drukket. Slik henger det ikke sammen. Rusproblemer har mange årsaker, og du er ikke ansvarlig for et annet menneskes bruk av rusmidler. Du kan heller ikke få det til å ta slutt ved å kontrollere, kjefte, helle ut flasker eller passe på døgnet rundt. Det du kan gjøre, er å påvirke, og det er mer enn mange tror.

## Slik kan du ta det opp

En rolig samtale har større sjanse for å nå fram enn en konfrontasjon. Noen råd:

- Velg et tidspunkt der personen er edru, og der ingen av dere er sinte eller stresset.
- Snakk om hva du ser og hvordan det påvirker deg: «Jeg blir redd når du kjører etter at du har drukket», heller enn «Du er alkoholiker».
- Vis at du bryr deg om personen, ikke bare om problemet.
- Ikke forvent at én samtale løser alt. Å så et frø er også et resultat.
- Fortell gjerne om konkrete muligheter for hjelp, men la personen selv ta steget.

## Grenser er omsorg

Grenser handler ikke om å straffe, men om å beskytte deg selv og de andre i familien. Det kan være å si at du ikke vil være sammen med personen når hun er beruset, at du ikke lenger låner bort penger, eller at du ikke dekker over overfor arbeidsgiveren.

Gode grenser er tydelige, realistiske og noe du faktisk klarer å holde. Si dem rolig, og helst på forhånd, ikke midt i en krangel. Det er vanlig at den som ruser seg, reagerer med sinne eller skyldfølelse når grensene kommer. Det betyr ikke at grensene er feil.

Er det vold eller trusler, er din og barnas sikkerhet det viktigste. Ring politiet på 112 hvis noen er i fare, og 113 hvis noen er livstruende syk eller har tatt en overdose.

## Barn som pårørende

Barn merker mer enn voksne tror, også når det forsøkes skjult. Mange barn tar på seg ansvar, passer på den voksne eller tror at det er deres skyld. Barn trenger ikke alle detaljene, men de trenger en forklaring som passer alderen, og trygghet for at det ikke er deres feil.

Det kan hjelpe å si noe slikt som: «Pappa har en sykdom som gjør at han drikker for mye. Det er ikke din skyld, og det er de voksne som skal ordne opp.» Sørg for at barnet har minst én trygg voksen å snakke med, og hold fast på faste rutiner så godt det lar seg gjøre.

Helsepersonell som behandler en forelder med rusproblemer, skal spørre om pasienten har barn, og bidra til at barna får informasjon og den oppfølgingen de trenger. Helsestasjonen og skolehelsetjenesten kan også hjelpe. Barn og unge som opplever vold, overgrep eller omsorgssvikt, kan ringe Alarmtelefonen for barn og unge på 116 111.

## Rettighetene dine som pårørende

Som pårørende har du rettigheter, selv om behandlerne har taushetsplikt overfor pasienten:

- Du kan alltid gi informasjon til helsepersonell. Taushetsplikten hindrer dem ikke i å lytte til deg.
- Hvis pasienten samtykker, kan du få informasjon om behandlingen og være med i samtaler.
- Også uten samtykke kan du få generell informasjon, for eksempel om rusproblemer, om hvordan behandlingen vanligvis foregår, og om hvor du selv kan få hjelp.
- Mange kommuner har egne tilbud til pårørende. Spør rustjenesten i kommunen eller fastlegen din hva som finnes der du bor.

## Ta vare på deg selv

Det er lett å glemme seg selv når all energi går til en annen. Men du holder lenger hvis du også fyller på:

- Snakk med noen du stoler på. Hemmelighold gjør belastningen tyngre.
- Hold fast på noe som er ditt: trening, venner, en hobby, en fast tur.
- Legg merke til egne tegn på slitasje, som søvnproblemer, irritabilitet eller at du trekker deg unna.
- Søk hjelp for deg selv, hos fastlegen, i kommunen eller hos en terapeut.
- Trenger du noen å snakke med her og nå, kan du ringe RUSinfo anonymt på 08588, eller Mental Helse Hjelpetelefonen på 116 123.

Mange pårørende opplever at det er først når de selv får hjelp, at de klarer å se situasjonen litt utenfra. Det kan også gjøre det lettere for den som ruser seg å ta imot hjelp.

## Vi hjelper pårørende også

Hos oss kan du få egne samtaler som pårørende, enten den du er bekymret for, går i behandling eller ikke. Vi kan hjelpe deg å forstå hva som skjer, finne grensene dine og forberede vanskelige samtaler. Du kan begynne med en gratis og uforpliktende førstesamtale, eller fylle ut skjemaet «Match meg med en terapeut» og fortelle at du er pårørende. Det gratis e-postkurset «5 vanlige tegn på rusmisbruk» kan også gi deg et bedre grunnlag for å forstå det du ser.""",
    },
    {
        "title": "Tegn på rusproblemer",
        "slug": "tegn-pa-rusproblemer",
        "summary": (
            "Når har bruken av alkohol, piller eller andre rusmidler blitt et problem? Her er tegn du kan se etter "
            "hos deg selv og hos andre, ment som hjelp til å tenke, ikke som en diagnose."
        ),
        "category": "tegn-og-forebygging",
        "author": "Tor Haugen",
        "author_email": "terapeut@forlop.test",
        "reviewer_role": None,
        "medical_advice": True,
        "days_ago": 2,
        "body": """Det finnes ingen skarp grense mellom bruk og problem. De fleste som får rusproblemer, har ikke planlagt det. Det skjer gradvis: Ett glass blir til to, en tablett for å sove blir en vane, en helg blir til en langhelg. Fordi endringen kommer sakte, er den lett å overse, både for den det gjelder og for dem rundt.

Tegnene under er ment som hjelp til å tenke gjennom situasjonen, ikke som en diagnose. Kjenner du deg igjen i flere av dem, kan det være et godt tidspunkt å snakke med noen.

## Tegn du kan legge merke til hos deg selv

Ofte er det du selv som merker de første signalene, lenge før andre ser noe:

- Du bruker mer eller oftere enn du hadde bestemt deg for.
- Du har prøvd å kutte ned, men det holder ikke lenge.
- Du tenker mye på neste gang, eller legger opp dagen rundt rusmiddelet.
- Du trenger mer enn før for å få den samme virkningen.
- Du føler deg uvel, urolig eller skjelven når virkningen går ut, og det blir bedre når du tar mer.
- Du bruker for å takle stress, søvnløshet, ensomhet eller vonde følelser.
- Du skjuler hvor mye du bruker, eller blir irritert når noen spør.
- Du har angret på ting du har sagt eller gjort i ruset tilstand, eller husker ikke alt fra kvelden før.

Mange kjenner seg igjen i ett eller to punkter uten at det betyr at de har et rusproblem. Men flere tegn samtidig, eller tegn som blir tydeligere over tid, er verdt å ta på alvor.

## Tegn hos andre

Hos andre er tegnene ofte mer indirekte. Ingen av dem betyr nødvendigvis at det handler om rus, men sammen kan de gi grunn til bekymring:

- endringer i humør, søvn eller energi uten noen tydelig forklaring
- fravær, forsinkelser eller dårligere innsats på jobb eller skole
- pengeproblemer, lån som ikke blir forklart, eller ting som forsvinner
- nye venner, eller tilbaketrekning fra gamle
- hemmelighold, bortforklaringer og avtaler som blir brutt
- lukt av alkohol på uvanlige tidspunkter, eller at medisinpakninger blir tomme fortere enn de burde

## Når er bruken ekstra risikabel?

Noen situasjoner gjør bruken av rusmidler ekstra risikabel, uansett hvor mye det er snakk om:

- graviditet
- bilkjøring, og arbeid med maskiner eller i høyden
- bruk av flere rusmidler samtidig, eller rusmidler sammen med beroligende medisiner eller sovemedisiner
- psykiske plager som angst og depresjon, som rusen ofte forsterker over tid
- når du har ansvar for barn

## Et spørsmål å stille seg selv

Et nyttig spørsmål er: Hva ville skjedd om jeg sluttet helt i en måned? Hvis tanken vekker uro, eller du raskt finner grunner til at det ikke passer akkurat nå, kan det være verdt å se nærmere på.

Spørsmålet er ment som en tankeøvelse. Drikker du mye hver dag, eller bruker du beroligende tabletter, sovemedisiner eller GHB jevnlig, skal du ikke prøve å slutte brått på egen hånd, fordi abstinensene kan bli farlige. Snakk med fastlegen eller en lege hos oss først.

Standardiserte spørreskjemaer, som AUDIT for alkohol og DUDIT for andre rusmidler, kan gi et bilde av om bruken innebærer risiko. Slike skjemaer finnes også som selvtester hos oss. Et skjema gir ikke en diagnose, men det kan være et godt utgangspunkt for en samtale med en fagperson.

## Hvis du er bekymret for noen andre

Det lønner seg å forberede seg før du tar det opp. Snakk om det du har sett, heller enn om hva du tror det betyr. Si at du er glad i personen, og at du er bekymret. Vær forberedt på at den første reaksjonen kan være benektelse eller sinne, og at det kan ta tid før samtalen bærer frukter. Du kan lese mer i artikkelen vår om hjelp til pårørende.

Husk at du ikke trenger å være sikker på at det er et rusproblem for å si fra om bekymringen din. Og du trenger ikke å bære den alene.

## Når det haster

Noen situasjoner krever hjelp med en gang. Ring 113 hvis noen har tatt en overdose, ikke er til å vekke, puster dårlig eller får kramper. Hvis personen puster, legg vedkommende i stabilt sideleie, og bli der til hjelpen kommer. Ved akutt forgiftning kan du også ringe Giftinformasjonen på 22 59 13 00, som er åpen hele døgnet. Haster det, men er ikke livstruende, når du legevakten på 116 117.

## Neste steg

Har du kjent deg igjen i noe av dette, er det ingen grunn til å vente til det blir verre. Det gratis e-postkurset «5 vanlige tegn på rusmisbruk» går grundigere gjennom tegnene, ett om gangen. Vil du heller snakke med noen, kan du bestille en gratis og uforpliktende førstesamtale, eller fylle ut skjemaet «Match meg med en terapeut». Du bestemmer selv hva som skjer videre.""",
    },
    {
        "title": "Tilbakefall – og hvordan du kan forebygge det",
        "slug": "tilbakefall-og-hvordan-du-kan-forebygge-det",
        "summary": (
            "Tilbakefall er vanlig og betyr ikke at behandlingen har mislyktes. Her er hvordan du kan kjenne igjen "
            "varselsignalene, lage en plan for vanskelige situasjoner og komme raskt videre hvis det skjer."
        ),
        "category": "etter-behandlingen",
        "author": "Tor Haugen",
        "author_email": "terapeut@forlop.test",
        "reviewer_role": None,
        "medical_advice": True,
        "days_ago": 62,
        "body": """Mange som har gjort en stor endring i forholdet til rusmidler, bærer på en stille frykt: Hva om jeg sprekker? Det er et viktig spørsmål å ta på alvor. Samtidig er det nyttig å vite at tilbakefall er vanlig, og at det ikke betyr at alt var forgjeves. For de fleste er veien ut av et rusproblem ikke en rett linje, men en vei med noen omveier.

## En del av prosessen, ikke et nederlag

Rusavhengighet har mye til felles med andre langvarige helseplager: Det er vanlig med perioder der det går bedre, og perioder der det går dårligere. Et tilbakefall kan gi verdifull kunnskap om hva som var vanskelig, og om hva planen din trenger mer av.

Det er også forskjell på en glipp og et tilbakefall. En glipp er en enkelt episode, for eksempel en kveld der du drakk. Et tilbakefall er når du glir tilbake i det gamle mønsteret over tid. Måten du møter glippen på, har mye å si for om den blir til et tilbakefall. Tanker som «nå er alt ødelagt uansett» gjør det lett å gi opp. Tanker som «dette var en glipp, og jeg vet hva jeg skal gjøre nå» gjør det lettere å komme tilbake på sporet.

## Tilbakefallet begynner ofte før det første glasset

Et tilbakefall skjer sjelden helt plutselig. Ofte kommer det varselsignaler dager eller uker i forveien. Noen vanlige:

- Du sover dårligere, spiser uregelmessig eller slutter med ting som gjorde deg godt.
- Du trekker deg unna folk som støtter deg, eller dropper avtaler.
- Du begynner å romantisere rusen: «Det var jo ikke så ille.»
- Du tester deg selv ved å oppsøke gamle steder eller gamle venner.
- Du tenker at du fortjener en belønning, eller at én gang ikke gjør noe.
- Stress, sinne eller tristhet hoper seg opp uten at du snakker med noen om det.

## Kjenn dine triggere

Triggere er situasjoner, følelser eller signaler som vekker suget. De er personlige, men noen går igjen: fredag ettermiddag, lønningsdag, en krangel, ensomhet, fest, bestemte steder eller personer, og til og med gode nyheter som «bør feires». Også kroppslige tilstander som sult, sinne og tretthet gjør oss mer sårbare.

Skriv gjerne ned dine egne triggere. Når du vet hva som setter i gang suget, kan du planlegge for det i stedet for å bli overrumplet.

## Suget går over

Suget etter rus kan kjennes overveldende, men det kommer i bølger. Det bygger seg opp, topper seg og avtar igjen, ofte i løpet av noen minutter. Dette kan hjelpe deg å ri av bølgen:

- Utsett: Bestem deg for å vente en halvtime før du gjør noe.
- Bytt sted: Gå en tur, ta en dusj, gå ut av rommet.
- Ring noen: Det er lettere å stå i suget når noen vet om det.
- Minn deg selv på hvorfor: Hva vil du oppnå, og hva kostet det forrige gang?
- Spis og drikk noe: Sult og tørst kan lett forveksles med sug.

## Lag en plan

En tilbakefallsplan er en konkret plan for de vanskelige situasjonene. Den trenger ikke være lang, men den bør være skrevet ned og ligge lett tilgjengelig, for eksempel på mobilen. Den kan inneholde:

- de viktigste triggerne og varselsignalene dine
- hva du gjør når suget kommer
- navn og nummer til to eller tre personer du kan ringe
- hva du gjør hvis en glipp skjer, for eksempel å ta kontakt med behandleren din samme dag
- hvorfor endringen er viktig for deg, med dine egne ord

Del gjerne planen med noen du stoler på, slik at også de vet hva de kan gjøre. Se over planen med jevne mellomrom. Det som var vanskelig den første måneden, er ikke nødvendigvis det samme som blir vanskelig et halvt år senere.

## Hvis det skjer

Har du brukt igjen, er det viktigste å stoppe opp og søke støtte så raskt som mulig. Skam gjør at mange venter, men jo før du tar kontakt, jo lettere er det å snu.

Vær ekstra forsiktig hvis du har hatt et opphold fra opioider, GHB eller beroligende medisiner. Toleransen faller raskt, og en dose du tålte før, kan nå være livsfarlig. Ring 113 ved mistanke om overdose. Har du drukket tett i flere dager og merker skjelving eller uro når du stopper, kontakt fastlegen eller legevakten på 116 117 samme dag. Blir du forvirret, ser eller hører ting som ikke er der, eller får kramper, ring 113.

## Oppfølging etter behandlingen

De første månedene etter en behandling er ofte de mest sårbare. Det er lurt å fortsette med samtaler en periode etter at det verste er over, gjerne sjeldnere enn før. Hos oss kan du ha oppfølgingssamtaler på video så lenge du har behov for det.

Er du bekymret for et tilbakefall, eller har det allerede skjedd, kan du bestille en gratis og uforpliktende førstesamtale, eller fylle ut skjemaet «Match meg med en terapeut». Vi møter deg uten pekefinger, og hjelper deg å komme videre derfra du står nå.""",
    },
    {
        "title": "Hva skjer i en førstesamtale?",
        "slug": "hva-skjer-i-en-forstesamtale",
        "summary": (
            "Den første samtalen hos oss er gratis, varer i 20 minutter og foregår på video. Her kan du lese hva "
            "vi snakker om, hva vi spør om, og hvordan vi tar vare på opplysningene dine."
        ),
        "category": "om-behandling",
        "author": "Kari Nilsen",
        "author_email": "koordinator@forlop.test",
        "reviewer_role": None,
        "medical_advice": False,
        "days_ago": 88,
        "body": """Det kan være et stort steg å ta kontakt om rus. Mange har tenkt på det lenge før de gjør det, og noen har bestilt time og avbestilt igjen flere ganger. Derfor vil vi gjøre den første samtalen så enkel og trygg som mulig. Her forteller vi hva som skjer, slik at du vet hva du går til.

## Kort fortalt

- Samtalen er gratis og helt uforpliktende.
- Den varer i omtrent 20 minutter og foregår på video.
- Du snakker med en fagperson med erfaring fra rusbehandling.
- Du trenger ingen henvisning, og du trenger ikke å ha bestemt deg for noe.

## Før samtalen

Du kan bestille tid via skjemaet «Match meg med en terapeut», der du kort forteller hva du ønsker hjelp til. Ut fra svarene foreslår vi en terapeut vi tror passer for deg, og forteller hvorfor. Det eneste du trenger til selve samtalen, er en mobil, et nettbrett eller en datamaskin, og et sted der du kan snakke uforstyrret.

Noen liker å skrive ned noen stikkord på forhånd: hva de bruker, hva de er bekymret for, og hva de håper på. Det er ikke nødvendig, men det kan gjøre det lettere å komme i gang når nervene melder seg. Det er helt vanlig å være nervøs, og det er ingenting du kan gjøre feil.

## Hva vi snakker om

Samtalen er mer en prat enn et avhør. Vi begynner med det du selv vil fortelle. Underveis stiller vi noen spørsmål for å forstå situasjonen din bedre, for eksempel:

- Hva gjør at du tar kontakt akkurat nå?
- Hvilke rusmidler eller medisiner bruker du, omtrent hvor mye, og hvor lenge har det vart?
- Har du prøvd å slutte eller kutte ned før, og hvordan gikk det?
- Har du merket abstinenser, som skjelving, svette eller uro, når du har tatt pause?
- Hvordan har du det ellers, med søvn, humør, helse, jobb og familie?
- Hva ønsker du deg, og hva er viktig for deg?

Du bestemmer selv hvor mye du vil fortelle. Det er helt greit å si at du ikke vil svare på noe ennå.

Hvis noe av det du forteller, tyder på at du kan være i fare, for eksempel at du har hatt kramper ved tidligere avrusninger, eller at du tenker på å ta ditt eget liv, tar vi det opp direkte med deg og hjelper deg videre til riktig sted. Ved akutt fare skal du alltid ringe 113. Haster det, men er ikke livstruende, ring legevakten på 116 117.

## Hva du får ut av samtalen

Mot slutten av samtalen forteller vi hva vi tror kan hjelpe deg, og hva vi kan tilby. Det kan være et samtaleforløp hos oss, en vurdering hos en av legene våre, hjelp til pårørende eller en kombinasjon. Du får også vite hvordan det praktiske fungerer og hva det koster.

Noen ganger er vi ikke det beste stedet for deg. Trenger du for eksempel avrusning med overvåking døgnet rundt, eller et tilbud i spesialisthelsetjenesten, sier vi det ærlig og forklarer hvordan du kan gå fram, for eksempel via fastlegen eller kommunens rustjeneste.

## Ingenting er bindende

Etter samtalen bestemmer du selv om du vil gå videre. Du trenger ikke svare der og da. Mange vil tenke seg om, snakke med noen hjemme eller vente litt. Det er helt i orden, og vi kommer ikke til å mase på deg. Hvis du vil ta kontakt igjen om en uke eller et halvt år, er du like velkommen.

## Personvern og taushetsplikt

Alle som jobber hos oss, har taushetsplikt. Det du forteller, behandles som helseopplysninger etter regelverket, og bare de som trenger det for å hjelpe deg, får tilgang til det.

Vi deler ikke opplysninger med fastlegen, NAV, arbeidsgiveren din eller andre uten at du samtykker. Loven har noen få unntak, blant annet når et barn er i alvorlig fare, eller når det er nødvendig for å avverge alvorlig skade. I så fall er vi åpne med deg om det. Du har også rett til innsyn i det som er registrert om deg.

I skjemaet «Match meg med en terapeut» holder det med et fornavn eller kallenavn, men vi trenger en e-postadresse for å kunne svare deg, så helt anonym er du ikke. Går du videre til behandling, trenger vi fullt navn og kontaktopplysninger, fordi helsepersonell har plikt til å føre journal. Vil du snakke med noen helt anonymt først, kan du ringe RUSinfo på 08588.

## Klar for å ta kontakt?

Du trenger ikke ha alle svarene før du tar kontakt. Det er nettopp det førstesamtalen er til for. Fyll ut skjemaet «Match meg med en terapeut», så foreslår vi en terapeut, og du kan bestille en gratis førstesamtale når det passer deg. Vil du heller begynne mer forsiktig, kan du melde deg på det gratis e-postkurset «5 vanlige tegn på rusmisbruk».""",
    },
    {
        "title": "Alkohol og søvn",
        "slug": "alkohol-og-sovn",
        "summary": (
            "Mange tar et glass for å sove bedre, men alkohol gir dårligere søvn utover natten. Her forklarer vi "
            "hvorfor, hva som skjer med søvnen når du kutter ned, og hva som faktisk hjelper."
        ),
        "category": "tegn-og-forebygging",
        "author": "Lene Dahl",
        "author_email": "lege@forlop.test",
        "reviewer_role": None,
        "medical_advice": True,
        "days_ago": 116,
        "body": """«Jeg drikker bare for å få sove.» Det er en av de vanligste setningene vi hører i førstesamtaler. Og det er lett å forstå: Alkohol demper uro og gjør deg trøtt, og det kan kjennes som en løsning når tankene kverner om kvelden. Problemet er at alkohol som sovemiddel virker mot sin hensikt, og at mønsteret lett blir en vane som er vanskelig å komme ut av.

## Hva alkohol gjør med søvnen

Alkohol gjør det ofte lettere å sovne. Men i løpet av natten, når kroppen bryter ned alkoholen, snur virkningen, og søvnen blir lettere og mer urolig:

- Du våkner oftere, gjerne tidlig på morgenen, og har vanskelig for å sovne igjen.
- Drømmesøvnen blir forstyrret: Den blir undertrykt tidlig på natten og kommer tilbake med full kraft mot morgenen, ofte med livlige drømmer.
- Du må oftere på do, fordi alkohol er vanndrivende.
- Snorking og pustestopp kan bli verre, fordi alkohol får musklene i svelget til å slappe av.
- Du kan våkne med hjertebank, svette eller uro.

Resultatet er at du sover kortere og dårligere enn du tror, og våkner mindre uthvilt. Det gjør deg mer sliten og irritabel, og mer utsatt for å ta et glass neste kveld også.

## En ond sirkel

Når alkohol blir en fast del av kveldsrutinen, venner kroppen seg til det. Du trenger mer for å få den samme effekten, og uten alkohol blir det vanskeligere å sovne enn før. Mange tolker dette som at de «ikke kan sove uten», når det egentlig er kroppens reaksjon på at alkoholen mangler. Slik kan et ønske om bedre søvn gradvis bli til et avhengighetsmønster.

Noe av det samme gjelder sovemedisiner og beroligende medisiner. Kombinasjonen av alkohol og slike medisiner er ekstra risikabel, fordi begge demper pusten og nervesystemet. Bruker du begge deler, bør du snakke med legen din om det.

## Når du kutter ned eller slutter

Har du drukket mye hver dag over lang tid, skal du ikke slutte brått uten å ha snakket med en lege. Abstinenser etter alkohol kan være farlige, med risiko for kramper og delirium. Det samme gjelder hvis du også bruker beroligende medisiner eller sovemedisiner fast. Får noen kramper, eller blir forvirret, ser ting som ikke er der eller er umulig å vekke, ring 113. Haster det, men er ikke livstruende, ring legevakten på 116 117.

Mange blir skuffet over at søvnen ikke blir bedre med en gang. Den første tiden uten alkohol er det vanlig å sove dårlig, ha urolige drømmer og våkne ofte. For de fleste bedres søvnen gradvis over noen uker, men noen trenger lengre tid. Det er nyttig å vite på forhånd, slik at de dårlige nettene ikke blir et argument for å begynne igjen.

## Dette hjelper på søvnen

Det finnes gode råd for bedre søvn som ikke handler om medisiner:

- Stå opp til samme tid hver dag, også i helgene. Det er det viktigste enkeltrådet.
- Få dagslys tidlig på dagen, og vær i fysisk aktivitet, gjerne ute.
- Kutt ut koffein fra ettermiddagen.
- Gå til sengs først når du er søvnig. Ligger du lenge våken, stå opp, gjør noe rolig i dempet lys, og legg deg igjen når du blir trøtt.
- Lag en fast og rolig overgang til natten, uten skjerm den siste stunden.
- Skriv ned tankene som kverner, gjerne tidlig på kvelden, så de er «parkert» når du legger deg.

Kognitiv atferdsterapi for søvnløshet er en godt dokumentert behandling for langvarige søvnproblemer, og den lar seg godt kombinere med hjelp til å endre drikkingen. Mange opplever at det å jobbe med begge deler samtidig gjør det lettere å holde ut de første ukene.

## Når søvnproblemene er noe mer

Noen ganger skyldes søvnproblemene noe annet enn alkoholen, som angst, depresjon, smerter eller søvnapné. Da er det viktig at også det blir undersøkt. Snakk med fastlegen hvis søvnproblemene varer over tid, eller hvis du snorker kraftig og er trøtt på dagtid selv etter en hel natts søvn.

## Neste steg

Kjenner du deg igjen i at alkoholen har blitt en del av sovevanene dine, er du i godt selskap, og det finnes hjelp. I en gratis og uforpliktende førstesamtale kan vi se på både drikkingen og søvnen sammen med deg. Du kan også fylle ut skjemaet «Match meg med en terapeut», eller begynne med det gratis e-postkurset «5 vanlige tegn på rusmisbruk».""",
    },
    {
        "title": "Motiverende samtale: hvorfor vi ikke maser",
        "slug": "motiverende-samtale-hvorfor-vi-ikke-maser",
        "summary": (
            "Ingen blir motivert av å få kjeft. I motiverende samtale er det dine egne grunner til endring som står "
            "i sentrum. Her forklarer vi hva metoden går ut på, og hvorfor vi jobber slik."
        ),
        "category": "om-behandling",
        "author": "Tor Haugen",
        "author_email": "terapeut@forlop.test",
        "reviewer_role": None,
        "medical_advice": False,
        "days_ago": 75,
        "body": """Mange som tar kontakt med oss, har hørt det meste før: at de må ta seg sammen, at de drikker for mye, at de må tenke på barna. Ofte fra folk som mener det godt. Likevel er det sjelden slike formaninger som får noen til å endre seg. Tvert imot: Jo mer noen presser, jo mer kjenner mange et behov for å forsvare seg.

Derfor maser vi ikke. Mye av arbeidet vårt bygger på motiverende samtale, også kalt motiverende intervju eller MI. Det er en samtalemetode som er mye brukt i rusbehandling og helsetjenester, både i Norge og internasjonalt.

## Ambivalens er helt normalt

De fleste som strever med rus, har to stemmer i seg samtidig. Den ene vil endre noe: sove bedre, være mer til stede for barna, slippe angsten dagen derpå. Den andre holder fast, fordi rusen også gir noe, som ro, glede, en pause fra tankene eller en følelse av å høre til. Dette kalles ambivalens, og det er ikke et tegn på svakhet eller manglende vilje. Slik har de fleste av oss det med vaner vi egentlig vil endre.

Hvis noen bare argumenterer for den ene siden, er det lett å havne i den andre. Sier noen «du må slutte», svarer mange innvendig «så ille er det ikke». I motiverende samtale gjør vi det motsatte: Vi hjelper deg å utforske begge sidene, og å sette ord på dine egne grunner til endring.

## Slik foregår en motiverende samtale

Terapeuten din vil stille mange åpne spørsmål, og lytte mer enn å gi råd. Typiske spørsmål kan være:

- Hva er bra med å drikke, for deg?
- Hva er mindre bra?
- Hvis du ser for deg livet ditt om fem år, hvordan vil du at det skal være?
- På en skala fra 0 til 10, hvor viktig er det for deg å gjøre en endring? Hvorfor ikke et lavere tall?
- Hva har hjulpet deg før, når du har fått til noe vanskelig?

Spørsmålet om hvorfor du ikke svarte lavere, kan virke rart, men det er med vilje. Når du forklarer det, begynner du å sette ord på hvorfor endring betyr noe for deg. Det du selv sier høyt, har større kraft enn det andre forteller deg.

Terapeuten vil også ofte oppsummere det du har sagt, slik at du hører dine egne tanker fra utsiden. Mange forteller at det er nettopp da noe løsner.

## Grunnholdningene

Motiverende samtale bygger på noen grunnholdninger:

- **Samarbeid:** Du og terapeuten er likeverdige. Du er eksperten på ditt eget liv.
- **Aksept:** Vi respekterer at du bestemmer selv, også når du velger noe annet enn vi ville ha gjort.
- **Medfølelse:** Vi er opptatt av hva som er best for deg, ikke av å få rett.
- **Fremkalling:** Motivasjonen skal komme fra deg, ikke fra oss. Vi hjelper deg å finne den.

## Betyr det at terapeuten aldri sier sin mening?

Nei. Å ikke mase betyr ikke å holde tilbake viktig informasjon. Er vi bekymret for helsen din, for eksempel fordi det er fare for farlige abstinenser, sier vi det tydelig. Men vi spør gjerne først om du vil høre hva vi tenker, og så lar vi deg selv vurdere hva du gjør med det.

Når det gjelder sikkerheten din, er vi aldri vage. Er du eller noen andre i akutt fare, for eksempel ved overdose, kramper eller selvmordstanker du ikke klarer å stå i, ber vi deg ringe 113, eller legevakten på 116 117 når det haster, og vi hjelper deg med det.

## Hvorfor vi jobber slik

Motiverende samtale er godt undersøkt, og mange studier tyder på at måten behandleren snakker på, påvirker hvor mye folk endrer seg. En konfronterende stil gir ofte mer motstand, mens en lyttende og respektfull stil gjør det lettere å snakke åpent. Metoden brukes ofte sammen med andre tilnærminger, som kognitiv atferdsterapi og tilbakefallsforebygging. Den er særlig nyttig i starten, når du er usikker på hva du vil, men mange har glede av den gjennom hele forløpet.

## Et første skritt uten press

Du trenger ikke være sikker på at du vil slutte for å snakke med oss. Det holder at du lurer. I en gratis og uforpliktende førstesamtale kan du fortelle om situasjonen din og høre hva vi kan tilby, og så bestemmer du selv. Fyll ut skjemaet «Match meg med en terapeut» når du er klar, eller begynn med det gratis e-postkurset «5 vanlige tegn på rusmisbruk».""",
    },
]
