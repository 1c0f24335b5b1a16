"""The legal texts in force in a given year, for the "Căn cứ …" lines of the papers and the
sources named in the rules' messages. Each text carries the years it applied to; a 2019
paper cites what was in force in 2019. docs/rules.md says where each was verified.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    ground: str  # the "Căn cứ …" line
    first: int  # the first year it applies to
    last: int = 9999  # the last year it applies to


EMULATION = (
    Text("Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung "
         "một số điều của Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng "
         "11 năm 2013;", 2014, 2023),
    Text("Căn cứ Nghị định số 42/2010/NĐ-CP ngày 15 tháng 4 năm 2010 và Nghị định số "
         "65/2014/NĐ-CP ngày 01 tháng 7 năm 2014 của Chính phủ quy định chi tiết thi hành "
         "Luật Thi đua, Khen thưởng;", 2014, 2016),
    Text("Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định "
         "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;", 2017, 2023),
    Text("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", 2024),
    Text("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định "
         "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;", 2024, 2024),
    Text("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định "
         "về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và "
         "hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;", 2025),
)

RATING = (
    Text("Căn cứ Nghị định số 56/2015/NĐ-CP ngày 09 tháng 6 năm 2015 của Chính phủ về đánh "
         "giá và phân loại cán bộ, công chức, viên chức và Nghị định số 88/2017/NĐ-CP ngày 27 "
         "tháng 7 năm 2017 sửa đổi, bổ sung một số điều của Nghị định số 56/2015/NĐ-CP;",
         2017, 2019),
    Text("Căn cứ Nghị định số 90/2020/NĐ-CP ngày 13 tháng 8 năm 2020 của Chính phủ về đánh "
         "giá, xếp loại chất lượng cán bộ, công chức, viên chức;", 2020, 2025),
    Text("Căn cứ Nghị định số 48/2023/NĐ-CP ngày 17 tháng 7 năm 2023 của Chính phủ sửa đổi, "
         "bổ sung một số điều của Nghị định số 90/2020/NĐ-CP;", 2023, 2025),
    Text("Căn cứ Nghị định số 335/2025/NĐ-CP ngày 21 tháng 12 năm 2025 của Chính phủ quy định "
         "về đánh giá, xếp loại chất lượng đối với cơ quan hành chính nhà nước và công chức;",
         2026),
    Text("Căn cứ Nghị định số 233/2026/NĐ-CP ngày 26 tháng 6 năm 2026 của Chính phủ quy định "
         "về đánh giá, xếp loại chất lượng đối với đơn vị sự nghiệp công lập và viên chức;",
         2026),
)

UNION_AWARDS = (
    Text("Căn cứ Điều lệ Công đoàn Việt Nam;", 2000),
    Text("Căn cứ Quy định về công tác thi đua, khen thưởng của tổ chức Công đoàn ban hành kèm "
         "theo Quyết định số 1689/QĐ-TLĐ năm 2019 của Đoàn Chủ tịch Tổng Liên đoàn Lao động "
         "Việt Nam;", 2019, 2023),
    Text("Căn cứ Quy định về công tác thi đua, khen thưởng của tổ chức Công đoàn ban hành kèm "
         "theo Quyết định số 999/QĐ-TLĐ năm 2024 của Đoàn Chủ tịch Tổng Liên đoàn Lao động "
         "Việt Nam;", 2024),
)


def _in_force(texts, year: int) -> list[str]:
    return [text.ground for text in texts if text.first <= year <= text.last]


def emulation_grounds(year: int) -> list[str]:
    return _in_force(EMULATION, year)


def rating_grounds(year: int) -> list[str]:
    return _in_force(RATING, year)


def union_award_grounds(year: int) -> list[str]:
    return _in_force(UNION_AWARDS, year)
