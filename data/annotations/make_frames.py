"""Write data/annotations/frames.csv: frame-labelled sentences for training the frame classifier.

Written for framelens by the project team. Every clause below is hand-written
and hand-labelled; the script only combines clauses with fictional names and
connectors, deterministically (fixed seed, standard library only), so that
``python data/annotations/make_frames.py`` always writes the same file.

A sentence's labels are the union of the labels of the clauses it is made of.
Clauses are written in four kinds, so that a lexicon and a classifier can
disagree for real reasons:

* frame clauses that use the frame's lexicon vocabulary,
* frame clauses that carry the frame WITHOUT any lexicon word
  (paraphrase: "the two peoples have always been family"),
* distractor clauses that contain a lexicon word used OUTSIDE the frame
  ("the hospital car park", "a rainfall regime", "airport security staff"),
* neutral clauses (logistics, weather, schedules) with no frame.

Run from anywhere: ``python data/annotations/make_frames.py [--out PATH]``.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

FRAMES = (
    "solidarity", "kinship", "sanctions", "sovereignty",
    "cooperation", "health_biotech", "delegitimization", "security",
)
SEED = 20240917
N_SINGLE = 2  # sentences per frame clause, alone
N_PAIRS = 170  # two-frame sentences
N_NEUTRAL_EXTRA = 40  # neutral clause + distractor clause sentences

# Slots filled from these lists (all names are fictional).
SLOTS = {
    "a": ["Cuba", "Belarus"],
    "cap": ["Havana", "Minsk"],
    "off": [
        "Deputy Prime Minister Natallia Zhukava", "Foreign Minister Aurelio Benítez Sosa",
        "Industry Minister Ihar Lapatsin", "Health Minister Mirta Calzadilla",
        "Ambassador Raúl Estévez Lima", "Ambassador Siarhei Kavalenka",
        "Trade Minister Yanet Ordóñez", "Deputy Foreign Minister Aliaksandr Haurylik",
    ],
    "city": ["Matanzas", "Gomel", "Santiago de Cuba", "Brest", "Mogilev", "Cienfuegos", "Holguín", "Grodno"],
    "prod": ["tractors", "buses", "dump trucks", "potash fertiliser", "dairy equipment",
             "sugar-mill spare parts", "elevators", "tyres"],
    "month": ["January", "March", "April", "June", "September", "October", "November"],
    "n": ["two", "three", "four", "five", "six", "seven", "nine", "twelve"],
}

S, K, SA, SO, C, H, D, SE = FRAMES
# (clause, labels). A clause starts with a capital letter and has no final full stop.
FRAME_CLAUSES: list[tuple[str, tuple[str, ...]]] = [
    # --- solidarity: with lexicon words
    ("{cap} will always stand with those who resist pressure from abroad", (S,)),
    ("The minister thanked the workers for their solidarity in the hardest months", (S,)),
    ("Speakers praised the selfless help that arrived when the storm destroyed the harvest", (S,)),
    ("Both delegations vowed to stay shoulder to shoulder whatever the difficulties", (S,)),
    ("The rally in {city} ended with a call for internationalist support to the island", (S,)),
    ("{off} spoke of the unwavering support his people feel for the Cuban revolution", (S,)),
    # --- solidarity: without lexicon words
    ("When the hurricane struck, {a} did not wait to be asked and sent help at once", (S,)),
    ("Nobody here has forgotten who came to our aid when every door was closed", (S,)),
    ("Our countries have learned to face every hardship together rather than alone", (S,)),
    ("Students in {city} collected school supplies for children on the other side of the ocean", (S,)),
    ("In the darkest hour it was {cap} that answered the call for help", (S,)),
    ("The message from {cap} was simple: you are not alone in this struggle", (S,)),
    # --- kinship: with lexicon words
    ("{off} called {a} a sister country with which no misunderstanding is possible", (K,)),
    ("The brotherly peoples of the two nations share more than a signed treaty", (K,)),
    ("Guests were received in a fraternal atmosphere at the Palace of the Revolution", (K,)),
    ("The ambassador spoke of a historic friendship that has survived three decades", (K,)),
    ("Veterans in {city} toasted their kindred nation across the Atlantic", (K,)),
    # --- kinship: without lexicon words
    ("The two peoples have always been one family, separated only by geography", (K,)),
    ("For the Belarusian guests, arriving in {cap} felt like coming home to relatives", (K,)),
    ("{off} said Cubans and Belarusians are like siblings raised in the same household", (K,)),
    ("In every speech the visitors were greeted as cousins rather than foreigners", (K,)),
    ("Old friends do not need an interpreter, the mayor of {city} joked to the visitors", (K,)),
    # --- sanctions: with lexicon words
    ("The blockade has cost the island billions of dollars in lost trade", (SA,)),
    ("Western sanctions cut the potash exporter off from its usual port", (SA,)),
    ("The new round of restrictive measures targets banks that handle payments to {cap}", (SA,)),
    ("Officials denounced the embargo as the longest in modern history", (SA,)),
    ("Companies on the blacklist cannot use dollar accounts abroad", (SA,)),
    ("Shipments of {prod} were delayed by export controls imposed in {month}", (SA,)),
    # --- sanctions: without lexicon words
    ("Foreign banks now refuse any transfer that mentions {cap}, even for medicine", (SA,)),
    ("Shipping companies avoid the route for fear of penalties in American courts", (SA,)),
    ("Suppliers in Europe stopped selling spare parts after Washington's latest order", (SA,)),
    ("Payments for the {prod} had to be routed through three intermediaries to avoid frozen accounts", (SA,)),
    ("Importers now pay a premium because insurers will not cover vessels bound for the island", (SA,)),
    ("The measures adopted in Brussels bar European firms from buying {prod} from the plant", (SA,)),
    # --- sovereignty: with lexicon words
    ("No foreign power will dictate our internal affairs, {off} declared", (SO,)),
    ("The joint statement defends the sovereign right of every nation to choose its system", (SO,)),
    ("Speakers rejected interference by Western embassies in the election campaign", (SO,)),
    ("The declaration calls for a multipolar world free of hegemony", (SO,)),
    ("Both governments condemned imperialist attempts to impose a single model", (SO,)),
    ("{a} will follow its own path, whatever the lectures from abroad", (SO,)),
    # --- sovereignty: without lexicon words
    ("Decisions about our future are made in {cap}, not in Washington or Brussels", (SO,)),
    ("Small nations have every right to decide their destiny without permission from the powerful", (SO,)),
    ("The minister said no embassy would be allowed to write the country's laws", (SO,)),
    ("The era in which a few capitals set the rules for everyone else is ending, the text says", (SO,)),
    ("Neither country will accept lessons on democracy from those who invaded other lands", (SO,)),
    ("Both leaders insisted that their peoples alone decide how they are governed", (SO,)),
    # --- cooperation: with lexicon words
    ("The intergovernmental commission approved {n} new joint projects", (C,)),
    ("A joint venture in {city} will assemble {prod} for the Caribbean market", (C,)),
    ("The two ministries signed a partnership agreement on vocational training", (C,)),
    ("Officials expect trade turnover to double by the end of the decade", (C,)),
    ("The plan for import substitution relies on Belarusian machinery", (C,)),
    ("Researchers from both academies will collaborate on new crop varieties", (C,)),
    # --- cooperation: without lexicon words
    ("{n} memoranda were signed, covering agriculture, transport and education", (C,)),
    ("A plant in {city} will assemble {prod} with parts shipped from Minsk", (C,)),
    ("Belarusian engineers will help modernise the {city} dairy plant over the next two years", (C,)),
    ("The two sides agreed to open a trading house and a shared logistics centre", (C,)),
    ("Deliveries of {prod} will be paid partly in sugar and partly in rum", (C,)),
    ("Specialists from both countries will meet every quarter to follow up the signed contracts", (C,)),
    # --- health_biotech: with lexicon words
    ("The Cuban vaccine Abdala will be produced under licence in a plant near Minsk", (H,)),
    ("Belarusian and Cuban biotech centres agreed to share clinical trial data", (H,)),
    ("The deal covers generic medicines for hypertension and diabetes", (H,)),
    ("A new pharmaceutical line in {city} will fill vials for export", (H,)),
    ("Cuban doctors will train Belarusian colleagues in a new eye surgery technique", (H,)),
    ("The immunization campaign reached children in rural districts first", (H,)),
    # --- health_biotech: without lexicon words
    ("Researchers will test a Cuban drug against diabetic foot ulcers in {city}", (H,)),
    ("The lab in {city} will make insulin from Cuban cell lines", (H,)),
    ("Scientists from both countries are developing a nasal spray against respiratory viruses", (H,)),
    ("The agreement lets Belarusian patients receive a Cuban treatment for lung cancer", (H,)),
    ("A shared laboratory will sequence virus samples from both countries", (H,)),
    ("Eye surgeons from the island will operate on patients in {city} this autumn", (H,)),
    # --- delegitimization: with lexicon words
    ("Exiles say the regime uses such visits to look respectable abroad", (D,)),
    ("Opposition groups call {off} a dictator's envoy", (D,)),
    ("Human rights lawyers counted dozens of political prisoners in {city} alone", (D,)),
    ("The state broadcaster, a propaganda mouthpiece, aired the ceremony live", (D,)),
    ("Critics described the vote as a sham election with no real rival", (D,)),
    ("The crackdown on independent journalists has intensified since {month}", (D,)),
    # --- delegitimization: without lexicon words
    ("Two men who have ruled for decades shook hands for the cameras", (D,)),
    ("Relatives of jailed protesters were kept away from the ceremony by plain-clothes police", (D,)),
    ("Neither government has allowed a free vote in a generation, critics note", (D,)),
    ("The parliament that approved the deal has never voted against its leader", (D,)),
    ("Journalists who asked about jailed activists were escorted out of the press hall", (D,)),
    ("Both rulers silenced the protests that followed their last elections", (D,)),
    # --- security: with lexicon words
    ("The expansion of NATO towards the east threatens regional security, the statement says", (SE,)),
    ("Russian troops and missiles remain stationed on Belarusian territory", (SE,)),
    ("Military exercises near the Polish border began in {month}", (SE,)),
    ("The ministers discussed collective security in the Eurasian space", (SE,)),
    ("Analysts warn of a new arms race along the western border", (SE,)),
    ("The defence ministers agreed to exchange officers for training", (SE, C)),
    # --- security: without lexicon words
    ("Tanks and fighter jets crossed into Ukraine from the north in the first days of the war", (SE,)),
    ("The Western alliance has moved brigades closer to the Belarusian frontier", (SE,)),
    ("Officers from {cap} will attend staff courses at the general academy", (SE, C)),
    ("Warships from the Baltic fleet will make a port call in {cap}", (SE,)),
    ("Border guards reported drones flying over the frontier at night", (SE,)),
    ("The war in Ukraine dominated the talks behind closed doors", (SE,)),
    # --- clauses that genuinely carry two frames
    ("Sister countries stand together against the blockade", (K, S, SA)),
    ("Cuban vaccines reached Belarus despite the sanctions on both countries", (H, SA)),
    ("The regime in Minsk sends troops to the border while jailing its critics", (D, SE)),
    ("Trade under sanctions means bartering {prod} for sugar and medicines", (SA, C, H)),
    ("Only a sovereign nation can refuse the diktat of sanctions", (SO, SA)),
    ("The fraternal peoples will build the new pharmaceutical plant together", (K, C, H)),
    ("{off} said joining the Eurasian Economic Union would bring tariff-free access for {prod}", (C,)),
    ("As an observer state of the Eurasian Economic Union, {a} hopes to raise exports", (C,)),
    ("Critics say the Eurasian Economic Union is a club of autocrats", (D,)),
    ("Cuba's observer seat in the Eurasian Economic Union was presented as a shield against the blockade", (C, SA)),
]

# Lexicon words used outside their frame: labelled by what the clause actually says.
DISTRACTOR_CLAUSES: list[tuple[str, tuple[str, ...]]] = [
    ("The delegation's bus waited in the hospital car park", ()),
    ("Airport security staff checked the delegation's luggage twice", ()),
    ("Forecasters expect a rainfall regime typical of the dry season", ()),
    ("The concert took place on Independence Avenue, closed to traffic for the evening", ()),
    ("The minister's defence lawyer in an old libel case declined to comment", ()),
    ("The local farming cooperative hosted a lunch for the visitors", ()),
    ("The dancers performed with a kind of selfless joy, one critic wrote", ()),
    ("The football federation will sanction the club for crowd trouble", ()),
    ("Integration of the new bus line into the city timetable is planned for {month}", ()),
    ("The sister of the ambassador also travelled with the group", ()),
    ("The regime of the river changes after the spring thaw", ()),
    ("A bank holiday closed the security printing works for a day", ()),
    ("Reporters from a state broadcaster shared the press bus with colleagues from the wire", ()),
    ("The museum's medicine cabinet from the 1890s drew the delegation's attention", ()),
    ("The orchestra's independence from the ministry was the subject of a documentary", ()),
    ("A missile-shaped monument stands in the square where the wreath was laid", ()),
    ("The hotel's brotherly welcome sign had been painted in two languages", ()),
    ("A partnership of two local bakeries supplied the reception", ()),
]

NEUTRAL_CLAUSES: list[str] = [
    "The talks lasted about three hours",
    "The delegation arrived in {cap} on a scheduled flight on {month} 12",
    "Temperatures in {city} reached 31 degrees during the visit",
    "The press conference started forty minutes late",
    "{off} is expected to return home on Friday",
    "The meeting took place at the foreign ministry's guest house",
    "Journalists were given a printed programme of the visit",
    "The next session is planned for {month} in {city}",
    "Interpreters worked in Spanish, Russian and Belarusian",
    "The visitors also toured the old town of {city}",
    "A reception followed at the residence of the ambassador",
    "Traffic was diverted around the city centre for the motorcade",
    "The official programme lists {n} meetings over two days",
    "Photographs of the signing were published on the ministry's website",
    "The delegation laid flowers at a monument in central {cap}",
    "The visit was first announced by the ministry two weeks ago",
    "Neither side published the full text of the documents",
    "The weather forced the organisers to move the ceremony indoors",
    "Local television showed the arrival of the motorcade",
    "The delegation included {n} deputy ministers",
]

CONNECTORS = ["{x}; {y}", "{x}, and {y}", "{x}, while {y}", "{x}. At the same time, {y}",
              "{x}, even as {y}", "{x} — {y}"]


def _fill(template: str, rng: random.Random) -> str:
    values = {key: rng.choice(options) for key, options in SLOTS.items()}
    return template.format(**values)


_PROPER = {"Cuba", "Cuban", "Cubans", "Belarus", "Belarusian", "Belarusians", "Western", "Russian",
           "Havana", "Minsk", "Eurasian", "Cuba's", "Sister", "Old", "Eye"}


def _joinable(template: str, rng: random.Random) -> str:
    """Fill a clause that follows a connector: lower-case its first letter unless it starts a name."""
    first = template.split(" ", 1)[0]
    text = _fill(template, rng)
    if template.startswith("{") or first in _PROPER - {"Sister", "Old", "Eye"}:
        return text
    return text[0].lower() + text[1:]


def _sentence(text: str) -> str:
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def build(seed: int = SEED) -> list[tuple[str, str, str]]:
    """Return (id, text, labels) rows; labels ';'-joined in FRAMES order, or 'none'."""
    rng = random.Random(seed)
    items: list[tuple[str, tuple[str, ...]]] = []
    for clause, labels in FRAME_CLAUSES:
        for _ in range(N_SINGLE):
            items.append((_fill(clause, rng), labels))
    for clause, labels in DISTRACTOR_CLAUSES:
        items.append((_fill(clause, rng), labels))
    for clause in NEUTRAL_CLAUSES:
        items.append((_fill(clause, rng), ()))
    single_frame = [(c, l) for c, l in FRAME_CLAUSES if len(l) == 1]
    for _ in range(N_PAIRS):
        (x, lx), (y, ly) = rng.sample(single_frame, 2)
        template = rng.choice(CONNECTORS)
        second = _fill(y, rng) if "." in template else _joinable(y, rng)
        items.append((template.format(x=_fill(x, rng), y=second), tuple(lx) + tuple(ly)))
    extras = [(c, ()) for c in NEUTRAL_CLAUSES] + DISTRACTOR_CLAUSES
    for _ in range(N_NEUTRAL_EXTRA):
        (x, lx), (y, ly) = rng.sample(extras, 2)
        items.append((f"{_fill(x, rng)}; {_joinable(y, rng)}", tuple(lx) + tuple(ly)))
    # frame clause + distractor: the distractor's lexicon word must not add a label
    for _ in range(N_NEUTRAL_EXTRA):
        x, lx = rng.choice(single_frame)
        y, ly = rng.choice(DISTRACTOR_CLAUSES)
        items.append((f"{_fill(x, rng)}. {_fill(y, rng)}", tuple(lx) + tuple(ly)))
    rng.shuffle(items)
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for text, labels in items:
        text = _sentence(text)
        if text in seen:
            continue
        seen.add(text)
        ordered = [f for f in FRAMES if f in set(labels)]
        rows.append((f"fr{len(rows) + 1:04d}", text, ";".join(ordered) if ordered else "none"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).with_name("frames.csv")))
    args = parser.parse_args()
    rows = build()
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["id", "text", "labels"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
