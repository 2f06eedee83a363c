"""Synthetic Indonesian news articles for speed and scale benchmarks (never for extraction quality).

A seeded, deterministic generator of plain-text articles in the style of corpus/*.txt: a title, a
header date with weekday and WIB time, a byline ("Penulis:", "Reporter :", "Editor :", "Name -
detikInet"), a dateline ("JAKARTA, KOMPAS.com -", "KORANPRABUMULIHPOS.COM –", "JAKARTA (ANTARA) -"),
4-8 paragraphs with people introduced by role words ("CEO Tesla Elon Musk", "juru bicara Meta,
Andy Stone"), quotes with speech verbs ("kata X", "ujarnya", "Menurut X,"), cited outlets ("seperti
dilaporkan Reuters"), 1-4 events (outages, interviews, cyber attacks, acquisitions, layoffs,
invitations, calls, endorsements, assassination attempts, elections, launches, bans, arrests) with
participants, platforms and dates ("Senin (12/8/2024)", "pada 12 Agustus 2024", "kemarin"), role and
ownership phrases, places ("Kota Bandung", "Provinsi Jawa Barat"), a "BACA JUGA:" line and a footer.

Famous people, organisations and platforms of the gazetteer (ontology/entities.ttl; their names are
written out below, not read at run time, so the output does not change with the gazetteer) recur with
Zipf-like frequency; synthetic people, companies and apps keep appearing (Pitman-Yor pools, distinct
items growing like a power of N), so 100,000 articles name tens of thousands of distinct people.
About one event in five re-reports an earlier story (same type, participants and date, another
outlet), so cross-article linking has work to do.

    python benchmarks/generate.py 1000 /tmp/gen1000 [--seed 0]

    import sys; sys.path.insert(0, "benchmarks"); from generate import generate
    for file_name, text in generate(100_000, seed=0): ...

Same N and seed give byte-identical files; generate(n) starts with exactly generate(k) for k < n,
so a benchmark can grow a corpus. 100,000 articles take well under a minute.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
from bisect import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

MAX_ARTICLES = 1_000_000  # file names have six digits
YEAR_START = dt.date(2024, 1, 1)
YEAR_END = dt.date(2024, 12, 31)
YEAR_DAYS = 366
REUSE_MAIN = 0.30  # share of articles whose main event re-reports an earlier story
REUSE_SECONDARY = 0.12  # share of secondary events that re-report a story of the last two weeks


def words(text: str) -> list[str]:
    """Whitespace-separated names; an underscore joins the words of one name ('Jawa_Barat')."""
    return [w.replace("_", " ") for w in text.split()]


# ---------------------------------------------------------------------------------------------
# Calendar words
# ---------------------------------------------------------------------------------------------
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]  # fmt: skip
MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# ---------------------------------------------------------------------------------------------
# Names for synthetic people: no token is a gazetteer alias, a role or title word, and no surname is
# the surname of a gazetteer person (so the extractors neither link nor split them by mistake).
# ---------------------------------------------------------------------------------------------
FIRST_ID = """Adi Agus Ahmad Aldi Andi Anton Arief Aris Bambang Bayu Beni Budi Dani Dedi Dimas Doni Edi
Eko Fajar Fahmi Fauzi Gilang Hadi Hendra Heri Ilham Imam Indra Irfan Lukman Rahmat Reza Rizky Rudi Slamet Surya
Taufik Teguh Wahyu Yoga Yusuf Zainal Arif Iwan Yudi Feri Galih Hafiz Ikhsan Ridho Satria Tegar Wisnu Yogi Ardi
Bagus Cahyo Danang Kevin Rangga Rendi Hendro Joko Wayan Made Nyoman Ketut Ani Ayu Citra Dewi Dian Dina Eka Endang
Fitri Indah Intan Lina Maya Nadia Nia Novi Nur Rani Ratna Rina Rini Siti Tari Tika Wulan Yanti Yuni Zahra Anisa
Aulia Bella Desi Fika Gita Hana Irma Laras Melati Nabila Nurul Rahma Salsa Tania Vina Widya Yulia Anggun Febri Lia
Mira Sinta Umi Wati Yeni Asih Ririn Dinda Farah Putu Kadek Komang Gede Oki Ucok Benny Robby Hengki Stefanus
Yohanes Markus Theresia Agnes Fransiska Veronika Lukas""".split()
MIDDLE_ID = """Adi Eka Dwi Tri Nur Ayu Dewi Indra Bayu Citra Tri Wahyu Rizki Sri Nanda Surya Cahya Mulya Arya Dimas
Intan Kurnia Mega Novi Puji Ratna Setia Teguh Wira Yoga""".split()
LAST_ID = """Santoso Wulandari Wijaya Saputra Pratama Hidayat Kurniawan Setiawan Gunawan Nugroho Susanto Firmansyah
Ramadhan Permana Sulistyo Purnomo Utomo Wibowo Hermawan Syahputra Lubis Harahap Siregar Simanjuntak Sitompul
Manurung Tanjung Pohan Daulay Ginting Sembiring Tarigan Sinaga Hutapea Situmorang Rahman Maulana Fauzan Hasibuan
Nasir Syarif Kusuma Handoko Halim Salim Sutrisno Wahyudi Rahayu Lestari Anggraini Puspitasari Safitri Rahmawati
Kartika Novitasari Febriani Handayani Susilowati Fitriani Yulianti Permatasari Oktaviani Pertiwi Amalia Nurhayati
Sumarni Wardani Prasetyo Hutagalung Pangaribuan Nainggolan Tambunan Sihombing Marpaung Pardede Mandagi Wenas
Lumentut Pattiasina Latuconsina Matulessy Sahetapy Saragih Damanik Purba Sagala Gultom Siahaan Batubara Effendi
Hamzah Ismail Kadir Latif Mansur Munir Rasyid Zulkarnain Baharuddin Pangestu Wicaksono Ardiansyah Hardianto
Darmawan Sugiharto Kusnadi Suryadi Mulyono Sukmawati Fadillah Hutabarat Simatupang Napitupulu Tampubolon Sianturi
Rumondor Tumbelaka Kaunang Rondonuwu Sondakh Pelealu Tuanakotta Wattimena Renwarin Nanlohy Manuputty Sopacua
Susilo Riyanto Budiman Sasongko Wirawan Suganda Sumantri Adiwijaya Tanuwijaya Hartanto Gozali Sanjaya Lesmana
Suwandi Kosasih Sudirja Nugraha Herlambang Suherman Mahendra Anggara Saputri Pramudya Baskoro""".split()
FIRST_INTL = """John Michael David James Robert Sarah Emily Jessica Laura Daniel Thomas Anna Maria Carlos Luis Pierre
Sophie Hans Klaus Yuki Hiroshi Wei Rajesh Priya Ahmed Omar Fatima Olga Ivan Elena Marco Giulia Lucas Chloe Ethan
Noah Olivia Kenji Sanjay Aisha Hannah Lena Mateo Sofia Raj Andrea Felix Nina Oscar Ingrid""".split()
LAST_INTL = """Miller Smith Brown Davis Wilson Anderson Moore Martin Clark Lewis Walker Hall Young Wright Lopez Garcia
Rodriguez Martinez Dubois Laurent Moreau Schmidt Fischer Weber Tanaka Suzuki Sato Chen Wang Zhang Liu Kumar Sharma
Patel Singh Ivanov Petrov Rossi Bianchi Costa Nguyen Tran Choi Yamamoto Novak Kowalski Jansen Larsen Murphy Kelly
Hughes Foster Becker Hoffmann Okafor Mensah Haddad Karimi Lindqvist Bergstrom""".split()

# ---------------------------------------------------------------------------------------------
# Gazetteer entities, most frequent first (Zipf rank): (name, short form, group, roles before the name)
# ---------------------------------------------------------------------------------------------
FAMOUS_PEOPLE = [
    ("Elon Musk", "Musk", "tech", ["CEO Tesla", "bos SpaceX", "miliarder", "pendiri SpaceX", "CEO SpaceX"]),
    ("Donald Trump", "Trump", "world", ["capres Partai Republik", "mantan Presiden Amerika Serikat"]),
    ("Prabowo Subianto", "Prabowo", "id", ["Presiden", "Menteri Pertahanan", "Ketua Umum Partai Gerindra"]),
    ("Joko Widodo", "Jokowi", "id", ["Presiden", "Presiden RI"]),
    ("Mark Zuckerberg", "Zuckerberg", "tech", ["CEO Meta", "pendiri Facebook"]),
    ("Joe Biden", "Biden", "world", ["Presiden Amerika Serikat", "Presiden AS"]),
    ("Vladimir Putin", "Putin", "world", ["Presiden Rusia"]),
    ("Kamala Harris", "Harris", "world", ["Wakil Presiden AS", "capres Partai Demokrat"]),
    ("Meutya Hafid", "Meutya Hafid", "id", ["Menteri Komunikasi dan Digital"]),
    ("Pavel Durov", "Durov", "tech", ["pendiri Telegram", "CEO Telegram"]),
    ("Gibran Rakabuming Raka", "Gibran", "id", ["Wakil Presiden", "Wali Kota Solo"]),
    ("Sam Altman", "Altman", "tech", ["CEO OpenAI"]),
    ("Budi Arie Setiadi", "Budi Arie", "id", ["Menteri Komunikasi dan Informatika"]),
    ("Xi Jinping", "Xi Jinping", "world", ["Presiden China"]),
    ("Satya Nadella", "Nadella", "tech", ["CEO Microsoft"]),
    ("Sundar Pichai", "Pichai", "tech", ["CEO Google", "CEO Alphabet"]),
    ("Dmitry Peskov", "Peskov", "world", ["juru bicara Kremlin", "juru bicara Kremlin,"]),
    ("Sri Mulyani Indrawati", "Sri Mulyani", "id", ["Menteri Keuangan"]),
    ("Tim Cook", "Tim Cook", "tech", ["CEO Apple"]),
    ("Hinsa Siburian", "Hinsa Siburian", "id", ["Kepala BSSN", "Kepala Badan Siber dan Sandi Negara"]),
    ("Linda Yaccarino", "Yaccarino", "tech", ["CEO X Corp"]),
    ("Jensen Huang", "Jensen Huang", "tech", ["CEO Nvidia"]),
    ("Anies Baswedan", "Anies", "id", ["mantan Gubernur Jakarta"]),
    ("Emmanuel Macron", "Macron", "world", ["Presiden Prancis"]),
    ("Volodymyr Zelensky", "Zelensky", "world", ["Presiden Ukraina"]),
    ("Shou Zi Chew", "Shou Zi Chew", "tech", ["CEO TikTok"]),
    ("Erick Thohir", "Erick Thohir", "id", ["Menteri BUMN"]),
    ("Ridwan Kamil", "Ridwan Kamil", "id", ["mantan Gubernur Jawa Barat"]),
    ("Ganjar Pranowo", "Ganjar", "id", ["mantan Gubernur Jawa Tengah"]),
    ("Luiz Inacio Lula da Silva", "Lula", "world", ["Presiden Brasil"]),
    ("Alexandre de Moraes", "Moraes", "world", ["Hakim Mahkamah Agung Brasil"]),
    ("JD Vance", "Vance", "world", ["cawapres Partai Republik", "Senator"]),
    ("Jeff Bezos", "Bezos", "tech", ["pendiri Amazon", "miliarder"]),
    ("Nadiem Makarim", "Nadiem", "id", ["pendiri Gojek"]),
    ("Luhut Binsar Pandjaitan", "Luhut", "id", ["Menteri Koordinator Bidang Kemaritiman dan Investasi"]),
    ("Airlangga Hartarto", "Airlangga", "id", ["Menteri Koordinator Bidang Perekonomian", "Ketua Umum Partai Golkar"]),
    ("Narendra Modi", "Modi", "world", ["Perdana Menteri India"]),
    ("Anwar Ibrahim", "Anwar Ibrahim", "world", ["Perdana Menteri Malaysia"]),
    ("Bill Gates", "Bill Gates", "tech", ["pendiri Microsoft", "miliarder"]),
    ("Jack Dorsey", "Dorsey", "tech", ["pendiri Twitter"]),
    ("Listyo Sigit Prabowo", "Listyo Sigit Prabowo", "id", ["Kapolri"]),
    ("Puan Maharani", "Puan Maharani", "id", ["Ketua DPR"]),
    ("Recep Tayyip Erdogan", "Erdogan", "world", ["Presiden Turki"]),
    ("Keir Starmer", "Starmer", "world", ["Perdana Menteri Inggris"]),
    ("Olaf Scholz", "Scholz", "world", ["Kanselir Jerman"]),
    ("Neal Mohan", "Neal Mohan", "tech", ["CEO YouTube"]),
    ("Adam Mosseri", "Mosseri", "tech", ["Kepala Instagram"]),
    ("Dario Amodei", "Dario Amodei", "tech", ["CEO Anthropic"]),
    ("Budi Gunadi Sadikin", "Budi Gunadi Sadikin", "id", ["Menteri Kesehatan"]),
    ("Nezar Patria", "Nezar Patria", "id", ["Wakil Menteri Komunikasi dan Digital"]),
    ("Kaesang Pangarep", "Kaesang", "id", ["Ketua Umum Partai Solidaritas Indonesia"]),
    ("Ursula von der Leyen", "Ursula von der Leyen", "world", ["Presiden Komisi Eropa"]),
    ("Thierry Breton", "Breton", "world", ["Komisaris Uni Eropa"]),
    ("Sergei Lavrov", "Lavrov", "world", ["Menteri Luar Negeri Rusia"]),
    ("Benjamin Netanyahu", "Netanyahu", "world", ["Perdana Menteri Israel"]),
    ("Ron DeSantis", "DeSantis", "world", ["Gubernur Florida"]),
    ("Taylor Swift", "Taylor Swift", "celeb", ["penyanyi"]),
    ("Kanye West", "Kanye", "celeb", ["rapper"]),
    ("Tucker Carlson", "Tucker Carlson", "celeb", [""]),
    ("Andrew Tate", "Andrew Tate", "celeb", [""]),
]
ZIPF_S = 1.05

# (name, CEO among FAMOUS_PEOPLE or "")
FAMOUS_ORGS = [
    ("Meta", "Mark Zuckerberg"), ("Google", "Sundar Pichai"), ("Microsoft", "Satya Nadella"),
    ("Tesla", "Elon Musk"), ("OpenAI", "Sam Altman"), ("Apple", "Tim Cook"),
    ("ByteDance", ""), ("GoTo", ""), ("SpaceX", "Elon Musk"), ("Nvidia", "Jensen Huang"),
    ("Telkomsel", ""), ("Amazon", ""), ("X Corp", "Linda Yaccarino"), ("Sea Group", ""),
    ("Telkom Indonesia", ""), ("Indosat", ""), ("Samsung", ""), ("XL Axiata", ""),
    ("Bank Central Asia", ""), ("Bank Rakyat Indonesia", ""), ("Bank Mandiri", ""),
    ("Alibaba", ""), ("Xiaomi", ""), ("Tencent", ""), ("Huawei", ""),
    ("Anthropic", "Dario Amodei"), ("xAI", "Elon Musk"), ("Bank Syariah Indonesia", ""),
    ("Pertamina", ""), ("Oracle", ""), ("Intel", ""), ("Uber", ""),
]  # fmt: skip
# (name, short form for title-case headlines, where a cue word such as "Komisi" would swallow the words after it)
GOV_ORGS = [("Kementerian Komunikasi dan Digital", "Komdigi"), ("Badan Siber dan Sandi Negara", "BSSN"),
            ("Komisi Pemilihan Umum", "KPU"), ("Otoritas Jasa Keuangan", "OJK"), ("Bank Indonesia", "BI"),
            ("Kementerian Keuangan", "Kemenkeu"), ("Komisi Pemberantasan Korupsi", "KPK"),
            ("Kementerian Kesehatan", "Kemenkes"), ("Kementerian Dalam Negeri", "Kemendagri"), ("Bawaslu", "Bawaslu"),
            ("Kejaksaan Agung", "Kejagung")]  # fmt: skip
# short forms of famous organisations whose names start with such a cue word ("Bank", "Group")
BRANDS = {"Bank Central Asia": "BCA", "Bank Rakyat Indonesia": "BRI", "Bank Mandiri": "Mandiri",
          "Bank Syariah Indonesia": "BSI", "Sea Group": "Sea"}  # fmt: skip
POLICE = ["Polda Metro Jaya", "Bareskrim Polri", "Polda Jawa Barat", "Polda Jawa Timur", "Polda Sumatera Utara",
          "Polda Bali", "Polda Sulawesi Selatan", "Polres Bogor", "Polres Malang", "Polda Jawa Tengah"]  # fmt: skip
PARTIES = ["Partai Golkar", "Partai Gerindra", "PDI Perjuangan", "Partai NasDem", "Partai Kebangkitan Bangsa",
           "Partai Keadilan Sejahtera", "Partai Demokrat", "Partai Amanat Nasional", "Partai Solidaritas Indonesia",
           "Partai Perindo"]  # fmt: skip
# (name, short form: an appositive "Name, pengamat ... dari UI," must stay under 60 characters)
UNIVERSITIES = [("Universitas Indonesia", "UI"), ("Universitas Gadjah Mada", "UGM"), ("Institut Teknologi Bandung", "ITB"),
                ("Universitas Sebelas Maret", "UNS"), ("Badan Riset dan Inovasi Nasional", "BRIN")]  # fmt: skip

# (name, cue that makes a one-letter name recognisable, owner org, owner person)
PLATFORMS = [
    ("X", "media sosial", "X Corp", "Elon Musk"), ("WhatsApp", "aplikasi", "Meta", ""),
    ("Instagram", "media sosial", "Meta", ""), ("TikTok", "platform", "ByteDance", ""),
    ("Facebook", "media sosial", "Meta", ""), ("YouTube", "platform", "Google", ""),
    ("Telegram", "aplikasi", "", "Pavel Durov"), ("Threads", "media sosial", "Meta", ""),
    ("Starlink", "layanan", "SpaceX", "Elon Musk"), ("Shopee", "aplikasi", "Sea Group", ""),
    ("Tokopedia", "aplikasi", "GoTo", ""), ("Gojek", "aplikasi", "GoTo", ""), ("ChatGPT", "layanan", "OpenAI", ""),
    ("Grab", "aplikasi", "", ""), ("Netflix", "layanan", "", ""), ("Spotify", "platform", "", ""),
    ("Gemini", "layanan", "Google", ""), ("Signal", "aplikasi", "", ""), ("Discord", "platform", "", ""),
    ("Zoom", "aplikasi", "", ""), ("DANA", "aplikasi", "", ""), ("OVO", "aplikasi", "", ""),
    ("GoPay", "layanan", "GoTo", ""), ("Bluesky", "media sosial", "", ""), ("LinkedIn", "platform", "Microsoft", ""),
    ("Sirekap", "aplikasi", "", ""), ("Traveloka", "aplikasi", "", ""), ("Lazada", "aplikasi", "Alibaba", ""),
    ("Truth Social", "media sosial", "", "Donald Trump"), ("Grok", "layanan", "xAI", "Elon Musk"),
]  # fmt: skip
INTERVIEW_PLATFORMS = ["X", "YouTube", "Spotify", "Instagram", "TikTok", "X", "YouTube"]

CITIES = words("""Jakarta Bandung Surabaya Medan Makassar Semarang Yogyakarta Denpasar Palembang Bogor Bekasi Depok Tangerang
Malang Solo Batam Pekanbaru Padang Balikpapan Samarinda Pontianak Manado Banjarmasin Mataram Kupang Ambon Jayapura
Cirebon Tangerang_Selatan Prabumulih Jambi Bengkulu Gorontalo""")
PROVINCES = words("""Jawa_Barat Jawa_Timur Jawa_Tengah Bali Sumatera_Utara Sumatera_Selatan Sumatera_Barat Sulawesi_Selatan
Sulawesi_Utara Kalimantan_Timur Kalimantan_Barat Kalimantan_Selatan Banten Riau Kepulauan_Riau Lampung Aceh
Nusa_Tenggara_Barat Nusa_Tenggara_Timur Papua Maluku Daerah_Istimewa_Yogyakarta""")
REGENCIES = words("""Sleman Bantul Garut Banyumas Jember Sidoarjo Karawang Cianjur Sukabumi Kudus Klaten Gresik Deli_Serdang
Badung Gianyar Lombok_Timur Maros Gowa Kutai_Kartanegara Kampar""")
COUNTRIES = ["Brasil", "Rusia", "China", "India", "Prancis", "Turki", "Vietnam", "Malaysia", "Iran", "Pakistan",
             "Korea Utara", "Bangladesh", "Uni Emirat Arab", "Indonesia"]  # fmt: skip
FOREIGN_CITIES = ["Washington", "New York", "Paris", "London", "Moskow", "Beijing", "Singapura", "Tokyo", "Pennsylvania",
                  "San Francisco", "Kuala Lumpur", "Dubai", "Brasilia"]  # fmt: skip

# (publisher name, layout, dateline, site name as printed at the top or in the footer)
OUTLETS = [
    ("Kompas", "kompas", "{CITY}, KOMPAS.com - ", "Kompas.com"),
    ("Detik", "detik", "{City} - ", "detikInet"),
    ("Tribunnews", "tribun", "TRIBUNNEWS.COM - ", "Tribunnews.com"),
    ("CNN Indonesia", "plain", "{City}, CNN Indonesia -- ", "CNN Indonesia"),
    ("CNBC Indonesia", "plain", "{City}, CNBC Indonesia - ", "CNBC Indonesia"),
    ("Tempo", "tempo", "TEMPO.CO, {City} - ", "Tempo.co"),
    ("Antara", "antara", "{CITY} (ANTARA) - ", "Antaranews"),
    ("Liputan6", "plain", "Liputan6.com, {City} - ", "Liputan6.com"),
    ("Republika", "republika", "REPUBLIKA.CO.ID, {CITY} -- ", "Republika.co.id"),
    ("Okezone", "plain", "{CITY}, Okezone.com - ", "Okezone.com"),
    ("Suara.com", "plain", "Suara.com - ", "Suara.com"),
    ("IDN Times", "plain", "{City}, IDN Times - ", "IDN Times"),
    ("Merdeka.com", "plain", "Merdeka.com - ", "Merdeka.com"),
    ("koranprabumulihpos.com", "koran", "KORANPRABUMULIHPOS.COM – ", "koranprabumulihpos.com"),
    ("Bisnis Indonesia", "plain", "Bisnis.com, {CITY} - ", "Bisnis.com"),
    ("Kumparan", "plain", "KUMPARAN.COM - ", "kumparan.com"),
    ("Katadata", "plain", "KATADATA.CO.ID - ", "Katadata.co.id"),
    ("Sindonews", "sindo", "{CITY} - ", "SINDOnews"),
    ("Kontan.co.id", "plain", "KONTAN.CO.ID - ", "Kontan.co.id"),
    ("VIVA", "plain", "VIVA.co.id – ", "VIVA.co.id"),
    ("Jawa Pos", "plain", "JawaPos.com – ", "JawaPos.com"),
    ("radarbogor.id", "koran", "RADARBOGOR.ID – ", "radarbogor.id"),
    ("Pikiran Rakyat", "plain", "PikiranRakyat.com - ", "PikiranRakyat.com"),
    ("Tirto", "plain", "tirto.id - ", "Tirto.id"),
    ("harianjogja.com", "plain", "Harianjogja.com, {CITY} - ", "Harianjogja.com"),
    ("Beritasatu", "plain", "{City}, Beritasatu.com - ", "Beritasatu.com"),
    ("sumeks.co", "koran", "SUMEKS.CO – ", "sumeks.co"),
    ("Medcom", "plain", "{CITY}, Medcom.id - ", "Medcom.id"),
    ("Bloomberg Technoz", "plain", "{City}, Bloomberg Technoz - ", "Bloomberg Technoz"),
    ("jatimtimes.com", "koran", "JATIMTIMES.COM - ", "jatimtimes.com"),
    ("iNews", "plain", "{CITY}, iNews.id - ", "iNews.id"),
    ("Inilah.com", "plain", "Inilah.com, {City} - ", "Inilah.com"),
]
CITED = ["Reuters", "AFP", "Bloomberg", "Associated Press", "Wall Street Journal", "The Verge", "TechCrunch", "CNBC",
         "BBC", "The New York Times", "Financial Times", "Al Jazeera", "Xinhua", "TASS", "Kyodo", "Bernama",
         "The Guardian", "Business Insider", "Forbes", "Nikkei Asia", "South China Morning Post",
         "KrASIA", "DealStreetAsia", "TechNode", "Antara", "Kompas", "Tempo", "CNN"]  # fmt: skip
# No "{s}, dilansir dari {src}." here: after "kata CEO PT X Budi" the extractors read "di" of "dilansir" as a
# name particle ("de", "di", "da") and lose the name.
CITE_PATTERNS = ["{s}, seperti dilaporkan {src}.", "{s}, seperti dikutip dari {src}.", "{s}, menurut laporan {src}."]
CITE_LEADS = ["Dilansir dari {src}, ", "Seperti dilaporkan {src}, ", "Mengutip {src}, ", "{src} memberitakan, "]
# Sentence openers that may follow a citation lead in lower case ("Dilansir dari AFP, layanan ...").
COMMON_OPENERS = {"Layanan", "Sistem", "Situs", "Pengguna", "Serangan", "Transaksi", "Pembicaraan", "Peristiwa",
                  "Wawancara", "Gangguan", "Keputusan", "Langkah", "Kasus", "Penangkapan", "Pemblokiran", "Pesan",
                  "Pemungutan", "Peluncuran", "Aplikasi", "Hasil", "Isi", "Pernyataan"}  # fmt: skip
CATEGORIES = ["Teknologi", "Tekno", "Nasional", "Internasional", "Ekonomi", "Bisnis", "Politik", "Hukum", "Regional"]
RUBRICS = ["Teknologi", "Berita", "Internet", "Ekonomi", "Politik"]

# Synthetic organisations and apps. A company name ends with a word the extractors never read as part
# of a person's name ("Digital", "Indonesia"), so "CEO PT Maju Data Digital Budi Santoso" splits right.
CO_HEAD = """Maju Sinar Cipta Karya Mitra Bumi Tunas Sentosa Prima Global Inti Lintas Nusa Duta Surya Bina Cahaya
Gemilang Andalan Sumber Sarana Artha Mega Berkah Multi Anugerah Harapan Jagat Kreasi Solusi Data Awan Pilar Mahkota
Permata Samudra Rajawali Garuda Elang Merapi Semeru Kencana Mulia Tirta Wahana Cakra""".split()
CO_MID = """Data Niaga Kreasi Tekno Logistik Siaran Solusi Dagang Pay Cloud Inovasi Sistem Energi Pangan Kargo Kapital
Kreatif Riset Semesta Jaringan Integra Visi Satelit Fintech Edukasi Medika Agro Properti Retail""".split()
CO_TAIL = ["Digital", "Teknologi", "Indonesia", "Nusantara", "Informasi"]
APP_HEAD = """Kirim Bayar Belanja Pesan Jual Tanya Cari Antar Sewa Tukar Baca Nonton Main Jalan Kerja Sehat Tani Kos
Resep Kasir Tabung Pinjam Ojol Servis Laundry Parkir Tiket Kopi Pasar Warung Dompet Obat Guru Ngaji Tenun Nelayan
Kebun Ternak""".split()
APP_TAIL = """in Ku Aja Yuk Kita Pay Go Mart Hub Link Pro Id Now Plus Box Dong Mu Nesia Loka Kan""".split()
APP_EDITION = ["Lite", "Pro", "Plus", "Go", "Max", "Bisnis"]
VILLAGES = """Sukamaju Sukamulya Mekarsari Cibeunying Sukajadi Margahayu Sindangsari Karanganyar Sidomulyo Sumberejo
Wonosari Tanjungsari Jatimulya Pasirjaya Mulyorejo Kedungwaru Tegalrejo Banjarsari Purwodadi Sukorejo""".split()

CITIZEN_JOBS = ["karyawan swasta", "pedagang daring", "mahasiswa", "ibu rumah tangga", "pengemudi ojek online",
                "guru honorer", "pemilik toko kelontong", "pekerja lepas", "pegawai bank", "penjual pulsa"]  # fmt: skip
EXPERT_FIELDS = ["keamanan siber", "media sosial", "ekonomi digital", "kebijakan publik", "telekomunikasi",
                 "politik", "hukum siber"]  # fmt: skip
CRIMES = ["penyebaran hoaks", "judi online", "penipuan investasi", "peretasan situs pemerintah",
          "pencurian data pribadi", "penipuan jual beli daring"]  # fmt: skip
DIVISIONS = ["teknologi", "pemasaran", "layanan pelanggan", "gim", "logistik", "riset"]

# ---------------------------------------------------------------------------------------------
# Event templates. Slots: {A} {B} people (a role the first time, the short name after), {a} {b} short
# names, {O} {T} organisations, {P} platform (with its cue word in the body), {W} when, {L} {L2} places,
# {C} country, {N} count, {V} value, {APP} new app, {POL} police, {AUTH} authority, {X} crime,
# {D} division, {city} a plain place name (titles, pilkada). Clause words that cut participants off
# (saat, setelah, bahwa) stand after the trigger, never between it and its participants.
# ---------------------------------------------------------------------------------------------
EVENTS: dict[str, dict[str, list[str]]] = {
    "Interview": {
        "title": ["{a} Wawancarai {b} di {p}", "Wawancara {a} dan {b} di {p} Disaksikan Jutaan Orang",
                  "Ini Isi Wawancara {a} dengan {b}", "Sempat Terlambat, Wawancara {a} dengan {b} Akhirnya Digelar"],
        "lead": ["{A} mewawancarai {B} melalui {P} {W}.", "{A} menggelar wawancara dengan {B} melalui {P} {W}.",
                 "{B} menjadi narasumber wawancara {A} melalui siaran langsung di {P} {W}."],
        "mention": ["Sebelumnya, {A} juga pernah mewawancarai {B} melalui {P} {W}.",
                    "{A} juga diketahui mewawancarai {B} melalui {P} {W}."],
        "follow": ["Wawancara tersebut disaksikan lebih dari {N} juta pengguna {P}.",
                   "Wawancara itu berlangsung lebih dari dua jam dan membahas ekonomi serta teknologi."],
        "quotes": ["Kami membahas banyak hal, mulai dari ekonomi hingga kecerdasan buatan",
                   "Percakapan ini terbuka untuk semua orang yang ingin mendengar langsung",
                   "Terima kasih kepada jutaan orang yang sudah ikut menyimak malam ini"],
    },
    "Outage": {
        "title": ["{p} Down, Pengguna di {city} Mengeluh", "Gangguan {p} Landa {city} dan Sekitarnya",
                  "{p} Eror Hari Ini, Ini Penjelasan {o}", "Layanan {p} Sempat Tumbang Berjam-jam"],
        "lead": ["Layanan {P} mengalami gangguan {W}. Ribuan pengguna di {L} dan {L2} mengaku kesulitan mengirim pesan.",
                 "{P} down {W} sehingga pengguna di {L} kesulitan membuka layanan.",
                 "Pengguna {P} di {L} mengeluhkan gangguan layanan {W}."],
        "mention": ["Gangguan serupa juga sempat dialami pengguna {P} {W}.",
                    "{P} juga sempat eror di sejumlah wilayah {W}."],
        "follow": ["Menurut laporan Downdetector, keluhan gangguan mencapai puncak sekitar pukul {HH}.{MM} WIB.",
                   "Gangguan tersebut berlangsung sekitar {n} jam sebelum layanan kembali normal."],
        "quotes": ["Kami mohon maaf atas ketidaknyamanan ini dan sedang bekerja memulihkan layanan secepatnya",
                   "Tim kami sudah menemukan penyebabnya dan layanan berangsur pulih"],
    },
    "CyberAttack": {
        "title": ["{o} Diserang Hacker, Data Pengguna Diduga Bocor", "Serangan Siber Lumpuhkan Layanan {o}",
                  "{o} Jadi Sasaran Ransomware"],
        "lead": ["{O} menjadi sasaran serangan siber {W}.", "Sistem milik {O} diretas kelompok peretas {W}.",
                 "Situs resmi {O} diserang ransomware {W}."],
        "mention": ["{O} juga sempat menjadi sasaran serangan DDoS {W}.",
                    "{A} menyalahkan serangan DDoS atas kendala teknis di {P} {W}."],
        "follow": ["Serangan tersebut diduga dilakukan oleh kelompok peretas dari luar negeri.",
                   "Serangan siber itu membuat sejumlah layanan publik terhenti selama beberapa jam."],
        "quotes": ["Kami sedang menelusuri sumber serangan dan memastikan data pengguna tetap aman",
                   "Tidak ada data nasabah yang dicuri dalam insiden ini",
                   "Kami sudah berkoordinasi dengan aparat penegak hukum"],
    },
    "Acquisition": {
        "title": ["{o} Caplok {t}, Nilainya {V}", "Resmi, {o} Caplok {t}", "{o} Beli {t}, Ini Alasannya"],
        "lead": ["{O} resmi mengakuisisi {T} senilai {V} {W}.",
                 "{O} mengumumkan pembelian saham mayoritas {T} senilai {V} {W}.",
                 "{T} resmi diakuisisi {O} dengan nilai transaksi {V} {W}."],
        "mention": ["{O} juga mengambil alih {T} {W}.", "Sebelumnya, {O} membeli {T} senilai {V} {W}."],
        "follow": ["Transaksi tersebut masih menunggu persetujuan regulator.",
                   "Nilai transaksi itu menjadi salah satu yang terbesar di sektor teknologi tahun ini."],
        "quotes": ["Langkah ini akan memperkuat posisi kami di pasar Asia Tenggara",
                   "Kami sangat senang menyambut tim baru ke dalam keluarga besar perusahaan"],
    },
    "Layoff": {
        "title": ["{o} PHK {N} Karyawan", "Badai PHK, {o} Pangkas {N} Pegawai", "{o} Rumahkan Ratusan Pegawai"],
        "lead": ["{O} memecat {N} karyawan {W}.", "{O} melakukan pemutusan hubungan kerja terhadap {N} karyawan {W}.",
                 "{O} merumahkan {N} pegawai di divisi {D} {W}."],
        "mention": ["Sebelumnya, {O} juga memberhentikan {N} karyawan {W}.",
                    "{O} juga mengumumkan PHK terhadap {N} pekerja {W}."],
        "follow": ["Langkah tersebut merupakan bagian dari efisiensi perusahaan.",
                   "Keputusan itu berdampak pada karyawan di Jakarta dan Singapura."],
        "quotes": ["Keputusan ini sulit, tetapi diperlukan untuk menjaga keberlanjutan perusahaan",
                   "Kami akan memberikan pesangon sesuai ketentuan yang berlaku"],
    },
    "Invitation": {
        "title": ["{a} Undang {b} Ngobrol di {p}", "{a} Ajak {b} Berdiskusi di {p}"],
        "lead": ["{A} mengundang {B} untuk berbicara di {P} {W}.",
                 "{A} mengundang {B} ke acara diskusi di {P} {W}."],
        "mention": ["{A} juga pernah mengundang {B} {W}."],
        "follow": ["Hingga kini, {b} belum menanggapi undangan itu.",
                   "Pesan tersebut disampaikan melalui akun {P} resmi miliknya."],
        "quotes": ["Ini tawaran yang menarik, tetapi kami perlu tahu apa yang diusulkan",
                   "Apakah Anda ingin bergabung dengan saya untuk percakapan terbuka"],
    },
    "Communication": {
        "title": ["{a} Berkomunikasi Rutin dengan {b}", "{a} dan {b} Bertemu di {city}", "{a} Telepon {b}"],
        "lead": ["{A} melakukan panggilan telepon dengan {B} {W}.", "{A} bertemu dengan {B} {W} di {L}.",
                 "{A} berkomunikasi dengan {B} {W} untuk membahas kerja sama teknologi."],
        "mention": ["{A} juga berbicara dengan {B} melalui telepon {W}."],
        "follow": ["Pembicaraan tersebut membahas kerja sama di bidang teknologi dan investasi.",
                   "Isi pembicaraan keduanya tidak diungkap kepada publik."],
        "quotes": ["Kami membahas kerja sama di bidang teknologi dan investasi",
                   "Pertemuan ini berjalan baik dan sangat produktif"],
    },
    "Endorsement": {
        "title": ["{a} Dukung {b}", "{a} Nyatakan Dukungan untuk {b}"],
        "lead": ["{A} menyatakan dukungannya kepada {B} {W}.", "{A} secara terbuka mendukung {B} {W}."],
        "mention": ["Sebelumnya, {A} juga menyatakan dukungan kepada {B} {W}."],
        "follow": ["Pernyataan itu disampaikan melalui unggahan di akun {P} miliknya.",
                   "Langkah tersebut mengejutkan banyak pengamat politik."],
        "quotes": ["Saya sepenuhnya berada di belakangnya dan berharap ia menang",
                   "Ini pilihan terbaik untuk masa depan negara kita"],
    },
    "AssassinationAttempt": {
        "title": ["Percobaan Pembunuhan terhadap {a} di {city}", "{a} Ditembak saat Kampanye di {city}"],
        "lead": ["{A} menjadi sasaran percobaan pembunuhan saat berkampanye di {L} {W}.",
                 "Insiden penembakan terhadap {A} terjadi {W} di {L}."],
        "mention": ["{A} juga pernah menjadi sasaran percobaan pembunuhan di {L} {W}."],
        "follow": ["Polisi masih menyelidiki motif pelaku penembakan tersebut.",
                   "Peristiwa itu memicu kecaman dari berbagai pihak."],
        "quotes": ["Saya baik-baik saja dan terima kasih atas doa semua orang",
                   "Kekerasan politik tidak boleh terjadi di negara ini"],
    },
    "Election": {
        "title": ["{a} Daftar Pilkada {city}", "KPU Tetapkan {a} Menang Pilkada {city}"],
        "lead": ["{A} resmi mendaftar sebagai calon wali kota dalam pilkada {city} {W}.",
                 "Komisi Pemilihan Umum menetapkan {A} sebagai pemenang pilkada {city} {W}.",
                 "Gelaran pilkada {city} {W} mempertemukan {A} melawan {B}."],
        "mention": ["{A} sebelumnya kalah dalam pilkada {city} {W}."],
        "follow": ["Pemungutan suara tersebut diikuti lebih dari {n} juta pemilih.",
                   "Hasil rekapitulasi akan diumumkan dalam beberapa hari ke depan."],
        "quotes": ["Kami siap bersaing secara sehat dan menghormati hasil pemungutan suara",
                   "Terima kasih kepada warga yang sudah memberikan kepercayaan"],
    },
    "Launch": {
        "title": ["{o} Luncurkan Aplikasi {APP}", "{APP}, Aplikasi Baru dari {o}", "{o} Rilis {APP} di Indonesia"],
        "lead": ["{O} meluncurkan aplikasi {APP} {W}.",
                 "{O} resmi merilis aplikasi {APP} bagi pengguna di Indonesia {W}.",
                 "{O} meluncurkan fitur baru di {P} {W}."],
        "mention": ["{O} juga meluncurkan aplikasi {APP} {W}."],
        "follow": ["Peluncuran tersebut digelar di {L}.", "Aplikasi itu sudah tersedia di Google Play dan App Store."],
        "quotes": ["Kami ingin memudahkan masyarakat bertransaksi secara digital",
                   "Aplikasi ini dirancang khusus untuk pelaku usaha kecil"],
    },
    "Ban": {
        "title": ["{p} Diblokir di {C}", "{C} Blokir {p}, Ini Alasannya"],
        "lead": ["{AUTH} memblokir akses ke {P} di {C} {W}.", "{P} resmi diblokir di {C} {W} atas perintah {AUTH}.",
                 "{AUTH} melarang penggunaan {P} di {C} {W}."],
        "mention": ["{P} juga sempat diblokir oleh {AUTH} di {C} {W}."],
        "follow": ["Pemblokiran tersebut berlaku hingga perusahaan menunjuk perwakilan hukum di negara itu.",
                   "Keputusan itu memicu perdebatan soal kebebasan berpendapat."],
        "quotes": ["Setiap platform digital wajib mematuhi hukum yang berlaku di negara ini",
                   "Kebebasan berbicara adalah fondasi demokrasi"],
    },
    "Arrest": {
        "title": ["{a} Ditangkap di {city}", "Polisi Tangkap {a} terkait Kasus {X}"],
        "lead": ["{POL} menangkap {A} {W} di {L}.", "{A} akhirnya ditangkap {W} di {L}.",
                 "{POL} resmi menangkap {A} {W} atas dugaan {X}."],
        "mention": ["Sebelumnya, {POL} juga menangkap {A} {W}."],
        "follow": ["Penangkapan tersebut dilakukan atas laporan masyarakat.",
                   "Kasus itu kini ditangani penyidik dan barang bukti sudah diamankan."],
        "quotes": ["Kami masih mendalami peran tersangka dan kemungkinan adanya pelaku lain",
                   "Kami belum tahu apa tuduhan yang sebenarnya"],
    },
}  # fmt: skip
EVENT_WEIGHTS = {"Outage": 15, "Launch": 11, "CyberAttack": 10, "Interview": 8, "Acquisition": 8, "Layoff": 8,
                 "Election": 8, "Ban": 7, "Communication": 6, "Endorsement": 6, "Arrest": 7, "Invitation": 4,
                 "AssassinationAttempt": 3}  # fmt: skip
PERSON_EVENTS = {"Interview", "Invitation", "Communication", "Endorsement", "AssassinationAttempt", "Election"}

# Reported speech (no trigger words: outside quotes they would become events of their own).
SAYINGS = ["penyebab insiden tersebut sedang diselidiki", "masyarakat diminta tetap tenang",
           "pihaknya terus berkoordinasi dengan instansi terkait", "pemerintah memantau perkembangan kasus ini",
           "seluruh data pengguna dipastikan tetap aman", "kebijakan itu sesuai dengan aturan yang berlaku",
           "persoalan tersebut perlu ditangani secara serius", "kejadian ini menjadi pelajaran bagi semua pihak",
           "perusahaan teknologi harus lebih transparan kepada publik", "evaluasi menyeluruh segera dilakukan",
           "situasi sudah kembali normal", "pihaknya menghormati proses hukum yang sedang berjalan",
           "regulasi tentang platform digital perlu diperbarui", "publik berhak mendapat penjelasan yang jelas",
           "kasus serupa kerap terjadi menjelang akhir tahun"]  # fmt: skip
GENERIC_QUOTES = ["Kami terus memantau situasi dan akan memberikan informasi terbaru",
                  "Ini menjadi perhatian serius bagi kami semua", "Kami berharap masyarakat tetap tenang",
                  "Semua pihak harus menahan diri dan menunggu hasil pemeriksaan",
                  "Kami sudah menyiapkan langkah antisipasi sejak jauh hari",
                  "Hal seperti ini seharusnya tidak terulang lagi"]  # fmt: skip
CITIZEN_COMPLAINTS = ["tidak bisa membuka aplikasi sejak pagi", "kesulitan mengirim pesan kepada pelanggan",
                      "baru mengetahui kabar itu dari grup keluarga", "khawatir data pribadinya ikut tersebar",
                      "merasa dirugikan karena transaksi sempat tertunda"]  # fmt: skip
CITIZEN_QUOTES = ["Saya jualan online jadi sangat terganggu sejak sore tadi",
                  "Semoga cepat diperbaiki karena banyak pekerjaan yang tertunda",
                  "Saya kira sinyal di rumah yang bermasalah ternyata bukan",
                  "Sekarang saya lebih berhati-hati menyimpan data pribadi"]  # fmt: skip
CONTEXT = ["Kabar tersebut langsung ramai diperbincangkan warganet.",
           "Topik itu sempat menjadi trending di berbagai platform.",
           "Sejumlah pihak meminta penjelasan terbuka atas peristiwa ini.",
           "Hingga berita ini diturunkan, belum ada keterangan resmi tambahan.",
           "Peristiwa itu menambah daftar panjang persoalan di sektor digital tahun ini.",
           "Sejumlah analis menilai kejadian tersebut berpengaruh pada kepercayaan publik.",
           "Harga saham perusahaan teknologi di bursa sempat bergerak fluktuatif."]  # fmt: skip
CLOSINGS = ["Hingga berita ini diturunkan, {x} belum memberikan keterangan resmi.",
            "Pihak {x} berjanji menyampaikan perkembangan terbaru dalam waktu dekat.",
            "Masyarakat diimbau memantau informasi resmi dari {x}."]  # fmt: skip
RELATED = ["Cara Mengatasi WhatsApp Error", "Daftar Aplikasi Paling Banyak Diunduh Tahun Ini",
           "Tips Mengamankan Akun Media Sosial", "Harga Saham Teknologi Kompak Melemah",
           "Cara Pakai VPN untuk Akses Situs yang Diblokir", "Kominfo Minta Platform Digital Daftar PSE",
           "Ramai PHK di Startup, Ini Penyebabnya", "Jadwal Lengkap Pilkada Serentak 2024",
           "Begini Cara Cek Data Pribadi Bocor atau Tidak", "Daftar Orang Terkaya Dunia Tahun Ini"]  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Entities and pools
# ---------------------------------------------------------------------------------------------
@dataclass(eq=False, slots=True)
class Person:
    name: str
    short: str
    roles: list[str]  # phrases written right before the name: "CEO Tesla", "juru bicara Meta,"
    appos: str = ""  # written after the name as the subject of a speech verb: "Name, pengamat ..., mengatakan"
    age: int = 0  # > 0: introduced as "Name (34), occupation"
    job: str = ""
    famous: bool = False
    group: str = ""  # of a famous person: "tech", "world", "id", "celeb"


@dataclass(eq=False, slots=True)
class Org:
    name: str
    ceo: Person | None = None
    spokes: Person | None = None
    brand: str = ""  # how titles name it: "Maju Data" for "PT Maju Data Digital"


@dataclass(eq=False, slots=True)
class Platform:
    name: str
    cue: str
    owner_org: Org | None = None
    owner: Person | None = None


@dataclass(eq=False, slots=True)
class Event:
    cls: str
    date: dt.date
    people: list[Person] = field(default_factory=list)
    orgs: list[Org] = field(default_factory=list)
    platform: Platform | None = None
    place: str = ""  # "Kota Bandung", "Kabupaten Sleman"
    city: str = ""  # plain name, for titles and datelines
    extra: dict[str, str] = field(default_factory=dict)
    outlet: str = ""


class Pool:
    """Pitman-Yor draws: a new item with probability (theta + d*K) / (theta + n), else an earlier one
    with probability proportional to (uses - d). A few items take most draws (Zipf-like) and the
    number of distinct items grows like n**d."""

    __slots__ = ("make", "theta", "d", "items", "uses", "draws")

    def __init__(self, make: Callable[[], object], theta: float, d: float):
        self.make, self.theta, self.d = make, theta, d
        self.items: list = []
        self.uses: list[int] = []
        self.draws: list[int] = []

    def draw(self, r: Random):
        n, k = len(self.draws), len(self.items)
        if r.random() * (self.theta + n) < self.theta + self.d * k:
            self.items.append(self.make())
            self.uses.append(0)
            i = k
        else:
            while True:  # an earlier draw, kept with probability (uses - d) / uses
                i = self.draws[int(r.random() * n)]
                if r.random() * self.uses[i] >= self.d:
                    break
        self.uses[i] += 1
        self.draws.append(i)
        return self.items[i]


class Zipf:
    """Weighted choice by rank: item k (from 1) has weight 1 / k**s."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, items: list, s: float = ZIPF_S):
        self.items = items
        self.cum = list(itertools.accumulate(1 / (k**s) for k in range(1, len(items) + 1)))
        self.total = self.cum[-1]

    def pick(self, r: Random):
        return self.items[bisect(self.cum, r.random() * self.total)]


# ---------------------------------------------------------------------------------------------
# Rendering helpers
# ---------------------------------------------------------------------------------------------
def date_slash(d: dt.date, year: bool = True) -> str:
    return (
        f"{WEEKDAYS[d.weekday()]} ({d.day}/{d.month}/{d.year})"
        if year
        else f"{WEEKDAYS[d.weekday()]} ({d.day}/{d.month})"
    )


def when(r: Random, d: dt.date, pub: dt.date) -> str:
    """A date expression for day `d` as written in an article published on `pub`."""
    gap = (pub - d).days
    x = r.random()
    if gap == 1 and x < 0.25:
        return "kemarin"
    if 5 <= gap <= 9 and x < 0.5:
        return "pekan lalu"
    if x < 0.45:
        return "pada " + date_slash(d)
    if x < 0.65:
        return f"pada {d.day} {MONTHS[d.month - 1]} {d.year}"
    if x < 0.8:
        return "pada " + date_slash(d, year=d.year == pub.year and r.random() < 0.5)
    if x < 0.9 and gap <= 6:  # the extractors resolve "Sabtu malam, ..." as the last Saturday before `pub`
        return f"pada {WEEKDAYS[d.weekday()]} malam, {d.day} {MONTHS[d.month - 1]} {d.year}"
    return f"pada {d.day} {MONTHS[d.month - 1]} lalu" if gap > 0 else "pada " + date_slash(d)


def header_date(r: Random, d: dt.date, style: str) -> str:
    hh, mm = r.randrange(6, 23), r.randrange(60)
    wd = WEEKDAYS[d.weekday()]
    if style == "koran":
        return f"{wd} {d.day:02d} {MONTHS_EN[d.month - 1]} {d.year} - {hh:02d}:{mm:02d} WIB"
    if style in ("detik", "tempo"):
        return f"{wd}, {d.day:02d} {MONTHS_SHORT[d.month - 1]} {d.year} {hh:02d}:{mm:02d} WIB"
    if style == "sindo":
        return f"{wd}, {d.day:02d}/{d.month:02d}/{d.year} {hh:02d}:{mm:02d} WIB"
    if style == "antara":
        return f"{wd}, {d.day} {MONTHS[d.month - 1]} {d.year} | {hh:02d}:{mm:02d} WIB"
    return f"{wd}, {d.day} {MONTHS[d.month - 1]} {d.year} {hh:02d}:{mm:02d} WIB"


def initials(name: str) -> str:
    return "".join(w[0] for w in name.lower().split())


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class _Article:
    """Per-article rendering state: who has been introduced, and their short names."""

    __slots__ = ("r", "seen", "surnames", "title")

    def __init__(self, r: Random, title: bool = False):
        self.r, self.title = r, title
        self.seen: set[int] = set()
        self.surnames: dict[str, Person] = {}

    def short(self, p: Person) -> str:
        if p.famous:
            return p.short
        owner = self.surnames.setdefault(p.short, p)
        return p.short if owner is p else p.name

    def intro(self, p: Person, subject: bool = False) -> str:
        """The person with a role the first time ("CEO Tesla Elon Musk"), the short name after."""
        if id(p) in self.seen or self.title:
            return self.short(p)
        self.seen.add(id(p))
        self.short(p)
        if p.age:
            return f"{p.name} ({p.age}), {p.job}," if subject else f"{p.name} ({p.age})"
        if subject and p.appos and self.r.random() < 0.5:
            return f"{p.name}, {p.appos},"
        roles = p.roles if subject else [x for x in p.roles if not x.endswith(",")]
        role = self.r.choice(roles) if roles else ""
        if role.endswith(","):  # "juru bicara Kremlin, Dmitry Peskov," as the subject of a verb
            return f"{role} {p.name},"
        return f"{role} {p.name}" if role else p.name

    def platform(self, pf: Platform) -> str:
        if self.title:
            return pf.name
        return f"{pf.cue} {pf.name}" if pf.name == "X" or self.r.random() < 0.3 else pf.name


class _Slots(dict):
    """Template slots filled on first use, so only the people a template names get introduced."""

    def __init__(self, fill: Callable[[str], str]):
        super().__init__()
        self.fill = fill

    def __missing__(self, key: str) -> str:
        value = self[key] = self.fill(key)
        return value


# ---------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------
class Generator:
    """Articles one after another from one seeded Random; state grows only with the articles made."""

    def __init__(self, seed: int = 0):
        self.r = r = Random(seed)
        self.names: set[str] = {p[0] for p in FAMOUS_PEOPLE}
        self.famous = {
            name: Person(name, short, roles, famous=True, group=group) for name, short, group, roles in FAMOUS_PEOPLE
        }
        self.famous_by = {  # Zipf over the famous people of some groups, in gazetteer rank order
            groups: Zipf([self.famous[name] for name, _, group, _ in FAMOUS_PEOPLE if group in groups.split()])
            for groups in ("id", "world id", "tech world id celeb")
        }
        self.orgs = {name: Org(name, self.famous.get(ceo), brand=BRANDS.get(name, "")) for name, ceo in FAMOUS_ORGS}
        self.tech_orgs = Zipf(list(self.orgs.values()))
        self.gov_orgs = Zipf([Org(name, brand=short) for name, short in GOV_ORGS])
        self.police = Zipf([Org(n) for n in POLICE])
        self.platforms = Zipf([Platform(n, cue, self.orgs.get(o), self.famous.get(p)) for n, cue, o, p in PLATFORMS])
        self.by_platform = {p.name: p for p in self.platforms.items}
        self.outlets = Zipf(OUTLETS, 0.9)
        self.cited = Zipf(CITED, 0.8)
        self.cities = Zipf(CITIES, 0.8)
        self.provinces = Zipf(PROVINCES, 0.8)
        self.regencies = Zipf(REGENCIES, 0.8)
        # Synthetic entities: Pitman-Yor pools; companies and places carry their own officials.
        self.companies = Pool(self._company, 20, 0.55)
        self.apps = Pool(self._app, 20, 0.6)
        self.politicians = Pool(lambda: self._person(r.choice(PARTIES), "politikus", "anggota", "politisi"), 15, 0.65)
        self.experts = Pool(self._expert, 15, 0.6)
        self.celebs = Pool(lambda: self._person("", "pengusaha", "aktor", "penyanyi", "miliarder", intl=0.3), 10, 0.6)
        self.citizens = Pool(self._citizen, 200, 0.85)
        self.suspects = Pool(self._suspect, 200, 0.8)
        self.leaders: dict[str, Person] = {}
        self.governments: dict[str, Org] = {}
        self.staff: dict[str, tuple[Pool, Pool]] = {}
        self.stories: list[Event] = []
        self.by_day: dict[int, list[int]] = {}

    # --- synthetic entities ------------------------------------------------------------------
    def _name(self, intl: float = 0.1) -> tuple[str, str]:
        r = self.r
        for attempt in itertools.count():
            if r.random() < intl:
                first, last = r.choice(FIRST_INTL), r.choice(LAST_INTL)
                name = f"{first} {last}"
            else:
                first, last = r.choice(FIRST_ID), r.choice(LAST_ID)
                middle = attempt > 2 or r.random() < 0.3
                name = f"{first} {r.choice(MIDDLE_ID)} {last}" if middle else f"{first} {last}"
            if name not in self.names and first != last:
                self.names.add(name)
                return name, last

    def _person(self, target: str, *roles: str, intl: float = 0.05) -> Person:
        """A new person known by `roles` + `target` ("CEO" + "PT Maju Data Digital"). The extractors read at
        most eight words after a role word, so roles that would push the name past them are dropped."""
        name, last = self._name(intl)
        phrases = [f"{role} {target}".strip() for role in roles]
        fitting = [p for p in phrases if len(p.split()) - 1 + len(name.split()) <= 8]
        return Person(name, last, fitting or [roles[0]])

    def _expert(self) -> Person:
        where, short = self.r.choice(UNIVERSITIES)
        p = self._person(where, "peneliti", "analis", "pengamat")
        p.appos = f"pengamat {self.r.choice(EXPERT_FIELDS)} dari {short}"
        return p

    def _citizen(self) -> Person:
        name, last = self._name(0.02)
        city = self.cities.pick(self.r)
        return Person(name, last, [], age=self.r.randrange(19, 61), job=f"{self.r.choice(CITIZEN_JOBS)} di {city}")

    def _suspect(self) -> Person:
        name, last = self._name(0.05)
        if self.r.random() < 0.5:
            return Person(name, last, ["tersangka", "pelaku"])
        return Person(name, last, [], age=self.r.randrange(19, 56), job=f"warga {self.cities.pick(self.r)}")

    def _company(self) -> Org:
        r = self.r
        for attempt in itertools.count():
            head = r.choice(CO_HEAD) if attempt < 8 else f"{r.choice(CO_HEAD)} {r.choice(CO_HEAD)}"
            name = f"PT {head} {r.choice(CO_MID)} {r.choice(CO_TAIL)}"
            if name not in self.names:
                self.names.add(name)
                break
        org = Org(name, brand=" ".join(name.split()[1:3]))
        org.ceo = self._person(name, "CEO", "Direktur Utama", "pendiri", "pemilik")
        return org

    def _app(self) -> Platform:
        r = self.r
        for attempt in itertools.count():
            name = r.choice(APP_HEAD) + (r.choice(APP_HEAD) if attempt > 4 else "") + r.choice(APP_TAIL)
            if r.random() < 0.5:
                name += " " + r.choice(APP_EDITION)
            if name not in self.names:
                self.names.add(name)
                return Platform(name, "aplikasi")

    def spokesperson(self, org: Org) -> Person:
        if org.spokes is None:
            name, last = self._name(0.3 if org.name in self.orgs else 0.02)
            org.spokes = Person(name, last, [f"juru bicara {org.name},", f"juru bicara {org.name}"])
            if org.name.startswith(("Polda", "Polres", "Bareskrim")):
                org.spokes.roles = [f"Kabid Humas {org.name}, Kombes", f"Kasubdit Siber {org.name}, AKBP"]
        return org.spokes

    def leader(self, city: str) -> Person:
        if city not in self.leaders:
            self.leaders[city] = self._person(city, "Wali Kota") if city in CITIES else self._person(city, "Gubernur")
        return self.leaders[city]

    def journalists(self, outlet: str) -> tuple[Pool, Pool]:
        if outlet not in self.staff:
            self.staff[outlet] = (Pool(lambda: self._name(0)[0], 3, 0.5), Pool(lambda: self._name(0)[0], 1, 0.3))
        return self.staff[outlet]

    # --- people and organisations by part in an event ---------------------------------------
    def politician(self) -> Person:
        return self.famous_by["world id"].pick(self.r) if self.r.random() < 0.6 else self.politicians.draw(self.r)

    def public_figure(self) -> Person:
        x = self.r.random()
        if x < 0.75:
            return self.famous_by["tech world id celeb"].pick(self.r)
        return self.celebs.draw(self.r) if x < 0.9 else self.politicians.draw(self.r)

    def company(self) -> Org:
        return self.tech_orgs.pick(self.r) if self.r.random() < 0.45 else self.companies.draw(self.r)

    def two(self, first: Callable[[], Person], second: Callable[[], Person]) -> list[Person]:
        a = first()
        for _ in range(6):
            b = second()
            if b is not a:
                return [a, b]
        return [a, self.politicians.draw(self.r)]

    def place(self) -> tuple[str, str]:
        """('Kota Bandung', 'Bandung'): cities, provinces and regencies, with and without cue words."""
        r, x = self.r, self.r.random()
        if x < 0.5:
            city = self.cities.pick(r)
            return ("Kota " + city if city != "Jakarta" and r.random() < 0.6 else city), city
        if x < 0.75:
            prov = self.provinces.pick(r)
            return ("Provinsi " + prov if r.random() < 0.5 else prov), prov
        if x < 0.92:
            reg = self.regencies.pick(r)
            return "Kabupaten " + reg, reg
        city = self.cities.pick(r)
        return f"Desa {r.choice(VILLAGES)}, Kota {city}", city

    # --- events --------------------------------------------------------------------------------
    def new_event(self, cls: str, date: dt.date) -> Event:
        r = self.r
        ev = Event(cls, date)
        ev.place, ev.city = self.place()
        if cls in ("Interview", "Invitation"):
            ev.people = self.two(self.public_figure, self.politician)
            ev.platform = self.by_platform[r.choice(INTERVIEW_PLATFORMS)]
        elif cls == "Communication":
            ev.people = self.two(self.public_figure, self.politician)
        elif cls == "Endorsement":
            ev.people = self.two(self.public_figure, self.politician)
            ev.platform = self.by_platform["X"] if r.random() < 0.5 else self.platforms.pick(r)
        elif cls == "AssassinationAttempt":
            ev.people = [self.politician()]
        elif cls == "Election":
            ev.people = self.two(lambda: self.politicians.draw(r), lambda: self.politicians.draw(r))
        elif cls == "Outage":
            ev.platform = self.platforms.pick(r) if r.random() < 0.8 else self.apps.draw(r)
            ev.extra["place2"] = self.place()[0]
        elif cls == "CyberAttack":
            x = r.random()
            ev.orgs = [self.gov_orgs.pick(r) if x < 0.4 else self.company()]
            ev.platform = self.platforms.pick(r)
            ev.people = [self.famous["Hinsa Siburian"] if x < 0.3 else self.experts.draw(r)]
        elif cls == "Acquisition":
            buyer = self.company()
            target = self.companies.draw(r)
            ev.orgs = [buyer, target if target is not buyer else self._company()]
            unit = r.choice(["US$", "Rp"])
            ev.extra["V"] = f"US${r.randrange(2, 900)} juta" if unit == "US$" else f"Rp{r.randrange(1, 40)} triliun"
        elif cls == "Layoff":
            ev.orgs = [self.company()]
            ev.extra["N"] = str(r.choice([50, 120, 300, 450, 600, 1200, 1900, 3000]) + r.randrange(0, 50))
            ev.extra["D"] = r.choice(DIVISIONS)
        elif cls == "Launch":
            ev.orgs = [self.company()]
            ev.platform = self.apps.draw(r)
        elif cls == "Ban":
            ev.platform = self.platforms.pick(r)
            ev.extra["C"] = r.choice(COUNTRIES)
            if ev.extra["C"] == "Brasil" and r.random() < 0.5:
                ev.people = [self.famous["Alexandre de Moraes"]]
            elif ev.extra["C"] == "Indonesia":
                ev.people = [self.famous["Meutya Hafid" if r.random() < 0.6 else "Budi Arie Setiadi"]]
            else:
                ev.orgs = [self.governments.setdefault(ev.extra["C"], Org(f"Pemerintah {ev.extra['C']}"))]
        elif cls == "Arrest":
            ev.people = [self.suspects.draw(r) if r.random() < 0.92 else self.famous["Pavel Durov"]]
            ev.orgs = [self.police.pick(r)]
            ev.extra["X"] = r.choice(CRIMES)
        if any(p.group == "world" for p in ev.people):  # Trump is not shot at in Sleman
            ev.place = ev.city = r.choice(FOREIGN_CITIES)
        return ev

    def remember(self, ev: Event) -> None:
        self.by_day.setdefault(ev.date.toordinal(), []).append(len(self.stories))
        self.stories.append(ev)

    def slots(self, art: _Article, ev: Event, pub: dt.date) -> _Slots:
        """Template slots for one event; a person named by a template is introduced (role + name)
        the first time, and named short after that."""
        r = self.r
        people = ev.people
        other = people[1] if len(people) > 1 else self.famous["Donald Trump"]

        def person(key: str) -> str:
            if key == "AUTH" and not people:
                return ev.orgs[0].name
            p = other if key in "Bb" else people[0]
            return art.intro(p) if key.isupper() or id(p) not in art.seen else art.short(p)

        s = _Slots(person)
        s.update(ev.extra)
        s["W"], s["L"], s["city"] = when(r, ev.date, pub), ev.place, ev.city or ev.place
        s["n"], s["HH"], s["MM"] = str(r.randrange(2, 12)), f"{r.randrange(7, 23):02d}", "00"
        s["N"] = ev.extra.get("N", str(r.randrange(2, 40)))
        s["L2"] = ev.extra.get("place2", "Jakarta")
        pf = ev.platform or self.by_platform["X"]
        s["P"], s["p"] = art.platform(pf), pf.name
        owner = ev.orgs[0] if ev.orgs else pf.owner_org or self.orgs["Meta"]
        target = ev.orgs[1] if len(ev.orgs) > 1 else owner
        s["O"], s["o"] = owner.name, owner.brand or owner.name
        s["T"], s["t"] = target.name, target.brand or target.name
        s["APP"] = pf.name if pf.cue == "aplikasi" else r.choice(APP_HEAD) + r.choice(APP_TAIL)
        s["POL"] = (ev.orgs[0] if ev.orgs else self.police.pick(r)).name
        return s

    def render(self, art: _Article, ev: Event, part: str, pub: dt.date) -> str:
        templates = EVENTS[ev.cls][part]
        if ev.cls == "CyberAttack" and part == "mention" and not ev.people:
            templates = templates[:1]
        if ev.cls == "Launch" and ev.platform and ev.platform.cue != "aplikasi":
            templates = [t for t in templates if "{P}" in t] or templates
        if ev.cls == "Election" and len(ev.people) < 2:
            templates = [t for t in templates if "{B}" not in t]
        return cap(self.r.choice(templates).format_map(self.slots(art, ev, pub)))

    # --- paragraphs ----------------------------------------------------------------------------
    def speaker(self, ev: Event) -> Person:
        """Who talks about the event: a participant, the company's CEO or spokesperson, an official."""
        r = self.r
        if ev.cls in PERSON_EVENTS and ev.people:
            return r.choice(ev.people)
        if ev.cls == "CyberAttack":
            return ev.people[0] if r.random() < 0.5 else self.spokesperson(ev.orgs[0])
        if ev.cls == "Arrest":
            return self.spokesperson(ev.orgs[0])
        if ev.cls == "Ban" and ev.people:
            return ev.people[0]
        org = ev.orgs[0] if ev.orgs else (ev.platform.owner_org if ev.platform else None)
        if org is None:
            return self.experts.draw(r)
        if org.ceo is not None and r.random() < 0.5:
            return org.ceo
        return self.spokesperson(org)

    def statement(self, art: _Article, p: Person, quote: str, pub: dt.date, pf: Platform | None) -> str:
        """A quote or reported speech with its speaker: 'kata X', 'ujarnya', 'Menurut X,', 'tulis X'."""
        r = self.r
        x = r.random()
        saying = r.choice(SAYINGS)
        if id(p) not in art.seen:
            if x < 0.35:  # the subject of a speech verb: "Name, pengamat ..., mengatakan bahwa"
                return cap(f'{art.intro(p, subject=True)} mengatakan bahwa {saying}. "{quote}," ujarnya.')
            if x < 0.5:
                return f'Dalam keterangan resmi, {art.intro(p, subject=True)} menegaskan, "{quote}."'
            intro = art.intro(p)
            if x < 0.7:
                return f'"{quote}," kata {intro}.'
            if x < 0.88:
                return f"Menurut {intro}, {saying}."
            return f'"{quote}," kata {intro} kepada wartawan, {date_slash(pub)}.'
        short = art.short(p)
        if pf is not None and p.famous and x < 0.35:
            return f'"{quote}," tulis {short} melalui akun {art.platform(pf)} miliknya, {date_slash(pub)}.'
        if x < 0.6:
            return f'"{quote}," ujar {short}.'
        if x < 0.8:
            return f"{cap(saying)}, kata {short}."
        return f'{short} menambahkan, "{quote}."'

    def quote_for(self, ev: Event) -> str:
        pool = EVENTS[ev.cls]["quotes"]
        return self.r.choice(pool) if self.r.random() < 0.75 else self.r.choice(GENERIC_QUOTES)

    def cite(self, text: str) -> str:
        """The text with a cited outlet: '..., seperti dilaporkan Reuters.' or 'Dilansir dari AFP, ...'."""
        src = self.cited.pick(self.r)
        if text.split(" ", 1)[0] in COMMON_OPENERS and self.r.random() < 0.5:
            return self.r.choice(CITE_LEADS).format(src=src) + text[:1].lower() + text[1:]
        return self.r.choice(CITE_PATTERNS).format(s=text.rstrip("."), src=src)

    def relation(self, art: _Article, ev: Event) -> str | None:
        """A role or ownership phrase: 'Pemilik media sosial X, Elon Musk, ...', 'CEO PT ... Budi ...'."""
        r = self.r
        pf = ev.platform
        if pf is not None and pf.owner is not None and r.random() < 0.6:
            art.seen.add(id(pf.owner))  # "Pemilik media sosial X, Elon Musk," names the owner without a role
            return f"Pemilik {pf.cue} {pf.name}, {pf.owner.name}, belum memberikan tanggapan atas kejadian ini."
        if pf is not None and pf.owner_org is not None and r.random() < 0.5:
            return f"{pf.name} merupakan {pf.cue} milik {pf.owner_org.name}."
        org = ev.orgs[0] if ev.orgs else None
        if org is not None and org.ceo is not None:
            ceo = org.ceo
            if id(ceo) in art.seen:
                return f"{org.name} merupakan perusahaan yang dipimpin {art.short(ceo)} sejak beberapa tahun lalu."
            art.seen.add(id(ceo))
            art.short(ceo)
            if r.random() < 0.5:
                return f"{ceo.name}, CEO {org.name}, mengatakan bahwa {r.choice(SAYINGS)}."
            return f"CEO {org.name} {ceo.name} menyebut {r.choice(SAYINGS)}."
        if ev.city in self.leaders or (ev.city in CITIES and r.random() < 0.5):
            return f"{cap(art.intro(self.leader(ev.city)))} meminta warga tetap tenang dan tidak terpancing."
        return None

    def reaction(self, art: _Article, pub: dt.date) -> str:
        """An official or a politician reacts: a ministry spokesperson, a minister, a party figure."""
        r = self.r
        x = r.random()
        if x < 0.4:
            p = self.spokesperson(self.gov_orgs.pick(r))
        elif x < 0.75:
            p = self.famous_by["id"].pick(r)
        else:
            p = self.politicians.draw(r)
        if id(p) in art.seen:
            p = self.experts.draw(r)
        return self.statement(art, p, r.choice(GENERIC_QUOTES), pub, None)

    def citizen(self, art: _Article) -> str:
        p = self.citizens.draw(self.r)
        head = art.intro(p, subject=True)
        return f'{head} mengaku {self.r.choice(CITIZEN_COMPLAINTS)}. "{self.r.choice(CITIZEN_QUOTES)}," ujarnya.'

    def expert(self, art: _Article) -> str:
        p = self.experts.draw(self.r)
        if id(p) in art.seen:
            return f"{art.short(p)} menilai {self.r.choice(SAYINGS)}."
        intro = art.intro(p, subject=True)
        if intro.endswith(","):
            return f"{intro} mengatakan bahwa {self.r.choice(SAYINGS)}."
        return f'Menurut {intro}, {self.r.choice(SAYINGS)}. "{self.r.choice(GENERIC_QUOTES)}," ujarnya.'

    # --- the article -----------------------------------------------------------------------------
    def main_event(self, outlet: str) -> tuple[Event, dt.date]:
        r = self.r
        if self.stories and r.random() < REUSE_MAIN:
            for _ in range(4):
                ev = self.stories[int(r.random() * len(self.stories))]
                if ev.outlet != outlet:
                    pub = ev.date + dt.timedelta(days=r.choice((0, 1, 1, 2, 3)))
                    return ev, min(max(pub, YEAR_START), YEAR_END)
        pub = YEAR_START + dt.timedelta(days=int(r.random() * YEAR_DAYS))
        gap = r.choice((0, 0, 1, 1, 1, 2, 3, 6))
        ev = self.new_event(self.pick_class(), pub - dt.timedelta(days=gap))
        ev.outlet = outlet
        self.remember(ev)
        return ev, pub

    def pick_class(self) -> str:
        x = self.r.random() * EVENT_TOTAL
        return EVENT_CLASSES[bisect(EVENT_CUM, x)]

    def secondary(self, taken: list[Event], pub: dt.date, outlet: str) -> Event:
        r = self.r
        if r.random() < REUSE_SECONDARY:  # a story of the last two weeks
            for _ in range(4):
                day = self.by_day.get(pub.toordinal() - r.randrange(15))
                if day:
                    ev = self.stories[r.choice(day)]
                    if ev not in taken:
                        return ev
        gap = r.choice((1, 2, 3, 5, 7, 8, 20, 40))
        ev = self.new_event(self.pick_class(), pub - dt.timedelta(days=gap))
        ev.outlet = outlet
        self.remember(ev)
        return ev

    def article(self) -> str:
        r = self.r
        name, layout, dateline, site = self.outlets.pick(r)
        main, pub = self.main_event(name)
        events = [main]
        for _ in range(r.choice((0, 1, 1, 2, 2, 2, 3))):
            events.append(self.secondary(events, pub, name))
        art = _Article(r)
        title = r.choice(EVENTS[main.cls]["title"]).format_map(self.slots(_Article(r, title=True), main, pub))
        city = main.city if main.city in CITIES and r.random() < 0.5 else "Jakarta"
        head = dateline.format(CITY=city.upper(), City=city)

        paras = [head + self.render(art, main, "lead", pub)]
        if r.random() < 0.4:
            paras[0] += " " + r.choice(CONTEXT)
        pf = main.platform
        paras.append(self.statement(art, self.speaker(main), self.quote_for(main), pub, pf))
        follow = self.render(art, main, "follow", pub)
        paras.append(self.cite(follow) if r.random() < 0.7 else follow)
        for ev in events[1:]:
            text = self.render(art, ev, "mention", pub)
            if r.random() < 0.65:
                text += " " + self.statement(art, self.speaker(ev), self.quote_for(ev), pub, ev.platform)
            paras.append(self.cite(text) if r.random() < 0.25 else text)
        extra = [self.expert(art)]
        if r.random() < 0.6:
            extra.append(self.reaction(art, pub))
        if main.cls in ("Outage", "Launch", "Ban", "CyberAttack") or r.random() < 0.2:
            extra.append(self.citizen(art))
        rel = self.relation(art, main)
        if rel:
            extra.append(rel)
        r.shuffle(extra)
        paras += extra
        if len(paras) < 6 and r.random() < 0.6:
            paras.append(r.choice(CONTEXT))
        who = main.orgs[0].name if main.orgs else (pf.owner_org.name if pf and pf.owner_org else "pihak terkait")
        paras.append(r.choice(CLOSINGS).format(x=who).replace("Pihak pihak", "Pihak"))
        paras = paras[:8]
        related = ("BACA JUGA: " if layout in ("koran", "republika") else "Baca juga: ") + r.choice(RELATED)
        paras.insert(min(2, len(paras)), related)
        return self.layout(layout, site, title, pub, paras)

    def layout(self, layout: str, site: str, title: str, pub: dt.date, paras: list[str]) -> str:
        r = self.r
        reporters, editors = self.journalists(site)
        rep, ed = reporters.draw(r), editors.draw(r)
        date_line = header_date(r, pub, layout)
        body = "\n\n".join(paras)
        cat = r.choice(CATEGORIES)
        if layout == "kompas":
            top = f"{site}\n{title}\n{date_line}\nPenulis: {rep}\nEditor: {ed}"
            foot = f'Artikel ini telah tayang di {site} dengan judul "{title}"\n\nCopyright 2008 - 2024 Kompas.com'
        elif layout == "detik":
            # the date stands between title and byline: the dash-byline pattern would run on into a title-case title
            top = (
                f"{site}\n{r.choice(RUBRICS)}\n{title}\n{date_line}\n{rep} - {site}\n\nFoto: Ilustrasi (Dok. Istimewa)"
            )
            foot = f"({initials(rep)}/{initials(ed)})\n\nKategori : {cat}\n© 2024 detikcom, All Rights Reserved"
        elif layout == "tribun":
            top = f"{title}\n\n{date_line}\nPenulis: {rep}\nEditor: {ed}"
            foot = f"(mg/{rep})\n\nSumber: {site}\nIkuti kami di\n© 2024 TRIBUNnews.com, All Right Reserved"
        elif layout == "koran":
            top = f"{title}\n\n{date_line}\nReporter : {rep}\nEditor : {ed}"
            foot = f"Kategori :{cat}"
        elif layout == "antara":
            top = f"{title}\n\n{date_line}"
            foot = f"Pewarta: {rep}\nEditor: {ed}\nCopyright © ANTARA 2024"
        elif layout == "republika":
            top = f"{title}\n\n{date_line}\nRed: {ed}"
            foot = "BACA JUGA: Ikuti Isu-Isu Terkini Republika.co.id, Klik di Sini\nBerita Terpopuler\n© 2024 Republika"
        elif layout == "tempo":
            top = f"{title}\n{date_line}\nReporter: {rep}\nEditor: {ed}"
            foot = f"Pilihan Editor: {r.choice(RELATED)}\n\nCopyright © 2024 TEMPO.CO"
        else:  # plain, sindo
            top = f"{site}\n{title}\n{date_line}\nPenulis: {rep} | Editor: {ed}"
            foot = f"Kategori : {cat}\n© 2024 {site}. All Rights Reserved"
        return f"{top}\n\n{body}\n\n{foot}\n"


EVENT_CLASSES = list(EVENT_WEIGHTS)
EVENT_CUM = list(itertools.accumulate(EVENT_WEIGHTS.values()))
EVENT_TOTAL = EVENT_CUM[-1]


def generate(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """Yield (file_name, text) for `n` articles, e.g. ('gen-000000.txt', ...); deterministic in
    (n, seed) and prefix-stable: the first k articles are the same for every n >= k."""
    if not 0 <= n <= MAX_ARTICLES:
        raise ValueError(f"n must be between 0 and {MAX_ARTICLES}")
    gen = Generator(seed)
    for i in range(n):
        yield f"gen-{i:06d}.txt", gen.article()


def main() -> None:
    ap = argparse.ArgumentParser(description="Write N synthetic Indonesian news articles for benchmarks.")
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("outdir", type=Path, help="directory to write gen-NNNNNN.txt files into (created)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    for file_name, text in generate(args.n, args.seed):
        (args.outdir / file_name).write_text(text, encoding="utf-8", newline="\n")
    print(f"{args.n} articles written to {args.outdir}")


if __name__ == "__main__":
    main()
