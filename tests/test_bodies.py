"""Reporting bodies: names in English, French and Vietnamese to one canonical English name."""

from __future__ import annotations

import csv
import json
import re
import sys
import tomllib
import unicodedata
from pathlib import Path

import pytest

from extract.pipeline import bodies
from extract.pipeline.bodies import (
    LEXICON_PATH,
    NATIONAL,
    body_lexicon,
    canonical_body,
    document_body,
    document_mention,
    find_bodies,
    find_provinces,
    province_since_2025,
    provincial_body,
    unknown_bodies,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DOIT = "Department of Industry and Trade"
MOIT = "Ministry of Industry and Trade"


# --- canonical_body: free-text names, every alias class ------------------------------------


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        # manifest columns
        ("MOIT - Agency for Foreign Trade (Vietnam Import-Export Report 2023)", MOIT),
        ("GSO / Tổng cục Thống kê (national data)", "General Statistics Office"),
        ("Binh Phuoc Provincial Statistics Office", "Binh Phuoc Statistics Office"),
        (
            "Ba Ria - Vung Tau Department of Industry and Trade (Sở Công thương)",
            "Ba Ria - Vung Tau Department of Industry and Trade",
        ),
        ("MOIT / ministère de l'Industrie et du Commerce", MOIT),
        (
            "Thai Nguyen Department of Industry and Trade",
            "Thai Nguyen Department of Industry and Trade",
        ),
        # acronyms, exactly as written
        ("MOF", "Ministry of Finance"),
        ("MoF", "Ministry of Finance"),
        ("MoIT", MOIT),
        ("MPI", "Ministry of Planning and Investment"),
        ("SBV", "State Bank of Vietnam"),
        ("NHNN", "State Bank of Vietnam"),
        ("MOHA", "Ministry of Home Affairs"),
        ("MONRE", "Ministry of Natural Resources and Environment"),
        ("MARD", "Ministry of Agriculture and Rural Development"),
        ("GSO", "General Statistics Office"),
        # English, French, Vietnamese, with and without diacritics, odd spacing
        ("Ministry of Industry and Trade (MoIT)", MOIT),
        ("ministère de l’Industrie et du Commerce", MOIT),
        ("Bộ Công Thương", MOIT),
        ("Bo Cong Thuong", MOIT),
        ("BỘ CÔNG THƯƠNG", MOIT),
        ("Bureau général des statistiques (GSO)", "General Statistics Office"),
        ("Office general des statistiques", "General Statistics Office"),
        ("Tong cuc Thong ke", "General Statistics Office"),
        ("Cục Thống kê", "National Statistics Office"),
        (
            "Ministry of Labour - Invalids and Social Affairs",
            "Ministry of Labour, Invalids and Social Affairs",
        ),
        ("Bộ Lao động - Thương binh và Xã hội", "Ministry of Labour, Invalids and Social Affairs"),
        ("Bộ Nông nghiệp và Môi trường", "Ministry of Agriculture and Environment"),
        ("Bộ Nông nghiệp và Phát triển nông thôn", "Ministry of Agriculture and Rural Development"),
        ("Bộ Dân tộc và Tôn giáo", "Ministry of Ethnic and Religious Affairs"),
        ("Ủy ban Dân tộc", "Committee for Ethnic Minority Affairs"),
        ("Thanh tra Chính phủ", "Government Inspectorate"),
        ("Văn phòng Chính phủ", "Government Office"),
        ("Ngân hàng Nhà nước Việt Nam", "State Bank of Vietnam"),
        ("Banque d'État du Vietnam", "State Bank of Vietnam"),
        ("Tổng cục Hải quan", "General Department of Customs"),
        ("Direction générale des impôts", "General Department of Taxation"),
        # provincial departments: province before, after, with qualifiers, old and new names
        ("Sở Công Thương Thái Nguyên", "Thai Nguyen Department of Industry and Trade"),
        ("So Cong Thuong tinh Thai Nguyen", "Thai Nguyen Department of Industry and Trade"),
        (
            "le Département de l'Industrie et du Commerce de Thai Nguyen",
            "Thai Nguyen Department of Industry and Trade",
        ),
        ("Sở Công Thương TP.HCM", "Ho Chi Minh City Department of Industry and Trade"),
        ("Sở Tài chính TP. Hồ Chí Minh", "Ho Chi Minh City Department of Finance"),
        ("HCM City’s Department of Health", "Ho Chi Minh City Department of Health"),
        ("le Comité populaire de Hô Chi Minh-Ville", "Ho Chi Minh City People's Committee"),
        ("UBND thành phố Hà Nội", "Hanoi People's Committee"),
        ("Hanoi People's Committee", "Hanoi People's Committee"),
        ("Sở Y tế Thừa Thiên Huế", "Thua Thien Hue Department of Health"),
        ("Thua Thien-Hue Department of Construction", "Thua Thien Hue Department of Construction"),
        ("Sở Xây dựng Huế", "Thua Thien Hue Department of Construction"),
        ("Haiphong Department of Transport", "Hai Phong Department of Transport"),
        ("Sở Nội vụ Đà Nẵng", "Da Nang Department of Home Affairs"),
        ("Département de la Santé de Dà Nang", "Da Nang Department of Health"),
        ("Sở Công thương Bà Rịa-Vũng Tàu", "Ba Ria - Vung Tau Department of Industry and Trade"),
        ("BRVT Department of Finance", "Ba Ria - Vung Tau Department of Finance"),
        ("Cục Thống kê tỉnh Bình Phước", "Binh Phuoc Statistics Office"),
        ("Chi cục Thống kê Đồng Nai", "Dong Nai Statistics Office"),
        (
            "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng",
            "Lam Dong Department of Agriculture and Environment",
        ),
        (
            "Department of Planning and Investment of Can Tho city",
            "Can Tho Department of Planning and Investment",
        ),
        ("Sở Khoa học và Công nghệ Cần Thơ", "Can Tho Department of Science and Technology"),
        ("Statistics Office (Dak Lak)", "Dak Lak Statistics Office"),
        # state groups, general departments and units, given in any spelling
        ("Tập đoàn Điện lực VN / EVN", "Vietnam Electricity"),
        ("Electricity of Vietnam (Tập đoàn Điện lực Việt Nam)", "Vietnam Electricity"),
        ("Groupe d'électricité du Vietnam", "Vietnam Electricity"),
        ("PetroVietnam", "Vietnam Oil and Gas Group"),
        ("PVN - Tập đoàn Dầu khí Việt Nam", "Vietnam Oil and Gas Group"),
        ("TKV (coal)", "Vietnam National Coal and Mineral Industries Group"),
        ("Tong cuc Du lich (tourism figures)", "Vietnam National Authority of Tourism"),
        ("Administration nationale du tourisme", "Vietnam National Authority of Tourism"),
        ("MOIT - Agency of Foreign Trade / Cục Xuất nhập khẩu (Bộ Công Thương)", MOIT),
        ("MPI - Agency for Business Registration", "Ministry of Planning and Investment"),
        ("Cục Quản lý đăng ký kinh doanh", "Ministry of Planning and Investment"),
        ("Bảo hiểm xã hội Việt Nam", "Vietnam Social Security"),
        # provincial bodies of every sector
        (
            "Ban Quản lý các khu công nghiệp tỉnh Bắc Ninh",
            "Bac Ninh Industrial Zones Management Board",
        ),
        (
            "Dong Nai Industrial Parks Management Board",
            "Dong Nai Industrial Zones Management Board",
        ),
        ("Ban Quản lý Khu kinh tế tỉnh Quảng Ninh", "Quang Ninh Economic Zone Management Board"),
        ("Sở Du lịch Quảng Ninh", "Quang Ninh Department of Tourism"),
        ("Service du Tourisme de Da Nang", "Da Nang Department of Tourism"),
        (
            "Sở Dân tộc và Tôn giáo tỉnh Lào Cai",
            "Lao Cai Department of Ethnic and Religious Affairs",
        ),
        ("Chi cục Quản lý thị trường Nghệ An", "Nghe An Market Surveillance Department"),
    ],
)
def test_bodies_canonical_body_names_the_body(name, canonical):
    assert canonical_body(name) == canonical


@pytest.mark.parametrize(
    "name",
    [
        "",
        "Thai Nguyen",  # a province is not a body
        "the Department of Industry and Trade",  # which province's?
        "Nguyen Minh Hue",
        "một",  # folds to "mot"; the acronym MOT is matched only as written
        "MOST exports",  # an English word, not the Ministry of Science and Technology
        "State Bank of India",
        "Minister of Industry and Trade",  # a person, not the ministry
        "người lao động đóng bảo hiểm xã hội",  # the insurance, not the agency
        "VnExpress (news site)",
    ],
)
def test_bodies_canonical_body_is_none_without_a_body(name):
    assert canonical_body(name) is None


# --- provinces ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "province"),
    [
        ("Exports of Thái Nguyên rose.", "Thái Nguyên", "Thai Nguyen"),
        ("Binh Phươc’s export turnover", "Binh Phươc", "Binh Phuoc"),
        ("TP.HCM dẫn đầu", "TP.HCM", "Ho Chi Minh City"),
        ("à Hô Chi Minh-Ville et", "Hô Chi Minh-Ville", "Ho Chi Minh City"),
        ("in HCM City", "HCM City", "Ho Chi Minh City"),
        ("Cân Tho, en hausse", "Cân Tho", "Can Tho"),
        ("et Hanoï, en hausse", "Hanoï", "Hanoi"),
        ("tỉnh Hòa Bình", "Hòa Bình", "Hoa Binh"),
        ("In Hue, exports rose", "Hue", "Thua Thien Hue"),
        ("Ba Ria – Vung Tau", "Ba Ria – Vung Tau", "Ba Ria - Vung Tau"),
        (unicodedata.normalize("NFD", "tỉnh Thái Nguyên"), None, "Thai Nguyen"),
    ],
)
def test_bodies_find_provinces_spans_and_names(text, written, province):
    (start, end, found), *_ = find_provinces(text)
    assert found == province
    assert text[start:end] == (written or text[start:end])
    assert text[start:end].strip(" ,.") == text[start:end]


@pytest.mark.parametrize(
    "text",
    [
        "vì hòa bình và phát triển",  # peace, not Hòa Bình province
        "Chairman Nguyen Minh Hue said",  # a person
        "the study of Ho Chi Minh’s ideology",  # a person, not the city
        "https://moit.gov.vn/tin-tuc/so-cong-thuong-thai-nguyen.html",
    ],
)
def test_bodies_find_provinces_ignores_look_alikes(text):
    assert find_provinces(text) == []


def test_bodies_provinces_before_and_after_the_2025_merger():
    provinces = body_lexicon().provinces
    since = set(provinces.values())
    assert (len(provinces), len(since)) == (63, 34)
    assert all(province_since_2025(p) == p for p in since)  # each of the 34 is its own
    assert province_since_2025("Ba Ria - Vung Tau") == "Ho Chi Minh City"
    assert province_since_2025("Binh Phuoc") == "Dong Nai"


# --- find_bodies: spans, kinds, unresolved departments ---------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "canonical", "kind"),
    [
        (
            "Theo Sở Công Thương tỉnh Thái Nguyên, xuất khẩu",
            "Sở Công Thương tỉnh Thái Nguyên",
            "Thai Nguyen Department of Industry and Trade",
            DOIT,
        ),
        (
            "the Department of Industry and Trade held",
            "Department of Industry and Trade",
            None,
            DOIT,
        ),
        (
            "selon le Département de l'Industrie et du Commerce,",
            "Département de l'Industrie et du Commerce",
            None,
            DOIT,
        ),
        ("Báo cáo từ Sở Công thương cho thấy", "Sở Công thương", None, DOIT),
        (
            "according to the provincial Statistics Office.",
            "Statistics Office",
            None,
            "Statistics Office",
        ),
        ("Cục Thống kê tỉnh công bố", "Cục Thống kê", None, "Statistics Office"),
        ("Cục Thống kê công bố", "Cục Thống kê", "National Statistics Office", NATIONAL),
        ("Số liệu của Cục Thống kê tỉnh.", "Cục Thống kê", None, "Statistics Office"),
        ("announced by the MoIT’s Agency", "MoIT", MOIT, NATIONAL),
        (
            "UBND tỉnh Bắc Ninh",
            "UBND tỉnh Bắc Ninh",
            "Bac Ninh People's Committee",
            "People's Committee",
        ),
    ],
)
def test_bodies_find_bodies_spans_and_kinds(text, written, canonical, kind):
    (mention,) = find_bodies(text, None)
    assert text[mention.start : mention.end] == written
    assert (mention.canonical, mention.kind) == (canonical, kind)


def test_bodies_find_bodies_keeps_decomposed_text_offsets():
    text = unicodedata.normalize("NFD", "Theo Sở Công Thương Thái Nguyên.")
    (mention,) = find_bodies(text, "vi")
    assert mention.canonical == "Thai Nguyen Department of Industry and Trade"
    assert text[mention.start : mention.end] == unicodedata.normalize(
        "NFD", "Sở Công Thương Thái Nguyên"
    )


# --- document_body: the body a text reports as -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        # the named source of the report wins over the most named body
        (
            "The Ministry of Health met. The Ministry of Health spoke. Exports rose 5%, "
            "according to the General Statistics Office.",
            "en",
            "General Statistics Office",
        ),
        (
            "Revenue fell 2%, announced the Ministry of Finance on May 2.",
            "en",
            "Ministry of Finance",
        ),
        (
            "The Ministry of Home Affairs held a conference on Monday.",
            "en",
            "Ministry of Home Affairs",
        ),
        (
            "Les ventes ont augmenté de 8%, selon le ministère de l'Industrie et du Commerce.",
            "fr",
            MOIT,
        ),
        (
            "Les ventes ont augmenté, selon le Bureau général des statistiques (GSO).",
            "fr",
            "General Statistics Office",
        ),
        ("Tong cuc Thong ke cho biet, xuat khau tang 5%.", "vi", "General Statistics Office"),
        ("Chiều 8/1, Bộ Công Thương tổ chức Hội nghị. Bộ Tài chính dự.", "vi", MOIT),
        (
            "Báo cáo từ Sở Công thương tỉnh Đồng Nai cho thấy xuất khẩu tăng.",
            "vi",
            "Dong Nai Department of Industry and Trade",
        ),
        # otherwise the most named, earliest on ties
        (
            "The Ministry of Finance and the Ministry of Health met. The Ministry of Health spoke.",
            "en",
            "Ministry of Health",
        ),
        ("The Ministry of Finance and the Ministry of Health met.", "en", "Ministry of Finance"),
        # a department without its province takes the province the text is about
        (
            "Binh Phuoc exports rose 5%, according to the provincial Statistics Office. "
            "Binh Phuoc imports fell.",
            "en",
            "Binh Phuoc Statistics Office",
        ),
        (
            "The Department of Industry and Trade met. The plan of Thai Nguyen was read.",
            "en",
            "Thai Nguyen Department of Industry and Trade",
        ),
        # ...but with no province in the text it is a unit of the ministry the text is about
        (
            "The Department of Science and Technology spoke. The Department of Science and "
            "Technology reported. The Ministry of Industry and Trade closed the meeting.",
            "en",
            MOIT,
        ),
        # a body that directs the work is not the one reporting it; the sector is
        (
            "Dưới sự chỉ đạo của UBND tỉnh, ngành Công Thương tỉnh Thái Nguyên tăng trưởng 5%.",
            "vi",
            "Thai Nguyen Department of Industry and Trade",
        ),
        ("Năm 2024, ngành Công Thương đạt nhiều kết quả.", "vi", MOIT),
        ("Exports rose 5% in 2024.", "en", None),
    ],
)
def test_bodies_document_body_finds_the_reporting_body(text, lang, body):
    assert document_body(text, lang) == body


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Báo cáo từ Sở Công thương cho thấy, kim ngạch xuất khẩu trên địa bàn tỉnh giảm.", "vi"),
        ("Tình hình hoạt động ngành Công Thương trên địa bàn tỉnh.", "vi"),
        ("Selon le Département de l'Industrie et du Commerce, les exportations ont baissé.", "fr"),
    ],
)
def test_bodies_document_mention_without_province_keeps_the_department_type(text, lang):
    mention = document_mention(text, lang)
    assert (mention.canonical, mention.kind) == (None, DOIT)


# --- the data file: every alias reaches its body ---------------------------------------------


def _lexicon_data() -> dict:
    with LEXICON_PATH.open("rb") as f:
        return tomllib.load(f)


def test_bodies_every_national_name_and_acronym_is_recognised():
    wrong = [
        (name, canonical_body(name))
        for body in _lexicon_data()["national"]
        for names in [body["names"], body.get("units", {}), {"acronyms": body.get("acronyms", [])}]
        for phrases in names.values()
        for name in phrases
        if canonical_body(name) != body["canonical"]
    ]
    assert wrong == []


def test_bodies_every_department_name_composes_with_every_province_alias():
    data = _lexicon_data()
    provinces = [
        (p["name"], a)
        for p in data["province"]
        for a in [p["name"], p["vi"], *p.get("aliases", [])]
    ]
    forms = {
        "en": "{province} {name}",
        "fr": "{name} de {province}",
        "vi": "{name} tỉnh {province}",
    }
    wrong = [
        (text, canonical_body(text))
        for dept in data["department"]
        for lang, names in dept["names"].items()
        for name in names
        for province, alias in provinces
        if canonical_body(text := forms[lang].format(name=name, province=alias))
        != provincial_body(province, dept["kind"])
    ]
    assert wrong == []


def test_bodies_every_canonical_name_is_its_own_canonical_name():
    lex = body_lexicon()
    names = [*lex.nationals, *(provincial_body(p, k) for p in lex.provinces for k in lex.kinds)]
    assert [n for n in names if canonical_body(n) != n] == []


# --- the real documents ----------------------------------------------------------------------


def _gold_bodies() -> dict[str, str]:
    """doc -> body, from every gold file; a document with two different bodies is an error."""
    rows = []
    for path in [SHARED / "eval/seeds.gold.jsonl", SHARED / "corpus/gold.jsonl"]:
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    annotations = (SHARED / "corpus/annotations.jsonl").read_text(encoding="utf-8").splitlines()
    rows += [{"doc": r["doc"], **r["meta"]} for r in map(json.loads, annotations) if "meta" in r]
    bodies: dict[str, str] = {}
    for row in rows:
        assert bodies.setdefault(row["doc"], row["body"]) == row["body"], row["doc"]
    return bodies


GOLD = _gold_bodies()
DOCS = sorted([*(ROOT / "seeds").glob("*.txt"), *(SHARED / "corpus/docs").glob("*.txt")])
LANGS = {
    r["doc"]: r["lang"]
    for p in [SHARED / "corpus/gold.jsonl", SHARED / "eval/seeds.gold.jsonl"]
    for r in map(json.loads, p.read_text(encoding="utf-8").splitlines())
}


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_bodies_document_body_matches_gold_on_real_documents(path):
    text = path.read_text(encoding="utf-8")
    gold = GOLD[path.name]
    lex = body_lexicon()
    kind = {provincial_body(p, k): k for p in lex.provinces for k in lex.kinds}.get(gold)
    mention = document_mention(text, LANGS[path.name])
    if kind and not find_provinces(text):
        # The text names no province: only metadata can say whose department it is.
        assert (mention.canonical, mention.kind) == (None, kind)
    else:
        assert mention.canonical == gold


def test_bodies_canonical_body_of_manifest_matches_gold():
    with (SHARED / "corpus/manifest.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(list((SHARED / "corpus/docs").glob("*.txt")))
    assert {r["file"]: canonical_body(r["ministry_or_body"]) for r in rows} == {
        r["file"]: GOLD[r["file"]] for r in rows
    }


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        (
            "Minister of Education and Training Nguyen Kim Son said 989,863 candidates sat.",
            "en",
            "Ministry of Education and Training",
        ),
        (
            "Le ministre de la Santé a indiqué que 95 % de la population est assurée.",
            "fr",
            "Ministry of Health",
        ),
        (
            "The notes were signed by the Minister of Planning and Investment; the Ministry of "
            "Finance will sign the loans.",
            "en",
            "Ministry of Planning and Investment",
        ),
    ],
)
def test_bodies_a_minister_speaks_for_the_ministry(text, lang, body):
    assert document_body(text, lang) == body


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        # two or more of a ministry's agencies, none the source: the ministry
        (
            "Tổng cục Thuế giảm 20 phòng; Tổng cục Hải quan giảm 9 chi cục; Tổng cục Thuế "
            "giảm thêm 40 đội.",
            "vi",
            "Ministry of Finance",
        ),
        (
            "The General Department of Taxation cut 12 units and the State Securities "
            "Commission 3; the General Department of Taxation also cut 40 teams.",
            "en",
            "Ministry of Finance",
        ),
        (
            "La Direction générale de la pêche et l'Administration des forêts du Vietnam "
            "ont réduit 14 services.",
            "fr",
            "Ministry of Agriculture and Rural Development",
        ),
        (
            "Năm nay Cục Trồng trọt ghi nhận 7 triệu ha lúa; Cục Chăn nuôi ghi nhận 25 triệu "
            "con lợn.",
            "vi",
            "Ministry of Agriculture and Rural Development",
        ),
        # near misses: one agency, however often its ministry is named, stays that agency
        (
            "Tổng cục Hải quan giảm 9 chi cục; Tổng cục Hải quan giảm 30 đội. Bộ Tài chính "
            "đánh giá cao.",
            "vi",
            "General Department of Customs",
        ),
        # an agency named as the source keeps the figures its own
        (
            "According to Vietnam Customs, exports rose 12%; the General Department of "
            "Taxation collected 5% more.",
            "en",
            "General Department of Customs",
        ),
        # agencies of different ministries: no family, the most named
        (
            "Tổng cục Thuế thu 50 tỷ đồng; Cục Hàng hải Việt Nam đón 20 tàu; Tổng cục Thuế "
            "thu thêm 5 tỷ đồng.",
            "vi",
            "General Department of Taxation",
        ),
    ],
)
def test_bodies_a_ministrys_agencies_report_as_the_ministry(text, lang, body):
    assert document_body(text, lang) == body


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        (
            "Vận tải hàng hóa tháng Ba ước tính đạt 150 triệu tấn. Tính chung quý I, vận "
            "tải hàng hóa tăng 5% so với cùng kỳ năm trước.",
            "vi",
            "General Statistics Office",
        ),
        (
            "Retail sales were estimated at VND 500 trillion, up 8% year on year. In the first "
            "two months they rose 7%.",
            "en",
            "General Statistics Office",
        ),
        (
            "Les ventes au détail sont estimées à 500 000 milliards de dôngs, en hausse de 8 % "
            "en glissement annuel.",
            "fr",
            "General Statistics Office",
        ),
        # near misses: one phrase alone, a province's figures, a body named
        ("Vận tải hàng hóa tháng Ba ước tính đạt 150 triệu tấn.", "vi", None),
        (
            "Toàn tỉnh vận tải hàng hóa ước tính đạt 15 triệu tấn, tăng 5% so với cùng kỳ "
            "năm trước.",
            "vi",
            None,
        ),
        (
            "Exports of Dong Nai were estimated at USD 2 billion, up 8% year on year.",
            "en",
            None,
        ),
        (
            "Bộ Xây dựng cho biết sản lượng xi măng ước tính đạt 8 triệu tấn, tăng 5% so với "
            "cùng kỳ năm trước.",
            "vi",
            "Ministry of Construction",
        ),
    ],
)
def test_bodies_a_statistics_release_naming_no_body_is_the_statistics_office(text, lang, body):
    assert document_body(text, lang) == body


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        (
            "Bộ Công Thương cho biết xuất khẩu tăng 5%. Bộ Công Thương đánh giá cao.\n"
            "Nguồn: Tổng cục Thống kê",
            "vi",
            "General Statistics Office",
        ),
        (
            "The Ministry of Finance said revenue rose 5%.\nSource: General Statistics Office",
            "en",
            "General Statistics Office",
        ),
        (
            "Le ministère des Finances a indiqué 5 %.\nSource : Office général des statistiques",
            "fr",
            "General Statistics Office",
        ),
        # near misses: the label inside a sentence, or the label of a picture
        (
            "Bộ Công Thương cho biết xuất khẩu tăng 5%, nguồn: Tổng cục Thống kê.",
            "vi",
            "Ministry of Industry and Trade",
        ),
        (
            "Bộ Công Thương cho biết xuất khẩu tăng 5%.\nNguồn ảnh: Tổng cục Thống kê",
            "vi",
            "Ministry of Industry and Trade",
        ),
    ],
)
def test_bodies_the_body_a_source_line_credits_reports(text, lang, body):
    assert document_body(text, lang) == body


def test_bodies_provincial_words_are_read_with_their_diacritics():
    """ "tình hình" and "tính chung" fold to the letters of "tỉnh" but say nothing of a province:
    a sector report with them and no province reports as the ministry."""
    text = "Tình hình hoạt động ngành Công Thương: tính chung 9 tháng, xuất khẩu tăng 5%."
    assert document_body(text, "vi") == MOIT
    assert document_mention(text.replace("Tình hình", "Toàn tỉnh"), "vi").canonical is None


@pytest.mark.parametrize(
    ("given", "unknown"),
    [
        ([("a.txt", "EVN"), ("b.txt", "Bộ Tài chính")], []),
        ([("a.txt", "Hội Nông dân"), ("b.txt", "Hội Nông dân")], [("a.txt", "Hội Nông dân")]),
        (
            [("a.txt", "Club X"), ("b.txt", "MOF"), ("c.txt", "Club Y"), ("d.txt", "Club X")],
            [("a.txt", "Club X"), ("c.txt", "Club Y")],
        ),
        ([("a.txt", "")], []),
    ],
)
def test_bodies_unknown_bodies_names_each_unknown_once(given, unknown):
    assert unknown_bodies(given) == unknown


# --- the fast scans equal the word-by-word reading (seeds and both corpora) ------------------

SCANNED = [
    *sorted((ROOT / "seeds").glob("*.txt")),
    *sorted((SHARED / "corpus/docs").glob("*.txt")),
    *sorted((SHARED / "corpus2/docs").glob("*.txt")),
]
# Hand-built texts for what the corpora lack: URLs, decomposed accents, a dotted capital I,
# underscores, no word at all.
EDGE_TEXTS = [
    "Nguồn: https://moit.gov.vn/bo-cong-thuong-2025.html Sở Công Thương tỉnh Bắc Ninh",
    "see www.gso.gov.vn/so-lieu and the General Statistics Office",
    unicodedata.normalize("NFD", "Sở Công Thương tỉnh Thái Nguyên cho biết"),
    "İstanbul_office, Ministry of Finance; MOF – Bộ Tài chính",
    "… — ; ",
    "",
]


FOLDED_CHANGES = {code: c for code, c in enumerate(bodies._FOLD) if c != chr(code)}


def _reference_fold(text: str) -> str:
    return text.translate(FOLDED_CHANGES).lower()


def _reference_words(text: str):
    """The words as the body finder first cut them: folded through a dict, one match object
    at a time."""
    folded = bodies._URL.sub(lambda m: " " * len(m.group()), _reference_fold(text))
    spans = [m.span() for m in re.finditer(r"\w+", folded)]
    gaps = tuple(text[spans[k][1] : spans[k + 1][0]] for k in range(len(spans) - 1))
    return bodies._Words(
        starts=tuple(s for s, _ in spans),
        ends=tuple(e for _, e in spans),
        folded=tuple(folded[s:e].replace("_", "") for s, e in spans),
        written=tuple(text[s:e] for s, e in spans),
        joints=tuple(bodies._joint(_reference_fold(gap)) for gap in gaps),
        gaps=gaps,
    )


def _texts():
    return [p.read_text(encoding="utf-8") for p in SCANNED] + EDGE_TEXTS


def test_bodies_words_are_cut_as_one_match_at_a_time_would():
    for text in _texts():
        assert bodies._words(text) == _reference_words(text)


def _phrase_indexes():
    lex = body_lexicon()
    yield from (lex.names, lex.names_or_ministers, lex.acronyms, lex.sectors, lex.province_names)
    for cues in lex.cues.values():
        yield from (cues.fillers, cues.source_before, cues.source_after, cues.directed_by)


def test_bodies_phrases_are_found_only_where_their_first_word_stands():
    """The scans look phrases up only at `starts`: every word where a phrase is found,
    looking at each word in turn, must be one of them."""
    for text in _texts():
        words = bodies._words(text)
        for phrases in _phrase_indexes():
            everywhere = [i for i in range(len(words)) if phrases.longest(words, i)]
            assert [i for i in phrases.starts(words) if phrases.longest(words, i)] == everywhere


def test_bodies_provinces_of_every_sentence_are_found_past_the_quick_check():
    """`find_provinces` skips a sentence with no word that starts a province name; reading
    every sentence word by word finds the same provinces."""
    for text in _texts():
        for sentence in re.split(r"(?<=[.!?\n])", text):
            words = bodies._words(sentence)
            spans = bodies._province_spans(sentence)
            every = [(words.starts[i], words.ends[j], p) for i, j, p in spans]
            assert find_provinces(sentence) == every


def test_bodies_folding_every_character_keeps_offsets_and_matches_the_dict_table():
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    folded = bodies._fold(everything)
    assert len(folded) == len(everything)
    assert folded == _reference_fold(everything)
    assert bodies._fold("Đồng Nai’s") == "dong nai's"


def test_bodies_every_parent_is_a_national_body_without_a_parent():
    lex = body_lexicon()
    assert lex.parents
    for agency, parent in lex.parents.items():
        assert parent in lex.nationals and parent not in lex.parents, (agency, parent)
