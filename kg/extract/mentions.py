"""Entity mentions: gazetteer aliases first, then patterns for names the gazetteer lacks
(a capitalised name after a role word, 'Name (30)', organisation and platform cues), then
within-article resolution of short forms and misspellings of known names."""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right

from kg.document import Doc, Entity, Mention
from kg.extract import component
from kg.gazetteer import load_gazetteer
from kg.names import alternation

ROLE_WORDS = [
    "Presiden",
    "Wakil Presiden",
    "Wapres",
    "Perdana Menteri",
    "PM",
    "CEO",
    "Chief Executive",
    "pendiri",
    "Pendiri",
    "co-founder",
    "founder",
    "juru bicara",
    "Juru Bicara",
    "jubir",
    "Jubir",
    "Menteri",
    "Gubernur",
    "Wakil Gubernur",
    "capres",
    "Capres",
    "cawapres",
    "Cawapres",
    "calon presiden",
    "calon Presiden",
    "mantan",
    "Mantan",
    "karyawati",
    "karyawan",
    "Direktur",
    "direktur",
    "Dirut",
    "Ketua",
    "ketua",
    "Kepala",
    "kepala",
    "Bupati",
    "Wali Kota",
    "Walikota",
    "Senator",
    "senator",
    "Jenderal",
    "Kapolri",
    "Kapolda",
    "Sekretaris",
    "pengusaha",
    "Pengusaha",
    "aktor",
    "aktris",
    "penyanyi",
    "rapper",
    "miliarder",
    "Dr.",
    "Prof.",
    "Kanselir",
    "Raja",
    "Ratu",
    "Pangeran",
    "Hakim",
    "Jaksa",
    "analis",
    "pengamat",
    "ekonom",
    "peneliti",
    "warga",
    "President",
    "Minister",
    "Governor",
    "spokesperson",
    "spokesman",
    "Chairman",
    "chairman",
    "Komisaris",
    "Anggota",
    "anggota",
    "politikus",
    "politisi",
    "Kapten",
    "Kolonel",
    "Letjen",
    "Mayjen",
    "Brigjen",
    "Irjen",
    "Kombes",
    "AKBP",
    "Pj",
    "Plt",
    "Wamen",
    "wakil",
    "Wakil",
    "pemilik",
    "Pemilik",
    "istri",
    "suami",
    "anak",
    "putra",
    "putri",
    "pelaku",
    "korban",
    "tersangka",
    "terdakwa",
]
ROLE_SET = set(ROLE_WORDS)
ROLE_RX = "(?i:" + alternation({w.lower() for w in ROLE_WORDS}) + ")"  # any case, longest first
# Capitalised words of office and institution names, never part of a person's name.
TITLE_WORDS = set(
    """Komunikasi Digital Informatika Keuangan Luar Dalam Negeri Pertahanan Agama Kesehatan Pendidikan
Perhubungan Perdagangan Perindustrian Pertanian Sosial Hukum HAM BUMN Koordinator Bidang Politik Keamanan
Perekonomian Investasi Pariwisata Energi Sumber Daya Mineral Lingkungan Hidup Kehutanan Kelautan Perikanan
Tenaga Kerja Desa Umum Perumahan Rakyat Sekretaris Negara Kabinet Republik Utama Eksekutif Jenderal Daerah
Provinsi Kota Kabupaten Pusat Nasional Staf Kepresidenan Umum Besar Tinggi Agung Federal State Senior Pertama
Kedua Deputi Direktur Operasional Keuangan Teknologi Informasi Pemasaran Inc Corp Group Grup Kemaritiman
Pembangunan Perencanaan Riset Inovasi Siber Sandi Intelijen Pemberantasan Korupsi Pemilihan Perwakilan
Permusyawaratan Mahkamah Konstitusi Kejaksaan Kepolisian Komisi Badan Dewan Lembaga Otoritas Jasa Pengawas""".split()
)
CAP = r"[A-Z][a-zA-Z'’-]+"
PARTICLES = {"de", "da", "van", "von", "der", "den", "bin", "binti", "al", "el", "dos", "di", "la", "le"}
NAME_SEQ = re.compile(
    r"\b"
    + ROLE_RX
    + r"\b((?:,?[ \t]+(?:"
    + CAP
    + r"|dan|Inc|AS|RI|[A-Z]{2,6}|"
    + "|".join(sorted(PARTICLES))
    + r")){1,8})"
)
AGE_NAME = re.compile(r"(?<![\w@])(" + CAP + r"(?:\s+" + CAP + r"){0,3})\s+\((\d{1,2})\)")
ORG_CUE = re.compile(
    r"\b((?:PT|Partai|Kementerian|Universitas|Badan|Komisi|Dinas|Lembaga|Yayasan|Bank|Pengadilan|Mahkamah|"
    r"Kejaksaan|Kepolisian|Polda|Polres|Pemerintah|Pemprov|Pemkot|Pemkab|Institut|Politeknik|Asosiasi|"
    r"Perusahaan|Grup|Group|Koperasi|Rumah Sakit|RSUD|Dewan)(?:\s+(?:" + CAP + r"|[A-Z]{2,}|dan|&))+)"
)
PLATFORM_CUE = re.compile(r"\b(?:aplikasi|platform|media sosial|layanan)\s+(" + CAP + r"(?:\s+" + CAP + r")?)")
BUILDING = re.compile(r"(?i)\b(gedung|kantor|markas)\s+$")
SINGLE_CHAR_CUE = re.compile(r"(?i)(media sosial|platform|aplikasi|akun|melalui|lewat|via|di|ke|milik\s+\w+,?)\s*$")
NOT_NAME = {
    "Senin",
    "Selasa",
    "Rabu",
    "Kamis",
    "Jumat",
    "Sabtu",
    "Minggu",
    "Ahad",
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
    "Namun",
    "Tetapi",
    "Dan",
    "Di",
    "Ia",
    "Dia",
    "Mereka",
    "Ini",
    "Itu",
    "Saat",
    "Kini",
    "Sementara",
    "The",
    "Pada",
    "Dalam",
    "Menurut",
    "Baca",
    "Juga",
    "Berita",
    "Terkait",
    "Sebelumnya",
    "Selain",
    "Kamu",
    "Anda",
    "Kami",
    "Kita",
    "Saya",
    "Aku",
    "Tuhan",
    "Allah",
    "Inc",
    "Tbk",
    "Corp",
    "Sebab",
}
TRAILING_NOISE = {"dan", "Inc", "AS", "RI", "PT", "CEO", "WIB", "TV"}
ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def _add(doc: Doc, start: int, end: int, entity: Entity, swallow: bool = False) -> None:
    """Record a mention unless it overlaps one already there; with `swallow`, a longer name
    replaces the shorter ones inside it ('Mahkamah Agung Brasil' over 'Brasil')."""
    if swallow:
        for m in doc.mention_index().inside(start, end):
            if (m.start, m.end) != (start, end):
                doc.remove_mention(m)
    if doc.mention_index().overlapping(start, end):
        return
    doc.entities.setdefault(entity.iri, entity)
    doc.add_mention(Mention(start, end, doc.text[start:end], doc.entities[entity.iri]))


def gazetteer_mentions(doc: Doc) -> None:
    hits = load_gazetteer().find(doc.masked)
    confirmed = {
        h.entity.iri
        for h in hits
        if len(h.text) > 1 or SINGLE_CHAR_CUE.search(doc.masked[max(0, h.start - 30) : h.start])
    }
    for h in hits:
        if h.entity.kind == "Source" or h.entity.iri not in confirmed:
            continue
        if h.entity.kind == "Organization" and BUILDING.search(doc.masked[max(0, h.start - 12) : h.start]):
            continue  # 'Gedung Kongres AS' is a building, not the institution
        _add(doc, h.start, h.end, h.entity)


def _name_tokens(seq: str, offset: int) -> list[tuple[int, int, str]]:
    return [(offset + m.start(), offset + m.end(), m.group()) for m in re.finditer(r"[\w'’.-]+", seq)]


def role_person_mentions(doc: Doc) -> None:
    """'Menteri Keuangan Sri Mulyani', 'juru bicara Kremlin, Dmitry Peskov': the capitalised run
    after a role word, minus parts already linked (places, organisations), ends in a name."""
    for m in NAME_SEQ.finditer(doc.masked):
        tokens = _name_tokens(m.group(1), m.start(1))
        run: list[tuple[int, int, str]] = []
        for a, b, w in tokens:
            covered = doc.mention_at(a) is not None
            if not covered and ACRONYM.match(w) and w not in TRAILING_NOISE:
                _add(doc, a, b, load_gazetteer().entity("Organization", w))  # 'Kepala BSSN'
                covered = True
            if w in PARTICLES and run:
                run.append((a, b, w))  # 'Alexandre de Moraes', 'Lula da Silva'
                continue
            if covered or w in TRAILING_NOISE or w in NOT_NAME or w in TITLE_WORDS or not w[:1].isupper():
                run = []
                continue
            run.append((a, b, w))
        while run and run[-1][2] in PARTICLES:
            run.pop()
        core = [t for t in run if t[2] not in PARTICLES]
        if run and run[-1][1] == tokens[-1][1] and 2 <= len(core) <= 4:
            run = run[-3:] if len(core) == 4 and not any(t[2] in PARTICLES for t in run) else run
            a, b = run[0][0], run[-1][1]
            _add(doc, a, b, _person_entity(doc.text[a:b]))


def _person_entity(name: str) -> Entity:
    gaz = load_gazetteer()
    return gaz.lookup(name, "Person") or _misspelt(name) or gaz.entity("Person", name)


def _misspelt(name: str) -> Entity | None:
    """'Kayne West' -> Kanye West: same surname, a close first name, one candidate only."""
    parts = name.split()
    if len(parts) < 2:
        return None
    close = [
        e
        for e in load_gazetteer().persons_with_surname(len(parts), parts[-1])
        if difflib.SequenceMatcher(None, e.label.split()[0], parts[0]).ratio() >= 0.6
    ]
    return close[0] if len(close) == 1 else None


def age_person_mentions(doc: Doc) -> None:
    for m in AGE_NAME.finditer(doc.masked):
        name = m.group(1)
        if name.split()[0] in NOT_NAME or load_gazetteer().lookup(name):
            continue
        _add(doc, m.start(1), m.end(1), _person_entity(name))


SPEECH = (
    r"mengatakan|menyatakan|menjelaskan|menuturkan|mengungkapkan|menegaskan|menambahkan|menyebut|"
    r"membantah|mengakui|berkata|said|says|told|added"
)
NAME = CAP + r"(?:\s+(?:" + CAP + "|" + "|".join(sorted(PARTICLES)) + r")){0,3}"
SPEAKER_AFTER = re.compile(
    r"(?:\b(?i:kata|ujar|ucap|tutur|ungkap|jelas|tegas|imbuh|tambah|sebut|said)\s+|\b(?i:menurut)\s+)(" + NAME + ")"
)
SPEAKER_BEFORE = re.compile(r"(?:^|[.,;]\s+|\n)(" + NAME + r")(?:,\s+[^,]{3,60},)?\s+(?i:" + SPEECH + r")\b")
PLACE_CUE = re.compile(
    r"\b(?:Kota|Kabupaten|Kab\.|Provinsi|Kecamatan|Desa|Kelurahan|Pulau|Kampung)\s+(" + CAP + r"(?:\s+" + CAP + r")?)"
)


def speaker_mentions(doc: Doc) -> None:
    """'kata Budi Santoso', 'ujar Rina', 'Andi Wijaya mengatakan', 'menurut Budi': speakers are
    people unless the gazetteer knows them as something else."""
    gaz = load_gazetteer()
    persons = _PersonsByWord(doc.entities.values())
    for rx in (SPEAKER_AFTER, SPEAKER_BEFORE):
        for m in rx.finditer(doc.masked):
            name = m.group(1)
            words = name.split()
            while words and (words[-1] in PARTICLES or words[-1] in TITLE_WORDS):
                words.pop()
            if (
                not words
                or words[0] in NOT_NAME
                or words[0] in TITLE_WORDS
                or ACRONYM.match(words[0])
                or any(w in ROLE_SET for w in words)
            ):
                continue
            name = " ".join(words)
            if gaz.lookup(name) or doc.in_quote(m.start(1)):
                continue
            if len(words) == 1 and rx is SPEAKER_BEFORE:
                continue  # a lone capitalised word opening a clause is too often not a name
            full = persons.named(name) if len(words) == 1 else []
            entity = full[0] if len(full) == 1 else _person_entity(name)
            known = len(doc.entities)
            _add(doc, m.start(1), m.start(1) + len(name), entity)
            if len(doc.entities) > known:  # `entity` is new to the article
                persons.add(entity)


class _PersonsByWord:
    """Persons by each word of their names, in the order they were added."""

    def __init__(self, entities):
        self.by_word: dict[str, list[Entity]] = {}
        for e in entities:
            self.add(e)

    def add(self, e: Entity) -> None:
        if e.kind == "Person":
            for word in dict.fromkeys(e.label.split()):
                self.by_word.setdefault(word, []).append(e)

    def named(self, word: str) -> list[Entity]:
        return self.by_word.get(word, [])


def place_mentions(doc: Doc) -> None:
    """'Kota Bogor', 'Kabupaten Sleman', 'Provinsi Jawa Barat': places, known or not."""
    gaz = load_gazetteer()
    for m in PLACE_CUE.finditer(doc.masked):
        name = m.group(1)
        known = gaz.lookup(name)
        if known and known.kind != "Place":
            continue
        _add(doc, m.start(1), m.end(1), known or gaz.entity("Place", name))


TWO_NAMES = re.compile(r"(?<![\w@])(" + CAP + r"\s+" + CAP + r")(?![\w])")


def misspelt_mentions(doc: Doc) -> None:
    for m in TWO_NAMES.finditer(doc.masked):
        e = _misspelt(m.group(1))
        if e:
            _add(doc, m.start(1), m.end(1), e)


def cue_mentions(doc: Doc) -> None:
    gaz = load_gazetteer()
    for m in ORG_CUE.finditer(doc.masked):
        person_at = [x.start for x in doc.mentions_in(m.start(1) + 1, m.end(1)) if x.entity.kind == "Person"]
        text = doc.masked[m.start(1) : min(person_at)] if person_at else m.group(1)
        name = re.sub(r"(\s+(dan|&))+$", "", text.strip()).strip()
        if len(name.split()) >= 2 and not gaz.lookup(name):
            _add(doc, m.start(1), m.start(1) + len(name), gaz.entity("Organization", name), swallow=True)
    for m in PLATFORM_CUE.finditer(doc.masked):
        name = m.group(1)
        if name.split()[0] in NOT_NAME or gaz.lookup(name):
            continue
        _add(doc, m.start(1), m.end(1), gaz.entity("Platform", name))


ABBREVIATED = re.compile(
    r"\b([A-Z][\w-]+(?:\s+(?:[A-Z][\w-]+|dan|and|of|&|untuk|for)){1,7})\s+\(([A-Z][A-Za-z]{1,9})\)"
)


def abbreviation_mentions(doc: Doc) -> None:
    """'Badan Siber dan Sandi Negara (BSSN)': a name with its abbreviation is an organisation
    (unless it is known as something else); later uses of the abbreviation refer to it."""
    gaz = load_gazetteer()
    places: dict[str, list[int]] = {}  # where each abbreviation stands as a word
    # Once tried, a place is taken (by its mention or by the one in its way) until a mention over
    # it is removed: later definitions of an abbreviation try only the places freed since.
    tried: dict[str, int] = {}  # abbreviation -> len(doc.removed_spans) when its places were tried
    for m in ABBREVIATED.finditer(doc.masked):
        long, short = re.sub(r"^(?:Dan|Sementara|Namun|Menurut|Pihak)\s+", "", m.group(1)), m.group(2)
        initials = "".join(w[0] for w in long.split() if w[0].isupper())
        if short[0] != long[0] or (short.isupper() and not set(short) <= set(initials + short[0])):
            continue
        known = gaz.lookup(long) or gaz.lookup(short)
        if known and known.kind not in ("Organization", "Source"):
            continue
        entity = known or gaz.entity("Organization", long)
        start = m.start(1) + m.group(1).index(long)
        _add(doc, start, start + len(long), entity, swallow=True)
        if short not in places:
            places[short] = [x.start() for x in re.finditer(r"(?<![\w@])" + re.escape(short) + r"(?![\w])", doc.masked)]
        for at in _places_to_try(places[short], len(short), doc.removed_spans, tried.get(short)):
            _add(doc, at, at + len(short), entity)
        tried[short] = len(doc.removed_spans)


def _places_to_try(places: list[int], length: int, removed: list, since: int | None) -> list[int]:
    """All `places` the first time (`since` None), then those that a mention removed since overlaps."""
    if since is None:
        return places
    freed = set()
    for a, b in removed[since:]:
        freed.update(places[bisect_right(places, a - length) : bisect_left(places, b)])
    return sorted(freed)


def short_form_mentions(doc: Doc) -> None:
    """A surname or first name alone refers to the unknown person named in full earlier."""
    full = [e for e in doc.entities.values() if e.kind == "Person" and not e.known and " " in e.label]
    if not full:
        return
    starts: dict = {}  # the mentions of each entity (these loops add mentions of `e` only)
    for m in doc.mentions:
        starts.setdefault(m.entity.iri, []).append(m.start)
    words = _word_starts(doc.masked)
    # Where each name part stands and has not been tried yet. Once tried, a place is taken (by
    # this mention or by the one in its way), and no mention goes away here: it can be dropped.
    untried: dict[str, list[int]] = {}
    for e in full:
        first = min(starts.get(e.iri, []))
        for part in set(e.label.split()):
            if len(part) < 3 or part in NOT_NAME:
                continue
            places = untried.setdefault(part, _standalone(doc.masked, part, words))
            later = bisect_right(places, first)
            for at in places[later:]:
                _add(doc, at, at + len(part), e)
            del places[later:]


WORD = re.compile(r"(?<![\w@])\w+")


def _word_starts(text: str) -> dict[str, list[int]]:
    """Where each word of `text` stands (whole words, not after '@')."""
    starts: dict[str, list[int]] = {}
    for m in WORD.finditer(text):
        starts.setdefault(m.group(), []).append(m.start())
    return starts


def _standalone(text: str, part: str, words: dict[str, list[int]]) -> list[int]:
    """Where `part` stands in `text` as a whole word, not after '@'; a part made of word characters
    is looked up in `words` (one pass over the text for all of them)."""
    if WORD.fullmatch(part):
        return list(words.get(part, []))
    return [m.start() for m in re.finditer(r"(?<![\w@])" + re.escape(part) + r"(?![\w])", text)]


DATELINE_CITY = re.compile(
    r"(?m)^\s*([A-Z][A-Z .]{2,30}?)\s*(?:,\s*[A-Za-z0-9.-]+|\((?:[A-Z][A-Za-z]+)\))\s*(?:-{1,2}|–|—)\s"
)


def dateline_place(doc: Doc) -> None:
    """'DENPASAR, KOMPAS.com -', 'JAKARTA (ANTARA) -': the dateline city is a place."""
    m = DATELINE_CITY.search(doc.masked[:3000])
    if m and m.group(1).strip().isupper():
        name = m.group(1).strip().title()
        e = load_gazetteer().lookup(name)
        if e is None or e.kind == "Place":
            _add(doc, m.start(1), m.start(1) + len(m.group(1).strip()), e or load_gazetteer().entity("Place", name))


@component("mentions")
def mentions(doc: Doc) -> None:
    gazetteer_mentions(doc)
    dateline_place(doc)
    role_person_mentions(doc)
    age_person_mentions(doc)
    speaker_mentions(doc)
    place_mentions(doc)
    misspelt_mentions(doc)
    abbreviation_mentions(doc)
    cue_mentions(doc)
    short_form_mentions(doc)
    doc.sort_mentions()
