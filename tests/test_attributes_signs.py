"""Signs: a level or a share is never negative; a fall in a rate is, in every wording; a cut
stays positive."""

import pytest

from extract.document import DocMeta, Document
from extract.pipeline.claims import extract_document


def signed(lang: str, text: str):
    rows = extract_document(Document("x.txt", text, DocMeta(lang=lang, published="2024-06-01")))
    return [(text[r["start"] : r["end"]], r["value"], r["value_max"]) for r in rows]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # Levels and shares, whatever decline word is near.
        ("vi", "Tỷ lệ hộ nghèo giảm còn 16,3%.", [16.3]),
        ("vi", "Tỷ lệ thất thoát giảm 0,5% xuống còn 16,3%.", [-0.5, 16.3]),
        ("vi", "Nhóm này chiếm 58,4% tổng số, giảm mạnh.", [58.4]),
        ("vi", "Tỷ lệ thất thoát (giảm 0,5%); tỷ lệ thu gom đạt 16,3%.", [-0.5, 16.3]),
        ("en", "The poverty rate was reduced to 4.2%.", [4.2]),
        ("en", "Exports fell 5% to 16.3% of the total.", [-5.0, 16.3]),
        ("en", "Coal fell 2% and now accounts for 58.4% of supply.", [-2.0, 58.4]),
        ("en", "Losses dropped 3%, to nearly 12%.", [-3.0, 12.0]),
        ("fr", "Le taux de chômage est inférieur à 7 %.", [7.0]),
        ("fr", "Le chômage a reculé à 7,1 %.", [7.1]),
        # A fall in a rate, in every wording, and carried along a list in one clause.
        ("en", "Prices slipped 0.3% in May.", [-0.3]),
        # Every inflection of a change verb is a change word ("falling", "sliding").
        ("en", "Output rose 2% after falling 1.5% and sliding 0.4%.", [2.0, -1.5, -0.4]),
        ("en", "Output declined 2.3%, 1.4% and 0.9%.", [-2.3, -1.4, -0.9]),
        ("fr", "Les ventes sont en baisse de 2,5 %.", [-2.5]),
        ("vi", "Chỉ số giảm 2,3%, 1,4% và 0,9%.", [-2.3, -1.4, -0.9]),
        ("vi", "Chỉ số giảm 2,3, 1,4 và 0,9%.", [-2.3, -1.4, -0.9]),
        # A cut is positive.
        ("en", "The plan calls for a 60-70% reduction in units.", [60.0]),
        ("en", "Units will fall by 66.91%, in line with a 60-70% reduction.", [-66.91, 60.0]),
        # A share followed by what it takes away is the cut itself; a fall compared is not.
        ("vi", "Phải giảm tối thiểu 15% đầu mối bên trong.", [15.0]),
        ("vi", "Cắt giảm 20% số cơ quan trực thuộc.", [20.0]),
        ("vi", "Biên chế giảm 6,7% so với năm 2015.", [-6.7]),
        ("vi", "Xuất khẩu giảm 5% do thiếu đơn hàng.", [-5.0]),
    ],
)
def test_attributes_signs_levels_falls_and_cuts(lang, text, expected):
    assert [v for _, v, _ in signed(lang, text)] == pytest.approx(expected)
