"""Counts of any thing: a number and the noun phrase after it, in each language."""

import pytest

from extract.lexicon import load_lexicon
from extract.pipeline.nouns import after_harm, change_on_earlier
from extract.pipeline.numbers import decimal_mark, find_quantities


def quantities(lang: str, text: str):
    lex = load_lexicon(lang)
    found = find_quantities(text, 0, len(text), lex, decimal_mark(text, lex.decimal_mark))
    return [(text[q.start : q.end], q.value, q.unit) for q in found]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # Nouns no lexicon lists: the head noun is the unit.
        (
            "en",
            "The port handled 412 cruise ships last year.",
            [("412 cruise ships", 412, "ships")],
        ),
        (
            "en",
            "It merged 3,100 sub-departments.",
            [("3,100 sub-departments", 3100, "sub-departments")],
        ),
        (
            "en",
            "About 4,000 U.S. soldiers left.",  # a dotted abbreviation inside the phrase
            [("About 4,000 U.S. soldiers", 4000, "soldiers")],
        ),
        (
            "en",
            "Officials inspected 27 other warehouses.",
            [("27 other warehouses", 27, "warehouses")],
        ),
        ("en", "Another 9 bridges were repaired.", [("9 bridges", 9, "bridges")]),
        ("en", "Only 12 others remain.", [("12 others", 12, "others")]),
        ("en", "They hired 340 new nurses.", [("340 new nurses", 340, "nurses")]),
        # A phrase the lexicon knows keeps its canonical plural.
        ("en", "It cut 1,250 civil servants.", [("1,250 civil servants", 1250, "people")]),
        ("en", "The city has 1 special zone.", [("1 special zone", 1, "zone")]),
        # A part of a group named by its noun alone counts that noun.
        ("en", "45 of the provinces reported.", [("45", 45, "provinces")]),
        ("en", "Two of the victims were children.", [("Two", 2, "victims")]),
        ("en", "Three of its plants will close.", [("Three", 3, "plants")]),
        ("en", "Two of Apple's suppliers quit.", [("Two", 2, "suppliers")]),
        ("fr", "Deux des victimes étaient des enfants.", [("Deux", 2, "victimes")]),
        ("fr", "Trois de ses usines vont fermer.", [("Trois", 3, "usines")]),
        ("fr", "Le pays compte 320 communes rurales.", [("320 communes", 320, "communes")]),
        (
            "fr",
            "Il reste 14 ministères et 6 agences.",
            [("14 ministères", 14, "ministères"), ("6 agences", 6, "agences")],
        ),
        ("fr", "On y trouve 58 autres hôpitaux.", [("58 autres hôpitaux", 58, "hôpitaux")]),
        (
            "fr",
            "environ 450.000 Vietnamiens vivent ici",
            [("environ 450.000 Vietnamiens", 450000, "vietnamiens")],
        ),
        (
            "vi",
            "Tỉnh có 23 khu công nghiệp đang hoạt động.",
            [("23 khu công nghiệp", 23, "khu công nghiệp")],
        ),
        ("vi", "Đã sáp nhập 415 xã, phường.", [("415 xã", 415, "xã")]),
        (
            "vi",
            "Ghi nhận 1.204 trường hợp mắc mới.",
            [("1.204 trường hợp mắc", 1204, "trường hợp mắc")],
        ),
        ("vi", "giảm 211 chi cục thuế tại các tỉnh", [("211 chi cục thuế", 211, "chi cục thuế")]),
        ("vi", "Có 3 cơ quan, đơn vị được khen.", [("3 cơ quan", 3, "cơ quan")]),
        ("vi", "3 cơ quan phải báo cáo", [("3 cơ quan", 3, "cơ quan")]),  # a modal verb ends it
    ],
)
def test_nouns_any_noun_after_a_number_is_a_count(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # Dates and clock times are no counts of things (durations are measures: test_units).
        ("en", "The meeting opened on 20 March at 8 am."),
        ("en", "growth in double digits, 2 digits exactly"),
        ("fr", "La réunion du 20 mars s'est ouverte."),
        ("fr", "une croissance à deux chiffres"),
        ("fr", "les 3 premières années sont exemptées"),  # an ordinal before a duration
        ("vi", "Hội nghị kéo dài 3 giờ vào ngày 15 tháng 10."),
        # A number right before a function word or a verb counts nothing.
        ("en", "Of these, 45 were late and 12 of the most urgent were settled."),
        ("en", "One of the provinces reported late."),  # a member, not a count
        ("en", "Two of the years were dry."),  # a time, not a group
        ("fr", "Le 5 des mois suivants."),
        ("fr", "L'article 5 des statuts a été modifié."),
        ("fr", "Parmi eux, 45 de ces provinces et 12 sont en retard."),
        ("vi", "Có 45 trong tổng số và 12 đã hoàn thành."),
        # Names, ranks and identifiers before a noun.
        ("en", "Level 4 hospitals and district 1 residents met under Decree 100 rules."),
        ("en", "It ranked in the top 10 destinations."),
        ("fr", "L'article 5 dispositions et le niveau 3 écoles."),
        ("vi", "Theo Điều 5 Luật Đất đai và Nghị định 100 quy định, bão số 6 gây thiệt hại."),
        ("vi", "Quận 1 người dân và cấp độ 4 dịch vụ."),
        ("en", "Covid-19 patients and G20 economies."),
        ("vi", "Hội nghị lần thứ 13 Ban Chấp hành"),
        # A verb or an adjective after a number is no noun where the language marks plural.
        ("en", "Of the total, 64 registered late and 12 new."),
        ("fr", "Au total, 64 inscrit et 12 nouveau."),
        # A number word in Vietnamese counts only nouns the lexicon knows ("ba bên").
        ("vi", "Hợp tác ba bên và hai chiều."),
        # List and table row numbers opening a line.
        ("vi", "1 Hà Nội\n2 Hải Phòng"),
        ("en", "3 Key tasks for next year"),
        ("en", "The firm sold 5 U.S. and exports fell."),  # an abbreviation is no head
    ],
)
def test_nouns_near_misses_are_not_counts(lang, text):
    assert quantities(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # A modifier alone after one is no noun: nothing is counted.
        ("en", "We need 1 more.", []),
        ("en", "Of the schools, 1 new and 2 old.", []),
        ("fr", "Il en faut 1 autre.", []),
        # Near misses: one of a noun after the modifier is still counted.
        ("en", "They hired 1 more engineer.", [("1 more engineer", 1.0, "engineer")]),
        ("en", "Only 1 other province.", [("1 other province", 1.0, "province")]),
        ("fr", "Il reste 1 autre province.", [("1 autre province", 1.0, "province")]),
    ],
)
def test_nouns_a_modifier_alone_is_no_head(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # A count out of a total: both are claims, in the total's unit.
        (
            "vi",
            "Có 51/63 tỉnh, thành phố hoàn thành.",
            [("51", 51, "provinces"), ("63 tỉnh, thành phố", 63, "provinces")],
        ),
        ("vi", "đạt 8/9 chỉ tiêu", [("8", 8, "chỉ tiêu"), ("9 chỉ tiêu", 9, "chỉ tiêu")]),
        (
            "en",
            "Some 45/58 schools opened.",
            [("45", 45, "schools"), ("58 schools", 58, "schools")],
        ),
        # Two amounts of the same unit.
        (
            "vi",
            "giải ngân 41,16 tỷ đồng/477,51 tỷ đồng",
            [("41,16 tỷ đồng", 41.16e9, "VND"), ("477,51 tỷ đồng", 477.51e9, "VND")],
        ),
        # A rate: the number after the slash is the denominator, no claim of its own.
        # (its base is part of the unit).
        ("vi", "đạt 15 bác sỹ/ 10.000 dân", [("15 bác sỹ/ 10.000 dân", 15, "bác sỹ/10,000 dân")]),
    ],
)
def test_nouns_part_of_a_whole_with_a_slash(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "ngày 8/1 các đơn vị họp"),
        ("vi", "Ngày 22/12/2024 và Luật số 10/2022/QH15 quy định"),
        ("vi", "trong tháng 6/2023 tỉnh đạt"),
        ("vi", "phục vụ 24/7 khách hàng"),  # a part larger than its whole: no count
        ("en", "On 8/1 the schools reopened."),
    ],
)
def test_nouns_dates_and_identifiers_with_a_slash_are_not_counts(lang, text):
    assert quantities(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("vi", "Huy động các nguồn điện, cụ thể76,31 tỷ kWh", [("76,31 tỷ kWh", 76.31e9, "kWh")]),
        ("en", "output reached76.3 million tonnes", [("76.3 million tonnes", 76.3e6, "t")]),
    ],
)
def test_nouns_number_glued_to_a_word_before_a_measure(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "mp3 players and abc123 codes"),
        ("vi", "diện tích km2 đất"),
        ("en", "The Q3 results"),
    ],
)
def test_nouns_number_glued_to_a_word_is_otherwise_an_identifier(lang, text):
    assert quantities(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Ten out of 17 ministries met the goal.",
            [("Ten", 10, "ministries"), ("17 ministries", 17, "ministries")],
        ),
        (
            "en",
            "It built 178 out of the target 179 residential areas.",
            [("178", 178, "areas"), ("179 residential areas", 179, "areas")],
        ),
        (
            "fr",
            "12 sur 63 provinces ont signé.",
            [("12", 12, "provinces"), ("63 provinces", 63, "provinces")],
        ),
        (
            "vi",
            "Có 51 trong tổng số 63 tỉnh hoàn thành.",
            [("51", 51, "provinces"), ("63 tỉnh", 63, "provinces")],
        ),
    ],
)
def test_nouns_part_out_of_a_whole(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # Points are a measure (an index's), not a count of the part: only the total is read.
        ("en", "Score 9 out of 10 points.", [("10 points", 10, "points")]),
        ("en", "Article 3 out of 12 articles", [("12 articles", 12, "articles")]),  # a name
        ("fr", "Il a noté 20 sur 20 points.", []),
        ("vi", "đạt 70 trong số 50 người", [("50 người", 50, "people")]),  # part > whole
    ],
)
def test_nouns_near_misses_out_of_a_whole(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "The total number of licensed clinics fell by 214 this year.",
            [("214", 214, "clinics")],
        ),
        (
            "fr",
            "Le nombre d'écoles rurales est passé de 812 à 790 écoles.",
            [("812", 812, "écoles"), ("790 écoles", 790, "écoles")],
        ),
        ("vi", "Tổng số doanh nghiệp thành lập mới là 1250.", [("1250", 1250, "enterprises")]),
        ("en", "Among those clinics, 340 were rural.", [("340", 340, "clinics")]),
        ("fr", "Parmi ces écoles, 45 sont rurales.", [("45", 45, "écoles")]),
    ],
)
def test_nouns_a_bare_number_counts_the_noun_its_sentence_names(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The number of clinics was set on May 16 by Decree 15."),  # a date, a name
        ("en", "The number of clinics peaked in 2019."),  # a year
        ("en", "The number of clinics rose by 2.5 points."),  # no whole number, a measure
        ("fr", "Le nombre d'écoles a été publié le 12 mars."),
        ("en", "Clinics reported 214 in total."),  # no noun named before the number
    ],
)
def test_nouns_bare_numbers_near_a_named_noun_that_stay_out(lang, text):
    assert [unit for _, _, unit in quantities(lang, text)] in ([], ["points"])


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "It received 1,250 petitions and resolved 1,100 of them.",
            [("1,250 petitions", 1250, "petitions"), ("1,100", 1100, "petitions")],
        ),
        (
            "fr",
            "Quelque 2.500 entreprises ont été créées, dont 300 dans la capitale.",
            [("Quelque 2.500 entreprises", 2500, "enterprises"), ("300", 300, "enterprises")],
        ),
        (
            "vi",
            "Toàn tỉnh có 120 xã, trong đó 45 đạt chuẩn.",
            [("120 xã", 120, "xã"), ("45", 45, "xã")],
        ),
    ],
)
def test_nouns_a_bare_part_takes_the_unit_of_its_whole(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "It received 12 petitions, of which 2024 was the busiest year."),  # a year
        ("en", "It received 12 petitions, including 40 from abroad."),  # more than the whole
        ("fr", "Il a reçu 12 pétitions, dont 2,5 rejetées."),  # not a whole number
    ],
)
def test_nouns_near_misses_of_parts(lang, text):
    assert len(quantities(lang, text)) == 1


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "fr",
            "Le pays a envoyé 4.500 infirmiers. En 2020, ce nombre est passé à 7.200.",
            [("4.500 infirmiers", 4500, "infirmiers"), ("7.200", 7200, "infirmiers")],
        ),
        (
            "fr",
            "Quelque 12.000 étudiants sont partis. En 2021, ils étaient 15.000.",
            [("Quelque 12.000 étudiants", 12000, "people"), ("15.000", 15000, "people")],
        ),
        (
            "en",
            "The city hired 1,200 nurses. By 2023 the figure had reached 1,650.",
            [("1,200 nurses", 1200, "nurses"), ("1,650", 1650, "nurses")],
        ),
        (
            "vi",
            "Tỉnh có 3.200 hợp tác xã. Đến nay con số này là 3.650.",
            [("3.200 hợp tác xã", 3200, "enterprises"), ("3.650", 3650, "enterprises")],
        ),
        (
            "en",
            "Firms added 275,000 jobs, beating forecasts of 200,000.",
            [("275,000 jobs", 275000, "jobs"), ("200,000", 200000, "jobs")],
        ),
        (
            "fr",
            "Le pays compte 2.300 écoles, contre 2.100 en 2020.",
            [("2.300 écoles", 2300, "écoles"), ("2.100", 2100, "écoles")],
        ),
        (
            "vi",
            "Tỉnh có 3.650 hợp tác xã, tăng so với 3.200 của năm 2020.",
            [("3.650 hợp tác xã", 3650, "enterprises"), ("3.200", 3200, "enterprises")],
        ),
    ],
)
def test_nouns_a_grouped_number_counts_a_noun_named_before_when_referred_back(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The city hired 1,200 nurses. Revenue was 1,650 in May."),  # nothing refers back
        ("en", "The city hired 1,200 nurses. The figure was set in 2023."),  # a year
        ("en", "The city hired 1,200 nurses. They moved 15 times."),  # not grouped
    ],
)
def test_nouns_grouped_numbers_without_a_back_reference_stay_bare(lang, text):
    assert [unit for _, _, unit in quantities(lang, text)][1:] in ([], ["times"])


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "It built 14 bridges in the North (2,305 km); 10 in the South (1,431 km).",
            [
                ("14 bridges", 14, "bridges"),
                ("2,305 km", 2305, "km"),
                ("10", 10, "bridges"),
                ("1,431 km", 1431, "km"),
            ],
        ),
        (
            "en",
            "12 schools in Hanoi, 3 in Hue.",
            [("12 schools", 12, "schools"), ("3", 3, "schools")],
        ),
        ("en", "Exports of 5 tonnes in May, 3 in June.", [("5 tonnes", 5, "t"), ("3", 3, "t")]),
        ("fr", "12 écoles à Hanoï, 3 à Hué.", [("12 écoles", 12, "écoles"), ("3", 3, "écoles")]),
    ],
)
def test_nouns_a_bare_number_in_a_list_takes_the_noun_it_parallels(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "12 schools in Hanoi, 2019 in review.",  # a year
        "12 schools in Hanoi and 3 in Hue.",  # no list separator
        "12 schools in Hanoi, 3 near Hue.",  # not the same word after both
    ],
)
def test_nouns_bare_numbers_that_parallel_no_count(text):
    assert [q[0] for q in quantities("en", text)] == ["12 schools"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The 10,000-seat arena opened.", [("10,000-seat", 10000, "seat")]),
        ("a 200-page report", [("200-page", 200, "page")]),
        ("the 27-member bloc", [("27-member", 27, "member")]),
    ],
)
def test_nouns_a_noun_glued_by_a_hyphen_is_what_the_number_counts(text, expected):
    assert quantities("en", text) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Covid-19 cases and Decree 100-ND rules."),  # a name, an identifier
        ("en", "the 30-odd people and the 13-point plan"),  # words that make no count
        ("en", "the 5-year plan and a three-way race"),
        ("vi", "Nghị quyết 18-NQ/TW về tổ chức bộ máy."),
    ],
)
def test_nouns_hyphenated_words_that_count_nothing(lang, text):
    assert quantities(lang, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One woman was rescued.", [("One woman", 1, "women")]),
        (
            "Police said one officer, two bystanders were hurt.",
            [("one officer", 1, "officers"), ("two bystanders", 2, "bystanders")],
        ),
        ("one person and 4 others", [("one person", 1, "people"), ("4 others", 4, "others")]),
        # Near misses: a pronoun, an idiom, a name, a noun phrase going on, "a" (an article).
        ("On the one hand, costs fell.", []),
        ("One way out is a deal.", []),
        ("It is one of the largest.", []),
        ("One Nation won a seat.", []),
        ("One big hurdle remains.", []),
        ("A woman was rescued.", []),
        ("No one was hurt.", []),
        ("The priority is one school.", []),  # a kind, not a count
        ("She was the one witness left.", []),
    ],
)
def test_nouns_the_number_one_counts_a_lone_singular_noun(text, expected):
    assert quantities("en", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Regulators grounded the Boeing 787 jets.", []),
        ("Most new iPhone users and older Android 12 phones", []),
        # Near misses: a count at the start of a sentence, after a lower-case word, after a
        # capitalised word that begins the sentence.
        ("Some 4,000 troops left.", [("Some 4,000 troops", 4000, "troops")]),
        ("Police detained 40 protesters.", [("40 protesters", 40, "protesters")]),
        ("Officials said 40 protesters were held.", [("40 protesters", 40, "protesters")]),
    ],
)
def test_nouns_a_capitalised_word_inside_a_sentence_names_a_model(text, expected):
    assert quantities("en", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Some 4,000 homes burned and another 2,500 were damaged.",
            [("Some 4,000 homes", 4000, "homes"), ("2,500", 2500, "homes")],
        ),
        (
            "1,800 staff left and a further 1,100 retired.",
            [("1,800 staff", 1800, "people"), ("1,100", 1100, "people")],
        ),
        # Near miss: nothing counted before, a bare number stays out.
        ("Another 2,500 were damaged.", []),
    ],
)
def test_nouns_another_refers_back_to_the_count_before(text, expected):
    assert quantities("en", text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The death toll rose to 86.", [("86", 86, "deaths")]),
        ("en", "The death toll climbed to more than 300.", [("more than 300", 300, "deaths")]),
        ("en", "The number of dead reached 41.", [("41", 41, "deaths")]),
        ("en", "a city with a population of about 2 million", [("about 2 million", 2e6, "people")]),
        ("en", "The match drew a crowd of 52,000.", [("52,000", 52000, "people")]),
        # Near misses: a year and a day of a month after the phrase stay out.
        ("en", "The death toll rose in 2023.", []),
        ("en", "The death toll was given on May 16.", []),
        # A scaled amount after a count named with its noun keeps no unit ("vốn" is capital).
        ("vi", "Tổng số vốn đạt 5 tỷ.", [("5 tỷ", 5e9, "")]),
    ],
)
def test_nouns_a_count_named_without_its_noun(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (" more than a year ago, it", 1),
        (" fewer than the previous year", -1),
        (" higher than last month", 1),
        # Near misses: no earlier time after the comparison, or no comparison.
        (" more than planned", 0),
        (" than a year ago", 0),
    ],
)
def test_nouns_change_on_earlier_gives_the_sign_of_a_change(text, sign):
    assert change_on_earlier(text, 0, len(text), load_lexicon("en")) == sign


@pytest.mark.parametrize(
    ("before", "harmed"),
    [
        ("the blast killed ", True),
        ("and wounded ", True),
        ("killed at least ", True),  # a qualifier may stand between
        ("injured more than ", True),
        # Near misses: another word between, or no verb of harm.
        ("killed in ", False),
        ("were killed by ", False),
        ("the fire burned ", False),
        ("at least ", False),
    ],
)
def test_nouns_after_harm_needs_the_verb_right_before(before, harmed):
    assert after_harm(before, load_lexicon("en")) is harmed
