#!/usr/bin/env python3
"""Generate the synthetic demo corpus ``data/corpus/demo.jsonl`` for framelens.

Every outlet, person, company, product and event in this corpus is FICTIONAL
and every sentence was written for framelens to show how framing lexicons
separate outlets that tell the same story differently.  Nothing here is real
news; see ``data/README.md``.

The script uses only the standard library and a fixed random seed, so running
it twice produces byte-identical output::

    python data/corpus/make_demo.py            # writes data/corpus/demo.jsonl
    python data/corpus/make_demo.py -o out.jsonl

How an article is built
-----------------------
* ``EVENTS`` lists about forty dated events on five topics.  Each event fixes
  the facts (who, where, how many) as named slots.
* For every outlet and topic there are pools of titles, leads and body
  paragraphs written in that outlet's voice; every outlet also has background
  paragraphs, and every topic has neutral fact paragraphs and quotes from the
  (fictional) officials, which each outlet attributes in its own style.
* An article is a lead followed by paragraphs drawn at random from those
  pools until a target length is reached.  ``[[a|b|c]]`` inside a template
  picks one alternative; ``{slot}`` is filled from the event.
* The aggregator ``newshub`` republishes agency articles verbatim inside a
  fixed set of boilerplate lines, and three deliberately bad rows are added
  for the data-quality report (two exact duplicate lines, one article whose
  text is whitespace only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import unicodedata
from pathlib import Path

SEED = 20240523
MAX_WORDS = 560  # leaves room for the aggregator's boilerplate under 600
MIN_WORDS = 150

OUT_PATH = Path(__file__).resolve().parent / "demo.jsonl"

# --------------------------------------------------------------------------
# Outlets
# --------------------------------------------------------------------------

OUTLETS = ["diario_patria", "prensa_caribe", "minsk_agency", "globalwire", "isla_libre", "newshub"]
AUTHORED = ["diario_patria", "prensa_caribe", "minsk_agency", "globalwire", "isla_libre"]
STATE = {"diario_patria", "prensa_caribe", "minsk_agency"}
AGENCY_NAMES = {
    "minsk_agency": "Minsk News Agency",
    "prensa_caribe": "Agencia Prensa Caribe",
}

# --------------------------------------------------------------------------
# Fictional people
# --------------------------------------------------------------------------

# key: (country, full descriptor for first mention, short name)
OFFICIALS = {
    "cu_fm": ("CU", "Cuban Foreign Minister Ramón Echevarría Solís", "Echevarría"),
    "cu_speaker": ("CU", "Marta Iglesias Cabrera, president of Cuba’s National Assembly", "Iglesias"),
    "cu_dpm": ("CU", "Cuban Deputy Prime Minister Julián Ferrer Ochoa", "Ferrer"),
    "cu_trade": ("CU", "Cuban Foreign Trade Minister Ana Belén Quintero", "Quintero"),
    "cu_health": ("CU", "Cuban Public Health Minister Dr. Lidia Rosales Fuentes", "Rosales"),
    "cu_biotech": ("CU", "Dr. Ernesto Valdés Marín, director of the Caribbean Biotechnology Institute", "Valdés"),
    "cu_amb": ("CU", "Cuban Ambassador to Belarus Orlando Betancourt Díaz", "Betancourt"),
    "cu_agri": ("CU", "Cuban Agriculture Minister Tomás Peña Hidalgo", "Peña"),
    "cu_defence": ("CU", "Gen. Arnaldo Soler Vega, Cuba’s first deputy minister of the armed forces", "Soler"),
    "by_fm": ("BY", "Belarusian Foreign Minister Siarhiej Łaŭrynovič", "Łaŭrynovič"),
    "by_speaker": ("BY", "Ihar Kavalčuk, chairman of Belarus’s House of Representatives", "Kavalčuk"),
    "by_dpm": ("BY", "Belarusian Deputy Prime Minister Natallia Žukava", "Žukava"),
    "by_industry": ("BY", "Belarusian Industry Minister Andrej Rudzko", "Rudzko"),
    "by_health": ("BY", "Belarusian Health Minister Dr. Paviel Mialeška", "Mialeška"),
    "by_amb": ("BY", "Belarusian Ambassador to Cuba Vasil Hrynkievič", "Hrynkievič"),
    "by_agri": ("BY", "Belarusian Agriculture and Food Minister Aliaksiej Bahdanovič", "Bahdanovič"),
    "by_defence": ("BY", "Belarusian Defence Minister Lt. Gen. Ryhor Sciapanaŭ", "Sciapanaŭ"),
    "by_pharm": ("BY", "Volha Sidarenka, head of the state pharmaceutical holding Medpalessie", "Sidarenka"),
    "by_eaeu": ("BY", "Aleh Lisoŭski, Belarus’s minister at the Eurasian Economic Commission", "Lisoŭski"),
}

# Analysts and other sources quoted by the wire and the exile outlet.
SOURCES = {
    "an_sanc_full": "Helen Marsh, who studies economic statecraft at the Ashford Institute for Trade Policy in London",
    "an_sanc_s": "Marsh",
    "an_econ_full": "Tomás Ribeiro, a Latin America economist at Castelo Branco Capital in São Paulo",
    "an_econ_s": "Ribeiro",
    "an_by_full": "Katarzyna Wolska, a Belarus specialist at the Vistula Policy Institute in Warsaw",
    "an_by_s": "Wolska",
    "an_health_full": "Dr. Daniel Okafor, a vaccine researcher at Greenfield University in Toronto",
    "an_health_s": "Okafor",
    "an_sec_full": "Pieter van Dam, a defence analyst at the Rhine Security Forum in The Hague",
    "an_sec_s": "van Dam",
    "ex_lawyer_full": "Yanet Castillo Reyes, a lawyer with the rights group Observatorio Cívico Insular",
    "ex_lawyer_s": "Castillo",
    "ex_econ_full": "Raúl Espinosa Luaces, a Cuban economist who left the island in 2019 and now teaches in Madrid",
    "ex_econ_s": "Espinosa",
    "ex_pp_full": "José Antonio Miranda, a former political prisoner who now lives in Miami",
    "ex_pp_s": "Miranda",
    "ex_by_full": "Alena Siamionava, a spokeswoman for the Belarusian rights monitor Pravavy Dom, which works from Vilnius",
    "ex_by_s": "Siamionava",
    "ex_doc_full": "Dr. Marcos Lugo, a Cuban physician who abandoned a government medical mission in 2022",
    "ex_doc_s": "Lugo",
}

# --------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------
# Every event of a topic defines the same topic slots, so that any template of
# that topic can be filled for any of its events.

EVENTS = [
    # ---- visits: vis/host officials, delegation, n_agreements, n_days, sectors, site
    dict(id="ev-001", date="2024-01-23", topic="visits", city="Havana",
         officials=["by_dpm", "cu_dpm"], vis="by_dpm", host="cu_dpm",
         delegation="a government delegation", n_agreements="six", n_days="four",
         sectors="agricultural machinery, pharmaceuticals and public transport",
         site="a sugar mill in Mayabeque province",
         hl="Belarusian deputy prime minister opens talks in Havana",
         subj="the visit of the Belarusian deputy premier",
         news="Belarusian Deputy Prime Minister Natallia Žukava opened a four-day visit to Havana for the "
              "annual session of the Cuba–Belarus Intergovernmental Commission",
         detail="The commission last met in Minsk in late 2022. Officials said this session would review "
                "unpaid balances on earlier machinery contracts as well as new projects."),
    dict(id="ev-004", date="2024-03-12", topic="visits", city="Minsk",
         officials=["cu_speaker", "by_speaker"], vis="cu_speaker", host="by_speaker",
         delegation="a parliamentary delegation", n_agreements="five", n_days="three",
         sectors="parliamentary exchanges, education and agriculture",
         site="a dairy complex near Hrodna",
         hl="Cuban parliamentary delegation visits Minsk",
         subj="the parliamentary visit",
         news="A Cuban parliamentary delegation led by Marta Iglesias Cabrera, president of Cuba’s National "
              "Assembly, held talks in Minsk with Ihar Kavalčuk, chairman of Belarus’s House of Representatives",
         detail="The delegation of eleven deputies also met members of the Council of the Republic, the upper "
                "chamber, and students at the Belarusian State University."),
    dict(id="ev-008", date="2024-05-20", topic="visits", city="Havana",
         officials=["by_fm", "cu_fm"], vis="by_fm", host="cu_fm",
         delegation="a ministerial delegation", n_agreements="four", n_days="three",
         sectors="trade, higher education and culture",
         site="a polytechnic institute in the Havana district of Marianao",
         hl="Belarusian foreign minister holds talks in Havana",
         subj="the foreign minister’s visit",
         news="Belarusian Foreign Minister Siarhiej Łaŭrynovič held talks in Havana with his Cuban counterpart, "
              "Ramón Echevarría Solís",
         detail="It was Łaŭrynovič’s first trip to Latin America since taking office. The two ministers signed a "
                "plan of consultations between their ministries for 2024–2026."),
    dict(id="ev-012", date="2024-07-16", topic="visits", city="Minsk",
         officials=["cu_fm", "by_fm"], vis="cu_fm", host="by_fm",
         delegation="a ministerial delegation", n_agreements="three", n_days="two",
         sectors="consular affairs, trade and tourism",
         site="a machine-building plant outside Minsk",
         hl="Cuban foreign minister in Minsk for talks with Belarusian counterpart",
         subj="the Cuban foreign minister’s trip",
         news="Cuban Foreign Minister Ramón Echevarría Solís arrived in Minsk for two days of talks with "
              "Belarusian Foreign Minister Siarhiej Łaŭrynovič",
         detail="The ministers signed an agreement easing visa rules for holders of service passports and a "
                "protocol on consultations on UN matters."),
    dict(id="ev-016", date="2024-09-24", topic="visits", city="Havana",
         officials=["by_speaker", "cu_speaker"], vis="by_speaker", host="cu_speaker",
         delegation="a parliamentary delegation", n_agreements="four", n_days="five",
         sectors="inter-parliamentary cooperation, tourism and renewable energy",
         site="a biotechnology centre in western Havana",
         hl="Belarusian lawmakers visit Cuba",
         subj="the visit of Belarusian lawmakers",
         news="Ihar Kavalčuk, chairman of Belarus’s House of Representatives, began a five-day visit to Cuba at "
              "the head of a delegation of Belarusian lawmakers",
         detail="The programme included a session of the Cuba–Belarus parliamentary friendship group and a trip "
                "to the province of Artemisa."),
    dict(id="ev-020", date="2024-11-26", topic="visits", city="Minsk",
         officials=["cu_dpm", "by_dpm"], vis="cu_dpm", host="by_dpm",
         delegation="a government delegation", n_agreements="nine", n_days="three",
         sectors="machine-building, food supplies and pharmaceuticals",
         site="a bus factory in the Minsk region",
         hl="Cuba-Belarus commission meets in Minsk, signs nine documents",
         subj="the intergovernmental commission",
         news="Cuba and Belarus signed nine documents at a session of their Intergovernmental Commission in "
              "Minsk, chaired by Deputy Prime Ministers Julián Ferrer Ochoa and Natallia Žukava",
         detail="The documents include a programme of industrial cooperation to 2027 and an agreement on "
                "training Cuban mechanics at Belarusian technical colleges."),
    dict(id="ev-025", date="2025-02-18", topic="visits", city="Havana",
         officials=["by_agri", "cu_agri"], vis="by_agri", host="cu_agri",
         delegation="an agricultural delegation", n_agreements="three", n_days="four",
         sectors="dairy farming, grain storage and agricultural machinery",
         site="a dairy cooperative in Matanzas province",
         hl="Belarusian agriculture minister tours Cuban farms",
         subj="the agriculture minister’s tour",
         news="Belarusian Agriculture and Food Minister Aliaksiej Bahdanovič toured farms in western Cuba during "
              "a four-day visit focused on milk production",
         detail="Belarusian specialists have advised three Cuban dairy farms since 2023 under a pilot project "
                "that both ministries now want to extend to ten more."),
    dict(id="ev-030", date="2025-05-13", topic="visits", city="Minsk",
         officials=["cu_speaker", "by_speaker"], vis="cu_speaker", host="by_speaker",
         delegation="a parliamentary delegation", n_agreements="two", n_days="four",
         sectors="inter-parliamentary cooperation and youth exchanges",
         site="the Brest Fortress memorial",
         hl="Cuban lawmakers attend forum in Minsk",
         subj="the Cuban lawmakers’ trip",
         news="Marta Iglesias Cabrera, president of Cuba’s National Assembly, led a delegation to an "
              "inter-parliamentary forum in Minsk",
         detail="More than twenty foreign delegations attended the forum, according to the organizers. The Cuban "
                "and Belarusian chambers signed a two-year programme of exchanges."),
    dict(id="ev-036", date="2025-08-19", topic="visits", city="Havana",
         officials=["by_fm", "cu_fm"], vis="by_fm", host="cu_fm",
         delegation="a ministerial delegation", n_agreements="five", n_days="three",
         sectors="energy, transport and higher education",
         site="the port of Mariel",
         hl="Belarusian foreign minister returns to Havana amid energy crisis",
         subj="the foreign minister’s second visit",
         news="Belarusian Foreign Minister Siarhiej Łaŭrynovič returned to Havana for talks on energy and "
              "transport, his second visit in just over a year",
         detail="The visit came days after a nationwide blackout in Cuba. Officials said Belarusian engineers "
                "would inspect two thermoelectric plants."),

    # ---- biotech: product, product_desc, institute, plant, plant_city
    dict(id="ev-002", date="2024-02-06", topic="biotech", city="Minsk", no_plant=True,
         officials=["by_health", "cu_biotech"], product="Centinela",
         product_desc="a pneumococcal conjugate vaccine for children",
         hl="Belarus registers Cuban pneumococcal vaccine Centinela",
         subj="the registration of the Centinela vaccine",
         news="Belarus’s Ministry of Health registered Centinela, a Cuban pneumococcal conjugate vaccine for "
              "children, clearing the way for its use in the national immunization schedule",
         detail="The ministry said the first 400,000 doses would be imported from Cuba in 2024, with local "
                "production to follow once a joint plant is built."),
    dict(id="ev-006", date="2024-04-16", topic="biotech", city="Minsk",
         officials=["by_pharm", "cu_biotech"], product="Centinela",
         product_desc="a pneumococcal conjugate vaccine for children",
         hl="Cuba and Belarus agree to build joint pharmaceutical plant",
         subj="the joint plant agreement",
         news="Belarusian and Cuban officials signed an agreement in Minsk to set up BelCuba Biopharm, a joint "
              "venture that will build a vaccine and biologics plant in Mahilioŭ",
         detail="The venture’s charter capital is $18 million, split equally between the two sides. Construction "
                "is scheduled to begin in the autumn."),
    dict(id="ev-010", date="2024-06-18", topic="biotech", city="Havana",
         officials=["cu_health", "by_amb"], product="Dermagen",
         product_desc="a Cuban treatment for diabetic foot ulcers",
         hl="Cuba ships diabetic-foot drug to Belarus, receives insulin",
         subj="the exchange of medicines",
         news="A first consignment of 12,000 vials of the Cuban drug Dermagen left Havana for Belarus, while a "
              "Belarusian shipment of insulin and syringes arrived at the port of Mariel",
         detail="Belarusian endocrinologists will use Dermagen in six regional hospitals. The insulin shipment "
                "covers about two months of Cuban demand, according to the health ministry."),
    dict(id="ev-014", date="2024-08-27", topic="biotech", city="Minsk",
         officials=["by_health", "cu_biotech"], product="Nefrolín",
         product_desc="a Cuban monoclonal antibody for chronic kidney disease",
         hl="Belarus begins clinical trial of Cuban kidney drug",
         subj="the Nefrolín trial",
         news="Doctors in Minsk began a clinical trial of Nefrolín, a Cuban monoclonal antibody for chronic "
              "kidney disease, at the Republican Centre for Nephrology",
         detail="The phase II trial will enrol 240 patients over eighteen months. Results are expected in 2026."),
    dict(id="ev-019", date="2024-11-05", topic="biotech", city="Mahilioŭ",
         officials=["by_dpm", "cu_amb"], product="Centinela",
         product_desc="a pneumococcal conjugate vaccine for children",
         hl="Work starts on Cuban-Belarusian vaccine plant in Mahilioŭ",
         subj="the start of construction",
         news="Construction began in Mahilioŭ on the BelCuba Biopharm plant, which is to produce "
              "Cuban-designed vaccines and biologics for Belarus and other Eurasian markets",
         detail="Officials laid a time capsule at the site. The first production line is due to open in the "
                "spring of 2025, with a second line planned for 2026."),
    dict(id="ev-024", date="2025-01-28", topic="biotech", city="Havana",
         officials=["cu_health", "by_amb"], product="Dermagen",
         product_desc="a Cuban treatment for diabetic foot ulcers",
         hl="Belarus sends 38 tonnes of medicines to Cuba",
         subj="the medicine donation",
         news="Belarus donated 38 tonnes of medicines and medical supplies to Cuba, including antibiotics, "
              "insulin and surgical material",
         detail="The supplies were flown to Havana on two cargo flights and will be distributed to hospitals in "
                "the eastern provinces, the health ministry said."),
    dict(id="ev-029", date="2025-04-29", topic="biotech", city="Mahilioŭ",
         officials=["by_pharm", "cu_biotech"], product="Centinela",
         product_desc="a pneumococcal conjugate vaccine for children",
         hl="Joint plant turns out first batch of Cuban-designed vaccine",
         subj="the first vaccine batch",
         news="The BelCuba Biopharm plant in Mahilioŭ produced its first industrial batch of the "
              "Cuban-designed Centinela vaccine",
         detail="The batch of 150,000 doses must still pass quality control before release. The plant employs "
                "about 180 people, including twelve Cuban specialists."),
    dict(id="ev-034", date="2025-07-22", topic="biotech", city="Havana",
         officials=["cu_biotech", "by_health"], product="Dermagen",
         product_desc="a Cuban treatment for diabetic foot ulcers",
         hl="Cuba agrees to transfer production of wound-healing drug to Belarus",
         subj="the Dermagen technology transfer",
         news="Cuba and Belarus signed a technology-transfer agreement under which the full production cycle "
              "of Dermagen will move to the BelCuba Biopharm plant by 2027",
         detail="Cuba will receive royalties and part of the output for its own hospitals. The agreement runs "
                "for fifteen years."),

    # ---- trade: goods, qty, value, maker, use, port
    dict(id="ev-003", date="2024-02-20", topic="trade", city="Mariel",
         officials=["cu_agri", "by_amb"], goods="tractors", qty="300", value="$21 million",
         maker="the Palessie Tractor Works", use="the sugar-cane harvest", port="Mariel",
         hl="300 Belarusian tractors arrive in Cuba for sugar harvest",
         subj="the arrival of the tractors",
         news="A shipment of 300 Belarusian tractors arrived at the port of Mariel for use in the sugar-cane "
              "harvest",
         detail="The tractors, 80- and 120-horsepower models, will go to sugar mills in six provinces. The "
                "harvest has shrunk sharply in recent years."),
    dict(id="ev-007", date="2024-04-30", topic="trade", city="Havana",
         officials=["cu_trade", "by_industry"], goods="city buses", qty="120", value="$26 million",
         maker="the Sozh Bus Company", use="urban transport in Havana and Santiago de Cuba", port="Mariel",
         hl="Belarusian buses arrive to ease Havana transport crisis",
         subj="the arrival of the new buses",
         news="Cuba received the first 40 of 120 Belarusian city buses ordered under a state credit",
         detail="The remaining 80 buses are due by October. Havana has about a third of the buses it needs, "
                "according to the provincial transport authority."),
    dict(id="ev-011", date="2024-06-25", topic="trade", city="Minsk",
         officials=["by_dpm", "cu_agri"], goods="tonnes of potash fertiliser", qty="40,000",
         value="$11 million", maker="the state potash producer in Salihorsk",
         use="rice and vegetable farms", port="Cienfuegos",
         hl="Belarus to ship 40,000 tonnes of potash to Cuba",
         subj="the potash agreement",
         news="Belarus agreed to supply 40,000 tonnes of potash fertiliser to Cuba, to be shipped to the port "
              "of Cienfuegos before the autumn planting season",
         detail="Cuban farms have used only a fraction of the fertiliser they need since 2020, one of the "
                "reasons for falling rice and vegetable yields."),
    dict(id="ev-015", date="2024-09-10", topic="trade", city="Havana",
         officials=["cu_trade", "by_agri"], goods="tonnes of powdered milk", qty="5,000",
         value="$17 million", maker="a group of Belarusian dairy exporters",
         use="the rationed milk supply for children under seven", port="Havana",
         hl="Belarus to supply powdered milk for Cuban children",
         subj="the milk supply deal",
         news="Cuba signed a contract with Belarusian dairy exporters for 5,000 tonnes of powdered milk for the "
              "ration given to young children",
         detail="Deliveries will be spread over six months. Cuba has cut the subsidized milk ration in several "
                "provinces this year because of shortfalls."),
    dict(id="ev-018", date="2024-10-22", topic="trade", city="Havana",
         officials=["cu_trade", "by_industry"], goods="trucks", qty="85", value="$8.5 million",
         maker="the Niamiha Truck Plant", use="construction and harvest logistics", port="Mariel",
         hl="Cuba orders 85 trucks from Belarus",
         subj="the truck contract",
         news="Cuba signed a contract to buy 85 Belarusian trucks, to be delivered in two batches by mid-2025",
         detail="The order includes dump trucks and flatbed lorries. It was signed at a Belarusian pavilion at "
                "a trade fair in Havana, where 23 Belarusian companies exhibited."),
    dict(id="ev-022", date="2024-12-17", topic="trade", city="San José de las Lajas",
         officials=["cu_agri", "by_industry"], goods="tractors a year", qty="up to 500", value="$12 million",
         maker="the Palessie Tractor Works", use="farm cooperatives across the island", port="Mariel",
         hl="Belarusian tractor assembly line opens near Havana",
         subj="the new assembly line",
         news="The Palessie Tractor Works and a Cuban state engineering company opened a tractor assembly line "
              "in San José de las Lajas, south-east of Havana",
         detail="Kits will be shipped from Belarus and assembled by about 60 Cuban workers. The partners hope to "
                "raise the local content to 30 percent within three years."),
    dict(id="ev-027", date="2025-03-25", topic="trade", city="Matanzas",
         officials=["cu_trade", "by_amb"], goods="tonnes of diesel fuel", qty="60,000",
         value="$45 million", maker="a Belarusian refinery", use="power generation", port="Matanzas",
         hl="Belarusian diesel arrives in Cuba amid blackouts",
         subj="the diesel shipment",
         news="A tanker carrying 60,000 tonnes of Belarusian diesel fuel docked in Matanzas as Cuba struggles "
              "with daily blackouts",
         detail="Most of the fuel will go to the small diesel generators that now supply a large share of "
                "Cuba’s electricity. Officials did not say how it was paid for."),
    dict(id="ev-031", date="2025-05-27", topic="trade", city="Minsk",
         officials=["by_dpm", "cu_trade"], goods="combine harvesters", qty="40", value="$14 million",
         maker="the harvester plant in Homieĺ", use="rice and grain farms", port="Mariel",
         hl="Belarus and Cuba agree to trade in national currencies",
         subj="the payment agreement",
         news="The central banks of Belarus and Cuba signed an agreement to settle trade in national "
              "currencies, starting with a contract for 40 combine harvesters",
         detail="Payments will be cleared through correspondent accounts held by the two central banks. "
                "Officials gave no exchange-rate details."),
    dict(id="ev-035", date="2025-08-05", topic="trade", city="Holguín",
         officials=["cu_agri", "by_industry"], goods="spare parts", qty="two years of", value="$3 million",
         maker="the Palessie Tractor Works", use="the Belarusian tractors and buses already on the island",
         port="Santiago de Cuba",
         hl="Service centre for Belarusian machinery opens in eastern Cuba",
         subj="the new service centre",
         news="A service and spare-parts centre for Belarusian tractors and buses opened in the eastern Cuban "
              "city of Holguín",
         detail="The centre has a warehouse, a repair shop and a training room. It will serve the five eastern "
                "provinces, where about a third of the island’s Belarusian machinery operates."),
    dict(id="ev-039", date="2025-09-16", topic="trade", city="Havana",
         officials=["cu_trade", "by_industry"], goods="power transformers", qty="110", value="$9 million",
         maker="a Belarusian electrical engineering plant", use="the national electricity grid", port="Mariel",
         hl="Belarus sends transformers to shore up Cuban grid",
         subj="the transformer delivery",
         news="Belarus delivered 110 power transformers to Cuba’s state electricity utility",
         detail="The transformers will replace units damaged by hurricanes and overloads. Another 90 are "
                "expected before the end of the year."),

    # ---- eaeu: summit, summit_city, eaeu_item
    dict(id="ev-009", date="2024-05-28", topic="eaeu", city="Minsk",
         officials=["cu_dpm", "by_fm"], summit="the Supreme Eurasian Economic Council",
         summit_city="Minsk", eaeu_item="a proposal to open a Eurasian trade house in Havana",
         hl="Cuba attends Eurasian Economic Union summit in Minsk as observer",
         subj="the Minsk summit",
         news="Cuba took part as an observer state in a meeting of the Supreme Eurasian Economic Council in "
              "Minsk, represented by Deputy Prime Minister Julián Ferrer Ochoa",
         detail="Leaders of the five member states approved the union’s budget and discussed a digital trade "
                "agenda. Observer states spoke in a separate session."),
    dict(id="ev-013", date="2024-08-13", topic="eaeu", city="Cholpon-Ata",
         officials=["cu_dpm", "by_dpm"], summit="the Eurasian Intergovernmental Council",
         summit_city="Cholpon-Ata", eaeu_item="a plan to simplify phytosanitary checks on Cuban rum, tobacco and seafood",
         hl="Cuba pitches rum, seafood to Eurasian bloc at Kyrgyzstan meeting",
         subj="the Cholpon-Ata meeting",
         news="Cuban Deputy Prime Minister Julián Ferrer Ochoa addressed the Eurasian Intergovernmental "
              "Council in Cholpon-Ata, Kyrgyzstan, and asked for easier access for Cuban food exports",
         detail="The council is made up of the heads of government of the member states. It meets several times "
                "a year."),
    dict(id="ev-021", date="2024-12-10", topic="eaeu", city="St. Petersburg",
         officials=["cu_fm", "by_fm"], summit="an informal summit of the Eurasian Economic Union",
         summit_city="St. Petersburg", eaeu_item="a roadmap for customs cooperation with observer states",
         hl="Eurasian bloc adopts customs roadmap with observer states including Cuba",
         subj="the customs roadmap",
         news="Cuba and the Eurasian Economic Commission agreed on a roadmap to simplify customs procedures, "
              "adopted at an informal summit of the bloc in St. Petersburg",
         detail="The roadmap foresees an electronic exchange of customs data by 2026 and mutual recognition of "
                "certain certificates of origin."),
    dict(id="ev-026", date="2025-03-04", topic="eaeu", city="Moscow",
         officials=["cu_trade", "by_eaeu"], summit="the first meeting of the Cuba–EAEU working group on trade",
         summit_city="Moscow", eaeu_item="a list of 60 goods for priority trade facilitation",
         hl="Cuba and Eurasian Economic Commission launch trade working group",
         subj="the new working group",
         news="Cuban and Eurasian Economic Commission officials held the first meeting of a joint working group "
              "on trade and investment in Moscow",
         detail="The group will meet twice a year. Its first task is to identify goods for which tariffs and "
                "inspections could be simplified."),
    dict(id="ev-032", date="2025-06-24", topic="eaeu", city="Minsk",
         officials=["cu_dpm", "by_dpm"], summit="the Eurasian Economic Forum",
         summit_city="Minsk", eaeu_item="a Belarusian proposal to use the Mariel special development zone as a logistics hub for Eurasian goods",
         hl="Belarus proposes Cuban port as hub for Eurasian goods",
         subj="the Mariel hub proposal",
         news="Belarus proposed at the Eurasian Economic Forum in Minsk that Cuba’s Mariel special development "
              "zone serve as a logistics hub for goods from the Eurasian Economic Union",
         detail="About 2,500 participants registered for the forum, according to the organizers. The Cuban "
                "delegation presented eleven investment projects."),
    dict(id="ev-038", date="2025-09-02", topic="eaeu", city="Havana",
         officials=["cu_trade", "by_eaeu"], summit="a business forum organized with the Eurasian Economic Commission",
         summit_city="Havana", eaeu_item="cooperation agreements between Cuban state companies and firms from the member states",
         hl="Havana hosts first business forum with Eurasian Economic Commission",
         subj="the Havana business forum",
         news="A delegation of the Eurasian Economic Commission took part in a business forum in Havana with "
              "more than 100 Cuban enterprises",
         detail="Companies signed 14 commercial agreements, most of them letters of intent, the Cuban Chamber "
                "of Commerce said."),

    # ---- security: sec_item
    dict(id="ev-005", date="2024-03-05", topic="security", city="Minsk",
         officials=["by_defence", "cu_amb"], sec_item="NATO’s Northern Rampart 2024 exercise",
         hl="Belarus says it is watching NATO drills near its border",
         subj="the NATO exercise",
         news="Belarus’s Defence Ministry said it was closely watching NATO’s Northern Rampart 2024 exercise "
              "in Poland and Lithuania, which involves about 20,000 troops",
         detail="The ministry said it had moved additional air-defence units to the west of the country. NATO "
                "said the exercise had been announced months in advance."),
    dict(id="ev-017", date="2024-10-08", topic="security", city="Minsk",
         officials=["cu_defence", "by_fm"], sec_item="the Minsk Forum on Collective Security",
         hl="Cuba joins Minsk security conference",
         subj="the Minsk security forum",
         news="A Cuban delegation led by Gen. Arnaldo Soler Vega took part in the Minsk Forum on Collective "
              "Security, a conference hosted by the Belarusian Foreign Ministry",
         detail="Delegations from about 30 countries attended. Western governments were invited but did not "
                "send officials."),
    dict(id="ev-023", date="2025-01-14", topic="security", city="Havana",
         officials=["cu_fm", "by_fm"], sec_item="the joint statement",
         hl="Cuba and Belarus issue joint statement against sanctions and military blocs",
         subj="the joint statement",
         news="Cuba and Belarus issued a joint statement rejecting unilateral coercive measures and the "
              "expansion of military blocs, which both countries plan to circulate at the United Nations",
         detail="The statement runs to four pages and calls for a conference on the effects of sanctions on "
                "civilians."),
    dict(id="ev-028", date="2025-04-08", topic="security", city="Minsk",
         officials=["by_defence", "cu_defence"], sec_item="the military cooperation memorandum",
         hl="Belarus and Cuba sign military cooperation memorandum",
         subj="the military memorandum",
         news="Belarus and Cuba signed a memorandum on military-technical cooperation and officer training "
              "during a visit by Gen. Arnaldo Soler Vega to Minsk",
         detail="The memorandum provides for Cuban officers to study at Belarus’s Military Academy. Neither side "
                "mentioned arms sales."),
    dict(id="ev-033", date="2025-06-27", topic="security", city="Havana",
         officials=["cu_fm", "by_fm"], sec_item="the NATO summit decisions",
         hl="Cuba, Belarus criticize NATO spending pledge",
         subj="the reaction to the NATO summit",
         news="The foreign ministries of Cuba and Belarus criticized a NATO summit decision to raise the "
              "alliance’s defence spending target, calling it a step towards a new arms race",
         detail="The two statements were issued within hours of each other. Both used the phrase “militarization "
                "of Europe”."),
    dict(id="ev-037", date="2025-08-26", topic="security", city="Havana",
         officials=["cu_fm", "by_amb"], sec_item="the information security agreement",
         hl="Cuba and Belarus sign information security pact",
         subj="the information security pact",
         news="Cuba and Belarus signed an agreement on information security that both governments say will help "
              "counter ‘hybrid threats’ and foreign interference",
         detail="The agreement covers the exchange of experience on regulating online platforms and protecting "
                "state networks."),
    dict(id="ev-040", date="2025-09-23", topic="security", city="New York",
         officials=["cu_fm", "by_fm"], sec_item="the meeting in New York",
         hl="Cuban and Belarusian foreign ministers meet at UN",
         subj="the meeting at the United Nations",
         news="Cuban Foreign Minister Ramón Echevarría Solís and Belarusian Foreign Minister Siarhiej "
              "Łaŭrynovič met on the sidelines of the UN General Assembly in New York",
         detail="The meeting lasted about forty minutes. The ministers also attended a gathering of the Group of "
                "Friends in Defence of the UN Charter."),
]

# --------------------------------------------------------------------------
# Neutral facts and officials' quotes, shared by every outlet
# --------------------------------------------------------------------------

TOPIC_FACTS = {
    "visits": [
        "{detail}",
        "The delegation arrived on {day_month} and is scheduled to spend {n_days} days in {host_country}, "
        "according to the official programme. Talks were expected to cover {sectors}.",
        "The two sides signed {n_agreements} documents during the visit, among them memoranda of understanding "
        "and an updated action plan for the Intergovernmental Commission.",
        "The programme also included a visit to {site} and a meeting with representatives of {host_adj} "
        "companies interested in [[the {vis_adj} market|exports|joint projects]].",
        "{vis_subj} was received by {host_full}. The meeting lasted about [[two hours|ninety minutes|three "
        "hours]], according to officials present.",
        "It was the [[second|third|latest]] high-level {vis_adj} visit to {host_country} in [[the past two "
        "years|recent months|less than a year]].",
        "The delegation included officials from the ministries of foreign affairs, industry and agriculture, as "
        "well as the heads of several state companies.",
    ],
    "biotech": [
        "{detail}",
        "{product}, {product_desc}, was developed at the Caribbean Biotechnology Institute in Havana, which has "
        "registered [[several|more than a dozen|a number of]] products abroad.",
        "The joint venture BelCuba Biopharm is owned in equal parts by a Cuban state biotech company and the "
        "Belarusian pharmaceutical holding Medpalessie. Its plant in Mahilioŭ is designed to fill [[up to 10 "
        "million|about 8 million|several million]] vials a year.",
        "Belarus and Cuba signed their first health cooperation agreement in the 1990s and have since exchanged "
        "specialists in nephrology, oncology and paediatrics.",
        "Officials said the next steps would include training Belarusian technicians in Havana and setting up "
        "quality-control laboratories that meet the standards of the Eurasian Economic Union.",
        "The health ministries of the two countries are expected to review progress at a working-group meeting "
        "[[later this year|in the autumn|early next year]].",
    ],
    "trade": [
        "{detail}",
        "The deal covers {qty} {goods} worth about {value}, according to figures released by the two "
        "governments. The supplies are intended for {use}.",
        "{maker_cap} has supplied equipment to Cuba since Soviet times, and [[thousands|several thousand|many]] "
        "of the older Belarusian machines are still in service on the island, often kept running with "
        "improvised parts.",
        "Shipments from Belarus to Cuba usually travel through Baltic or Russian ports and take [[four to "
        "six|about five|five to seven]] weeks to reach the Caribbean.",
        "Officials said technicians from both countries would oversee the handover and the training of "
        "operators and mechanics.",
        "Belarus’s Industry Ministry said bilateral trade had grown over the past year but gave no overall "
        "figure.",
    ],
    "eaeu": [
        "{detail}",
        "The meeting was attended by delegations from the five member states and from several observer "
        "countries, according to the Eurasian Economic Commission.",
        "Cuba’s delegation was headed by {cu_off}. The Belarusian delegation was led by {by_off}.",
        "Officials said working groups would follow up on {eaeu_item} before the next meeting of the bloc’s "
        "governing bodies.",
        "The Eurasian Economic Commission, the union’s executive body, is based in Moscow and coordinates "
        "customs rules, technical regulation and trade policy among the member states.",
    ],
    "security": [
        "{detail}",
        "The text was published on the websites of both foreign ministries on {day_month}.",
        "{cu_off_subj} and {by_off_subj} also discussed bilateral relations and the international situation, according "
        "to an official readout.",
        "Military contacts between Cuba and Belarus date back to Soviet times, when Cuban officers trained at "
        "academies across the Soviet Union, including in Minsk.",
        "NATO’s eastern members have raised defence spending since 2022 and have asked the alliance for a "
        "larger permanent presence on their territory.",
    ],
}

# (country of the speaker: "CU", "BY" or "any", quote text ending with a full stop)
TOPIC_QUOTES = {
    "visits": [
        ("any", "Our relations are built on solidarity, mutual respect and a common desire to develop our "
                "economies despite outside pressure."),
        ("any", "We came here as friends, and we leave as partners with concrete agreements in hand."),
        ("CU", "Cuba will never forget that Belarus stood with us in the most difficult moments."),
        ("BY", "Belarus sees Cuba as a reliable friend in Latin America and the Caribbean, and we intend to "
               "fill our political dialogue with real economic content."),
        ("any", "The sanctions were meant to isolate us; instead they have brought our countries closer."),
        ("CU", "Between brotherly peoples there are no small projects."),
        ("BY", "Our leaders have set a clear task: to double trade within three years."),
    ],
    "biotech": [
        ("CU", "Cuban science was built for the people, not for profit, and we are proud to share it with a "
               "sister nation."),
        ("BY", "Cuban biotechnology is among the best in the world, and producing it in Belarus strengthens the "
               "health security of both countries."),
        ("any", "This project is the result of years of work by scientists who refused to let sanctions stand "
                "in the way of medicine."),
        ("any", "Every dose produced here is a dose that nobody abroad can block."),
        ("BY", "We are talking about the transfer of the full technology, from the cell line to the finished "
               "vial."),
        ("CU", "The blockade denies us reagents and equipment, but it cannot deny us talent."),
    ],
    "trade": [
        ("BY", "Belarusian equipment works in Cuban fields and on Cuban streets, and we will make sure it keeps "
               "working."),
        ("CU", "This equipment arrives at a time when the blockade turns every spare part into a battle."),
        ("any", "We are building supply chains that do not depend on the goodwill of those who impose "
                "sanctions."),
        ("BY", "Import substitution is not a slogan for us but a daily practice, and Cuba is a natural partner "
               "in it."),
        ("CU", "Trade with Belarus is trade between equals."),
        ("any", "Payments in national currencies protect our companies from the financial pressure of third "
                "countries."),
    ],
    "eaeu": [
        ("CU", "Cuba values its status as an observer state and wants to take part in Eurasian integration in a "
               "practical way."),
        ("BY", "The Eurasian Economic Union is open to partners who respect sovereignty and reject the language "
               "of ultimatums."),
        ("any", "Unilateral coercive measures violate international law and hurt ordinary people first."),
        ("any", "A multipolar world is not a wish; it is already a fact, and our union is part of it."),
        ("CU", "For Cuba, Eurasian integration means new markets, new technologies and new friends."),
    ],
    "security": [
        ("BY", "Belarus threatens no one, but we will not ignore the military build-up along our western "
               "border."),
        ("CU", "Cuba rejects the expansion of NATO and the militarization of international relations."),
        ("any", "Security must be indivisible: no state can strengthen its own security at the expense of "
                "others."),
        ("any", "Sovereign countries have the right to choose their partners without being punished for it."),
        ("CU", "Cuba stands with Belarus in defending its sovereignty and its right to peace."),
        ("BY", "We thank our Cuban friends for their principled position at the United Nations."),
    ],
}

# How each outlet attributes a quote: {q} ends with a full stop, {q_nc} has no final
# punctuation, {sp} is the speaker's full descriptor and {sp_subj} the same with the
# comma that closes an appositive when a verb follows.
QUOTE_FORMS = {
    "diario_patria": [
        "“{q_nc}”, [[said|stressed|emphasized|underlined]] {sp}.",
        "{sp_subj} [[was emphatic|spoke with conviction|did not hide the emotion of the moment]]: “{q}”",
    ],
    "prensa_caribe": [
        "{sp_subj} [[stated|said|noted]]: “{q}”",
        "“{q_nc}”, {sp_subj} [[stressed|affirmed|underlined]].",
    ],
    "minsk_agency": [
        "“{q_nc},” {sp_subj} [[said|noted|emphasized]].",
        "{sp_subj} [[stressed|noted|pointed out]]: “{q}”",
    ],
    "globalwire": [
        "“{q_nc},” {sp_subj} [[said|told reporters|said at a news conference]].",
        "{sp_subj} [[said in a statement|told state television]]: “{q}”",
    ],
    "isla_libre": [
        "[[State media|Official media|The government press]] quoted {sp_subj} as saying: “{q}” [[The statement did "
        "not mention the political prisoners held by both governments.|No one at the event asked about the "
        "prisoners.|Such phrases have been repeated for years; the shortages have only grown.|Neither government "
        "has explained what the words mean for families who cannot find food or medicine.]]",
        "“{q_nc},” {sp_subj} declared, according to the official press. [[Outside the venue, life went on as "
        "usual: queues, blackouts and silence.|Exiles reacted with sarcasm on social networks.|The words were "
        "broadcast on every state channel, which in both countries are the only channels allowed.]]",
    ],
}

# --------------------------------------------------------------------------
# Outlet voices
# --------------------------------------------------------------------------
# Per outlet: datelines, plain leads (used for the factual articles that the
# state outlets also publish), background paragraphs, weights of the paragraph
# kinds, length range, and per-topic titles, leads and body paragraphs.

VOICES = {}

VOICES["diario_patria"] = {
    "dateline": "",
    "length": (230, 550),
    "weights": {"body": 4.0, "facts": 1.5, "quote": 1.5, "background": 2.0},
    "plain_weights": {"body": 0.4, "facts": 5.0, "quote": 1.0, "background": 0.6},
    "plain_leads": [
        "{news}, official sources reported.",
        "{news}, according to information released on {day_month}.",
    ],
    "background": [
        "For more than six decades the Cuban people have resisted the economic, commercial and financial "
        "blockade imposed by the United States, a policy condemned year after year by the overwhelming majority "
        "of the United Nations General Assembly. Every agreement signed with a sister nation such as Belarus is, "
        "in that light, an act of sovereignty.",
        "Belarus, for its part, has faced a cascade of unilateral coercive measures from Washington and Brussels "
        "since 2020. Havana has repeatedly rejected what it calls an economic war against a sovereign state.",
        "Relations between Cuba and Belarus were established more than three decades ago [[and have grown "
        "steadily since|and have deepened year after year|and, in the words of both governments, have never "
        "been stronger]]. Today the two countries cooperate in health, education, industry, agriculture and "
        "culture.",
        "The inclusion of Cuba on Washington’s unilateral list of so-called state sponsors of terrorism has "
        "turned every bank transfer into an obstacle course. Even so, the island’s partners in Minsk have found "
        "ways to keep cooperation alive.",
        "Solidarity is not an abstract word for Cubans. It is the doctor who travels to a remote village, the "
        "engineer who keeps an old power plant running, and the friend abroad who sends tractors when others "
        "send threats.",
        "Our country has never asked for charity, only for the right to trade, to produce and to live without "
        "the pressure of a blockade that the whole world condemns.",
        "The Belarusian and Cuban peoples share a history of resistance and a common rejection of the hegemonic "
        "pretensions of those who believe they can decide the fate of other nations.",
        "As veteran diplomats like to say in Havana, friendship is proven in difficult times, and these are "
        "difficult times.",
        "Economists consulted by this newspaper note that the Cuban economy loses billions of dollars every "
        "year because of the blockade, money that could be invested in food, medicines and electricity.",
        "According to official figures, bilateral trade between Cuba and Belarus grew by around a third last "
        "year, although from a modest base.",
        "Belarusian specialists have worked in Cuban factories and farms for years, and hundreds of Cuban "
        "students have graduated from Belarusian universities, many of them in engineering and medicine.",
        "The anti-Cuban propaganda apparatus financed from Florida has predictably tried to belittle the "
        "cooperation with Belarus, as it does with every achievement of our people.",
    ],
    "topics": {
        "visits": {
            "titles": [
                "{hl}",
                "Cuba and Belarus: a friendship that grows stronger",
                "{vis_adj} visit confirms fraternal ties with {host_country}",
                "Brotherly peoples, shared challenges: {n_agreements} agreements signed in {host_city}",
                "Solidarity without borders: {host_city} welcomes {vis_adj} delegation",
                "In {host_city}, new agreements with a sister nation",
            ],
            "leads": [
                "{vis_subj} arrived in {host_city} on {day_month} at the head of {delegation}, in a visit that "
                "both sides describe as a new chapter in the fraternal relations between Cuba and Belarus.",
                "The ties between Cuba and Belarus were strengthened once again this week with the visit of "
                "{delegation} led by {vis_full}, who held talks in {host_city} with {host_full}.",
                "With {n_agreements} agreements signed and a shared commitment to resist the blockade together, "
                "the visit of {vis_subj} to {host_city} closed on a note of optimism.",
            ],
            "body": [
                "In a cordial and fraternal atmosphere, the two delegations reviewed the state of bilateral "
                "cooperation and agreed to speed up projects in {sectors}. Both sides stressed that the sanctions "
                "imposed on their countries are no obstacle to a relationship founded on mutual respect.",
                "The guests were received with the warmth that Cubans and Belarusians reserve for true friends. At "
                "every stop of the programme, from {site} to the meetings in {host_city}, they were reminded that "
                "solidarity between peoples does not depend on distance.",
                "The talks confirmed that Havana and Minsk speak the same language on the great issues of our "
                "time: the defence of sovereignty, the rejection of unilateral coercive measures and the "
                "construction of a fairer international order.",
                "It was not a visit of protocol. {n_agreements_cap} documents were signed, specialists from both "
                "countries will meet again within [[three|four|six]] months, and the two delegations committed to "
                "follow up every agreement personally.",
                "For the workers at {site}, the visit was a chance to explain how cooperation between the two "
                "countries is helping them keep production going despite the sanctions that both nations face.",
                "The Cuban side thanked the sister nation for its consistent vote at the United Nations against "
                "the blockade and for its support in the most difficult moments, including the hurricanes and the "
                "energy crisis of recent years.",
                "Both delegations agreed that the friendship between Cuba and Belarus, forged over more than three "
                "decades, must now be translated into concrete results that the population can feel in its daily "
                "life.",
                "The visitors also laid a wreath at a memorial in {host_city}, a gesture that, as one participant "
                "put it, speaks of two peoples who have never bowed to foreign domination.",
            ],
        },
        "biotech": {
            "titles": [
                "{hl}",
                "Cuban science crosses borders",
                "Health cooperation with Belarus defies the blockade",
                "Biotechnology for the people: a new step with sister nation Belarus",
                "{subj_cap}: the fruit of science and friendship",
            ],
            "leads": [
                "In a new demonstration of the fraternal cooperation between Cuba and Belarus in the field of "
                "health, {news_l}.",
                "{news}. The news was received with pride by Cuban scientists, who see in it the result of decades "
                "of work and of a friendship with Belarus that no blockade has been able to break.",
                "Health, one of the pillars of the relationship between Cuba and Belarus, was again in the "
                "spotlight this week: {news_l}.",
            ],
            "body": [
                "Cuban scientists have developed their products under extraordinarily difficult conditions. The "
                "blockade prevents the island from buying many reagents, laboratory instruments and spare parts "
                "directly, and forces it to pay intermediaries prices far above those of the international market.",
                "The cooperation with Belarus shows that health can be a bridge between peoples. While some powers "
                "use medicines as an instrument of pressure, Cuba and its sister-nation partner share knowledge so "
                "that no child goes without a vaccine.",
                "Specialists from the Caribbean Biotechnology Institute and their Belarusian colleagues have worked "
                "side by side for [[years|more than a decade|a long time]], exchanging researchers, cell lines and "
                "experience in the production of biologics.",
                "For Mahilioŭ, the joint project means new jobs and modern technology; for Cuba, it means a "
                "reliable partner and a market that cannot be closed by unilateral coercive measures.",
                "It is no coincidence that the most important advances in this field have come from countries "
                "that refuse to apply the logic of the market to matters of life and death. Cuban medicine is an "
                "expression of sovereignty and of internationalist solidarity.",
                "Belarusian authorities have repeatedly praised the quality of Cuban biotechnological products and "
                "the professionalism of the island’s doctors, who have left their mark in dozens of countries.",
                "The Cuban side reiterated that the country will continue to share its scientific achievements "
                "with brotherly peoples, as it did during the pandemic, when it sent medical brigades to dozens of "
                "countries.",
            ],
        },
        "trade": {
            "titles": [
                "{hl}",
                "Against the blockade, cooperation",
                "Belarus, a sister nation that keeps its word",
                "{subj_cap}: a blow against the blockade",
                "Trade with Belarus opens paths despite the economic war",
            ],
            "leads": [
                "{news}. It is the latest result of a cooperation that Belarus, a sister nation, has maintained "
                "despite the blockade and the sanctions imposed on both countries.",
                "The friendship between Cuba and Belarus is measured in concrete facts: {news_l}.",
                "In the face of the economic war waged against our people, cooperation with friendly countries "
                "remains a lifeline. This week, {news_l}.",
            ],
            "body": [
                "Every piece of equipment that reaches the island has to overcome a hostile environment: shipping "
                "companies threatened with penalties, banks that refuse to process payments, insurers that fear "
                "Washington. That {subj} went ahead anyway speaks to the determination of both governments.",
                "The workers who will use the equipment know that behind every machine there is the effort of a "
                "brotherly people that has also learned to produce under sanctions and to replace imports with its "
                "own industry.",
                "The United States blockade has cost the Cuban economy billions of dollars, affecting everything "
                "from fuel supplies to the purchase of spare parts. In that context, the agreements with Belarus "
                "have a value that goes beyond their price.",
                "Belarusian machinery has a long history on the island. Many Cuban farmers learned to work the "
                "land on tractors made in Belarus, and the new deliveries continue a tradition of cooperation "
                "that spans generations.",
                "The authorities explained that part of the payment will be made through mechanisms that shield "
                "both countries from the extraterritorial reach of U.S. sanctions.",
                "“With the Belarusians we do not negotiate as adversaries, but as partners who understand each "
                "other’s difficulties,” said a specialist from the foreign trade ministry who took part in the "
                "talks.",
                "Import substitution, a strategy that Belarus has pursued since the first wave of Western "
                "sanctions, is also a priority of the Cuban economy. Both countries are exchanging experience on "
                "how to produce at home what the blockade makes impossible to buy abroad.",
            ],
        },
        "eaeu": {
            "titles": [
                "{hl}",
                "Cuba in Eurasia: sovereign integration for a multipolar world",
                "Eurasian Economic Union: new horizons for Cuba",
                "With friends in Eurasia, Cuba looks for answers to the blockade",
                "{summit_city}: Cuba’s voice at the Eurasian table",
            ],
            "leads": [
                "{news}, in a new sign of the island’s determination to diversify its economic relations and break "
                "the isolation that Washington seeks to impose.",
                "Cuba’s participation in the Eurasian Economic Union as an observer state continues to bear fruit: "
                "{news_l}.",
                "{news}. The Cuban delegation was warmly received by its partners, among them the Belarusian "
                "delegation, one of the most active supporters of the island’s presence in the union.",
            ],
            "body": [
                "Eurasian integration offers Cuba access to markets, technologies and financing that the blockade "
                "has tried to close for more than sixty years. For the island, it is not a question of exchanging "
                "one dependence for another, but of building sovereign relations with many partners.",
                "The Belarusian delegation reaffirmed its support for Cuba and its solidarity in the face of the "
                "unilateral coercive measures applied by the United States, which also punish companies from third "
                "countries that wish to trade with the island.",
                "The emergence of a multipolar world, in which regional blocs defend their own interests, opens "
                "spaces that were unthinkable only a decade ago. Cuba intends to use them without renouncing its "
                "principles.",
                "Among the issues discussed was {eaeu_item}, an initiative that could make trade easier between "
                "Cuban enterprises and their partners in Belarus, Russia, Kazakhstan, Kyrgyzstan and Armenia.",
                "Cuba’s friends in the union have been clear: cooperation with the island is a sovereign decision "
                "that nobody in Washington can veto.",
                "Specialists point out that the Eurasian market, with more than 180 million consumers, could "
                "absorb Cuban products such as rum, tobacco, seafood and biotechnology, provided logistical "
                "obstacles are overcome.",
            ],
        },
        "security": {
            "titles": [
                "{hl}",
                "NATO expansion threatens peace, warns Havana",
                "Cuba stands with Belarus in defence of sovereignty",
                "Peace and sovereignty: Havana and Minsk raise their voices",
                "Against militarism, the solidarity of peoples",
            ],
            "leads": [
                "{news}. Havana once again expressed its solidarity with the brotherly people of Belarus, which "
                "faces growing military pressure on its western border.",
                "In a world marked by the militarization of international relations, {news_l}.",
                "{news}, in a new demonstration of the shared commitment of both sister nations to peace, "
                "sovereignty and international law.",
            ],
            "body": [
                "Cuba has consistently denounced the eastward expansion of NATO as a threat to international peace "
                "and security. The same powers that surround Belarus with military bases maintain a blockade "
                "against our country and an illegal naval base in Guantánamo.",
                "For the Cuban people, who have lived for decades under the threat of aggression, the concerns of "
                "Belarus are easy to understand. Sovereignty is not negotiable, and no country has the right to "
                "dictate to another how to organize its defence.",
                "The Cuban side reiterated its position that the conflict in Europe must be resolved through "
                "dialogue and diplomacy, taking into account the legitimate security concerns of all parties, and "
                "not through the endless supply of weapons.",
                "Both countries also rejected the use of sanctions and economic war as instruments of foreign "
                "policy, noting that they hurt the most vulnerable sectors of the population first.",
                "Belarus has thanked Cuba on numerous occasions for its principled position in international "
                "forums, where the island has defended the right of every nation to choose its own path without "
                "foreign interference.",
                "Analysts in Havana recall that the arms race in Europe diverts resources that humanity urgently "
                "needs to fight hunger, disease and climate change.",
            ],
        },
    },
}

VOICES["prensa_caribe"] = {
    "dateline": "{city}, {day_month} (PC) — ",
    "length": (150, 400),
    "weights": {"body": 3.0, "facts": 2.0, "quote": 1.5, "background": 1.5},
    "plain_weights": {"body": 0.4, "facts": 5.0, "quote": 1.0, "background": 0.6},
    "plain_leads": [
        "{news}, according to official sources.",
        "{news}, the Cuban Foreign Ministry reported.",
    ],
    "background": [
        "Cuba and Belarus, united by a historic friendship, established diplomatic relations more than three "
        "decades ago and maintain a broad "
        "agenda of cooperation that covers trade, health, education, science and culture.",
        "The Cuban government has repeatedly denounced the economic, commercial and financial blockade imposed by "
        "the United States as the main obstacle to the country’s development and a violation of international "
        "law.",
        "Belarus is subject to unilateral coercive measures by the United States, the European Union and other "
        "Western countries, which Minsk and Havana describe as illegal and contrary to the UN Charter.",
        "Both nations coordinate positions in multilateral forums, where they defend the principles of "
        "sovereignty, non-interference in internal affairs and the peaceful settlement of disputes.",
        "The Intergovernmental Commission for Economic and Scientific-Technical Cooperation is the main mechanism "
        "for following up on bilateral agreements.",
        "Cuban authorities have described Belarus as a sister nation and a reliable partner in the island’s "
        "efforts to modernize its agriculture and transport.",
        "The news comes at a time when the tightening of the blockade and the shortage of fuel have created a "
        "complex economic situation on the island.",
        "Havana has consistently expressed its solidarity with Belarus in the face of external pressure and "
        "attempts at destabilization.",
    ],
    "topics": {
        "visits": {
            "titles": [
                "{hl}",
                "Cuba and Belarus reaffirm fraternal relations",
                "{host_country} and {vis_country} sign {n_agreements} cooperation documents",
                "{vis_adj} delegation begins visit to {host_country}",
                "Cuba thanks Belarus for solidarity against blockade",
            ],
            "leads": [
                "{vis_subj} began an official visit to {host_country} on {day_month}, with talks planned to "
                "strengthen the fraternal relations between the two nations.",
                "Cuba and Belarus reaffirmed their will to deepen bilateral cooperation during the talks held here "
                "between {host_subj} and {vis_full}.",
                "The {vis_adj} delegation headed by {vis_subj} concluded its visit to {host_country} with the "
                "signing of {n_agreements} cooperation documents, official sources reported.",
            ],
            "body": [
                "During the meeting, both parties highlighted the excellent state of political relations and the "
                "need to raise economic and commercial ties to the same level, particularly in {sectors}.",
                "The Cuban side expressed gratitude for Belarus’s [[consistent|firm|unwavering]] support of the "
                "resolution against the U.S. blockade at the United Nations General Assembly and for its solidarity "
                "in difficult moments.",
                "The Belarusian side reiterated its rejection of the economic, commercial and financial blockade "
                "imposed by Washington against the Caribbean nation and its support for removing Cuba from the "
                "unilateral U.S. list of countries that allegedly sponsor terrorism.",
                "The agenda of the visit included a tour of {site} and exchanges with business representatives, "
                "the source added.",
                "Both sides agreed to hold the next session of the Intergovernmental Commission [[before the end "
                "of the year|in the coming months|in the first half of next year]].",
                "The talks took place in a fraternal atmosphere that reflects the historic friendship between the "
                "two peoples, according to a statement from the Cuban Foreign Ministry.",
            ],
        },
        "biotech": {
            "titles": [
                "{hl}",
                "Cuba and Belarus strengthen cooperation in biotechnology",
                "Cuban-Belarusian health cooperation advances",
                "Belarus praises Cuban biotechnology",
            ],
            "leads": [
                "{news}, official sources confirmed.",
                "Cuba and Belarus took a new step in their cooperation in the pharmaceutical sector: {news_l}, the "
                "Cuban Ministry of Public Health reported.",
                "{news}, in a new expression of the fraternal ties between the two nations.",
            ],
            "body": [
                "The Cuban biotechnology industry, made up of more than 30 research and production centres, exports "
                "its products to more than 40 countries despite the restrictions imposed by the U.S. blockade.",
                "According to Cuban authorities, the blockade prevents the island from acquiring medical equipment, "
                "reagents and medicines containing more than 10 percent of U.S. components, which raises the cost "
                "of health care.",
                "Belarusian representatives highlighted the scientific level of Cuban specialists and expressed "
                "interest in expanding joint research in oncology, nephrology and vaccine development.",
                "The sides agreed to exchange specialists and to hold a meeting of the bilateral working group on "
                "pharmaceutical cooperation [[before the end of the year|in the coming months|next semester]].",
                "Cuban officials thanked Belarus for its solidarity during the COVID-19 pandemic, when the European "
                "nation sent donations of medical supplies to the island.",
                "The project is part of the cooperation programme between the two countries, which both governments "
                "describe as strategic and mutually beneficial.",
            ],
        },
        "trade": {
            "titles": [
                "{hl}",
                "Cuba and Belarus expand trade despite blockade",
                "Belarusian supplies to support Cuban economy",
                "Cuban official values cooperation with Belarus",
                "{subj_cap} strengthens Cuba-Belarus economic ties",
            ],
            "leads": [
                "{news}, according to the Ministry of Foreign Trade and Foreign Investment.",
                "{news}, in a further demonstration of the cooperation between the two sister nations.",
                "Cuba and Belarus continue to strengthen their economic ties despite the unilateral coercive "
                "measures imposed on both countries: {news_l}.",
            ],
            "body": [
                "The Cuban side highlighted the importance of these supplies at a time when the economic, "
                "commercial and financial blockade imposed by the United States has been intensified, hindering "
                "the arrival of fuel, food and raw materials.",
                "Belarus has been a reliable supplier of agricultural machinery, transport equipment and "
                "fertilizers for the island for several decades.",
                "Officials explained that the operation was financed through a credit granted by the Belarusian "
                "side, under conditions that take into account the complex situation of the Cuban economy.",
                "The Belarusian ambassador in Havana, Vasil Hrynkievič, reiterated his country’s rejection of the "
                "blockade and its willingness to continue expanding trade with the Caribbean nation.",
                "Both countries are working to diversify trade and to increase the presence of Cuban products, "
                "such as rum, tobacco, medicines and seafood, in the Belarusian market.",
                "The agreement was reached within the framework of the Intergovernmental Commission, the main "
                "mechanism for following up on economic cooperation between the two nations.",
            ],
        },
        "eaeu": {
            "titles": [
                "{hl}",
                "Cuba participates in Eurasian Economic Union meeting",
                "Cuba reaffirms interest in Eurasian integration",
                "Cuba highlights cooperation with EAEU member states",
            ],
            "leads": [
                "{news}, official sources reported.",
                "Cuba reaffirmed its interest in deepening ties with the Eurasian Economic Union: {news_l}.",
                "{news}. The Cuban representative thanked the member states for their solidarity and support.",
            ],
            "body": [
                "Cuba has been an observer state of the Eurasian Economic Union since 2020, a status that allows it "
                "to take part in the bloc’s meetings and to explore cooperation with its members.",
                "In the speech, the Cuban representative denounced the tightening of the U.S. blockade and the "
                "inclusion of the island on the unilateral list of countries that allegedly sponsor terrorism, "
                "measures that hinder its economic relations with the rest of the world.",
                "The participants discussed {eaeu_item}, according to the final documents of the meeting.",
                "The Cuban delegation held bilateral meetings on the sidelines with representatives of Belarus, "
                "Russia and Kazakhstan, with whom it reviewed the state of economic cooperation.",
                "Cuba supports the construction of a multipolar world based on respect for sovereignty, "
                "international law and the principles of the United Nations Charter, the official stressed.",
                "The Eurasian Economic Union brings together Armenia, Belarus, Kazakhstan, Kyrgyzstan and Russia, "
                "and has granted observer status to several countries, including Cuba.",
            ],
        },
        "security": {
            "titles": [
                "{hl}",
                "Cuba rejects militarization of international relations",
                "Cuba and Belarus call for respect for international law",
                "Cuba expresses solidarity with Belarus",
                "Cuba and Belarus defend sovereignty and peace",
            ],
            "leads": [
                "{news}, the Cuban Foreign Ministry reported.",
                "Cuba reiterated its solidarity with Belarus in the face of the military pressure exerted by NATO: "
                "{news_l}.",
                "{news}. Both nations reaffirmed their commitment to peace and to the principles of international "
                "law.",
            ],
            "body": [
                "Havana has repeatedly warned that the expansion of NATO towards the borders of Russia and Belarus "
                "is a threat to international peace and security and to the stability of the region.",
                "The Cuban side reaffirmed its rejection of the unilateral coercive measures imposed against "
                "Belarus, as well as of attempts at interference in the internal affairs of that sister nation.",
                "Both countries stand for the peaceful resolution of conflicts through dialogue and negotiation, "
                "and against the use or threat of force in international relations.",
                "The Belarusian side thanked Cuba for its consistent support in international organizations, "
                "including the UN Human Rights Council, where both nations reject the politicization and "
                "selectivity of the debates.",
                "The officials agreed to continue consultations between their foreign ministries on international "
                "security issues.",
            ],
        },
    },
}

VOICES["minsk_agency"] = {
    "dateline": "{CITY}, {day_month} (MNA) – ",
    "length": (155, 450),
    "weights": {"body": 3.0, "facts": 2.0, "quote": 1.5, "background": 1.5},
    "plain_weights": {"body": 0.4, "facts": 5.0, "quote": 1.0, "background": 0.6},
    "plain_leads": [
        "{news}, an MNA correspondent reported.",
        "{news}, the Belarusian Foreign Ministry told MNA.",
    ],
    "background": [
        "Belarus and Cuba have maintained friendly relations for more than three decades, and Minsk speaks of a "
        "historic friendship between the two peoples. The countries cooperate in mechanical engineering, pharmaceuticals, agriculture, education and culture.",
        "The Belarusian side has repeatedly emphasized that illegitimate sanctions imposed by Western countries "
        "cannot stop the development of mutually beneficial cooperation with reliable partners in the far arc.",
        "Cuba is one of Belarus’s key partners in Latin America. The Head of State has called the island a "
        "brotherly country with which Belarus shares common approaches to building a just world order.",
        "Under sanctions pressure, Belarusian enterprises are actively developing import substitution and "
        "looking for new markets in Asia, Africa and Latin America.",
        "Minsk and Havana share the view that unilateral coercive measures are an instrument of economic war "
        "against sovereign states and violate the norms of international law.",
        "Bilateral trade between Belarus and Cuba grew by [[a quarter|almost 30 percent|more than a third]] last "
        "year, according to the Foreign Ministry.",
        "The two countries support each other in international organizations, including the United Nations, "
        "where Belarus traditionally votes for the resolution demanding an end to the U.S. embargo against Cuba.",
        "The Belarusian people remember the solidarity of Cuba, which received thousands of children from the "
        "areas affected by the Chernobyl accident for treatment and rehabilitation.",
    ],
    "topics": {
        "visits": {
            "titles": [
                "{hl}",
                "Belarus and Cuba to give new impetus to strategic partnership",
                "{by_off_s}: Cuba is a brotherly country for Belarus",
                "Belarus, Cuba sign {n_agreements} documents on cooperation",
                "Belarus ready to share import substitution experience with Cuba",
            ],
            "leads": [
                "{vis_subj} [[is on an official visit to|has arrived in|is paying a working visit to]] "
                "{host_country}, the press service of the {vis_adj} delegation reported.",
                "Belarus and Cuba intend to give new impetus to the strategic partnership between the two brotherly "
                "nations, {by_off_subj} said during "
                "talks with {cu_off} in {host_city}.",
                "A Belarusian-Cuban meeting held in {host_city} on {day_month} resulted in the signing of "
                "{n_agreements} documents on cooperation in {sectors}.",
            ],
            "body": [
                "The parties discussed the implementation of agreements reached at the highest level and outlined "
                "steps to increase trade turnover. Special attention was paid to supplies of Belarusian machinery "
                "and to joint projects in {sectors}.",
                "“Cuba is a brotherly country for us, and we will continue to support it despite any pressure,” "
                "the Belarusian side emphasized.",
                "According to {by_off_s}, Belarus is ready to share its experience of import substitution and of "
                "working under sanctions, which Western countries imposed in an attempt to isolate the republic.",
                "The Cuban side thanked Belarus for its solidarity and noted the high quality of Belarusian "
                "equipment that has been working on the island for decades.",
                "The sides confirmed the similarity of their positions on key international issues, including the "
                "inadmissibility of unilateral coercive measures and of interference in the internal affairs of "
                "sovereign states.",
                "The programme of the visit also included a visit to {site} and consultations on cooperation in "
                "education and culture.",
                "Belarus considers Cuba a strategic partner in the far arc and a gateway to the markets of the "
                "Caribbean.",
            ],
        },
        "biotech": {
            "titles": [
                "{hl}",
                "Belarus, Cuba expand cooperation in pharmaceuticals",
                "Joint Belarusian-Cuban projects to strengthen health security",
                "Belarus interested in Cuban biotechnology",
            ],
            "leads": [
                "{news}, the press service of the Health Ministry reported.",
                "In a spirit of solidarity, Belarus and Cuba continue to implement joint projects in pharmaceuticals: "
                "{news_l}.",
                "{news}. The project is being implemented in line with the agreements reached at the highest level "
                "between the two brotherly countries.",
            ],
            "body": [
                "Cuba is one of the world leaders in biotechnology, and Belarus is interested in localizing the "
                "production of Cuban medicines on its territory. This will increase the availability of modern "
                "drugs for Belarusian patients and strengthen the country’s pharmaceutical security.",
                "The Belarusian pharmaceutical industry has significantly increased production in recent years as "
                "part of the import substitution programme launched in response to sanctions pressure.",
                "According to the Health Ministry, the share of domestically produced medicines on the Belarusian "
                "market has exceeded [[55|60|65]] percent in value terms.",
                "Belarusian and Cuban specialists have been working together at the Caribbean Biotechnology "
                "Institute and at Belarusian research centres, exchanging experience in the development of vaccines "
                "and biologics.",
                "The joint venture BelCuba Biopharm will be able to supply products not only to Belarus but also to "
                "other countries of the Eurasian Economic Union, which opens new prospects for mutually beneficial "
                "cooperation.",
                "The Belarusian side noted that Western restrictions on the supply of medicines and equipment have "
                "only strengthened the determination of Minsk to build reliable partnerships with friendly states "
                "such as Cuba, a sister country in the Caribbean.",
            ],
        },
        "trade": {
            "titles": [
                "{hl}",
                "Belarusian exports to Cuba growing",
                "Belarus to help Cuba modernize agriculture and transport",
                "Belarusian machinery in demand in Cuba",
                "Belarus, Cuba discuss new supplies",
            ],
            "leads": [
                "{news}, the press service of the Industry Ministry reported.",
                "Belarus continues to expand supplies of its products to fraternal Cuba: {news_l}.",
                "{news}. This was discussed at a meeting between {by_off_subj} and {cu_off}.",
            ],
            "body": [
                "Belarusian enterprises have been supplying equipment to Cuba for decades, and Belarusian machinery "
                "is well known to Cuban specialists. The parties intend to develop service networks and the "
                "assembly of equipment on the island.",
                "The Belarusian side is ready to increase supplies of [[tractors, trucks and buses|agricultural "
                "machinery, fertilizers and food|machine-building products and food]] to the Cuban market, taking "
                "into account the needs of the brotherly Cuban people.",
                "Despite the illegitimate sanctions, Belarusian exporters have successfully reoriented their "
                "supplies to the markets of the far arc, including Latin America, Africa and Asia.",
                "Experts note that the experience of Belarus in import substitution can be useful for Cuba, which "
                "has been living under the U.S. economic blockade for more than 60 years.",
                "The parties also discussed financial mechanisms for trade, including settlements in national "
                "currencies and the use of Belarusian export credits.",
                "Belarusian-Cuban trade is developing despite the difficulties caused by long transport routes and "
                "the sanctions imposed by the collective West.",
            ],
        },
        "eaeu": {
            "titles": [
                "{hl}",
                "Belarus supports Cuba’s participation in Eurasian integration",
                "EAEU open to cooperation with Cuba",
                "Belarus proposes new formats of cooperation with EAEU observer states",
            ],
            "leads": [
                "{news}, an MNA correspondent reported.",
                "Belarus advocates deeper cooperation between the Eurasian Economic Union and Cuba: {news_l}.",
                "{news}. The Belarusian side confirmed its support for the island’s participation in the "
                "integration processes.",
            ],
            "body": [
                "Belarus consistently supports the development of relations between the EAEU and observer states. "
                "According to the Belarusian side, brotherly Cuba can become an important partner of the union in the "
                "Caribbean region.",
                "The Eurasian Economic Union has proven its stability in the face of unprecedented sanctions "
                "pressure, and interest in cooperation with the union is growing in many regions of the world.",
                "Among the issues on the agenda was {eaeu_item}.",
                "Participants stressed that integration within the EAEU is based on equality, mutual benefit and "
                "respect for the sovereignty of member states, unlike the diktat practised by Western associations.",
                "The Belarusian delegation held a meeting with Cuban representatives on the sidelines of the event "
                "and discussed the implementation of joint projects in industry and agriculture.",
                "The Belarusian side proposed to use the experience of Belarusian-Cuban joint projects as a model "
                "for wider cooperation between the union and friendly states of Latin America.",
            ],
        },
        "security": {
            "titles": [
                "{hl}",
                "Belarus will respond to any threats, Defence Ministry says",
                "Belarus, Cuba share approaches to international security",
                "Cuba supports Belarus’s position on regional security",
                "Minsk calls for a new security architecture",
            ],
            "leads": [
                "{news}, the Belarusian Foreign Ministry reported.",
                "Belarus and Cuba have similar approaches to international security issues: {news_l}.",
                "{news}. The Belarusian side noted the growing militarization of neighbouring states.",
            ],
            "body": [
                "The Belarusian side has repeatedly drawn attention to the build-up of NATO forces near the western "
                "borders of the Union State. Minsk believes that such actions undermine regional security and "
                "increase the risk of incidents.",
                "Belarus threatens no one and is not going to fight with anyone, but the armed forces of the "
                "republic are ready to respond adequately to any provocations, the Defence Ministry stressed.",
                "Cuba, which has been living under pressure from Washington for more than six decades, understands "
                "the concerns of the Belarusian people as few other countries do, the Belarusian side noted, thanking "
                "Havana for its solidarity.",
                "Minsk proposes to develop a new architecture of Eurasian security based on the principles of "
                "indivisible security, equality and non-interference in internal affairs.",
                "The sides condemned the practice of unilateral sanctions, which are increasingly used as an "
                "instrument of hybrid war against independent states.",
                "Belarus and Cuba coordinate their positions in the UN and other international organizations and "
                "support each other on issues of sovereignty and territorial integrity.",
            ],
        },
    },
}

VOICES["globalwire"] = {
    "dateline": "{CITY}, {mon_abbr} {day} (GlobalWire) - ",
    "length": (200, 530),
    "weights": {"body": 3.0, "facts": 3.0, "quote": 0.45, "background": 1.5},
    "plain_weights": None,
    "plain_leads": [],
    "background": [
        "Cuba has been under a U.S. trade embargo since the early 1960s. Washington tightened restrictions in "
        "2019 and 2020, and most of them have remained in place.",
        "The European Union imposed sanctions on Belarus in 2021 after a disputed presidential election and the "
        "crackdown on protests that followed, and widened them after Minsk allowed Russian troops to use its "
        "territory for the 2022 invasion of Ukraine.",
        "Cuba is going through its worst economic crisis in decades, with shortages of food, fuel and medicine, "
        "frequent power cuts and record emigration.",
        "Both governments are close allies of Russia and have sought to expand economic ties with each other as "
        "their access to Western markets and finance has narrowed.",
        "Trade between Belarus and Cuba remains small. Official Belarusian figures put it at tens of millions of "
        "dollars a year, a fraction of Cuba's trade with China or Russia.",
        "Cuba joined the Eurasian Economic Union, a Moscow-led trade bloc that includes Belarus, as an observer "
        "state in 2020.",
        "The U.S. State Department lists Cuba as a state sponsor of terrorism, a designation that makes many "
        "foreign banks reluctant to handle transactions involving the island.",
        "Officials in both countries routinely describe the relationship in warm terms of friendship, though "
        "economists say concrete results have lagged behind the rhetoric.",
        "Western governments say their measures target officials and state companies responsible for rights "
        "abuses and for supporting Russia's war effort, not ordinary citizens.",
        "Cuba's government blames Washington's policies for most of the island's economic problems. Critics and many "
        "economists also point to the slow pace of reforms and the dominance of state enterprises.",
    ],
    "topics": {
        "visits": {
            "titles": [
                "{hl}",
                "Cuba, Belarus sign agreements as sanctioned allies deepen ties",
                "{vis_adj} officials visit {host_country} seeking trade boost",
                "Cuba and Belarus pledge closer ties, give few details of deals",
                "Cuba, Belarus talk trade and investment during {host_city} visit",
            ],
            "leads": [
                "{vis_subj} held talks in {host_city} on {month_day}, as the two allies of Russia look to expand "
                "modest economic ties.",
                "Cuba and Belarus signed {n_agreements} cooperation agreements during a visit by {vis_full}, "
                "officials said, though details of the deals and their value were not disclosed.",
                "{vis_subj} arrived in {host_city} for a {n_days}-day visit focused on trade, agriculture and "
                "industry, {host_adj} state media reported.",
            ],
            "body": [
                "Officials did not say how much the agreements were worth. Previous deals between the two countries "
                "have involved Belarusian credit for machinery purchases, which Cuba has at times struggled to "
                "repay.",
                "The visit is the latest in a series of high-level exchanges between Havana and Minsk, both of "
                "which have strengthened ties with Moscow since Russia's 2022 invasion of Ukraine.",
                "{host_adj} state television showed the two delegations at a table decorated with both countries' "
                "flags. Officials spoke of “friendship” and “mutual respect”, language typical of such "
                "meetings.",
                "A Western diplomat in {host_city}, who asked not to be named because of the sensitivity of the "
                "subject, said such visits were “long on symbolism and short on money”.",
                "The program included a stop at {site}, according to an itinerary released by the {host_adj} "
                "government.",
                "“For both governments these visits show that they are not isolated,” said {an_econ_full}. "
                "“Whether they change anything in the economy is another question.”",
                "Neither delegation took questions from foreign reporters.",
            ],
        },
        "biotech": {
            "titles": [
                "{hl}",
                "Belarus turns to Cuban biotech as sanctions bite",
                "Cuba seeks new markets for its medicines in Belarus",
                "Cuba, Belarus expand pharmaceutical cooperation",
                "Cuba's biotech sector bets on Belarus partnership",
            ],
            "leads": [
                "{news}, officials said.",
                "{news}, as the two governments seek to expand cooperation in medicine and biotechnology.",
                "{news}, according to statements from both health ministries.",
            ],
            "body": [
                "Cuba has a large state biotechnology sector that developed its own COVID-19 vaccines during the "
                "pandemic, although those shots were not approved by the World Health Organization.",
                "Belarus has sought to replace Western drugs with domestic production and imports from friendly "
                "countries since the EU imposed sanctions in 2021. Medicines are generally exempt, but banks and "
                "shippers have become cautious.",
                "{an_health_full}, said the data published so far were limited. “Independent, peer-reviewed results "
                "would make it much easier to judge,” Dr. {an_health_s} said.",
                "Officials did not say how the project would be financed. Cuba's economy has shrunk in recent "
                "years and the government has struggled to pay foreign suppliers.",
                "In Cuba, pharmacies frequently lack basic medicines, and patients often rely on relatives abroad "
                "to send them, a situation the government blames mainly on Washington.",
                "The plant in Mahilioŭ, about 200 km (125 miles) east of Minsk, is due to employ around "
                "[[300|350|400]] people when it reaches full capacity, according to the regional government.",
            ],
        },
        "trade": {
            "titles": [
                "{hl}",
                "Belarus, Cuba expand trade as both face Western sanctions",
                "Cuba leans on Belarus for equipment as economic crisis deepens",
                "Sanctioned allies Belarus and Cuba seal new trade deal",
                "Crisis-hit Cuba gets Belarusian supplies; payment terms unclear",
            ],
            "leads": [
                "{news}, officials said, as the Caribbean island's economy struggles with shortages of fuel, food "
                "and hard currency.",
                "{news}, state media in both countries reported.",
                "{news}, the latest in a series of modest deals between two governments under Western sanctions.",
            ],
            "body": [
                "The contract is worth about {value}, according to a government statement, which did not specify "
                "the terms of payment. Earlier Belarusian supplies to Cuba were financed with state credit.",
                "{an_econ_full}, said the deliveries would help at the margin but would not solve structural "
                "problems in Cuban agriculture and industry. “The bottleneck is not only machines, it is fuel, spare "
                "parts and incentives for farmers,” {an_econ_s} said.",
                "Cuba imports most of its food and fuel. Its economy contracted by about [[2|1.9|1.5]] percent last "
                "year, according to official figures, and the government has acknowledged difficulties paying "
                "foreign creditors.",
                "Belarus, once one of the world's largest potash exporters, has redirected shipments through "
                "Russian ports since Lithuania stopped transit in 2022.",
                "Trade officials in both countries have said they want to settle more payments in national "
                "currencies to avoid the U.S. dollar and Western banks.",
                "{an_sanc_full}, said the deal was unlikely to draw new penalties, since both countries were already "
                "under broad sanctions. “There's not much left to target,” she said.",
            ],
        },
        "eaeu": {
            "titles": [
                "{hl}",
                "Cuba looks to Eurasian bloc for trade as U.S. pressure persists",
                "Cuba attends Eurasian Economic Union meeting as observer",
                "Eurasian bloc courts Cuba; economists skeptical",
            ],
            "leads": [
                "{news}, according to a statement released after the meeting.",
                "{news}, as Havana looks for new trade partners amid a deep economic crisis.",
                "{news}, the bloc's executive body said.",
            ],
            "body": [
                "The Eurasian Economic Union, a Moscow-led bloc that includes Armenia, Belarus, Kazakhstan and "
                "Kyrgyzstan, granted Cuba observer status in 2020. Observers can attend meetings but do not take "
                "part in decisions.",
                "Cuba's trade with the bloc's member states is dominated by Russia, which supplies oil and has "
                "offered credit, though deliveries have been irregular.",
                "{an_econ_full}, said distance and Cuba's limited ability to pay would constrain trade with the "
                "bloc. “The declarations are ambitious, the shipping costs are real,” {an_econ_s} said.",
                "Officials discussed {eaeu_item}, but no timetable was announced.",
                "Cuban officials have described participation in Eurasian forums as part of a strategy to reduce "
                "dependence on any single partner.",
                "The meeting's final declaration included language criticizing “unilateral restrictive measures”, "
                "a reference to Western sanctions on Russia and Belarus.",
            ],
        },
        "security": {
            "titles": [
                "{hl}",
                "Cuba and Belarus align on security as tensions with NATO persist",
                "Belarus and Cuba deepen security ties amid East-West tensions",
                "Russia's allies Belarus and Cuba deepen security contacts",
            ],
            "leads": [
                "{news}, officials said.",
                "{news}, amid high tension between Russia's allies and NATO over the war in Ukraine.",
                "{news}, according to state media.",
            ],
            "body": [
                "Belarus allowed Russian troops to use its territory to invade Ukraine in February 2022 and has "
                "since hosted Russian tactical nuclear weapons, according to officials in Minsk and Moscow.",
                "NATO says its exercises are defensive and are announced in advance. Poland and Lithuania have "
                "reinforced their borders with Belarus, citing migrant crossings and security concerns.",
                "Cuba has generally avoided condemning Russia's invasion of Ukraine and has abstained or voted "
                "against UN resolutions critical of Moscow.",
                "{an_sec_full}, said the statements were largely symbolic. “Cuba has no military role in Europe. "
                "This is about showing alignment,” Mr. {an_sec_s} said.",
                "Belarus and Russia are formally joined in a “Union State” and hold regular joint military exercises, "
                "most recently in the autumn.",
                "Neither ministry gave details of any concrete military cooperation.",
            ],
        },
    },
}

VOICES["isla_libre"] = {
    "dateline": "",
    "length": (240, 550),
    "weights": {"body": 4.0, "facts": 1.8, "quote": 0.35, "background": 2.2},
    "plain_weights": None,
    "plain_leads": [],
    "background": [
        "The Cuban regime holds more than a thousand political prisoners, according to independent rights "
        "groups, many of them jailed after the peaceful protests of July 2021.",
        "Belarus’s authoritarian ruler has governed the country since 1994 and crushed mass protests after the "
        "rigged 2020 election. Rights monitors count more than a thousand political prisoners there as well.",
        "The two governments have drawn closer as both face international isolation, exchanging praise, "
        "propaganda and promises that rarely turn into anything ordinary people can see.",
        "Official media on both sides of the Atlantic describe the relationship in the language of family and "
        "eternal friendship. Cubans waiting hours in line for bread might choose other words.",
        "Cuba’s National Assembly, a rubber-stamp body that has never cast a dissenting vote on a government "
        "bill, approves whatever the Communist Party leadership puts in front of it.",
        "The regime blames the U.S. embargo for every shortage, but economists note that the island imports "
        "large quantities of American food and that decades of mismanagement explain most of the crisis.",
        "Independent journalists in Cuba face detention, house arrest and travel bans. Several contributors to "
        "this outlet have been interrogated by State Security in the past year.",
        "In Belarus, simply subscribing to an independent news channel can lead to charges of “extremism”, and "
        "hundreds of journalists have fled the country since the 2020 crackdown.",
        "For the families of political prisoners, the spectacle of ministers toasting each other in Havana or "
        "Minsk is hard to watch.",
        "Both governments use the language of sovereignty to reject any criticism of their human rights record, "
        "and both treat peaceful dissent as a crime.",
    ],
    "topics": {
        "visits": {
            "titles": [
                "{hl}, with the usual propaganda",
                "Two dictatorships, one script: {vis_adj} delegation in {host_city}",
                "Handshakes in {host_city}, silence about the prisoners",
                "{n_agreements_cap} agreements and zero reforms: the {vis_adj} visit",
                "While Cubans queue, officials toast in {host_city}",
                "What the official coverage of the {vis_adj} visit left out",
            ],
            "leads": [
                "Another delegation, another round of toasts. {vis_subj} landed in {host_city} this week for talks "
                "that the regime’s media are presenting as proof of an unbreakable alliance between two "
                "dictatorships.",
                "While Cubans endure blackouts of up to twenty hours a day, the authorities in {host_city} rolled "
                "out the red carpet for {vis_subj} and {delegation}.",
                "{vis_subj} and {host_full} met in {host_city} on {day_month}, the latest encounter between "
                "officials of two governments that jail their critics and blame sanctions for their own failures.",
            ],
            "body": [
                "Official daily Diario Patria called the meeting a “new chapter in fraternal relations”. It did "
                "not mention that the {n_agreements} documents signed were mostly memoranda of intent, the same "
                "kind of paperwork that has piled up after previous visits without visible results.",
                "The delegation includes members of a rubber-stamp parliament and officials whom rights groups accuse "
                "of directing the repression of protesters.",
                "{ex_lawyer_full}, said the meeting coincided with the [[trial|sentencing|hearing]] of several young "
                "people detained for protesting against blackouts. “While ministers exchange gifts, mothers are "
                "queuing outside prisons,” {ex_lawyer_s} said.",
                "Neither government allowed independent reporters anywhere near the talks. In Cuba, journalists who "
                "tried to cover an earlier Belarusian visit were held for several hours by State Security.",
                "The regime’s propaganda presents Belarus as a model of stability. Exiled Belarusians describe "
                "something else: a country where more than a thousand political prisoners remain behind bars and "
                "where dissent of any kind is treated as extremism.",
                "{ex_econ_full}, dismissed the announcements. “They sign agreements about tractors and cheese, but "
                "the problem is a centrally planned economy that does not work. No foreign friend can fix that,” "
                "{ex_econ_s} said.",
                "{ex_pp_full}, said: “Two dictatorships are comparing notes. The question is what else they share "
                "besides tractors: surveillance methods, police training, propaganda techniques.”",
            ],
        },
        "biotech": {
            "titles": [
                "{hl} while Cuban pharmacies stay empty",
                "Medicines for Minsk, nothing for Cuban patients",
                "Biotech propaganda cannot hide the empty hospitals",
                "The regime sells its science abroad as patients go without",
                "The regime’s biotech diplomacy: who really benefits?",
                "{hl}: a propaganda win for two dictatorships",
            ],
            "leads": [
                "{news}. In Cuba, meanwhile, patients are still searching in vain for aspirin, antibiotics and "
                "insulin.",
                "The regime’s propaganda machine has a new success story to sell: {news_l}.",
                "{news}, state media announced with great fanfare. The announcement says a great deal about the "
                "priorities of the regime.",
            ],
            "body": [
                "Doctors on the island describe hospitals without sheets, without anaesthetics and sometimes "
                "without running water. {ex_doc_full}, said the regime treats medicine as an export product first "
                "and a public service second.",
                "Cuba’s biotech sector answers only to the Communist Party leadership, and its finances are opaque. "
                "Independent scientists have questioned the lack of peer-reviewed data behind several of its "
                "flagship products.",
                "The regime likes to call Belarus a “sister nation”. For Cuban mothers searching for fever medicine "
                "on the black market, the only help that matters comes from relatives abroad sending parcels.",
                "Cuban doctors sent abroad on government missions receive only a fraction of what foreign "
                "governments pay for their services, and the regime keeps their passports, according to testimony "
                "gathered by rights groups. Critics call the system a form of forced labour.",
                "Belarus’s health system has its own problems: doctors who signed protest letters in 2020 were "
                "dismissed, and some were imprisoned. Cooperation between two authoritarian governments is unlikely "
                "to change that.",
                "Official media called the project a triumph of “internationalist” medicine. The same media never "
                "mention the crackdown on doctors who denounce shortages on social networks.",
            ],
        },
        "trade": {
            "titles": [
                "{hl}, but who will pay?",
                "Belarusian machines cannot fix a broken system",
                "Another Belarusian deal, another debt for Cubans",
                "The regime’s favourite supplier is another dictatorship",
                "Two dictatorships trade propaganda, and a few machines",
                "{hl}: the regime celebrates, Cubans wait",
            ],
            "leads": [
                "{news}. State media presented it as a blow against the “blockade”; economists see yet another debt "
                "the regime may never repay.",
                "The regime has found another occasion to celebrate its friendship with Minsk: {news_l}.",
                "{news}, official media reported, omitting, as usual, how much it will cost and who will pay.",
            ],
            "body": [
                "{ex_econ_full}, noted that Cuba has failed to pay earlier Belarusian credits on time. “The problem "
                "is not a lack of machines. The problem is a system that forbids farmers to sell freely what they "
                "produce,” {ex_econ_s} said.",
                "The regime blames Washington for every empty shelf. But Cuba buys chicken, grain and other "
                "food from American companies, paying cash in advance, and the real obstacles are the state "
                "monopoly and the lack of private property.",
                "Belarusian machinery has a mixed reputation on the island. Farmers in [[Camagüey|Villa "
                "Clara|Granma]] told this outlet that earlier deliveries stood idle for months for lack of spare "
                "parts and fuel.",
                "State media described the deal as an act of “solidarity between brotherly peoples”. In Belarus, "
                "where workers who joined the 2020 strikes were fired or jailed, that phrase has a bitter ring.",
                "Both governments are shunned by Western democracies for repression at home. Their deals are as much about "
                "propaganda as about trade: each side gets to show its own population that it is not isolated.",
                "Trade between Havana and Minsk remains tiny compared with the remittances that Cuban families "
                "receive from relatives in exile, money on which the regime itself depends.",
            ],
        },
        "eaeu": {
            "titles": [
                "{hl}: the regime courts Moscow’s club",
                "Cuba’s Eurasian dream: more photo opportunities than trade",
                "In {summit_city}, the regime finds an audience of autocrats",
                "The regime looks east for lifelines",
                "Why the Eurasian Union cannot save the Cuban economy",
            ],
            "leads": [
                "{news}. For the regime, the meeting was another chance to show that it still has friends.",
                "{news}, in a ritual that has become familiar: speeches against sanctions, photographs with "
                "authoritarian leaders, promises of trade that rarely materialize.",
                "The regime’s envoys were back among the autocrats of the Eurasian Economic Union this week: "
                "{news_l}.",
            ],
            "body": [
                "Since Cuba obtained observer status in 2020, the practical results have been modest. Trade with "
                "the bloc is still dominated by Russian oil deliveries, which arrive irregularly.",
                "The union is led by Moscow and includes Belarus, whose dictator has ruled for three decades. Its "
                "summits have become a stage for governments that share a dislike of free elections and "
                "independent media.",
                "{ex_econ_full}, said Cuban exports to the bloc are negligible. “Rum and cigars will not pay for "
                "the oil,” he said.",
                "The official speeches repeated the well-known formula about “unilateral coercive measures”. None "
                "of the speakers mentioned the hundreds of Cubans sentenced to long prison terms for taking part in "
                "peaceful protests.",
                "Among the topics announced was {eaeu_item}. Similar announcements in previous years produced "
                "little beyond press releases.",
                "The regime presents its eastern alliances as proof of independence. Critics see a government "
                "replacing one dependency with another while refusing the reforms Cubans have demanded for years.",
            ],
        },
        "security": {
            "titles": [
                "{hl}: two dictatorships close ranks",
                "Havana backs Minsk, ignoring its political prisoners",
                "Security, the dictators’ way",
                "The regime’s anti-NATO rhetoric hides a deeper alliance",
                "Military ties between Havana and Minsk alarm exiles",
            ],
            "leads": [
                "{news}. Rights groups see the move as another step in the alignment of authoritarian governments.",
                "The regime in Havana is once again echoing Moscow’s talking points: {news_l}.",
                "{news}, official media reported, presenting two repressive governments as defenders of peace.",
            ],
            "body": [
                "{ex_by_full}, said the Belarusian security services share techniques with allied governments. "
                "“They learn from each other how to break protests,” {ex_by_s} said. “The repression in Minsk and "
                "in Havana follows the same manual.”",
                "Belarus hosts Russian nuclear weapons and allowed its territory to be used for the invasion of "
                "Ukraine. The Cuban regime has never condemned that invasion; instead, its media repeat the "
                "Kremlin’s narrative about NATO.",
                "State media in both countries described the agreement as a defence of “sovereignty”. In practice, "
                "critics say, what is being defended is the power of the ruling elites, not the rights of citizens "
                "who cannot vote them out.",
                "Both governments routinely label peaceful opponents as agents of a foreign “hybrid war”, a term "
                "used to justify arrests, internet shutdowns and the closure of independent media.",
                "{ex_pp_full}, said the security ties were the most worrying part of the relationship. “When "
                "dictatorships talk about security, they mean the security of the regime,” {ex_pp_s} said.",
                "Exiled Belarusian journalists note that the country’s KGB, which still bears its Soviet name, has "
                "expanded its cooperation with the security services of allied states in recent years.",
            ],
        },
    },
}

# --------------------------------------------------------------------------
# Aggregator boilerplate (see data/README.md for the regexes that strip it)
# --------------------------------------------------------------------------

AGG_HEADER = ["Fact-checking · Autentic · DMCA · Report", "See this content by source"]
AGG_FOOTER_SHARE = "Share · Tweet · Email"
AGG_DISCLAIMER = "Disclaimer: Via {agency} – Translated by NewsHub"
AGG_RELATED = [
    "Ten quick dinners you can cook in one pan",
    "Astronomers spot a comet that will be visible next spring",
    "Late goal keeps the title race alive",
    "How to choose a laptop for university",
    "Heat wave expected to break by the weekend",
    "The best hiking trails for beginners",
    "Streaming service raises prices in several markets",
    "Why your houseplants turn yellow, and how to fix it",
    "Marathon runner sets course record in the rain",
    "New study links short naps to better memory",
    "Electric scooters: what the new rules mean for riders",
    "Five board games for a rainy afternoon",
    "Museum reopens after two-year renovation",
    "Coffee prices climb as harvest disappoints",
    "Chess prodigy, 12, wins national title",
]

# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MON_ABBR = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
COUNTRY = {"CU": ("Cuba", "Cuban", "Havana"), "BY": ("Belarus", "Belarusian", "Minsk")}

_ALT = re.compile(r"\[\[([^\[\]]+)\]\]")


def word_count(text: str) -> int:
    return len(text.split())


def cap_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def lower_article(s: str) -> str:
    """Lower-case a leading article so a clause can follow a colon or comma."""
    for art in ("A ", "An ", "The "):
        if s.startswith(art):
            return art.lower() + s[len(art):]
    return s


def as_subject(descriptor: str) -> str:
    """Close an appositive ("Name, title") with a comma so a verb can follow."""
    return descriptor + "," if "," in descriptor else descriptor


def fill(template: str, slots: dict, rng: random.Random) -> str:
    """Pick ``[[a|b]]`` alternatives, then fill ``{slot}`` names."""
    text = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    return text.format_map(slots)


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    return "-".join(words[:9])


def event_slots(ev: dict) -> dict:
    date = dt.date.fromisoformat(ev["date"])
    slots = dict(SOURCES)
    slots.update({k: v for k, v in ev.items() if isinstance(v, str)})
    slots.update(
        day_month=f"{date.day} {MONTHS[date.month - 1]}",
        month_day=f"{MONTHS[date.month - 1]} {date.day}",
        mon_abbr=MON_ABBR[date.month - 1],
        day=str(date.day),
        year=str(date.year),
        CITY=ev["city"].upper(),
        news_l=lower_article(ev["news"]),
        subj_cap=cap_first(ev["subj"]),
    )
    cu = next(k for k in ev["officials"] if OFFICIALS[k][0] == "CU")
    by = next(k for k in ev["officials"] if OFFICIALS[k][0] == "BY")
    slots.update(cu_off=OFFICIALS[cu][1], cu_off_s=OFFICIALS[cu][2], cu_off_subj=as_subject(OFFICIALS[cu][1]),
                 by_off=OFFICIALS[by][1], by_off_s=OFFICIALS[by][2], by_off_subj=as_subject(OFFICIALS[by][1]))
    if ev["topic"] == "visits":
        vc, hc = OFFICIALS[ev["vis"]][0], OFFICIALS[ev["host"]][0]
        slots.update(
            vis_full=OFFICIALS[ev["vis"]][1], vis_s=OFFICIALS[ev["vis"]][2],
            host_full=OFFICIALS[ev["host"]][1], host_s=OFFICIALS[ev["host"]][2],
            vis_subj=as_subject(OFFICIALS[ev["vis"]][1]), host_subj=as_subject(OFFICIALS[ev["host"]][1]),
            vis_country=COUNTRY[vc][0], vis_adj=COUNTRY[vc][1],
            host_country=COUNTRY[hc][0], host_adj=COUNTRY[hc][1], host_city=COUNTRY[hc][2],
            n_agreements_cap=cap_first(ev["n_agreements"]),
        )
    if ev["topic"] == "trade":
        slots["maker_cap"] = cap_first(ev["maker"])
    return slots


def quote_paragraph(outlet: str, ev: dict, slots: dict, used: set, rng: random.Random) -> str | None:
    """A quote from one of the event's officials, attributed in the outlet's style."""
    options = []
    for i, (country, q) in enumerate(TOPIC_QUOTES[ev["topic"]]):
        if i in used:
            continue
        speakers = [k for k in ev["officials"] if country in ("any", OFFICIALS[k][0])]
        if speakers:
            options.append((i, q, speakers))
    if not options:
        return None
    i, q, speakers = rng.choice(options)
    used.add(i)
    sp = OFFICIALS[rng.choice(speakers)][1]
    form = rng.choice(QUOTE_FORMS[outlet])
    return fill(form, {**slots, "q": q, "q_nc": q[:-1], "sp": sp, "sp_subj": as_subject(sp)}, rng)


def compose(outlet: str, ev: dict, rng: random.Random, title_use: dict) -> tuple[str, str]:
    """Return (title, text) for one outlet's article about one event.

    ``title_use`` counts how often each title template was used (per outlet), so that
    the least-used template is preferred and no title repeats within an outlet.
    """
    voice = VOICES[outlet]
    topic = voice["topics"][ev["topic"]]
    slots = event_slots(ev)
    plain = outlet in STATE and rng.random() < 0.2
    weights = voice["plain_weights"] if plain else voice["weights"]

    lead_t = rng.choice(voice["plain_leads"] if plain else topic["leads"])
    lead = fill(voice["dateline"], slots, rng) + fill(lead_t, slots, rng)

    pools = {
        "body": rng.sample(topic["body"], len(topic["body"])),
        "facts": rng.sample(TOPIC_FACTS[ev["topic"]], len(TOPIC_FACTS[ev["topic"]])),
        "background": rng.sample(voice["background"], len(voice["background"])),
    }
    if ev.get("no_plant"):  # the event predates the joint venture: no paragraphs about its plant
        for kind in ("body", "facts"):
            pools[kind] = [t for t in pools[kind] if "BelCuba" not in t and "Mahilioŭ" not in t]
    quotes_left = 3
    used_quotes: set = set()
    target = rng.randint(*voice["length"])
    chosen: list[tuple[str, str]] = []
    words = word_count(lead)
    while words < target:
        kinds = [k for k in ("body", "facts", "background") if pools[k]]
        if quotes_left:
            kinds.append("quote")
        if not kinds:
            break
        kind = rng.choices(kinds, weights=[weights[k] for k in kinds])[0]
        if kind == "quote":
            quotes_left -= 1
            para = quote_paragraph(outlet, ev, slots, used_quotes, rng)
            if para is None:
                quotes_left = 0
                continue
        else:
            para = fill(pools[kind].pop(), slots, rng)
        if words + word_count(para) > MAX_WORDS:
            if words >= MIN_WORDS + 20:
                break
            continue
        chosen.append((kind, para))
        words += word_count(para)

    # News order: background paragraphs never come straight after the lead.
    others = [p for k, p in chosen if k != "background"]
    background = [p for k, p in chosen if k == "background"]
    paras = others[:2]
    rest = others[2:]
    for p in background:
        rest.insert(rng.randint(len(rest) // 2, len(rest)), p)
    paras += rest
    text = "\n\n".join([lead] + paras)

    used_titles = title_use.setdefault("_titles", set())
    options = [t for t in topic["titles"] if fill(t, slots, random.Random(0)) not in used_titles]
    fewest = min(title_use.get(t, 0) for t in options)
    template = rng.choice([t for t in options if title_use.get(t, 0) == fewest])
    title_use[template] = title_use.get(template, 0) + 1
    title = fill(template, slots, rng)
    used_titles.add(title)
    return title, text


URL_FORMS = {
    "diario_patria": "https://diariopatria.example/{y}/{m}/{d}/{slug}/",
    "prensa_caribe": "https://prensacaribe.example/noticias/{y}{m}{d}-{n}-{slug}",
    "minsk_agency": "https://minskagency.example/en/{topic}/view/{slug}-{n}/",
    "globalwire": "https://globalwire.example/world/{y}/{m}/{d}/{slug}",
    "isla_libre": "https://islalibre.example/{y}/{m}/{slug}/",
    "newshub": "https://newshub.example/a/{n}/{slug}",
}

# Days between an event and each outlet's report, drawn at random.
DELAYS = {
    "diario_patria": [0, 1, 1],
    "prensa_caribe": [0, 0, 0, 1],
    "minsk_agency": [0, 0, 0, 1],
    "globalwire": [0, 0, 0, 1],
    "isla_libre": [0, 1, 2, 3],
}


# Bad rows 1 and 2: (id of the article whose line is repeated, lines after it to re-insert it).
DUPLICATES = [("globalwire-0007", 12), ("diario_patria-0021", 5)]


def choose_outlets(rng: random.Random) -> list[str]:
    k = rng.choice([3, 3, 4, 4, 4, 5])
    while True:
        picked = rng.sample(AUTHORED, k)
        if "prensa_caribe" in picked or "minsk_agency" in picked:
            return sorted(picked, key=AUTHORED.index)


def wrap_for_aggregator(source: dict, rng: random.Random) -> str:
    """Republish an agency text inside the aggregator's fixed boilerplate."""
    paras = source["text"].split("\n\n")
    at = rng.randint(1, max(1, len(paras) - 1))
    related = "Related: " + rng.choice(AGG_RELATED)
    body = paras[:at] + [related] + paras[at:]
    footer = [AGG_DISCLAIMER.format(agency=AGENCY_NAMES[source["outlet"]])]
    if rng.random() < 0.7:
        footer.append(AGG_FOOTER_SHARE)
    return "\n\n".join(AGG_HEADER + body + footer)


def build(seed: int = SEED) -> list[str]:
    """Return the corpus as a list of JSON lines (without newlines)."""
    rng = random.Random(seed)
    articles = []
    title_use: dict[str, dict] = {o: {} for o in OUTLETS}
    for ev in sorted(EVENTS, key=lambda e: (e["date"], e["id"])):
        assert all(k in OFFICIALS for k in ev["officials"]), ev["id"]
        for outlet in choose_outlets(rng):
            title, text = compose(outlet, ev, rng, title_use[outlet])
            date = dt.date.fromisoformat(ev["date"]) + dt.timedelta(days=rng.choice(DELAYS[outlet]))
            articles.append(dict(outlet=outlet, date=date.isoformat(), title=title, text=text,
                                 event_id=ev["id"], topic=ev["topic"]))

    # Aggregator: republish about twenty agency articles, each from a different event.
    candidates = [a for a in articles if a["outlet"] in AGENCY_NAMES and word_count(a["text"]) <= 540]
    by_event: dict[str, list] = {}
    for a in candidates:
        by_event.setdefault(a["event_id"], []).append(a)
    picked_events = rng.sample(sorted(by_event), 20)
    for ev_id in sorted(picked_events):
        src = rng.choice(by_event[ev_id])
        date = dt.date.fromisoformat(src["date"]) + dt.timedelta(days=rng.choice([0, 1]))
        articles.append(dict(outlet="newshub", date=date.isoformat(), title=src["title"],
                             text=wrap_for_aggregator(src, rng), event_id=ev_id, topic=src["topic"]))

    # Bad row 3: a photo gallery whose text is whitespace only.
    articles.append(dict(outlet="prensa_caribe", date="2024-09-25",
                         title="In pictures: Belarusian lawmakers tour Havana",
                         text=" \n\n  \n", event_id="ev-016", topic="visits"))

    articles.sort(key=lambda a: (a["date"], OUTLETS.index(a["outlet"]), a["event_id"]))
    counters = {o: 0 for o in OUTLETS}
    records = []
    for a in articles:
        o = a["outlet"]
        counters[o] += 1
        n = counters[o]
        y, m, d = a["date"].split("-")
        url = URL_FORMS[o].format(y=y, m=m, d=d, n=f"{n:04d}", slug=slugify(a["title"]), topic=a["topic"])
        records.append({
            "id": f"{o}-{n:04d}",
            "outlet": o,
            "date": a["date"],
            "title": a["title"],
            "text": a["text"],
            "url": url,
            "lang": "en",
            "event_id": a["event_id"],
        })

    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    # Bad rows 1 and 2: exact copies of two earlier lines, re-inserted further down.
    for dup_id, offset in DUPLICATES:
        src_index = next(i for i, r in enumerate(records) if r["id"] == dup_id)
        lines.insert(src_index + offset + 1, lines[src_index])
        records.insert(src_index + offset + 1, records[src_index])
    return lines


def check(lines: list[str]) -> None:
    """Fail loudly if the corpus breaks the promises made in data/README.md."""
    seen = set()
    counts = {o: 0 for o in OUTLETS}
    for line in lines:
        if line in seen:
            continue
        seen.add(line)
        r = json.loads(line)
        counts[r["outlet"]] += 1
        if not r["text"].strip():
            continue
        n = word_count(r["text"])
        assert MIN_WORDS <= n <= 600, (r["id"], n)
        assert "{" not in r["text"] and "[[" not in r["text"], r["id"]
    for o, c in counts.items():
        assert c >= 20, (o, c)
    assert len(lines) - len(seen) == 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=OUT_PATH, help="where to write the JSON Lines file")
    args = parser.parse_args()
    lines = build()
    check(lines)
    with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
        for line in lines:
            fh.write(line + "\n")
    print(f"wrote {len(lines)} lines to {args.output}")


if __name__ == "__main__":
    main()
