"""The rules of a year, as the texts in force that year set them (docs/rules.md has the sources
and how each was verified).

A cycle takes the rule sets in force in its year when it opens (``cycle.rules`` keeps their
keys and the board's settings), so a 2019 cycle cites Nghị định 56/2015 and 91/2017 and a 2026
cycle Nghị định 335/2025, 233/2026 and 152/2025, and the messages name those texts. Settings
the law leaves to the union or the province (the quota's rounding and scope, the CSTĐCS cap)
start from the defaults here and are the board's to change.
"""

from dataclasses import dataclass, field

CIVIL, PUBLIC = "cong_chuc", "vien_chuc"


@dataclass(frozen=True)
class RatingRules:
    """Staff rating (đánh giá, xếp loại chất lượng) of a period."""

    key: str
    first_year: int
    last_year: int
    name: str  # the texts, as a message names them
    # Rule → its source; a dict gives one source per staff type (công chức, viên chức).
    sources: dict = field(default_factory=dict)
    leave_cap_months: tuple | None = (3, 6)  # leave from 3 to under 6 months: at most HTNV
    on_time_required: bool = True  # HTTNV and above need every task on time and to quality
    quota_percent: float | None = None  # state quota on HTXSNV, % of those rated HTTNV
    quota_exception_percent: float | None = None
    quota_scope: str = "agency"
    # The 4th level's name where it differed (2019: for cán bộ and công chức).
    done_label: dict = field(default_factory=dict)
    duty_discipline_only: bool = False  # only discipline tied to the duties counts (2026)

    def source(self, rule: str, employment_type: str = "") -> str:
        text = self.sources.get(rule, self.name)
        if isinstance(text, dict):
            return text.get(employment_type) or "; ".join(dict.fromkeys(text.values()))
        return text


@dataclass(frozen=True)
class EmulationRules:
    """Emulation titles (danh hiệu thi đua) of a period."""

    key: str
    first_year: int
    last_year: int
    name: str
    sources: dict = field(default_factory=dict)
    cap_percent: float | None = 15  # CSTĐCS, % of LĐTT; None: no national cap
    cstdcs_excellent_suffices: bool = False  # HTXSNV instead of an initiative (Luật 2022)
    ldtt_min_months: int = 10  # no LĐTT for those recruited fewer months before the year-end

    def source(self, rule: str) -> str:
        return self.sources.get(rule, self.name)


ND56 = "Nghị định 56/2015/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định 88/2017/NĐ-CP"
ND90 = "Nghị định 90/2020/NĐ-CP"
ND90_48 = "Nghị định 90/2020/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định 48/2023/NĐ-CP"
ND335 = "Nghị định 335/2025/NĐ-CP"
ND233 = "Nghị định 233/2026/NĐ-CP"

RATING_RULES = (
    RatingRules(
        "ND56-2015", 2015, 2019, ND56, on_time_required=False,
        done_label={CIVIL: "Hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực"}),
    RatingRules(
        "ND90-2020", 2020, 2022, ND90,
        sources={"months": f"{ND90}, Điều 2 khoản 3",
                 "discipline": {CIVIL: f"{ND90}, Điều 11", PUBLIC: f"{ND90}, Điều 15"},
                 "criteria": {CIVIL: f"{ND90}, Điều 8, Điều 9", PUBLIC: f"{ND90}, Điều 12, 13"}}),
    RatingRules(
        "ND90-2020+ND48-2023", 2023, 2025, ND90_48, quota_percent=20,
        quota_scope="agency_and_type",
        sources={"months": f"{ND90}, Điều 2 khoản 3",
                 "discipline": f"{ND90}, Điều 2 khoản 5 (bổ sung bởi Nghị định 48/2023/NĐ-CP)",
                 "quota": f"{ND90}, Điều 2 khoản 6 (bổ sung bởi Nghị định 48/2023/NĐ-CP); "
                          f"Quy định 366-QĐ/TW năm 2025 của Đảng: không quá 20%",
                 "criteria": {CIVIL: f"{ND90}, Điều 8, Điều 9", PUBLIC: f"{ND90}, Điều 12, 13"}}),
    RatingRules(
        "ND335-2025+ND233-2026", 2026, 9999, f"{ND335} (công chức); {ND233} (viên chức)",
        leave_cap_months=None, on_time_required=False, quota_percent=20,
        quota_exception_percent=25, quota_scope="agency_and_type", duty_discipline_only=True,
        sources={"months": {CIVIL: ND335, PUBLIC: f"{ND233}, Điều 14"},
                 "discipline": {CIVIL: ND335, PUBLIC: f"{ND233}, Điều 12 khoản 4, Điều 14"},
                 "quota": {CIVIL: ND335, PUBLIC: f"{ND233}, Điều 12 khoản 6"},
                 "bands": {CIVIL: ND335, PUBLIC: f"{ND233}, Điều 12"}}),
)

LAW_2003 = "Luật Thi đua, Khen thưởng 2003 (sửa đổi 2005, 2013)"
LAW_2022 = "Luật Thi đua, khen thưởng 2022"

EMULATION_RULES = (
    EmulationRules(
        "TDKT2003+ND65-2014", 2014, 2016,
        f"{LAW_2003}; Nghị định 42/2010/NĐ-CP, 65/2014/NĐ-CP; Thông tư 07/2014/TT-BNV",
        sources={"cap": "Thông tư 07/2014/TT-BNV, Điều 5",
                 "cstdcs": f"{LAW_2003}, Điều 23", "deciding": f"{LAW_2003}, Điều 80 khoản 1"}),
    EmulationRules(
        "TDKT2003+ND91-2017", 2017, 2023, f"{LAW_2003}; Nghị định 91/2017/NĐ-CP",
        sources={"cap": "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3",
                 "cstdcs": "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3",
                 "ldtt": f"{LAW_2003}, Điều 24; Nghị định 91/2017/NĐ-CP",
                 "recruited": "Nghị định 91/2017/NĐ-CP (Lao động tiên tiến)",
                 "deciding": f"{LAW_2003}, Điều 80 khoản 1"}),
    EmulationRules(
        "TDKT2022+ND98-2023", 2024, 2024, f"{LAW_2022}; Nghị định 98/2023/NĐ-CP",
        cap_percent=None, cstdcs_excellent_suffices=True, ldtt_min_months=6,
        sources={"cstdcs": f"{LAW_2022}, Điều 23", "ldtt": f"{LAW_2022}, Điều 24; Thông tư "
                 "01/2024/TT-BNV", "recruited": "Thông tư 01/2024/TT-BNV",
                 "ballot": "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7",
                 "deciding": f"{LAW_2022}, Điều 80 khoản 1"}),
    EmulationRules(
        "TDKT2022+ND152-2025", 2025, 9999, f"{LAW_2022}; Nghị định 152/2025/NĐ-CP",
        cap_percent=None, cstdcs_excellent_suffices=True, ldtt_min_months=6,
        sources={"cstdcs": f"{LAW_2022}, Điều 23", "ldtt": f"{LAW_2022}, Điều 24",
                 "deciding": f"{LAW_2022}, Điều 80 khoản 1"}),
)


def _in_force(rule_sets, year: int):
    found = [r for r in rule_sets if r.first_year <= year <= r.last_year]
    return found[0] if found else (rule_sets[0] if year < rule_sets[0].first_year
                                   else rule_sets[-1])


def rating_rules(key_or_year) -> RatingRules:
    if isinstance(key_or_year, str):
        return next(r for r in RATING_RULES if r.key == key_or_year)
    return _in_force(RATING_RULES, key_or_year)


def emulation_rules(key_or_year) -> EmulationRules:
    if isinstance(key_or_year, str):
        return next(r for r in EMULATION_RULES if r.key == key_or_year)
    return _in_force(EMULATION_RULES, key_or_year)
