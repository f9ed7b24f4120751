#!/usr/bin/env python3
"""Generate the synthetic Spanish and Russian demo corpus ``data/corpus/demo_multilingual.jsonl``.

Every outlet, person, company and event here is FICTIONAL and every sentence
was written for framelens; nothing is real news (see ``data/README.md``). The
four outlets cover events of the English demo (same ``event_id``) in Spanish
and Russian, so outlets can be compared across languages with one set of
framing categories:

* ``tribuna_habana`` (es): a Cuban state daily — solidarity, "país hermano",
  "el bloqueo", sovereignty;
* ``faro_cubano`` (es): an independent Cuban outlet — "régimen", "represión",
  shortages and blackouts;
* ``belinform`` (ru): a Belarusian state agency — "солидарность",
  "братский народ", "незаконные санкции";
* ``svobodny_minsk`` (ru): an independent Belarusian outlet in exile —
  "режим", "репрессии", "политзаключенные".

Standard library only, fixed seed: two runs write byte-identical files::

    python data/corpus/make_demo_multilingual.py
    python data/corpus/make_demo_multilingual.py -o out.jsonl

An article is a lead built from the event's facts, followed by paragraphs of
two or three sentences until a target length is reached. Sentences come from
the outlet's templates for the event's topic, for quotes and for background,
each used at most once per article; alternatives (``[a|b]``) and slots
(``{official}``, ``{prov}``, figures, products) are filled at random, so no
paragraph is an outlet's stock text and no two articles of an outlet are
near-copies (``check`` asserts both).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import unicodedata
from pathlib import Path

SEED = 20250317
MIN_WORDS, MAX_WORDS = 150, 600
OUT_PATH = Path(__file__).resolve().parent / "demo_multilingual.jsonl"

OUTLETS = {
    # outlet: (language, url base, events it covers: every n-th of EVENTS plus offset)
    "tribuna_habana": ("es", "https://tribunahabana.example"),
    "faro_cubano": ("es", "https://farocubano.example"),
    "belinform": ("ru", "https://belinform.example"),
    "svobodny_minsk": ("ru", "https://svobodnyminsk.example"),
}

# --------------------------------------------------------------------------
# Events (ids and dates shared with data/corpus/make_demo.py); facts per language
# --------------------------------------------------------------------------
# hl: neutral headline; news: the lead's fact sentence (without final stop).
EVENTS = [
    dict(id="ev-001", date="2024-01-23", topic="visits",
         es=dict(hl="Viceprimera ministra belarusa inicia visita a La Habana",
                 news="La viceprimera ministra de Belarús Natallia Žukava inició en La Habana una visita de cuatro "
                      "días para la sesión anual de la Comisión Intergubernamental Cuba-Belarús"),
         ru=dict(hl="Вице-премьер Беларуси начала визит в Гавану",
                 news="Заместитель премьер-министра Беларуси Наталья Жукова начала четырехдневный визит в Гавану "
                      "для участия в заседании межправительственной комиссии Беларусь — Куба")),
    dict(id="ev-002", date="2024-02-06", topic="biotech",
         es=dict(hl="Belarús registra la vacuna cubana Centinela",
                 news="El Ministerio de Salud de Belarús registró Centinela, una vacuna neumocócica conjugada "
                      "cubana para niños, que entrará en el calendario nacional de inmunización"),
         ru=dict(hl="В Беларуси зарегистрирована кубинская вакцина «Сентинела»",
                 news="Министерство здравоохранения Беларуси зарегистрировало кубинскую пневмококковую "
                      "конъюгированную вакцину для детей «Сентинела»")),
    dict(id="ev-003", date="2024-02-20", topic="trade",
         es=dict(hl="Llegan a Mariel 300 tractores belarusos para la zafra",
                 news="Un cargamento de 300 tractores belarusos llegó al puerto del Mariel para la cosecha de "
                      "caña de azúcar"),
         ru=dict(hl="Триста белорусских тракторов прибыли на Кубу",
                 news="Партия из трехсот белорусских тракторов прибыла в кубинский порт Мариэль для уборки "
                      "сахарного тростника")),
    dict(id="ev-005", date="2024-03-05", topic="security",
         es=dict(hl="Belarús vigila maniobras de la OTAN cerca de su frontera",
                 news="El Ministerio de Defensa de Belarús afirmó que sigue de cerca el ejercicio Northern "
                      "Rampart 2024 de la OTAN en Polonia y Lituania, con unos 20 000 soldados"),
         ru=dict(hl="Минобороны Беларуси следит за учениями НАТО у границы",
                 news="Министерство обороны Беларуси заявило, что внимательно следит за учениями НАТО "
                      "Northern Rampart 2024 в Польше и Литве, в которых участвуют около 20 тысяч военных")),
    dict(id="ev-006", date="2024-04-16", topic="biotech",
         es=dict(hl="Cuba y Belarús acuerdan construir una planta farmacéutica conjunta",
                 news="Funcionarios de Cuba y Belarús firmaron en Minsk el acuerdo para crear BelCuba Biopharm, "
                      "una empresa mixta que construirá una planta de vacunas en Maguiliov"),
         ru=dict(hl="Беларусь и Куба построят совместный фармацевтический завод",
                 news="В Минске подписано соглашение о создании совместного предприятия «БелКуба Биофарм», "
                      "которое построит в Могилеве завод вакцин и биологических препаратов")),
    dict(id="ev-007", date="2024-04-30", topic="trade",
         es=dict(hl="Llegan los primeros ómnibus belarusos a La Habana",
                 news="Cuba recibió los primeros 40 de los 120 ómnibus urbanos belarusos comprados con un "
                      "crédito estatal"),
         ru=dict(hl="Первые белорусские автобусы доставлены в Гавану",
                 news="Куба получила первые 40 из 120 белорусских городских автобусов, закупленных в счет "
                      "государственного кредита")),
    dict(id="ev-010", date="2024-06-18", topic="biotech",
         es=dict(hl="Cuba envía Dermagen a Belarús y recibe insulina",
                 news="Un primer lote de 12 000 bulbos del medicamento cubano Dermagen salió hacia Belarús, "
                      "mientras llegaba al Mariel un envío belaruso de insulina y jeringuillas"),
         ru=dict(hl="Куба отправила в Беларусь препарат «Дермаген»",
                 news="Первая партия из 12 тысяч флаконов кубинского препарата «Дермаген» отправлена в "
                      "Беларусь, а в порт Мариэль прибыла белорусская партия инсулина и шприцев")),
    dict(id="ev-011", date="2024-06-25", topic="trade",
         es=dict(hl="Belarús enviará 40 000 toneladas de potasa a Cuba",
                 news="Belarús acordó suministrar a Cuba 40 000 toneladas de fertilizante potásico que llegarán "
                      "al puerto de Cienfuegos antes de la siembra de otoño"),
         ru=dict(hl="Беларусь поставит на Кубу 40 тысяч тонн калийных удобрений",
                 news="Беларусь договорилась поставить на Кубу 40 тысяч тонн калийных удобрений через порт "
                      "Сьенфуэгос до начала осеннего сева")),
    dict(id="ev-012", date="2024-07-16", topic="visits",
         es=dict(hl="Canciller cubano conversa en Minsk con su homólogo belaruso",
                 news="El canciller cubano Ramón Echevarría Solís llegó a Minsk para dos días de conversaciones "
                      "con el ministro de Relaciones Exteriores de Belarús, Siarhiej Łaŭrynovič"),
         ru=dict(hl="Министр иностранных дел Кубы прибыл в Минск",
                 news="Министр иностранных дел Кубы Рамон Эчеваррия Солис прибыл в Минск на двухдневные "
                      "переговоры с министром иностранных дел Беларуси Сергеем Лавриновичем")),
    dict(id="ev-014", date="2024-08-27", topic="biotech",
         es=dict(hl="Comienza en Minsk ensayo clínico de fármaco cubano para el riñón",
                 news="Médicos de Minsk comenzaron un ensayo clínico de Nefrolín, un anticuerpo monoclonal "
                      "cubano contra la enfermedad renal crónica"),
         ru=dict(hl="В Минске начались клинические испытания кубинского препарата",
                 news="Врачи Республиканского центра нефрологии в Минске начали клинические испытания "
                      "кубинского моноклонального антитела «Нефролин»")),
    dict(id="ev-016", date="2024-09-24", topic="visits",
         es=dict(hl="Diputados belarusos visitan Cuba",
                 news="Ihar Kavalčuk, presidente de la Cámara de Representantes de Belarús, comenzó una visita de "
                      "cinco días a Cuba al frente de una delegación parlamentaria"),
         ru=dict(hl="Белорусские парламентарии с визитом на Кубе",
                 news="Председатель Палаты представителей Беларуси Игорь Ковальчук начал пятидневный визит на "
                      "Кубу во главе парламентской делегации")),
    dict(id="ev-018", date="2024-10-22", topic="trade",
         es=dict(hl="Cuba compra 85 camiones belarusos",
                 news="Cuba firmó un contrato para adquirir 85 camiones belarusos que se entregarán en dos lotes "
                      "hasta mediados de 2025"),
         ru=dict(hl="Куба закупит 85 белорусских грузовиков",
                 news="Куба подписала контракт на покупку 85 белорусских грузовиков, которые будут поставлены "
                      "двумя партиями до середины 2025 года")),
    dict(id="ev-020", date="2024-11-26", topic="visits",
         es=dict(hl="Comisión Cuba-Belarús firma nueve documentos en Minsk",
                 news="Cuba y Belarús firmaron nueve documentos en la sesión de su Comisión Intergubernamental "
                      "en Minsk, presidida por los vicepremieres Julián Ferrer Ochoa y Natallia Žukava"),
         ru=dict(hl="Межправкомиссия Беларусь — Куба подписала девять документов",
                 news="Беларусь и Куба подписали девять документов на заседании межправительственной комиссии "
                      "в Минске под председательством вице-премьеров Натальи Жуковой и Хулиана Феррера")),
    dict(id="ev-023", date="2025-01-14", topic="security",
         es=dict(hl="Cuba y Belarús emiten declaración conjunta contra las sanciones",
                 news="Cuba y Belarús emitieron una declaración conjunta que rechaza las medidas coercitivas "
                      "unilaterales y la expansión de los bloques militares"),
         ru=dict(hl="Беларусь и Куба приняли совместное заявление против санкций",
                 news="Беларусь и Куба приняли совместное заявление, осуждающее односторонние "
                      "принудительные меры и расширение военных блоков")),
    dict(id="ev-024", date="2025-01-28", topic="biotech",
         es=dict(hl="Belarús dona 38 toneladas de medicamentos a Cuba",
                 news="Belarús donó a Cuba 38 toneladas de medicamentos e insumos médicos, entre ellos "
                      "antibióticos, insulina y material quirúrgico"),
         ru=dict(hl="Беларусь передала Кубе 38 тонн лекарств",
                 news="Беларусь передала Кубе 38 тонн лекарств и медицинских изделий, в том числе антибиотики, "
                      "инсулин и хирургические материалы")),
    dict(id="ev-027", date="2025-03-25", topic="trade",
         es=dict(hl="Llega a Matanzas diésel belaruso en medio de los apagones",
                 news="Un tanquero con 60 000 toneladas de diésel belaruso atracó en Matanzas mientras Cuba "
                      "sufre apagones diarios"),
         ru=dict(hl="Танкер с белорусским дизтопливом прибыл на Кубу",
                 news="Танкер с 60 тысячами тонн белорусского дизельного топлива пришвартовался в Матансасе на "
                      "фоне ежедневных отключений электроэнергии на Кубе")),
    dict(id="ev-028", date="2025-04-08", topic="security",
         es=dict(hl="Belarús y Cuba firman memorando de cooperación militar",
                 news="Belarús y Cuba firmaron un memorando de cooperación técnico-militar y formación de "
                      "oficiales durante la visita a Minsk del general Arnaldo Soler Vega"),
         ru=dict(hl="Беларусь и Куба подписали меморандум о военном сотрудничестве",
                 news="Беларусь и Куба подписали меморандум о военно-техническом сотрудничестве и подготовке "
                      "офицеров во время визита в Минск генерала Арнальдо Солера Веги")),
    dict(id="ev-029", date="2025-04-29", topic="biotech",
         es=dict(hl="Planta conjunta produce el primer lote de vacuna de diseño cubano",
                 news="La planta BelCuba Biopharm de Maguiliov produjo su primer lote industrial de la vacuna "
                      "Centinela, de diseño cubano"),
         ru=dict(hl="Совместный завод выпустил первую партию кубинской вакцины",
                 news="Завод «БелКуба Биофарм» в Могилеве выпустил первую промышленную партию вакцины "
                      "«Сентинела», разработанной на Кубе")),
    dict(id="ev-033", date="2025-06-27", topic="security",
         es=dict(hl="Cuba y Belarús critican el aumento del gasto militar de la OTAN",
                 news="Las cancillerías de Cuba y Belarús criticaron la decisión de la cumbre de la OTAN de "
                      "elevar la meta de gasto en defensa y la calificaron de paso hacia una nueva carrera "
                      "armamentista"),
         ru=dict(hl="Минск и Гавана осудили решение саммита НАТО",
                 news="МИД Беларуси и Кубы осудили решение саммита НАТО повысить целевой уровень расходов на "
                      "оборону, назвав его шагом к новой гонке вооружений")),
    dict(id="ev-036", date="2025-08-19", topic="visits",
         es=dict(hl="Canciller belaruso regresa a La Habana en plena crisis energética",
                 news="El canciller belaruso Siarhiej Łaŭrynovič volvió a La Habana para conversar sobre "
                      "energía y transporte, su segunda visita en poco más de un año"),
         ru=dict(hl="Глава МИД Беларуси вновь посетил Гавану",
                 news="Министр иностранных дел Беларуси Сергей Лавринович вновь прибыл в Гавану для "
                      "переговоров по энергетике и транспорту — это его второй визит за год")),
    dict(id="ev-039", date="2025-09-16", topic="trade",
         es=dict(hl="Belarús envía transformadores para la red eléctrica cubana",
                 news="Belarús entregó 110 transformadores de potencia a la empresa eléctrica estatal de Cuba"),
         ru=dict(hl="Беларусь поставила на Кубу силовые трансформаторы",
                 news="Беларусь поставила 110 силовых трансформаторов государственной электроэнергетической "
                      "компании Кубы")),
]

# Visits held in Belarus (the others took place in Cuba).
VISITS_IN_BELARUS = ("ev-012", "ev-020")

# Which events each outlet covers (indices into EVENTS, so counts are fixed).
COVERAGE = {
    "tribuna_habana": list(range(len(EVENTS))),                                       # 21
    "faro_cubano": [0, 1, 2, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20],  # 18
    "belinform": [0, 1, 3, 4, 5, 7, 8, 9, 10, 12, 13, 14, 16, 17, 18, 19],            # 16
    "svobodny_minsk": [0, 3, 5, 8, 12, 13, 15, 16, 18],                               # 9
}

# --------------------------------------------------------------------------
# Outlet voices
# --------------------------------------------------------------------------
# Templates are expanded by `expand`: "[a|b|c]" picks one alternative (no
# nesting), "{slot}" is replaced by a value of SLOTS[lang][slot] (values may
# contain slots and alternatives themselves); "{slot:s}" marks a subject
# before its verb and closes an apposition in the value with a comma. An article is the event's lead
# followed by paragraphs of two or three sentences drawn without repetition
# from the outlet's topic, quote and general pools, so that sentences and
# paragraphs vary from article to article the way an outlet's prose does.

TITLES = {
    "tribuna_habana": ["{hl}", "{hl}", "{hl}: nueva muestra de solidaridad entre pueblos hermanos",
                       "Hermandad Cuba-Belarús: {hl}", "{hl} pese al bloqueo", "Cooperación con Belarús: {hl}",
                       "{hl}, un paso más entre naciones hermanas"],
    "faro_cubano": ["{hl}", "{hl}", "{hl} mientras la isla sigue a oscuras", "Propaganda oficial: {hl}",
                    "Dos regímenes aliados: {hl}", "{hl}: lo que no cuenta la prensa estatal",
                    "{hl}; la población no ve los beneficios"],
    "belinform": ["{hl}", "{hl}", "{hl}: братские народы укрепляют сотрудничество", "{hl} вопреки санкциям",
                  "Беларусь — Куба: {hl}", "{hl}. Партнерство продолжается"],
    "svobodny_minsk": ["{hl}", "{hl}", "Режим ищет союзников: {hl}", "{hl} на фоне репрессий",
                       "Союз изгоев: {hl}", "{hl}. Что скрывают официальные сообщения"],
}
DATELINES = {
    "tribuna_habana": "La Habana, {d} de {m} (Tribuna).",
    "faro_cubano": "Madrid, {d} de {m}.",
    "belinform": "МИНСК, {d} {m_gen} (БелИнформ).",
    "svobodny_minsk": "ВИЛЬНЮС, {d} {m_gen}.",
}
MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
             "noviembre", "diciembre"]
MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
             "ноября", "декабря"]
LEAD_TAILS = {
    "tribuna_habana": ["", "", " como expresión de la hermandad entre ambos pueblos",
                       " en un nuevo paso de la cooperación mutuamente beneficiosa",
                       ", informaron fuentes oficiales", " pese a los obstáculos que impone el bloqueo"],
    "faro_cubano": ["", ", según informó la prensa oficial", ", según medios estatales de ambos países",
                    ", de acuerdo con la televisión estatal", ", anunció el diario oficialista de la isla"],
    "belinform": ["", "", ", что стало новым шагом в развитии стратегического партнерства",
                  ", подтвердив дружеский характер отношений двух стран", ", сообщили в профильном ведомстве"],
    "svobodny_minsk": ["", ", сообщили государственные СМИ", ", следует из сообщения пресс-службы МИД",
                       ", сообщило государственное агентство", ", передает провластный телеканал"],
}

SLOTS = {
    "es": {
        "prov": ["Holguín", "Camagüey", "Santiago de Cuba", "Pinar del Río", "Villa Clara", "Cienfuegos",
                 "Matanzas", "Las Tunas", "Granma", "Sancti Spíritus", "Artemisa", "Ciego de Ávila", "Mayabeque",
                 "Guantánamo"],
        "bycity": ["Minsk", "Gómel", "Brest", "Grodno", "Vítebsk", "Maguiliov", "Baránavichi", "Zhódzina",
                   "Bobruisk", "Pinsk"],
        "pct": ["12", "15", "18", "20", "23", "27", "30", "34", "40", "45"],
        "few": ["tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
        "many": ["decenas de", "cientos de", "miles de", "numerosos"],
        "year": ["2006", "2009", "2011", "2013", "2015", "2017", "2019", "2021"],
        "month": MONTHS_ES,
        "ministry": ["el Ministerio del Comercio Exterior", "el Ministerio de Industrias",
                     "el Ministerio de la Agricultura", "el Ministerio de Salud Pública",
                     "el Ministerio de Energía y Minas", "el Ministerio del Transporte"],
        "goods": ["tractores", "ómnibus", "camiones", "neumáticos", "fertilizantes", "transformadores", "motores",
                  "cosechadoras", "grupos electrógenos"],
        "food": ["pollo", "arroz", "frijoles", "café", "carne de cerdo", "queso", "azúcar", "leche en polvo"],
        "hours": ["ocho", "diez", "doce", "catorce", "dieciséis", "dieciocho", "veinte"],
        "shortage": ["pollo", "aceite", "leche en polvo", "arroz", "gas licuado", "pan normado", "café",
                     "medicamentos para la presión", "pañales", "jabón", "detergente"],
        "price": ["300", "450", "600", "750", "900", "1 200", "1 500"],
        # tribuna_habana
        "official": ["el viceministro del Comercio Exterior, Orlando Pupo Valdés",
                     "la directora de Asuntos Bilaterales de la cancillería, Mayelín Rosales Cruz",
                     "el embajador cubano en Minsk, Rubén Acosta Figueroa",
                     "la diputada Yanet Céspedes Mora",
                     "el presidente de la empresa Maquinaria del Caribe, Luis Ángel Quintana",
                     "la investigadora Odalys Ferrán Téllez",
                     "el embajador belaruso en La Habana, Aliaksandr Hrynkievič",
                     "el director de la Cámara de Comercio, Eduardo Lima Portal",
                     "la viceministra de Salud Pública, Xiomara Benítez Luna"],
        "worker": ["el operador de tractores Reinier Batista, de {prov}",
                   "la maestra Dianelys Fonseca, de {prov}", "el técnico Yosvany Marrero, de {prov}",
                   "la enfermera Leticia Arencibia, de un policlínico de {prov}",
                   "el campesino Eusebio Tamayo, de {prov}", "el chofer Alexis Guerra, de {prov}",
                   "la ingeniera Maritza Oliva, de una central eléctrica de {prov}"],
        # faro_cubano
        "source": ["el economista Ernesto Lamela, que vive en Madrid",
                   "la economista Carmen Viera Bosch, exprofesora de la Universidad de La Habana",
                   "el politólogo Julio Anaya", "la activista Yamilé Ortega, de la Red Ciudadana por los Derechos",
                   "el abogado Dagoberto Llanes, del Centro Isleño de Derechos Civiles",
                   "un exfuncionario del Ministerio del Comercio Exterior que pidió reserva",
                   "una ingeniera de la empresa eléctrica que habló bajo condición de anonimato",
                   "el periodista Osniel Rivero, colaborador de este medio en {prov}"],
        "neighbor": ["Mercedes, jubilada de {prov}", "Osmany, chofer de alquiler en {prov}",
                     "Yudith, madre de dos niños en {prov}", "Raúl, profesor de secundaria en {prov}",
                     "Nilda, enfermera en un hospital de {prov}", "Alejandro, estudiante en {prov}",
                     "Teresa, cuentapropista de {prov}"],
    },
    "ru": {
        "bycity": ["в Гомеле", "в Бресте", "в Гродно", "в Витебске", "в Могилеве", "в Борисове",
                   "в Барановичах", "в Жодино", "в Бобруйске", "в Пинске", "в Минске"],
        "cuprov": ["в провинции Ольгин", "в Камагуэе", "в Сантьяго-де-Куба", "в Пинар-дель-Рио",
                   "в Вилья-Кларе", "в Сьенфуэгосе", "в Матансасе", "в Лас-Тунасе", "в провинции Гранма",
                   "в Санкти-Спиритусе"],
        "pct": ["12", "15", "18", "20", "23", "27", "30", "34", "40", "45"],
        "few": ["пять", "шесть", "семь", "восемь", "девять", "десять"],
        "fewgl": ["трех", "четырех", "пяти", "шести", "семи", "восьми"],
        "year": ["2006", "2009", "2011", "2013", "2015", "2017", "2019", "2021"],
        "goods": ["тракторы", "автобусы", "грузовики", "шины", "удобрения", "трансформаторы",
                  "двигатели", "комбайны", "генераторы"],
        # belinform: "said" + speaker, verb agreeing with the speaker
        "said": ["отметил первый заместитель министра промышленности Олег Сипович",
                 "подчеркнул посол Беларуси на Кубе Андрей Шилко",
                 "сказала председатель Белорусской торгово-промышленной палаты Валентина Гуринович",
                 "заявил генеральный директор холдинга «Белагромаш» Петр Ясюкевич",
                 "отметила ректор аграрного университета Тамара Ровбель",
                 "подчеркнул посол Кубы в Беларуси Хуан Карлос Мендоса",
                 "сказал депутат Палаты представителей Игнат Барздыка",
                 "отметила заместитель министра здравоохранения Ирина Ковш"],
        "worker": ["механизатор из-под Гродно Виктор Лапицкий", "инженер сервисного центра Денис Грибович",
                   "кубинский агроном Йоандри Кастельянос", "водитель гаванского автобуса Рейнер Батиста",
                   "технолог завода Светлана Куприянчик", "кубинская медсестра Летисия Аренсибия"],
        # svobodny_minsk
        "expert": ["экономист Ольга Журавская", "политолог Дмитрий Каменчук",
                   "аналитик центра «Восточный горизонт» Артем Лазаревич",
                   "правозащитница Инна Мелешко из инициативы «Открытый суд»",
                   "бывший сотрудник Минпрома, попросивший не называть его имени",
                   "экономист Павел Ридевский", "журналист Андрей Сачек, работающий в эмиграции"],
        "reader": ["читатель из Гомеля", "читательница из Бреста", "бывший инженер МТЗ", "пенсионерка из Витебска",
                   "врач минской больницы", "студент из Гродно", "предприниматель из Могилева"],
    },
}

POOLS = {
    "tribuna_habana": {
        "visits": [
            "[La visita confirma|El encuentro confirma|Las conversaciones confirman] que Cuba y Belarús son "
            "[países hermanos|naciones hermanas|pueblos hermanos] que defienden [juntos|codo a codo] la soberanía "
            "y el derecho de cada pueblo a escoger su propio camino.",
            "Durante [las conversaciones|la reunión|el diálogo oficial], ambas partes ratificaron su voluntad de "
            "ampliar la cooperación en [la agricultura y la industria|la educación y la salud|la energía y el "
            "transporte|la ciencia y la cultura], sobre la base del beneficio mutuo.",
            "Los representantes cubanos agradecieron [la solidaridad|el apoyo firme|el apoyo incondicional] del "
            "pueblo "
            "belaruso, que [nunca ha dado la espalda a Cuba|ha estado junto a Cuba|ha acompañado a la isla] en "
            "los [momentos más difíciles|años más duros] del bloqueo.",
            "Las delegaciones coincidieron en que la amistad histórica entre ambas naciones es un ejemplo de "
            "relaciones entre iguales en un mundo [multipolar|que ya no acepta hegemonías].",
            "El programa incluyó [un recorrido por|una visita a] [una empresa agropecuaria|un centro de "
            "investigaciones|una fábrica de implementos|un policlínico] de {place}, donde los visitantes "
            "[conversaron con|saludaron a] trabajadores y directivos.",
            "[Ambas partes|Los dos gobiernos] revisaron el cumplimiento de {few} acuerdos firmados en {year} y "
            "[fijaron nuevos plazos|acordaron un calendario de trabajo] para los proyectos conjuntos.",
            "La agenda [abordó|incluyó] también la formación de estudiantes cubanos en universidades de "
            "{bycity} y el intercambio de [profesores|especialistas|técnicos] entre ambos países.",
            "Las delegaciones [rindieron homenaje a|recordaron a] las generaciones que [forjaron|construyeron] los "
            "lazos de hermandad entre los dos pueblos y [destacaron|subrayaron] el papel de los [jóvenes|"
            "estudiantes] en su continuidad.",
            "[Se habló|Se conversó] además de la coordinación en foros multilaterales, donde Cuba y Belarús "
            "[votan juntas|actúan de conjunto] contra la injerencia en los asuntos internos de los Estados.",
            "La delegación sostuvo también un encuentro con "
            "[empresarios|directivos de empresas estatales] interesados en [nuevos proyectos conjuntos|ampliar el "
            "intercambio comercial].",
            "[Ambas cancillerías|Los dos ministerios] [acordaron|convinieron] celebrar en {month} [una nueva "
            "ronda de consultas|la próxima reunión de trabajo], [en Minsk|en La Habana].",
            "[El diálogo|La conversación] [transcurrió|se desarrolló] en un ambiente [fraternal|de amistad y "
            "confianza], [según el comunicado oficial|de acuerdo con la nota de prensa].",
            "[Ambas partes|Las partes] [pasaron revista|dieron seguimiento] a la [colaboración|cooperación] en "
            "[el sector azucarero|la producción de alimentos|la industria ligera] y en la [formación de "
            "técnicos|capacitación de obreros].",
        ],
        "biotech": [
            "La biotecnología cubana, [creada|desarrollada] por la Revolución pese al bloqueo, vuelve a "
            "demostrar su prestigio [internacional|en el mundo] y su vocación solidaria con los pueblos "
            "hermanos.",
            "Las vacunas y medicamentos cubanos son fruto de [décadas|más de treinta años] de trabajo de "
            "científicos que han puesto la salud pública por encima del lucro.",
            "Especialistas de ambos países destacaron que la cooperación [farmacéutica|en biotecnología|en salud] "
            "es una alianza estratégica de beneficio mutuo que [salva vidas|protege a la población].",
            "El proyecto conjunto demuestra que la colaboración entre naciones soberanas puede [vencer|superar] "
            "las dificultades que impone la guerra económica.",
            "[Según|De acuerdo con] {ministry}, el producto [ya está registrado|se registró] en {few} países y "
            "[podría llegar|llegará] a nuevos mercados gracias al socio belaruso.",
            "El bloqueo impide a los laboratorios cubanos comprar [reactivos|equipos|materias primas] en Estados "
            "Unidos y encarece hasta un {pct} por ciento los insumos que se adquieren en terceros países.",
            "Los [investigadores|técnicos|especialistas] del polo científico del oeste de La Habana "
            "[trabajan|laboran] con [Minsk|colegas de {bycity}] en la transferencia de tecnología y la "
            "formación de personal.",
            "La experiencia de las brigadas médicas cubanas [en decenas de países|en África y América "
            "Latina|durante la pandemia] es también parte de esta tradición internacionalista.",
            "[Para Cuba|Para el sistema de salud cubano], cada acuerdo con Belarús significa [más|nuevos] "
            "medicamentos para los hospitales de {prov} y de todo el país.",
            "[Más de|Casi] {pct} productos de la biotecnología cubana [se exportan|se venden] hoy a [decenas "
            "de|numerosos] países, [según|de acuerdo con] {ministry}.",
            "[Los científicos cubanos|Los investigadores de la isla] [lograron|alcanzaron] [este resultado|este "
            "avance] con [recursos modestos|escasos recursos] y [bajo|en medio de] la persecución financiera del "
            "bloqueo.",
            "[Belarús|El socio belaruso] [aporta|ofrece] [capacidad industrial|plantas modernas] y Cuba [su "
            "experiencia científica|sus patentes], [una combinación|un complemento] [que beneficia a ambos "
            "pueblos|de beneficio mutuo].",
            "[La nueva etapa|El próximo paso] [incluirá|prevé] ensayos [en {bycity}|en hospitales belarusos] y la "
            "[formación|preparación] de [especialistas|tecnólogos] de ambos países.",
        ],
        "trade": [
            "El intercambio comercial crece a pesar del bloqueo [económico, comercial y financiero|que impone "
            "Washington], que persigue cada operación de Cuba con terceros países.",
            "Las autoridades destacaron que Belarús es un socio confiable, que cumple sus compromisos aun bajo "
            "[las sanciones ilegales de Occidente|las sanciones occidentales|medidas coercitivas unilaterales].",
            "La llegada de [estos equipos|este cargamento|estos productos] es una muestra concreta de la "
            "solidaridad entre [países hermanos|pueblos hermanos] y de una cooperación mutuamente beneficiosa.",
            "Las medidas coercitivas unilaterales encarecen cada compra y cada flete, pero no han logrado "
            "aislar a Cuba de sus [amigos|verdaderos amigos|socios].",
            "El [cargamento|lote] se [distribuirá|repartirá] entre [empresas|cooperativas] de {prov} y {prov}, según "
            "[precisó|informó] {ministry}.",
            "En los últimos años Belarús ha enviado a Cuba {goods}, {goods} y piezas de repuesto, y el "
            "intercambio [creció|aumentó] un {pct} por ciento [respecto al año anterior|desde {year}].",
            "[Una empresa mixta|Un centro de servicio] en {prov} [se encargará|se ocupará] del mantenimiento "
            "de los equipos belarusos y de la formación de los operarios.",
            "Por culpa del bloqueo, [los barcos que tocan puertos cubanos|las navieras que trabajan con "
            "Cuba|los bancos que procesan pagos cubanos] [sufren|enfrentan] multas y persecución financiera.",
            "La comisión intergubernamental [dará seguimiento|velará por el cumplimiento] de los contratos, "
            "[como ha hecho desde|tal como se acordó en] {year}.",
            "Los equipos belarusos trabajan desde hace años en [los campos|las "
            "empresas] de {prov}, donde [los operarios|los trabajadores] [destacan|elogian] su "
            "[resistencia|fiabilidad].",
            "[El crédito|El financiamiento] [acordado|otorgado] por Minsk [permite|hace posible] [estas "
            "compras|la operación] [pese a|a pesar de] las restricciones que el bloqueo impone a la banca "
            "internacional.",
            "[Las empresas|Los directivos] de {prov} [esperan|confían en] [recibir|contar con] [nuevos lotes|más "
            "equipos] [antes de fin de año|en los próximos meses].",
            "[El intercambio|El comercio] con Belarús [demuestra|prueba] que [Cuba no está sola|la isla tiene "
            "amigos] y que [el cerco|el bloqueo] [no ha logrado|no logrará] [aislarla|doblegarla].",
        ],
        "security": [
            "Cuba y Belarús rechazan la expansión de la OTAN y la carrera armamentista, que [amenazan|ponen en "
            "peligro] la paz y la seguridad de todos los pueblos.",
            "Ambos gobiernos [reafirmaron|ratificaron] su apego a la Carta de la ONU, a la no injerencia en los "
            "asuntos internos y al respeto de la soberanía de los Estados.",
            "Las sanciones y las medidas coercitivas unilaterales son también un arma de agresión contra los "
            "pueblos que eligen un camino propio.",
            "La hermandad entre Cuba y Belarús se forjó en la defensa común de la independencia frente al "
            "imperialismo y la hegemonía de una sola potencia.",
            "[Los dos países|Ambas naciones] denunciaron que el gasto militar de la alianza atlántica "
            "[supera|rebasa] con creces lo que el mundo destina a [la salud|la educación|combatir el hambre].",
            "La [cancillería|diplomacia] cubana recordó que la isla [ha sufrido|sufre] desde hace más de "
            "sesenta años [la agresión|las presiones|la hostilidad] de la potencia más poderosa del planeta.",
            "[Para La Habana y Minsk|Para ambos gobiernos], la seguridad debe ser indivisible y ningún Estado "
            "puede [garantizar|comprar] la suya a costa de la de otros.",
            "El texto [llama a|exhorta a] resolver las diferencias mediante el diálogo y [rechaza|condena] la "
            "injerencia y el uso de la fuerza en las relaciones internacionales.",
            "[La declaración|El documento] [rechaza|condena] además la [inclusión|permanencia] de Cuba en [listas "
            "negras|la lista de países patrocinadores del terrorismo], [una medida|una decisión] sin fundamento "
            "alguno.",
            "[Ambos gobiernos|Las dos partes] [coinciden en que|consideran que] [la paz|la estabilidad] [solo es "
            "posible|se logra] con respeto a la soberanía y a la integridad territorial de los Estados.",
            "[Expertos cubanos|Analistas de la cancillería] [advierten|alertan] que la expansión de los bloques "
            "militares [aumenta|eleva] el riesgo de [un conflicto global|una nueva guerra].",
            "[Cuba y Belarús|Los dos países] [apoyan|defienden] [un orden|un sistema] internacional multipolar, "
            "[basado en|fundado en] el derecho internacional y no en la [fuerza|ley del más fuerte].",
            "[La cooperación|La colaboración] en defensa [tiene carácter|es de carácter] "
            "[exclusivamente|puramente] defensivo y no [está dirigida|se dirige] contra terceros países, "
            "[precisaron fuentes oficiales|aclaró la cancillería].",
        ],
        "quotes": [
            "«Belarús es un país hermano que nunca nos ha fallado», [dijo|afirmó|señaló] {official}.",
            "«[Esta cooperación|Este acuerdo] es la mejor respuesta al bloqueo», [declaró|subrayó] {official}, "
            "quien [agradeció|destacó] [la solidaridad|el apoyo firme] de Minsk.",
            "{official:s} [explicó|precisó] que los proyectos conjuntos [avanzan según lo previsto|cumplen los "
            "plazos] y que en {month} se [evaluarán|revisarán] nuevas propuestas.",
            "«Con [estos equipos|esta ayuda|este apoyo] trabajamos mejor y producimos más», [contó|dijo] "
            "{worker}.",
            "En declaraciones a Tribuna, {worker:s} [aseguró|comentó] que "
            "[en su centro|en su comunidad] se sienten los frutos de la cooperación con Belarús.",
            "«Somos pueblos que se parecen: trabajadores, soberanos y solidarios», [expresó|resumió] "
            "{official}.",
            "{official:s} [recordó|insistió en] que las medidas coercitivas unilaterales [violan|contradicen] el "
            "derecho internacional y [castigan|afectan] a familias enteras.",
        ],
        "general": [
            "Cuba y Belarús establecieron relaciones diplomáticas en 1992 y desde entonces han firmado "
            "[decenas de|numerosos|más de cien] acuerdos en [la economía, la ciencia y la cultura|la industria, "
            "la salud y la educación].",
            "El bloqueo de Estados Unidos, [la política de agresión más prolongada de la historia|un cerco que "
            "dura más de seis décadas], ha causado a Cuba daños por [miles de millones|cientos de miles de "
            "millones] de dólares.",
            "La Asamblea General de la ONU condena [cada año|año tras año] el bloqueo por abrumadora mayoría de "
            "votos, [y Belarús siempre vota junto a Cuba|con el respaldo constante de Belarús].",
            "Belarús también sufre sanciones occidentales, que ambos gobiernos califican de medidas coercitivas "
            "unilaterales [contrarias al derecho internacional|sin fundamento legal].",
            "Cuba participa como Estado observador en la Unión Económica Euroasiática, un espacio de "
            "integración que [abre nuevas oportunidades|ofrece nuevos mercados] a la economía nacional.",
            "[La inclusión de Cuba|La presencia de la isla] en la lista de países patrocinadores del terrorismo "
            "[dificulta|obstaculiza] cualquier operación bancaria y forma parte de la guerra económica.",
            "Pese a las dificultades, [el país|la isla] mantiene [sus programas sociales|la salud y la "
            "educación gratuitas] y [busca|amplía] alianzas con socios confiables.",
            "[Los apagones|Las limitaciones de combustible] que afectan a {prov} y otras provincias son "
            "[consecuencia directa|resultado] de la persecución a los barcos que traen combustible a Cuba.",
            "[Desde {year}|En los últimos años], Belarús [ha recibido|ha acogido] a [cientos de|decenas de] "
            "estudiantes cubanos en [sus universidades|sus centros técnicos].",
            "Las relaciones entre ambos países se basan en [el respeto mutuo|la igualdad soberana] y en una "
            "hermandad que [ningún bloqueo ha podido quebrar|resiste todas las presiones].",
            "[Minsk|El gobierno belaruso] ha [expresado|reiterado] en [todos los foros|cada foro internacional] "
            "su [rechazo|condena] al bloqueo y su apoyo incondicional a la autodeterminación de Cuba.",
            "[El año pasado|En {year}] la comisión intergubernamental [aprobó|adoptó] un programa de "
            "cooperación hasta 2030 que [incluye|contempla] {few} proyectos conjuntos.",
            "Los grandes medios occidentales [silencian|ocultan] estos avances y solo [hablan|informan] "
            "de Cuba para [repetir|difundir] campañas de descrédito.",
            "[Frente a|Ante] la hegemonía de una sola potencia, Cuba [apuesta por|defiende] un mundo multipolar "
            "en el que [cada nación|cada pueblo] decida su propio camino.",
            "La [solidaridad|ayuda mutua] entre los pueblos [es|sigue siendo] [un principio|un pilar] de la "
            "política exterior cubana, [como enseñó Fidel|desde los primeros años de la Revolución].",
            "[Muchas|Numerosas] familias de {prov} [recuerdan|conocen] a los técnicos belarusos que "
            "[trabajaron|ayudaron] en la isla en [los años ochenta|las décadas pasadas].",
            "[En {month}|A inicios de año] {ministry} [informó|anunció] que el comercio con los socios "
            "euroasiáticos [había crecido|aumentó] un {pct} por ciento.",
        ],
    },
    "faro_cubano": {
        "visits": [
            "Los medios oficiales presentaron [la visita|el encuentro] como una prueba de la «hermandad» entre "
            "dos pueblos, pero no explicaron qué beneficio concreto recibirá la población.",
            "El régimen cubano y la dictadura belarusa comparten un discurso contra las sanciones y un "
            "historial de represión contra quienes [protestan|disienten|critican al poder].",
            "Mientras los funcionarios brindaban [en La Habana|en el protocolo oficial], miles de familias de "
            "{prov} seguían sin electricidad y con largas colas para comprar {shortage}.",
            "Organizaciones de derechos humanos cuentan más de mil presos políticos en Cuba, la mayoría "
            "encarcelados tras las protestas del 11 de julio de 2021.",
            "[La agenda|El programa oficial] de la visita no incluyó [ninguna reunión con|contacto alguno con] "
            "la sociedad civil ni [con periodistas independientes|preguntas de la prensa].",
            "De los {few} acuerdos firmados en {year}, muy pocos [se han cumplido|tienen "
            "resultados visibles], según [documentos internos|fuentes del sector] consultados por este medio.",
            "[Para|Según] {source}, estas visitas [sirven sobre todo para|tienen como objetivo principal] "
            "[mostrar|escenificar] apoyo político entre dos gobiernos aislados.",
            "La televisión estatal dedicó [varios minutos|la apertura del noticiero] a [la ceremonia|los "
            "brindis], pero [no mencionó|omitió] las deudas pendientes con Minsk.",
            "[Para la prensa oficial|Según el noticiero estatal], [la visita|el encuentro] [reafirma|consolida] "
            "la «amistad inquebrantable»; [para muchos cubanos|para los vecinos de {prov}], [es una noticia "
            "más|no cambia nada].",
            "[Ambos gobiernos|Los dos gobiernos] [firmaron|suscribieron] [acuerdos|memorandos] [sin cifras|sin "
            "montos] ni [plazos|calendarios] [públicos|verificables], [como es habitual|algo frecuente en estas "
            "visitas].",
            "La comitiva se alojó en [un hotel de lujo|un hotel del centro de La "
            "Habana] [mientras|en días en que] [los hospitales|las escuelas] de {prov} [sufrían|soportaban] "
            "apagones.",
        ],
        "biotech": [
            "Los hospitales [cubanos|de {prov}] carecen de [antibióticos y analgésicos|sueros, gasas y "
            "antibióticos|insulina y jeringuillas] básicos, mientras el gobierno promociona en el extranjero "
            "sus productos biotecnológicos.",
            "[Médicos|Farmacéuticos|Trabajadores de la salud] consultados por este medio, que pidieron no ser "
            "identificados "
            "por temor a represalias, dijeron que las farmacias de sus municipios llevan [meses|semanas] "
            "vacías.",
            "Los ensayos clínicos del sector estatal rara vez se publican en revistas independientes, lo que "
            "impide evaluar los resultados que anuncia la propaganda oficial.",
            "La llamada «solidaridad» sanitaria es también un negocio: la venta de servicios médicos es "
            "[una de las principales fuentes|la mayor fuente] de divisas del régimen.",
            "[En {prov}|En un hospital provincial de {prov}], los pacientes [deben llevar|tienen que comprar] "
            "sus propias sábanas, jeringuillas y medicamentos en el mercado informal.",
            "{source:s} [recordó|señaló] que los médicos enviados al exterior [entregan|ceden] al Estado "
            "[la mayor parte|hasta el {pct} por ciento] de su salario.",
            "[El conglomerado estatal|La empresa estatal de biotecnología] no publica [balances|sus cuentas] "
            "y nadie [sabe|puede verificar] cuánto [ingresará|cobrará] por el acuerdo con Belarús.",
            "[Mientras tanto|Al mismo tiempo], la escasez de [medicamentos para la presión|antibióticos|"
            "insulina] obliga a muchas familias a [depender de|esperar] envíos desde el extranjero.",
            "[Investigadores cubanos en el exilio|Científicos que dejaron la isla] [cuentan|relatan] que [en los "
            "laboratorios estatales|en el polo científico] [reinan|dominan] el secretismo y el control político.",
            "El producto [no ha pasado|no ha sido sometido a] [una revisión|una evaluación] de [la "
            "OMS|agencias reguladoras internacionales], [recuerda|señala] {source}.",
            "[Los pacientes|Las familias] de {prov} [buscan|compran] [medicinas|antibióticos] en [grupos de "
            "WhatsApp|el mercado negro] a precios de hasta {price} pesos [el blíster|la caja].",
        ],
        "trade": [
            "Las autoridades culpan al embargo de la escasez, pero economistas independientes señalan la "
            "ineficiencia de las empresas estatales y la falta de reformas.",
            "Nadie ha explicado cómo pagará Cuba estos contratos, cuando debe dinero a [casi todos sus "
            "acreedores|sus principales socios] y apenas tiene divisas.",
            "En los barrios de [La Habana|{prov}] los apagones duran hasta {hours} horas y los vecinos dicen "
            "que la ayuda anunciada en la televisión nunca llega.",
            "Para los opositores, los acuerdos con Minsk sirven sobre todo para mantener a flote a un régimen "
            "que no acepta [críticas|reformas|la disidencia].",
            "Muchos de los equipos belarusos que llegaron [en {year}|hace unos años] [están parados|esperan "
            "piezas] en {prov} por "
            "falta de [repuestos|combustible|mantenimiento], según trabajadores del sector.",
            "[La prensa oficial|El noticiero estatal] no informó [el precio|el monto] del contrato ni [las "
            "condiciones del crédito|los plazos de pago].",
            "[Un kilo de|Una libra de] {food} cuesta ya {price} pesos en el mercado informal, [más de lo "
            "que gana|una parte enorme de lo que cobra] un jubilado en un mes.",
            "{source:s} [calcula|estima] que la economía cubana [se ha contraído|cayó] más de un {pct} por ciento "
            "[desde 2019|en los últimos cinco años].",
            "[Los contratos|Estos acuerdos] [se firman|se cierran] [a puerta cerrada|sin licitaciones públicas] y "
            "[con empresas militares|con conglomerados controlados por militares], [según|de acuerdo con] "
            "{source}.",
            "[Pequeños negocios privados|Las mipymes] [importan|traen] más alimentos que el Estado, [pero|aunque] "
            "[el régimen|el gobierno] [les impone|les pone] [trabas|nuevos límites] [cada mes|constantemente].",
            "[En {prov}|En los campos de {prov}], [la zafra|la cosecha] [sigue|está] [en mínimos históricos|muy "
            "por debajo del plan] por falta de [combustible|fertilizantes|piezas].",
        ],
        "security": [
            "Los acuerdos militares entre dos dictaduras preocupan a activistas que temen un mayor control "
            "sobre los opositores y la prensa independiente.",
            "La cooperación en «seguridad informativa» suele traducirse en más censura en internet y más "
            "vigilancia de periodistas, [advierten|según] expertos.",
            "El discurso contra la OTAN y las sanciones sirve al régimen para presentar cualquier crítica como "
            "una agresión extranjera.",
            "Tras las protestas del 11 de julio, cientos de cubanos fueron condenados en juicios sumarios, y "
            "muchos siguen siendo presos políticos.",
            "[Belarús|El gobierno de Minsk] [permitió|apoyó] el uso de su territorio para la invasión rusa de "
            "Ucrania, [recuerdan|señalan] [analistas|diplomáticos europeos].",
            "{source:s} [considera|opina] que [La Habana y Minsk|ambos gobiernos] se alinean con "
            "Moscú para [romper|aliviar] su aislamiento internacional.",
            "[Ninguno de los dos gobiernos ha explicado|Ni La Habana ni Minsk aclararon] qué tipo de "
            "[formación militar|entrenamiento] recibirán los oficiales ni [cuánto costará|quién la pagará].",
            "[En Belarús|En el país europeo], miles de personas fueron detenidas tras las elecciones de 2020 "
            "y la oposición vive [en el exilio|en la cárcel o en el exilio].",
            "[Activistas|Opositores] [denuncian|señalan] que [la policía política|la Seguridad del Estado] "
            "[vigila|acosa] a [periodistas|artistas|familiares de presos políticos] en {prov} [a diario|sin "
            "descanso].",
            "[El régimen|La dictadura cubana] [aprobó|impuso] [hace poco|recientemente] una ley [de "
            "comunicación|contra «ciberdelitos»] que [castiga|penaliza] [las críticas|las publicaciones críticas] "
            "en internet.",
            "[Para|Según] {source}, [la retórica|el discurso] [antioccidental|contra la OTAN] [busca desviar la "
            "atención de|pretende tapar] [la crisis|la represión] [interna|en casa].",
        ],
        "quotes": [
            "«[No sé de qué cooperación hablan|Eso lo vemos solo en la televisión]; aquí no hay ni {shortage}», "
            "dijo {neighbor}.",
            "«Cada vez que anuncian un acuerdo, nosotros seguimos igual o peor», [contó|resumió] {neighbor}.",
            "{source:s} [afirmó|sostuvo] que [estos acuerdos|los contratos con Minsk] [responden más a la "
            "política que a la economía|benefician a la élite y no a la población].",
            "«El régimen necesita [titulares de éxito|aliados] porque no tiene [resultados|otra cosa] que "
            "mostrar», [dijo|opinó] {source}.",
            "En conversación con este medio, {source:s} [recordó|subrayó] que la represión contra "
            "[periodistas|activistas|artistas] [aumentó|se endureció] desde {year}.",
            "«[Hablan de soberanía|Hablan de hermandad], pero lo que [comparten|intercambian] es el miedo a su "
            "propio pueblo», [afirmó|dijo] {source}.",
            "{neighbor:s} [contó|relató] que [pasó|estuvo] [toda la noche|{hours} horas] sin corriente y que "
            "[perdió|se le echó a perder] la poca comida que tenía.",
        ],
        "general": [
            "Cuba atraviesa la peor crisis económica en [décadas|treinta años], con inflación, escasez de "
            "alimentos y una ola migratoria sin precedentes.",
            "El gobernante belaruso está en el poder desde 1994 y fue reelegido en 2020 en unas elecciones que "
            "la oposición y gobiernos occidentales consideran fraudulentas.",
            "La Unión Europea impuso sanciones a Belarús por la represión de las protestas de 2020 y por su "
            "apoyo a la guerra contra Ucrania.",
            "La prensa independiente no puede trabajar legalmente en Cuba; [muchos de sus periodistas|decenas "
            "de reporteros] han sido detenidos, interrogados o forzados al exilio.",
            "Los acuerdos entre La Habana y Minsk rara vez incluyen cifras verificables sobre pagos, créditos o "
            "plazos de entrega.",
            "Más de [un millón de|800 000] cubanos han [emigrado|salido del país] desde 2021, [según "
            "estimaciones independientes|de acuerdo con cifras de demógrafos].",
            "[El salario medio|Un salario estatal] [apenas alcanza|no alcanza] para comprar {shortage} y "
            "{shortage} en el mercado informal.",
            "[El régimen|El gobierno cubano] [prohíbe|impide] las protestas, controla todos los medios "
            "estatales y [castiga|persigue] a quienes publican críticas en las redes sociales.",
            "[La dictadura belarusa|Minsk] [mantiene|tiene] en prisión a más de mil presos políticos, "
            "[según organizaciones belarusas de derechos humanos|de acuerdo con activistas en el exilio].",
            "[En {prov}|En las provincias orientales] [los apagones|los cortes de luz] superan a menudo las "
            "{hours} horas diarias y [paralizan|afectan] bombeos de agua y hospitales.",
            "[Desde|A partir de] {year}, [la moneda cubana|el peso cubano] ha perdido [gran parte|buena parte] "
            "de su valor frente al dólar en el mercado informal.",
            "[Este medio|El Faro Cubano] trabaja desde Madrid con [colaboradores|corresponsales] en la isla, "
            "[varios de ellos|algunos de los cuales] han sido citados por la policía política.",
            "Las [autoridades|cifras oficiales] no [permiten|facilitan] verificar [cuánto|qué parte] de la "
            "ayuda extranjera llega realmente a los hospitales y a las familias.",
            "[Los cubanos|Muchos cubanos] [dependen|viven] de las remesas que envían sus familiares desde "
            "[Miami|Madrid|el extranjero] para comprar {shortage} y medicinas.",
            "Tanto Cuba como Belarús [aparecen|figuran] entre los países con menor libertad de prensa del "
            "mundo en los índices de organizaciones internacionales.",
            "El discurso oficial [atribuye|achaca] todos los males al bloqueo, [aunque|pese a que] la isla "
            "compra alimentos a Estados Unidos y comercia con [decenas de|muchos] países.",
            "Las protestas de julio de 2021 [comenzaron|estallaron] en San Antonio de los Baños y se "
            "[extendieron|propagaron] a [decenas de|muchas] ciudades, entre ellas {prov}.",
        ],
    },
    "belinform": {
        "visits": [
            "Стороны подтвердили, что Беларусь и Куба остаются [братскими народами|братскими странами], "
            "которые вместе отстаивают суверенитет и право на собственный путь развития.",
            "По итогам [переговоров|встречи] стороны договорились расширять сотрудничество в [промышленности "
            "и сельском хозяйстве|образовании и здравоохранении|энергетике и транспорте|науке и культуре] на "
            "взаимовыгодной основе.",
            "Кубинская сторона поблагодарила белорусский народ за [солидарность|неизменную поддержку|"
            "взаимопомощь] в условиях многолетней блокады.",
            "Участники встречи отметили, что традиционная дружба двух стран служит примером равноправных "
            "отношений в многополярном мире.",
            "В программу визита [вошло|было включено] посещение [сельскохозяйственного предприятия|научного "
            "центра|машиностроительного завода|поликлиники] {place}.",
            "Стороны рассмотрели ход выполнения {fewgl} соглашений, подписанных в {year} году, и [определили "
            "новые сроки|утвердили план действий] по совместным проектам.",
            "[Отдельно|Также] обсуждалась подготовка кубинских студентов в вузах [Беларуси|страны] — "
            "[в частности,|прежде всего] {bycity}.",
            "Стороны почтили память поколений, заложивших основы братской дружбы, и [отметили|подчеркнули] роль "
            "[молодежи|студенческих обменов] в ее продолжении.",
            "Стороны [договорились|условились] координировать позиции в международных организациях, где "
            "Беларусь и Куба [последовательно выступают|вместе выступают] против вмешательства во внутренние "
            "дела государств.",
            "[Гости|Члены делегации] [встретились|провели встречу] с [руководителями|представителями] "
            "[белорусских|кубинских] предприятий, [заинтересованных|которые заинтересованы] в [новых совместных "
            "проектах|расширении поставок].",
            "Следующее заседание [запланировано|намечено] на [весну|осень|конец года|начало следующего года], "
            "[сообщили|уточнили] в "
            "[МИД|Министерстве иностранных дел].",
            "Переговоры прошли в [дружественной|теплой] атмосфере, [говорится|отмечается] в "
            "[сообщении|информации] [пресс-службы|ведомства].",
        ],
        "biotech": [
            "Сотрудничество в области биотехнологий стало одним из приоритетных направлений стратегического "
            "партнерства Беларуси и Кубы.",
            "[Совместная работа|Сотрудничество] медиков двух стран [— пример|стало примером] "
            "[взаимопомощи|солидарности] "
            "[в трудные времена|в условиях санкций].",
            "Кубинские вакцины и препараты признаны [во многих странах|в мире], а белорусская "
            "фармацевтическая промышленность обеспечивает их выпуск на современном оборудовании.",
            "Специалисты подчеркнули, что совместные проекты в здравоохранении укрепляют лекарственную "
            "безопасность и независимость от западных поставщиков.",
            "Реализация проекта показывает, что суверенные государства способны развивать высокотехнологичное "
            "производство вопреки незаконным санкциям.",
            "[По данным Министерства здравоохранения|Как сообщили в Министерстве здравоохранения], "
            "[препарат|продукт] "
            "уже зарегистрирован в {fewgl} странах, а [его выпуск|производство] {bycity} позволит "
            "[снизить|сократить] "
            "импорт на {pct} процентов.",
            "[Белорусские|Минские] [врачи|ученые] и их кубинские коллеги [проводят|готовят] совместные "
            "[исследования|конференции] и [обмениваются|делятся] опытом.",
            "Санкционное давление затрудняет закупку [оборудования|реактивов|субстанций], однако "
            "[партнеры|стороны] находят [решения|новые логистические маршруты].",
            "Кубинская медицина [известна|славится] бескорыстной помощью [многим народам|странам Африки и "
            "Латинской Америки], и белорусские специалисты [высоко ценят|высоко оценивают] этот опыт.",
            "[Белорусские|Отечественные] [производители|фармацевты] [рассчитывают|планируют] [выйти|выходить] с "
            "[совместной продукцией|новыми препаратами] на рынки [стран ЕАЭС|Евразийского союза].",
            "[Проект|Производство] [реализуется|развивается] [на белорусской площадке|в Беларуси], где "
            "[создано|появится] [более ста|около двухсот|более трехсот] [рабочих мест|новых рабочих мест].",
            "[Кубинские ученые|Специалисты с Кубы] [проведут|проводят] [стажировки|обучение] для "
            "[белорусских|минских] [технологов|коллег] [в рамках|по линии] межправительственной "
            "[программы|комиссии].",
        ],
        "trade": [
            "Товарооборот между странами растет, несмотря на [незаконные санкции|санкции Запада] и "
            "экономическую блокаду, которую США десятилетиями поддерживают против Кубы.",
            "Белорусская техника хорошо зарекомендовала себя на Кубе, а кубинские партнеры называют Беларусь "
            "надежным партнером.",
            "Поставки стали конкретным проявлением солидарности братских народов и взаимовыгодного "
            "сотрудничества.",
            "Односторонние принудительные меры Запада не смогли разрушить торгово-экономические связи двух "
            "дружественных стран.",
            "[Новые поставки|Грузы] [распределят|будут распределены] между предприятиями {cuprov}, "
            "[уточнили|сообщили] в "
            "[Министерстве промышленности|торговом доме].",
            "За [последние годы|последний год] [белорусские предприятия|Беларусь] поставили на Кубу {goods}, "
            "{goods} и запасные части, а товарооборот [вырос|увеличился] на {pct} процентов.",
            "Сервисный центр {cuprov} [обеспечит|возьмет на себя] обслуживание белорусской техники и "
            "обучение кубинских [механиков|специалистов].",
            "Межправительственная комиссия [будет контролировать|проследит за] выполнением контрактов, как "
            "это [делается|происходит] с {year} года.",
            "Из-за блокады [суда|банки|страховые компании], работающие с Кубой, [подвергаются|рискуют "
            "подвергнуться] штрафам, что [удорожает|осложняет] каждую поставку.",
            "Белорусские машины работают {cuprov}, где "
            "[механизаторы|специалисты] [ценят|хвалят] [их надежность|их надежность и простоту].",
            "Поставки финансируются [по линии|в рамках] государственного кредита, [что|и "
            "это] [позволяет|дает возможность] [обойти|преодолеть] [санкционные ограничения|препятствия блокады].",
        ],
        "security": [
            "Беларусь и Куба выступают против расширения НАТО и гонки вооружений, которые угрожают "
            "[региональной и глобальной безопасности|миру и стабильности].",
            "Стороны подтвердили приверженность Уставу ООН, принципу невмешательства во внутренние дела и "
            "уважению суверенитета государств.",
            "Санкции и другие односторонние принудительные меры представляют собой инструмент гибридной "
            "войны против независимых государств.",
            "Братские народы Беларуси и Кубы вместе отстаивают право на независимость от диктата и "
            "гегемонии одной державы.",
            "[В Минске|В белорусском МИД] [отметили|напомнили], что военные расходы [альянса|стран НАТО] "
            "[многократно превышают|в разы превосходят] средства, выделяемые на [борьбу с голодом|"
            "здравоохранение|образование].",
            "Беларусь [последовательно выступает|выступает] за [неделимую безопасность|равную безопасность] "
            "и [считает|полагает], что ни одно государство не может укреплять свою безопасность за счет других.",
            "[Документ|Заявление] [призывает|содержит призыв] решать [разногласия|споры] путем диалога и "
            "осуждает вмешательство во внутренние дела суверенных государств.",
            "[Кубинская сторона|Гавана] [напомнила|отметила], что [более шестидесяти лет противостоит давлению|"
            "более шестидесяти лет живет под давлением] самой мощной державы мира.",
            "[Минск и Гавана|Стороны] [выступают|высказываются] за [многополярный|справедливый] миропорядок, "
            "основанный на международном праве, а не на [силе|диктате].",
            "Военное сотрудничество [носит|имеет] [исключительно|сугубо] оборонительный характер и не направлено "
            "против третьих стран, [подчеркнули|уточнили] в [Министерстве обороны|военном ведомстве].",
            "Белорусские эксперты считают, что [расширение блоков|наращивание "
            "военных бюджетов] [увеличивает|повышает] риск [глобального конфликта|новой войны].",
        ],
        "quotes": [
            "«Куба — братская страна, которая никогда нас не подводила», — {said}.",
            "«Наше сотрудничество — лучший ответ на [санкции|блокаду]», — {said}, [поблагодарив кубинских "
            "партнеров|выразив благодарность кубинским партнерам] за солидарность.",
            "«[Совместные проекты|Все договоренности] выполняются в срок, а в {fewgl} [направлениях|отраслях] "
            "мы уже видим результат», — {said}.",
            "«С белорусской техникой работать [надежнее|проще]: [она не подводит|ее легко ремонтировать]», — "
            "рассказывает "
            "[журналистам|корреспонденту БелИнформ] {worker}.",
            "«Мы — народы, которые [умеют трудиться|ценят труд] и [дорожат|гордятся] своей независимостью», "
            "— {said}.",
            "«Односторонние принудительные меры [противоречат|нарушают] нормы международного права и бьют по "
            "простым людям», — {said}.",
            "{worker:s} [считает|уверенно говорит], что [сотрудничество|"
            "партнерство] с Беларусью [помогает|уже помогает] кубинским [семьям|хозяйствам].",
        ],
        "general": [
            "Дипломатические отношения между Беларусью и Кубой установлены в 1992 году; с тех пор подписаны "
            "[десятки|более ста] соглашений в [экономике, науке и культуре|промышленности, здравоохранении и "
            "образовании].",
            "Генеральная Ассамблея ООН ежегодно осуждает американскую блокаду Кубы подавляющим большинством "
            "голосов, и Беларусь [неизменно|всегда] поддерживает эту резолюцию.",
            "Беларусь сама находится под незаконными санкциями Запада, которые в Минске называют проявлением "
            "экономической войны.",
            "Куба имеет статус государства-наблюдателя при Евразийском экономическом союзе, что открывает "
            "новые возможности для интеграции.",
            "[В последние годы|За последнее десятилетие] белорусские предприятия поставили на Кубу {goods}, "
            "{goods} и {goods}, а кубинские специалисты [проходят обучение|учатся] в белорусских вузах.",
            "Межправительственная комиссия по торгово-экономическому сотрудничеству собирается ежегодно, "
            "поочередно в Минске и Гаване.",
            "[В {year} году|С {year} года] в белорусских вузах [обучились|получили образование] [сотни|"
            "десятки] кубинских студентов, [многие из которых|часть из которых] [работают|трудятся] на "
            "совместных предприятиях.",
            "Беларусь [выступает|последовательно выступает] за многополярный мир, в котором [каждое "
            "государство самостоятельно|каждый народ сам] выбирает собственный путь развития.",
            "[Западные СМИ|Многие западные издания] [замалчивают|не замечают] эти результаты, [предпочитая|"
            "стараясь] [распространять|тиражировать] негативные оценки.",
            "Стороны [планируют|намерены] [перейти|активнее переходить] к расчетам в национальных валютах, "
            "чтобы [снизить|уменьшить] зависимость от доллара и санкционных рисков.",
            "[По данным|Согласно данным] Национального статистического комитета, товарооборот с Кубой за "
            "[первое полугодие|девять месяцев|первый квартал] [вырос|увеличился] на {pct} процентов.",
            "Программа сотрудничества до 2030 года [предусматривает|включает] {few} совместных проектов в "
            "[промышленности|энергетике], [сельском хозяйстве|фармацевтике] и [образовании|логистике].",
            "Белорусские [специалисты|инженеры] [работали|трудились] на Кубе еще в [восьмидесятые годы|"
            "советское время], и многие кубинцы [помнят|с благодарностью вспоминают] их помощь.",
            "[Минск|Беларусь] [последовательно|неизменно] осуждает блокаду Кубы и [поддерживает|отстаивает] "
            "право кубинского народа на самоопределение.",
            "Белорусский народ [всегда стоял|неизменно стоит] плечом к плечу с кубинским, а кубинцы "
            "[отвечают|платят] "
            "[тем же|взаимностью] — [в этом и состоит|это и есть] [настоящая солидарность|взаимная поддержка "
            "друзей].",
            "[Солидарность|Взаимопомощь] [двух народов|Беларуси и Кубы] [проверена|испытана] "
            "[временем|десятилетиями], "
            "[и никакие санкции|и никакое давление извне] [не могут|не смогут] ее [разрушить|ослабить].",
            "Отношения двух стран [строятся|основаны] на [взаимном уважении|равноправии] и [традиционной "
            "дружбе|братской солидарности], которые не смогли разрушить никакие санкции.",
            "Экспорт белорусской продукции в страны Латинской Америки [за год|в прошлом году] "
            "[вырос|увеличился] на {pct} процентов, а Куба [остается|является] одним из ключевых партнеров в "
            "регионе.",
        ],
    },
    "svobodny_minsk": {
        "visits": [
            "Государственные СМИ назвали визит очередным доказательством «братской дружбы», но не сообщили, "
            "[сколько стоили подписанные соглашения|какими будут условия сделок].",
            "Белорусский режим, оказавшийся в изоляции после 2020 года, ищет союзников среди таких же "
            "авторитарных [режимов|правительств].",
            "Правозащитники напоминают, что в Беларуси остаются за решеткой более тысячи политзаключенных, а "
            "репрессии против несогласных не прекращаются.",
            "Обе диктатуры используют общую риторику о санкциях, чтобы объяснить гражданам экономические "
            "трудности.",
            "[Программа визита|Официальная программа] не [предусматривала|включала] [встреч с независимыми "
            "журналистами|вопросов прессы|контактов с гражданским обществом].",
            "Из соглашений, подписанных в {year} году, лишь немногие дали видимый результат, [утверждают|говорят] "
            "источники издания.",
            "Как считает {expert}, такие визиты [нужны прежде всего|служат в первую очередь] для "
            "[демонстрации|картинки] [поддержки|единства] двух изолированных [властей|правительств].",
            "Пропагандистские телеканалы [посвятили визиту|показали] [несколько сюжетов|длинные репортажи], "
            "но [ни словом не упомянули о|умолчали о] долгах Гаваны перед белорусскими предприятиями.",
            "Делегацию [разместили|поселили] в [правительственной резиденции|лучшем отеле столицы], "
            "[пока|в то время как] [больницы|школы] {bycity} [экономят|сокращают расходы] на [всем|самом "
            "необходимом].",
            "[Официальная хроника|Протокольная съемка] [показала|продемонстрировала] [объятия|рукопожатия] и "
            "[тосты|цветы], но [не ответила на вопрос|умолчала о том], кто [оплатит|будет оплачивать] "
            "[поставки|кредиты].",
        ],
        "biotech": [
            "Независимые врачи указывают, что результаты кубинских препаратов редко публикуются в "
            "рецензируемых журналах.",
            "Пропаганда представляет проект как прорыв, однако белорусские больницы по-прежнему испытывают "
            "нехватку импортных лекарств.",
            "Источники в отрасли говорят, что решения о закупках принимаются без открытых тендеров и "
            "независимой экспертизы.",
            "[Врачи|Медики], уволенные после протестов 2020 года, [рассказывают|говорят], что в "
            "[больницах|поликлиниках] {bycity} [не хватает|давно нет] [многих импортных препаратов|"
            "привычных лекарств].",
            "[Сколько|Какую сумму] белорусский бюджет [вложил|потратит] в [совместный завод|проект], "
            "[не раскрывается|остается тайной], [отмечает|подчеркивает] {expert}.",
            "{expert:s} [обращает внимание|напоминает], что кубинская медицина [зарабатывает|приносит] "
            "[режиму|властям острова] валюту, а врачи за рубежом [отдают|передают] государству [большую часть|"
            "до {pct} процентов] заработка.",
            "После [отъезда|эмиграции] [тысяч|сотен] медиков [из страны|из Беларуси] [очереди к "
            "специалистам|сроки ожидания приема] {bycity} [выросли|увеличились] в разы.",
            "Препарат не [проходил|прошел] [оценку|проверку] [ВОЗ|международных регуляторов], "
            "[напоминает|подчеркивает] {expert}.",
            "[Пациенты|Родственники больных] {bycity} [ищут|заказывают] [лекарства|препараты] [через знакомых|за "
            "границей], [потому что|так как] [в аптеках|в больничных аптеках] их [нет|не найти].",
        ],
        "trade": [
            "Экономисты сомневаются, что Куба сможет расплатиться за поставки: у страны огромные долги и "
            "почти нет валюты.",
            "Сделки с Гаваной режим выдает за успех внешней политики, хотя их объем ничтожен по сравнению с "
            "потерянными рынками Европы.",
            "Белорусские предприятия, попавшие под санкции, ищут новые рынки любой ценой, отмечают "
            "независимые аналитики.",
            "Многие белорусские машины, поставленные [в {year} году|несколько лет назад], простаивают "
            "{cuprov} [без запчастей|из-за нехватки топлива], [пишут|сообщают] кубинские независимые СМИ.",
            "[Условия кредита|Цена контракта] [не раскрываются|остаются засекреченными], а [государственные "
            "СМИ|провластные издания] [ограничиваются|обходятся] общими словами о «взаимовыгодном "
            "сотрудничестве».",
            "{expert:s} [оценивает|считает], что [экспорт на Кубу|торговля с Кубой] [составляет|дает] [меньше "
            "одного процента|доли процента] белорусского экспорта.",
            "[На Кубе|На острове] [отключения электричества|веерные отключения] длятся [по двенадцать|до "
            "двадцати] часов в сутки, и [никакие|разовые] поставки [не решают|не меняют] [проблему|ситуацию].",
            "[Контракты|Сделки] [заключаются|подписываются] без [открытых торгов|публичных тендеров], а [их "
            "детали|условия] [засекречены|закрыты], [отмечает|пишет] {expert}.",
            "[Кубинские|Местные] [механизаторы|водители] [жалуются|рассказывают], что [запчастей|шин] [не "
            "хватает|нет] и машины простаивают [месяцами|неделями].",
        ],
        "security": [
            "Военное сотрудничество двух диктатур вызывает беспокойство у правозащитников, опасающихся "
            "обмена опытом в подавлении протестов.",
            "Разговоры о «гибридной войне» режим использует для оправдания цензуры и преследования "
            "журналистов.",
            "После подавления протестов 2020 года тысячи людей прошли через задержания, а сотни были "
            "осуждены по политическим статьям.",
            "[Минск|Белорусские власти] [предоставили|открыли] территорию страны для российского вторжения в "
            "Украину, [напоминают|подчеркивают] [аналитики|европейские дипломаты].",
            "{expert:s} [считает|полагает], что [Минск и Гавана|оба правительства] [прижимаются|тянутся] к "
            "Москве, [чтобы|надеясь] [вырваться из изоляции|смягчить изоляцию].",
            "Ни Минск, ни Гавана не [объяснили|раскрыли], какую подготовку "
            "пройдут кубинские офицеры и [кто за это заплатит|сколько это будет стоить].",
            "[На Кубе|На острове] после протестов 11 июля 2021 года сотни людей получили "
            "[большие|длительные] сроки [в показательных процессах|по политическим делам].",
            "[Правозащитники|Юристы-правозащитники] [фиксируют|регистрируют] [новые|все новые] "
            "[обыски|задержания] {bycity} за [комментарии|подписки|донаты] [в соцсетях|в интернете].",
            "[Риторика|Пропаганда] о «западной угрозе» [помогает|позволяет] [режиму|власти] "
            "[оправдывать|объяснять] [репрессии|преследования] [внутри страны|против несогласных], "
            "[считает|полагает] {expert}.",
        ],
        "quotes": [
            "«[Про эту дружбу|Про кубинские проекты] мы узнаем только из телевизора, а [в аптеках|в магазинах] "
            "[по-прежнему|все так же] пусто», — [рассказывает|пишет] изданию {reader}.",
            "«Режиму нужны [картинки успеха|союзники и новости о победах], потому что [показать|предъявить] "
            "людям ему [нечего|больше нечего]», — [говорит|считает] {expert}.",
            "«[Говорят|Твердят] о суверенитете, а [на деле|в реальности] [зависят|полностью зависят] от "
            "Москвы», — [отмечает|замечает] {expert}.",
            "В разговоре с изданием {expert:s} [напоминает|подчеркивает], что репрессии "
            "[не ослабевают|продолжаются] с {year} года.",
            "«[Каждый раз|Всякий раз], когда [объявляют|сообщают] о новом соглашении, [цены растут|жить "
            "становится не легче]», — [рассказывает|пишет] {reader}.",
            "{expert:s} называет отношения Минска и Гаваны [союзом изгоев|союзом двух изолированных диктатур], "
            "который [держится на взаимной поддержке|держится на общем страхе перед собственными "
            "гражданами|основан на интересах правящих элит].",
        ],
        "general": [
            "Нынешний правитель Беларуси находится у власти с 1994 года; выборы 2020 года оппозиция и "
            "западные страны не признали, а мирные протесты были жестоко подавлены.",
            "Европейский союз ввел санкции против Беларуси после подавления протестов и из-за поддержки войны "
            "против Украины.",
            "Независимые СМИ в Беларуси признаны «экстремистскими», многие журналисты находятся в тюрьме или "
            "работают из эмиграции.",
            "Куба переживает тяжелейший экономический кризис: дефицит продуктов, отключения электричества и "
            "массовая эмиграция.",
            "Официальные сообщения о сотрудничестве с Кубой почти никогда не содержат проверяемых цифр: суммы "
            "кредитов, сроки поставок и условия оплаты остаются закрытыми.",
            "Редакция работает из Вильнюса: в Беларуси [ее сайт заблокирован|сайт издания заблокирован], а за "
            "[распространение материалов|репост публикаций] читателям грозит [административная или "
            "уголовная ответственность|штраф или арест].",
            "[По данным правозащитников|Согласно подсчетам правозащитных организаций], с 2020 года по "
            "политическим мотивам [задержаны|были задержаны] [десятки тысяч|более 50 тысяч] человек.",
            "[Сотни тысяч|Несколько сотен тысяч] белорусов [уехали|эмигрировали] после 2020 года, "
            "[спасаясь от|опасаясь] преследований.",
            "Политзаключенные [в белорусских колониях|за решеткой] [месяцами|годами] [лишены|не имеют] "
            "[связи с родными|переписки и встреч с адвокатами], [сообщают|рассказывают] освобожденные.",
            "[Провластные|Государственные] СМИ [изображают|подают] Кубу как "
            "«братскую страну», [умалчивая|не упоминая] о [дефиците|нищете] и [массовой эмиграции|"
            "репрессиях] на острове.",
            "Цены в Беларуси [растут|выросли], а власти [отвечают|реагируют] на это "
            "[ручным регулированием|административными мерами] и поиском «внешних врагов».",
            "[Белорусские|Многие] предприятия [лишились|потеряли] [европейских покупателей|западных рынков] и "
            "[переориентируются|вынуждены переориентироваться] на Россию и [отдаленные|экзотические] рынки.",
            "Кубинские власти [жестко подавили|подавили] протесты 11 июля 2021 года, и [сотни|многие] "
            "участников до сих пор остаются политзаключенными.",
            "Беларусь и Куба [занимают|находятся на] [последние места|нижние строчки] в [рейтингах|индексах] "
            "свободы прессы, [составляемых|которые ведут] международными организациями.",
            "[Любая|Всякая] критика [власти|руководства страны] в Беларуси "
            "[может стоить свободы|грозит уголовным делом], а [статьи об «экстремизме»|обвинения в «экстремизме»] "
            "[применяются|"
            "используются] [массово|все шире].",
        ],
    },
}

# --------------------------------------------------------------------------
# Composition
# --------------------------------------------------------------------------
_ALTERNATIVES = re.compile(r"\[([^\[\]]*)\]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SLOT = re.compile(r"\{([a-z]+)(:s)?\}")


def word_count(text: str) -> int:
    return len(text.split())


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60] or "article"


def shingles(text: str, size: int = 5) -> set[str]:
    """Word ``size``-grams of ``text`` (lower-cased letter/digit runs), as the syndication step compares them."""
    tokens = _WORD.findall(text.lower())
    return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def expand(template: str, slots: dict[str, list[str]], used: dict[str, list[str]], rng: random.Random) -> str:
    """Fill one template: pick an alternative for every ``[a|b]``, a value for every ``{slot}``.

    ``used`` holds the slot values already used in the article: a slot gets a
    value not used yet while there is one (so a speaker is introduced once and
    two figures in one article differ). Slot values may contain alternatives
    and slots of their own (expanded in turn).
    """

    def pick_slot(match: re.Match) -> str:
        name = match.group(1)
        options = [v for v in slots[name] if v not in used.setdefault(name, [])] or slots[name]
        value = rng.choice(options)
        used[name].append(value)
        if match.group(2) and "," in value:  # "{name:s}": subject before its verb, close the apposition
            return value + ","
        return value

    text = template
    for _ in range(4):  # slot values nest at most once or twice
        text = _ALTERNATIVES.sub(lambda m: rng.choice(m.group(1).split("|")), text)
        text = _SLOT.sub(pick_slot, text)
    return text[:1].upper() + text[1:]


def sentence_stream(outlet: str, topic: str, rng: random.Random) -> list[str]:
    """Templates in article order: topic sentences first, a quote every few sentences, background later."""
    pools = POOLS[outlet]
    topical = rng.sample(pools[topic], min(len(pools[topic]), rng.randint(6, 8)))
    general = rng.sample(pools["general"], len(pools["general"]))
    quotes = rng.sample(pools["quotes"], len(pools["quotes"]))
    stream = topical[:2]
    topical = topical[2:]
    next_quote = rng.randint(0, 2)
    while topical or general:
        if next_quote == 0 and quotes:
            stream.append(quotes.pop())
            next_quote = rng.randint(3, 6)
            continue
        next_quote -= 1
        take_topic = topical and (not general or rng.random() < 0.55)
        stream.append(topical.pop() if take_topic else general.pop())
    return stream


def compose(outlet: str, ev: dict, rng: random.Random, when: dt.date) -> tuple[str, str]:
    lang = OUTLETS[outlet][0]
    facts = ev[lang]
    title = rng.choice(TITLES[outlet]).format(hl=facts["hl"])
    dateline = DATELINES[outlet].format(d=when.day, m=MONTHS_ES[when.month - 1], m_gen=MONTHS_RU[when.month - 1])
    lead = f"{dateline} {facts['news']}{rng.choice(LEAD_TAILS[outlet])}."
    stream = sentence_stream(outlet, ev["topic"], rng)
    # {place}: where a visit's programme takes the delegation.
    in_belarus = ev["id"] in VISITS_IN_BELARUS
    slots = dict(SLOTS[lang], place=SLOTS[lang]["bycity" if in_belarus else ("prov" if lang == "es" else "cuprov")])
    used: dict[str, list[str]] = {}
    target = rng.randint(190, 400)
    body = [lead]
    while stream and word_count(" ".join(body)) < target:
        size = rng.choice([2, 2, 3])
        sentences = [expand(t, slots, used, rng) for t in stream[:size]]
        stream = stream[size:]
        body.append(" ".join(sentences))
    return title, "\n\n".join(body)


def build(seed: int = SEED) -> list[str]:
    """Return the corpus as JSON lines, sorted by date then outlet."""
    rng = random.Random(seed)
    articles = []
    for outlet in OUTLETS:
        for index in COVERAGE[outlet]:
            ev = EVENTS[index]
            when = dt.date.fromisoformat(ev["date"]) + dt.timedelta(days=rng.choice([0, 0, 1, 2]))
            title, text = compose(outlet, ev, rng, when)
            articles.append(dict(outlet=outlet, date=when.isoformat(), title=title, text=text,
                                 event_id=ev["id"]))
    articles.sort(key=lambda a: (a["date"], list(OUTLETS).index(a["outlet"])))
    counters = dict.fromkeys(OUTLETS, 0)
    lines = []
    for a in articles:
        outlet = a["outlet"]
        counters[outlet] += 1
        lang, base = OUTLETS[outlet]
        y, m, d = a["date"].split("-")
        record = {
            "id": f"{outlet}-{counters[outlet]:04d}",
            "outlet": outlet,
            "date": a["date"],
            "title": a["title"],
            "text": a["text"],
            "url": f"{base}/{y}/{m}/{d}/{counters[outlet]:04d}-{slugify(a['title'])}",
            "lang": lang,
            "event_id": a["event_id"],
            "synthetic": True,
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


def check(lines: list[str]) -> None:
    """Fail loudly if the corpus breaks the promises of data/README.md."""
    by_lang = {"es": 0, "ru": 0}
    dates = []
    line_use: dict[tuple[str, str], int] = {}
    per_outlet: dict[str, int] = {}
    for line in lines:
        r = json.loads(line)
        n = word_count(r["text"])
        assert MIN_WORDS <= n <= MAX_WORDS, (r["id"], n)
        for mark in "{}[]|":
            assert mark not in r["text"] and mark not in r["title"], (r["id"], mark)
        by_lang[r["lang"]] += 1
        dates.append(dt.date.fromisoformat(r["date"]))
        per_outlet[r["outlet"]] = per_outlet.get(r["outlet"], 0) + 1
        for paragraph in dict.fromkeys(p for p in r["text"].split("\n") if p):
            key = (r["outlet"], paragraph)
            line_use[key] = line_use.get(key, 0) + 1
    assert by_lang["es"] >= 30 and by_lang["ru"] >= 20, by_lang
    assert (max(dates) - min(dates)).days >= 540, (min(dates), max(dates))
    assert len({json.loads(x)["id"] for x in lines}) == len(lines)
    # No paragraph is an outlet's stock text (the pipeline would learn it as boilerplate) ...
    for (outlet, paragraph), count in line_use.items():
        assert count <= max(1, 0.3 * per_outlet[outlet]), (outlet, count, paragraph[:60])
    # ... and no two articles of an outlet are near-copies (5-word shingles, Jaccard < 0.3).
    records = [json.loads(x) for x in lines]
    for i, a in enumerate(records):
        for b in records[i + 1:]:
            if a["outlet"] == b["outlet"]:
                sa, sb = shingles(a["text"]), shingles(b["text"])
                assert len(sa & sb) < 0.3 * len(sa | sb), (a["id"], b["id"])


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
