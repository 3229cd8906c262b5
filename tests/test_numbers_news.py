"""News-style quantities, written by hand in the wire-service manner: what a reader marks, and
the near misses that must stay out."""

import pytest

from extract.document import DocMeta, Document
from extract.lexicon import load_lexicon
from extract.pipeline.claims import extract_document
from extract.pipeline.numbers import decimal_mark, find_quantities


def quantities(lang: str, text: str):
    lex = load_lexicon(lang)
    found = find_quantities(text, 0, len(text), lex, decimal_mark(text, lex.decimal_mark))
    return [(text[q.start : q.end], q.value, q.unit, q.qualifier) for q in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il fera moins 10 °C à Lille.", [("moins 10 °C", -10.0, "°C", "exact")]),
        ("La nuit descendra à moins 4 °C.", [("moins 4 °C", -4.0, "°C", "exact")]),
        # "au moins", "d'au moins", "du moins": a bound, never a sign.
        (
            "Au moins 9 personnes sont mortes.",
            [("Au moins 9 personnes", 9.0, "people", "at_least")],
        ),
        ("une baisse d'au moins 3 %", [("d'au moins 3 %", 3.0, "%", "at_least")]),
        ("moins de 7 % des votants", [("moins de 7 %", 7.0, "%", "less_than")]),
        ("une marge de plus ou moins 3 %", [("3 %", 3.0, "%", "exact")]),
    ],
)
def test_numbers_news_french_minus_is_a_sign_but_not_in_au_moins(text, expected):
    assert quantities("fr", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Each member keeps its own scale; the last member's measure is its own.
        (
            "Losses reached 5 Bn and 3 Mn, 10 Km of track.",
            [
                ("5 Bn", 5e9, "", "exact"),
                ("3 Mn", 3e6, "", "exact"),
                ("10 Km", 10.0, "km", "exact"),
            ],
        ),
        # Near misses: a unit written once after the last member is every member's.
        (
            "bids of 300 million and 700 million dollars",
            [("300 million", 3e8, "USD", "exact"), ("700 million dollars", 7e8, "USD", "exact")],
        ),
        (
            "towns of 4 million and 250,000 residents",
            [("4 million", 4e6, "people", "exact"), ("250,000 residents", 25e4, "people", "exact")],
        ),
        (
            "rose 2.5, 3.1 and 4%",
            [("2.5", 2.5, "%", "exact"), ("3.1", 3.1, "%", "exact"), ("4%", 4.0, "%", "exact")],
        ),
    ],
)
def test_numbers_news_scaled_member_keeps_its_own_unit(text, expected):
    assert quantities("en", text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Highs of 41C are forecast.", [("41C", 41.0, "°C", "exact")]),
        ("en", "It reached 109F in Death Valley.", [("109F", 109.0, "°F", "exact")]),
        ("en", "Lows of minus 7C overnight.", [("minus 7C", -7.0, "°C", "exact")]),
        (
            "en",
            "A magnitude 5.8 quake hit the region.",
            [("magnitude 5.8", 5.8, "magnitude", "exact")],
        ),
        (
            "en",
            "A 7.2-magnitude earthquake struck.",
            [("7.2-magnitude", 7.2, "magnitude", "exact")],
        ),
        ("en", "The driver, aged 81, was unhurt.", [("aged 81", 81.0, "years", "exact")]),
        ("en", "adults aged 18 to 64", [("aged 18 to 64", 18.0, "years", "exact")]),
        ("en", "women aged 50-69", [("aged 50-69", 50.0, "years", "exact")]),
        # Near miss: a currency named once needs its high bound marked.
        (
            "en",
            "It rose from $20 to 30 people.",
            [("$20", 20.0, "USD", "exact"), ("30 people", 30.0, "people", "exact")],
        ),
        (
            "fr",
            "Un séisme de magnitude 5,9 a frappé.",
            [("magnitude 5,9", 5.9, "magnitude", "exact")],
        ),
        ("vi", "Động đất mạnh 5,2 độ Richter.", [("5,2 độ Richter", 5.2, "magnitude", "exact")]),
        # Near misses: a letter glued after a space or a word is no temperature.
        ("en", "He lives at 12 C Street.", []),
        ("en", "The magnitude of the problem grew.", []),
    ],
)
def test_numbers_news_temperatures_magnitudes_and_ages(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Nikkei ended down 412 points.", [("412 points", 412.0, "points", "exact")]),
        ("The index closed at 3,281.5 points.", [("3,281.5 points", 3281.5, "points", "exact")]),
        ("The bank cut rates by a quarter point.", [("a quarter point", 0.25, "points", "exact")]),
        ("Shares slid to 96 pence.", [("96 pence", 96.0, "pence", "exact")]),
        ("He finished 4 seconds behind.", [("4 seconds", 4.0, "seconds", "exact")]),
        # Near misses: a point that names something, percentage and basis points.
        (
            "Under point 4 of the deal, rates rose 0.5 percentage points.",
            [("0.5 percentage points", 0.5, "percentage points", "exact")],
        ),
        ("a 25 basis point cut", [("25 basis point", 25.0, "basis points", "exact")]),
        ("He came second.", []),
        ("She opened a 12-point lead.", [("12-point", 12.0, "points", "exact")]),
        ("The government set out a 10-point plan.", []),  # a plan's items
    ],
)
def test_numbers_news_points_pence_and_seconds(text, expected):
    assert quantities("en", text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Costs grew four times faster.", [("four times", 4.0, "times", "exact")]),
        ("en", "Fees are 1.5 times the average.", [("1.5 times", 1.5, "times", "exact")]),
        (
            "en",
            "There were twice as many and three times as many deaths.",
            [("three times", 3.0, "times", "exact")],
        ),
        ("fr", "Les loyers sont deux fois plus chers.", [("deux fois", 2.0, "times", "exact")]),
        # Near misses: occurrences, no multiple.
        ("en", "The pair met three times in May.", []),
        ("en", "She was jailed three times.", []),
        ("fr", "Il a voté trois fois.", []),
    ],
)
def test_numbers_news_multiples_before_a_comparison(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Elle a levé 12 M€.", [("12 M€", 12e6, "EUR", "exact")]),
        ("fr", "un budget de 2,5 Md€", [("2,5 Md€", 2.5e9, "EUR", "exact")]),
        ("en", "a 40 k€ grant", [("40 k€", 4e4, "EUR", "exact")]),
        ("en", "Three dozen eggs broke.", [("Three dozen eggs", 36.0, "eggs", "exact")]),
        ("en", "A dozen staff quit.", [("A dozen staff", 12.0, "people", "exact")]),
        # Near misses: a vague number of dozens, a letter that is no scale.
        ("en", "Several dozen homes burned.", []),
        ("en", "Dozens of homes burned.", []),
        ("en", "5 M of cable", []),
    ],
)
def test_numbers_news_scale_letters_and_dozens(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The 52-year-old father was named.", [("52-year-old", 52.0, "years", "exact")]),
        ("A 6-month-old girl was rescued.", [("6-month-old", 6.0, "months", "exact")]),
        ("The driver, 34, was unhurt.", [("34", 34.0, "years", "exact")]),
        ("John Roe, 61, of Ohio, died.", [("61", 61.0, "years", "exact")]),
        # Near misses: a plan's cycle, a list of numbers, a list of names.
        ("The 5-year plan failed.", []),
        ("Clauses 4, 9, and 11 apply.", []),
        ("Teams from Lyon, 12, and Nice", []),
    ],
)
def test_numbers_news_ages(text, expected):
    assert quantities("en", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The funnel was a mile wide.", [("a mile", 1.0, "mi", "exact")]),
        ("The trench is a metre deep.", [("a metre", 1.0, "m", "exact")]),
        # Near misses: an article before a measure of nothing.
        ("She holds a degree in law.", []),
        ("He walked a mile.", []),
    ],
)
def test_numbers_news_an_article_before_a_dimension(text, expected):
    assert quantities("en", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "As many as 40 people may have drowned.",
            [("As many as 40 people", 40.0, "people", "at_most")],
        ),
        ("as much as 15% of the harvest", [("as much as 15%", 15.0, "%", "at_most")]),
        (
            "Just over 2,000 votes were cast.",
            [("Just over 2,000 votes", 2000.0, "votes", "more_than")],
        ),
        ("well under $5m", [("well under $5m", 5e6, "USD", "less_than")]),
        ("Upwards of 300 homes flooded.", [("Upwards of 300 homes", 300.0, "homes", "more_than")]),
        # Near miss: "as many" without a number.
        ("Twice as many people came.", []),
    ],
)
def test_numbers_news_approximations(text, expected):
    assert quantities("en", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le chômage a reculé de 0,2 point.", [("0,2 point", 0.2, "percentage points", "exact")]),
        ("Le taux a progressé de 1,5 point.", [("1,5 point", 1.5, "percentage points", "exact")]),
        (
            "La banque a relevé son taux d'un quart de point.",
            [("un quart de point", 0.25, "percentage points", "exact")],
        ),
        (
            "une hausse de 0,5 point de pourcentage",
            [("0,5 point de pourcentage", 0.5, "percentage points", "exact")],
        ),
        # Near misses: a share, not a fraction of a unit; a point that names a clause.
        ("Un quart des salariés est parti.", [("Un quart", 25.0, "%", "exact")]),
        ("Le point 4 de l'accord.", []),
    ],
)
def test_numbers_news_french_points(text, expected):
    assert quantities("fr", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The firm filed for Chapter 11 protection.",
        "Flight MH17 was downed in 2014.",
        "Crowds lined Route 66 at 3pm.",
        "He spoke at No. 10 on 12 March 2024.",
        "Crews worked 24/7 after the 9/11 attacks.",
        "Leaders met at COP29 and the G20.",
        "Covid-19 spread fast.",
        "Leeds suffered a 2-1 defeat and won 6-4, 6-3.",
        "The Category 4 storm hit at 10.30am.",
        "He sank a putt on the 18th hole.",
        "Apple unveiled the iPhone 16 range.",
    ],
)
def test_numbers_news_identifiers_scores_and_dates_stay_out(text):
    assert quantities("en", text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The yen slides 1.5% against the dollar.", -1.5),
        ("Output tumbled 8% in May.", -8.0),
        ("GDP contracts 0.4% in the quarter.", -0.4),
        ("Inflation eased 0.3 percentage points.", -0.3),
        ("Shares shed 6% in early trading.", -6.0),
        # Near misses: a fall to a level, a rise.
        ("Inflation eased to 3.1%.", 3.1),
        ("Exports climbed 7%.", 7.0),
    ],
)
def test_numbers_news_a_fall_in_any_wording_is_negative(text, value):
    rows = extract_document(Document("news.txt", text, DocMeta(lang="en")))
    assert [r["value"] for r in rows] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Le CAC 40 a cédé 1,4 %.", -1.4),
        ("Les ventes chutent de 6 %.", -6.0),
        ("Le PIB s'est contracté de 0,1 %.", -0.1),
        ("Le chômage a reculé de 0,2 point.", -0.2),
        # Near miss: a rise.
        ("Les ventes progressent de 6 %.", 6.0),
    ],
)
def test_numbers_news_a_fall_in_french_wording_is_negative(text, value):
    rows = extract_document(Document("news.txt", text, DocMeta(lang="fr")))
    assert [r["value"] for r in rows] == [value]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Nikkei added 310 points to 38,120.",
            [("310 points", 310.0, "points", "exact"), ("38,120", 38120.0, "points", "exact")],
        ),
        (
            "The bill passed by 281 votes to 197.",
            [("281 votes", 281.0, "votes", "exact"), ("197", 197.0, "votes", "exact")],
        ),
        # Near misses: a rate's level, a year, a count of its own.
        ("Prices rose 3% to 4,000.", [("3%", 3.0, "%", "exact")]),
        ("Staff grew by 12 people to 2025.", [("12 people", 12.0, "people", "exact")]),
        (
            "They sent 40 tonnes to 5 provinces.",
            [("40 tonnes", 40.0, "t", "exact"), ("5 provinces", 5.0, "provinces", "exact")],
        ),
    ],
)
def test_numbers_news_level_after_a_change_of_a_count(text, expected):
    assert quantities("en", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The field pumps 3.2 million barrels a day.",
            [("3.2 million barrels a day", 3.2e6, "bbl/days", "exact")],
        ),
        ("The train ran at 80 km an hour.", [("80 km an hour", 80.0, "km/hours", "exact")]),
        ("She runs 20 miles a week.", [("20 miles a week", 20.0, "mi/weeks", "exact")]),
        # A price per unit stays money.
        ("Diesel sells at $4 a litre.", [("$4 a litre", 4.0, "USD", "exact")]),
        # Near misses: the unit places the number in time, or no unit follows the article.
        ("It was 7 km a year earlier.", [("7 km", 7.0, "km", "exact")]),
        ("He paid $9 a month ago.", [("$9", 9.0, "USD", "exact")]),
        ("Sales fell 4% a year ago.", [("4%", 4.0, "%", "exact")]),
        ("They walked 6 km a distance.", [("6 km", 6.0, "km", "exact")]),
    ],
)
def test_numbers_news_an_article_before_a_unit_is_per(text, expected):
    assert quantities("en", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 2,000-strong crowd marched.", [("2,000-strong", 2000.0, "members", "exact")]),
        ("the 40-strong team arrived", [("40-strong", 40.0, "members", "exact")]),
        # Near misses: a noun after the hyphen is what is counted; a rating is no count.
        ("a 600-bed hospital", [("600-bed", 600.0, "bed", "exact")]),
        ("a 4-star hotel", []),
    ],
)
def test_numbers_news_a_size_adjective_after_a_hyphen_counts_members(text, expected):
    assert quantities("en", text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # A fraction of a whole (a population, an area, a budget) is a share.
        ("vi", "Có 3/4 dân số được tiêm.", [("3/4", 75.0, "%", "exact")]),
        ("vi", "1/5 diện tích bị ngập.", [("1/5", 20.0, "%", "exact")]),
        ("en", "1/4 of the population is over 60.", [("1/4", 25.0, "%", "exact")]),
        ("fr", "1/2 de la population vote.", [("1/2", 50.0, "%", "exact")]),
        # Near misses: x out of y of a countable noun stays two counts.
        (
            "vi",
            "Có 40/63 tỉnh đạt.",
            [("40", 40.0, "provinces", "exact"), ("63 tỉnh", 63.0, "provinces", "exact")],
        ),
        (
            "vi",
            "7/9 chỉ tiêu hoàn thành.",
            [("7", 7.0, "chỉ tiêu", "exact"), ("9 chỉ tiêu", 9.0, "chỉ tiêu", "exact")],
        ),
    ],
)
def test_numbers_news_a_fraction_of_a_whole_is_a_share_of_a_count_noun_a_count(
    lang, text, expected
):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Three of the eight judges dissented.",
            [("Three", 3.0, "judges", "exact"), ("eight judges", 8.0, "judges", "exact")],
        ),
        (
            "4 of the 11 pilots flew.",
            [("4", 4.0, "pilots", "exact"), ("11 pilots", 11.0, "pilots", "exact")],
        ),
        # Near misses: a share of a count is no count of it; a name or a year stays out.
        (
            "6% of the 300 firms",
            [("6%", 6.0, "%", "exact"), ("300 firms", 300.0, "enterprises", "exact")],
        ),
        ("Section 4 of the 2015 Act", []),
        # "one of the N" names a member of a group, it counts nothing.
        ("It is one of the 6 nations that voted.", [("6 nations", 6.0, "nations", "exact")]),
        ("Only 9 of the 2023 budget lines", []),
    ],
)
def test_numbers_news_x_of_the_y_counts_the_whole_noun(text, expected):
    assert quantities("en", text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "A reading of 130/85 mmHg.",
            [("130", 130.0, "mmHg", "exact"), ("85 mmHg", 85.0, "mmHg", "exact")],
        ),
        (
            "vi",
            "Huyết áp 150/95 mmHg.",
            [("150", 150.0, "mmHg", "exact"), ("95 mmHg", 95.0, "mmHg", "exact")],
        ),
        # Near misses: a smaller value over a larger one is a fraction of the measure; a name
        # before the pair keeps it out.
        ("en", "a 3/4 mile walk", [("3/4 mile", 0.75, "mi", "exact")]),
        ("en", "Decree 150/90 kg", []),
    ],
)
def test_numbers_news_two_readings_over_a_slash_share_the_measure(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The jobless numbered 2.1 million people, 30,000 more than a year ago.",
            [
                ("2.1 million people", 2.1e6, "people", "exact"),
                ("30,000", 3e4, "people", "exact"),
            ],
        ),
        (
            "Output was 4 million tonnes, 150,000 fewer than the previous year.",
            [("4 million tonnes", 4e6, "t", "exact"), ("150,000", -1.5e5, "t", "exact")],
        ),
        # Near misses: no earlier time, a rate before, or no quantity before it.
        ("It had 60 shops, 8 more than planned.", [("60 shops", 60.0, "shops", "exact")]),
        ("Inflation was 4%, 2 more than a year ago.", [("4%", 4.0, "%", "exact")]),
        ("Payrolls grew by 20,000 more than last year.", []),
    ],
)
def test_numbers_news_a_bare_number_compared_with_an_earlier_time_is_a_change(text, expected):
    assert quantities("en", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Three people died as the fire injured 14 and killed 2 more.",
            [
                ("Three people", 3.0, "people", "exact"),
                ("14", 14.0, "people", "exact"),
                ("2", 2.0, "people", "exact"),
            ],
        ),
        (
            "About 200 residents fled and the floods displaced 90.",
            [("About 200 residents", 200.0, "people", "approx"), ("90", 90.0, "people", "exact")],
        ),
        ("The quake killed 31.", [("31", 31.0, "people", "exact")]),
        (
            "The blast killed at least 12 and injured more than 200.",
            [
                ("at least 12", 12.0, "people", "at_least"),
                ("more than 200", 200.0, "people", "more_than"),
            ],
        ),
        # Near misses: a year, a fraction, or no verb of harm right before.
        ("The quake killed 2.5% of the herd.", [("2.5%", 2.5, "%", "exact")]),
        ("Ten people died when it hit in 2021.", [("Ten people", 10.0, "people", "exact")]),
        (
            "Six people were hurt and 40 cars burned.",
            [("Six people", 6.0, "people", "exact"), ("40 cars", 40.0, "vehicles", "exact")],
        ),
    ],
)
def test_numbers_news_a_number_after_a_verb_of_harm_counts_people(text, expected):
    assert quantities("en", text) == expected
