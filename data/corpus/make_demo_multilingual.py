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

An article is a lead built from the event's facts, followed by paragraphs
drawn at random (without repetition) from the outlet's pools for the event's
topic and from its background pool, until a target length is reached.
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

# Which events each outlet covers (indices into EVENTS, so counts are fixed).
COVERAGE = {
    "tribuna_habana": list(range(len(EVENTS))),                                       # 21
    "faro_cubano": [0, 1, 2, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20],  # 18
    "belinform": [0, 1, 3, 4, 5, 7, 8, 9, 10, 12, 13, 14, 16, 17, 18, 19],            # 16
    "svobodny_minsk": [0, 3, 5, 8, 12, 13, 15, 16, 18],                               # 9
}

# --------------------------------------------------------------------------
# Outlet voices: titles, dateline, lead, topic paragraphs, background
# --------------------------------------------------------------------------
TITLES = {
    "tribuna_habana": ["{hl}", "{hl}: nueva muestra de solidaridad entre pueblos hermanos",
                       "Hermandad Cuba-Belarús: {hl}", "{hl} pese al bloqueo"],
    "faro_cubano": ["{hl}", "{hl} mientras la isla sigue a oscuras", "Propaganda oficial: {hl}",
                    "Dos regímenes aliados: {hl}"],
    "belinform": ["{hl}", "{hl}: братские народы укрепляют сотрудничество", "{hl} вопреки санкциям"],
    "svobodny_minsk": ["{hl}", "Режим ищет союзников: {hl}", "{hl} на фоне репрессий"],
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
    "tribuna_habana": ["", " como expresión de la hermandad entre ambos pueblos",
                       " en un nuevo paso de la cooperación mutuamente beneficiosa"],
    "faro_cubano": ["", ", según informó la prensa oficial", ", según medios estatales de ambos países"],
    "belinform": ["", ", что стало новым шагом в развитии стратегического партнерства",
                  ", подтвердив дружеский характер отношений двух стран"],
    "svobodny_minsk": ["", ", сообщили государственные СМИ", ", следует из сообщения пресс-службы МИД"],
}

PARAGRAPHS = {
    "tribuna_habana": {
        "visits": [
            "La visita confirma que Cuba y Belarús son países hermanos que defienden juntos la soberanía y "
            "el derecho de cada pueblo a escoger su propio camino, libre de injerencias y presiones externas.",
            "Durante las conversaciones, ambas partes ratificaron su voluntad de ampliar la cooperación en la "
            "agricultura, la industria y la educación, sobre la base del respeto mutuo y el beneficio "
            "compartido.",
            "Los anfitriones agradecieron la solidaridad del pueblo belaruso, que nunca ha dado la espalda a "
            "Cuba en los momentos más difíciles del bloqueo.",
            "Las delegaciones coincidieron en que la amistad histórica entre ambas naciones es un ejemplo de "
            "relaciones entre iguales en un mundo multipolar.",
        ],
        "biotech": [
            "La biotecnología cubana, creada por la Revolución pese al bloqueo, vuelve a demostrar su "
            "prestigio internacional y su vocación solidaria con los pueblos hermanos.",
            "Las vacunas y medicamentos cubanos son fruto de décadas de trabajo de científicos que han puesto "
            "la salud pública por encima del lucro.",
            "Especialistas de ambos países destacaron que la cooperación en la industria farmacéutica es una "
            "alianza estratégica de beneficio mutuo que salva vidas.",
            "El proyecto conjunto demuestra que la colaboración entre naciones soberanas puede vencer las "
            "dificultades que impone la guerra económica.",
        ],
        "trade": [
            "El intercambio comercial crece a pesar del bloqueo económico, comercial y financiero que impone "
            "Washington y que persigue cada operación de Cuba con terceros países.",
            "Las autoridades destacaron que Belarús es un socio confiable, que cumple sus compromisos aun bajo "
            "las sanciones ilegales de Occidente.",
            "La llegada de estos equipos es una muestra concreta de la solidaridad entre países hermanos y de "
            "una cooperación mutuamente beneficiosa.",
            "Las medidas coercitivas unilaterales encarecen cada compra y cada flete, pero no han logrado "
            "aislar a Cuba de sus amigos.",
        ],
        "security": [
            "Cuba y Belarús rechazan la expansión de la OTAN y la carrera armamentista, que amenazan la paz y "
            "la seguridad de todos los pueblos.",
            "Ambos gobiernos reafirmaron su apego a la Carta de la ONU, a la no injerencia en los asuntos "
            "internos y al respeto de la soberanía de los Estados.",
            "Las sanciones y las medidas coercitivas unilaterales son también un arma de agresión contra los "
            "pueblos que eligen un camino propio.",
            "La hermandad entre Cuba y Belarús se forjó en la defensa común de la independencia frente al "
            "imperialismo y la hegemonía de una sola potencia.",
        ],
    },
    "faro_cubano": {
        "visits": [
            "Los medios oficiales presentaron la visita como una prueba de la «hermandad» entre dos pueblos, "
            "pero no explicaron qué beneficio concreto recibirá la población.",
            "El régimen cubano y la dictadura de Lukashenko comparten un discurso contra las sanciones y un "
            "historial de represión contra quienes protestan.",
            "Mientras los funcionarios brindaban en La Habana, miles de familias seguían sin electricidad y "
            "con largas colas para comprar pan.",
            "Organizaciones de derechos humanos cuentan más de mil presos políticos en Cuba y en Belarús, la "
            "mayoría encarcelados tras las protestas de 2020 y 2021.",
        ],
        "biotech": [
            "Los hospitales cubanos carecen de antibióticos y analgésicos básicos, mientras el gobierno "
            "promociona en el extranjero sus productos biotecnológicos.",
            "Médicos consultados por este medio, que pidieron no ser identificados por temor a represalias, "
            "dijeron que las farmacias de sus municipios llevan meses vacías.",
            "Los ensayos clínicos del sector estatal rara vez se publican en revistas independientes, lo que "
            "impide evaluar los resultados que anuncia la propaganda oficial.",
            "La llamada «solidaridad» sanitaria es también un negocio: la venta de servicios médicos es una de "
            "las principales fuentes de divisas del régimen.",
        ],
        "trade": [
            "Las autoridades culpan al embargo de la escasez, pero economistas independientes señalan la "
            "ineficiencia de las empresas estatales y la falta de reformas.",
            "Nadie ha explicado cómo pagará Cuba estos contratos, cuando debe dinero a casi todos sus "
            "acreedores y apenas tiene divisas.",
            "En los barrios de La Habana los apagones duran hasta doce horas y los vecinos dicen que la ayuda "
            "anunciada en la televisión nunca llega.",
            "Para los opositores, los acuerdos con Minsk sirven sobre todo para mantener a flote a un régimen "
            "que no acepta críticas.",
        ],
        "security": [
            "Los acuerdos militares entre dos dictaduras preocupan a activistas que temen un mayor control "
            "sobre los opositores y la prensa independiente.",
            "La cooperación en «seguridad informativa» suele traducirse en más censura en internet y más "
            "vigilancia de periodistas, advierten expertos.",
            "El discurso contra la OTAN y las sanciones sirve al régimen para presentar cualquier crítica como "
            "una agresión extranjera.",
            "Tras las protestas del 11 de julio, cientos de cubanos fueron condenados en juicios sumarios, y "
            "muchos siguen siendo presos políticos.",
        ],
    },
    "belinform": {
        "visits": [
            "Стороны подтвердили, что Беларусь и Куба остаются братскими народами, которые вместе отстаивают "
            "суверенитет и право на собственный путь развития.",
            "По итогам переговоров стороны договорились расширять сотрудничество в промышленности, сельском "
            "хозяйстве и образовании на взаимовыгодной основе.",
            "Кубинская сторона поблагодарила белорусский народ за солидарность и поддержку в условиях "
            "многолетней блокады.",
            "Участники встречи отметили, что традиционная дружба двух стран служит примером равноправных "
            "отношений в многополярном мире.",
        ],
        "biotech": [
            "Сотрудничество в области биотехнологий стало одним из приоритетных направлений стратегического "
            "партнерства Беларуси и Кубы.",
            "Кубинские вакцины и препараты признаны во многих странах, а белорусская фармацевтическая "
            "промышленность обеспечивает их выпуск на современном оборудовании.",
            "Специалисты подчеркнули, что совместные проекты в здравоохранении укрепляют лекарственную "
            "безопасность и независимость от западных поставщиков.",
            "Реализация проекта показывает, что суверенные государства способны развивать "
            "высокотехнологичное производство вопреки незаконным санкциям.",
        ],
        "trade": [
            "Товарооборот между странами растет, несмотря на незаконные санкции и экономическую блокаду, "
            "которую США десятилетиями поддерживают против Кубы.",
            "Белорусская техника хорошо зарекомендовала себя на Кубе, а кубинские партнеры называют Беларусь "
            "надежным партнером.",
            "Поставки стали конкретным проявлением солидарности братских народов и взаимовыгодного "
            "сотрудничества.",
            "Односторонние принудительные меры Запада не смогли разрушить торгово-экономические связи двух "
            "дружественных стран.",
        ],
        "security": [
            "Беларусь и Куба выступают против расширения НАТО и гонки вооружений, которые угрожают "
            "региональной и глобальной безопасности.",
            "Стороны подтвердили приверженность Уставу ООН, принципу невмешательства во внутренние дела и "
            "уважению суверенитета государств.",
            "Санкции и другие односторонние принудительные меры представляют собой инструмент гибридной войны "
            "против независимых государств.",
            "Братские народы Беларуси и Кубы вместе отстаивают право на независимость от диктата и гегемонии "
            "одной державы.",
        ],
    },
    "svobodny_minsk": {
        "visits": [
            "Государственные СМИ назвали визит очередным доказательством «братской дружбы», но не сообщили, "
            "сколько стоили подписанные соглашения.",
            "Режим Лукашенко, оказавшийся в изоляции после 2020 года, ищет союзников среди таких же "
            "авторитарных режимов.",
            "Правозащитники напоминают, что в Беларуси остаются за решеткой более тысячи политзаключенных, а "
            "репрессии против несогласных не прекращаются.",
            "Обе диктатуры используют общую риторику о санкциях, чтобы объяснить гражданам экономические "
            "трудности.",
        ],
        "biotech": [
            "Независимые врачи указывают, что результаты кубинских препаратов редко публикуются в "
            "рецензируемых журналах.",
            "Пропаганда представляет проект как прорыв, однако белорусские больницы по-прежнему испытывают "
            "нехватку импортных лекарств.",
            "Источники в отрасли говорят, что решения о закупках принимаются без открытых тендеров и "
            "независимой экспертизы.",
        ],
        "trade": [
            "Экономисты сомневаются, что Куба сможет расплатиться за поставки: у страны огромные долги и "
            "почти нет валюты.",
            "Сделки с Гаваной режим выдает за успех внешней политики, хотя их объем ничтожен по сравнению с "
            "потерянными рынками Европы.",
            "Белорусские предприятия, попавшие под санкции, ищут новые рынки любой ценой, отмечают "
            "независимые аналитики.",
        ],
        "security": [
            "Военное сотрудничество двух диктатур вызывает беспокойство у правозащитников, опасающихся "
            "обмена опытом в подавлении протестов.",
            "Разговоры о «гибридной войне» режим использует для оправдания цензуры и преследования "
            "журналистов.",
            "После подавления протестов 2020 года тысячи людей прошли через задержания, а сотни были "
            "осуждены по политическим статьям.",
        ],
    },
}

BACKGROUND = {
    "tribuna_habana": [
        "Cuba y Belarús establecieron relaciones diplomáticas en 1992 y desde entonces han firmado decenas "
        "de acuerdos en la economía, la ciencia y la cultura.",
        "El bloqueo de Estados Unidos, la política de agresión más prolongada de la historia, ha causado a "
        "Cuba daños por miles de millones de dólares.",
        "La Asamblea General de la ONU condena cada año el bloqueo por abrumadora mayoría de votos.",
        "Belarús también sufre sanciones occidentales, que ambos gobiernos califican de medidas coercitivas "
        "unilaterales contrarias al derecho internacional.",
        "Cuba participa como Estado observador en la Unión Económica Euroasiática, un espacio de integración "
        "que abre nuevas oportunidades a la economía nacional.",
    ],
    "faro_cubano": [
        "Cuba atraviesa la peor crisis económica en décadas, con inflación, escasez de alimentos y una ola "
        "migratoria sin precedentes.",
        "Lukashenko gobierna Belarús desde 1994 y fue reelegido en 2020 en unas elecciones que la oposición "
        "y gobiernos occidentales consideran fraudulentas.",
        "La Unión Europea impuso sanciones a Belarús por la represión de las protestas de 2020 y por su "
        "apoyo a la guerra contra Ucrania.",
        "La prensa independiente no puede trabajar legalmente en Cuba; muchos de sus periodistas han sido "
        "detenidos, interrogados o forzados al exilio.",
        "Los acuerdos entre La Habana y Minsk rara vez incluyen cifras verificables sobre pagos, créditos o "
        "plazos de entrega.",
    ],
    "belinform": [
        "Дипломатические отношения между Беларусью и Кубой установлены в 1992 году; с тех пор подписаны "
        "десятки соглашений в экономике, науке и культуре.",
        "Генеральная Ассамблея ООН ежегодно осуждает американскую блокаду Кубы подавляющим большинством "
        "голосов, и Беларусь неизменно поддерживает эту резолюцию.",
        "Беларусь сама находится под незаконными санкциями Запада, которые в Минске называют проявлением "
        "экономической войны.",
        "Куба имеет статус государства-наблюдателя при Евразийском экономическом союзе, что открывает новые "
        "возможности для интеграции.",
        "В последние годы белорусские предприятия поставили на Кубу тракторы, автобусы, грузовики и "
        "запасные части, а кубинские специалисты проходят обучение в белорусских вузах и колледжах.",
        "Межправительственная комиссия по торгово-экономическому сотрудничеству собирается ежегодно, "
        "поочередно в Минске и Гаване, и контролирует выполнение ранее достигнутых договоренностей.",
    ],
    "svobodny_minsk": [
        "Лукашенко правит Беларусью с 1994 года; выборы 2020 года оппозиция и западные страны не признали, "
        "а мирные протесты были жестоко подавлены.",
        "Европейский союз ввел санкции против Беларуси после подавления протестов и из-за поддержки войны "
        "против Украины.",
        "Независимые СМИ в Беларуси признаны «экстремистскими», многие журналисты находятся в тюрьме или "
        "работают из эмиграции.",
        "Куба переживает тяжелейший экономический кризис: дефицит продуктов, отключения электричества и "
        "массовая эмиграция.",
        "Официальные сообщения о сотрудничестве с Кубой почти никогда не содержат проверяемых цифр: суммы "
        "кредитов, сроки поставок и условия оплаты остаются закрытыми.",
        "Многие белорусы, уехавшие после 2020 года, следят за новостями из эмиграции и называют союз Минска "
        "и Гаваны союзом изгоев, который держится на взаимной поддержке двух режимов.",
        "Редакция работает из Вильнюса: в Беларуси ее сайт заблокирован, а за распространение материалов "
        "читателям грозит административная или уголовная ответственность.",
    ],
}

# --------------------------------------------------------------------------
# Composition
# --------------------------------------------------------------------------


def word_count(text: str) -> int:
    return len(text.split())


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60] or "article"


def compose(outlet: str, ev: dict, rng: random.Random, when: dt.date) -> tuple[str, str]:
    lang = OUTLETS[outlet][0]
    facts = ev[lang]
    title = rng.choice(TITLES[outlet]).format(hl=facts["hl"])
    dateline = DATELINES[outlet].format(d=when.day, m=MONTHS_ES[when.month - 1], m_gen=MONTHS_RU[when.month - 1])
    lead = f"{dateline} {facts['news']}{rng.choice(LEAD_TAILS[outlet])}."
    pool = PARAGRAPHS[outlet][ev["topic"]] + BACKGROUND[outlet]
    paragraphs = rng.sample(pool, len(pool))
    target = rng.randint(170, 330)
    body = [lead]
    for para in paragraphs:
        if word_count(" ".join(body)) >= target:
            break
        body.append(para)
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
    for line in lines:
        r = json.loads(line)
        n = word_count(r["text"])
        assert MIN_WORDS <= n <= MAX_WORDS, (r["id"], n)
        assert "{" not in r["text"] and "{" not in r["title"], r["id"]
        by_lang[r["lang"]] += 1
        dates.append(dt.date.fromisoformat(r["date"]))
    assert by_lang["es"] >= 30 and by_lang["ru"] >= 20, by_lang
    assert (max(dates) - min(dates)).days >= 540, (min(dates), max(dates))
    assert len({json.loads(x)["id"] for x in lines}) == len(lines)


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
