"""The Tổng Liên đoàn's guidance on rating a CĐCS, as data with the years it governs.

A rating stores the key of the guidance it was made under, so a later guidance never
rewrites an earlier year. What is verified and what is assumed: docs/rules.md, section
"Đánh giá, xếp loại chất lượng hoạt động công đoàn cơ sở".
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from emulation.models.evaluations import Level


@dataclass(frozen=True)
class Criterion:
    code: str
    title: str
    max_points: Decimal


@dataclass(frozen=True)
class Band:
    """A level and the lowest total that reaches it."""

    level: str
    min_points: Decimal


@dataclass(frozen=True)
class UnionRatingGuide:
    key: str
    number: str
    title: str
    issued_on: date
    first_year: int
    last_year: int | None  # None: still in force
    criteria: tuple[Criterion, ...]
    bands: tuple[Band, ...]  # best first
    band_source: str  # where the thresholds come from, named in every message about them
    eligibility: str  # who may be rated at all, as the guidance says it

    @property
    def max_total(self) -> Decimal:
        return sum((c.max_points for c in self.criteria), Decimal(0))

    @property
    def levels(self) -> list[str]:
        return [band.level for band in self.bands]

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def band_for(self, total: Decimal) -> Band:
        return next(band for band in self.bands if total >= band.min_points)

    def band_range(self, band: Band) -> str:
        """"từ 70 đến dưới 90 điểm", as the message about a level says it."""
        index = self.bands.index(band)
        low = _points(band.min_points)
        if index == 0:
            return _("từ %(low)s điểm trở lên") % {"low": low}
        high = _points(self.bands[index - 1].min_points)
        if band.min_points == 0:
            return _("dưới %(high)s điểm") % {"high": high}
        return _("từ %(low)s đến dưới %(high)s điểm") % {"low": low, "high": high}


def _points(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


HD_1294 = UnionRatingGuide(
    key="HD1294-2019",
    number="1294/HD-TLĐ",
    title=_("Hướng dẫn đánh giá, xếp loại chất lượng hoạt động công đoàn cơ sở"),
    issued_on=date(2019, 8, 14),
    first_year=2019,
    last_year=None,
    criteria=(
        Criterion("1", _("Đại diện, chăm lo, bảo vệ quyền, lợi ích hợp pháp, chính đáng của "
                         "đoàn viên, người lao động; tham gia quản lý, thanh tra, kiểm tra, "
                         "giám sát"), Decimal(40)),
        Criterion("2", _("Xây dựng tổ chức công đoàn"), Decimal(40)),
        Criterion("3", _("Công tác tuyên truyền và các hoạt động khác"), Decimal(15)),
        Criterion("bonus", _("Điểm thưởng (thành tích nổi bật)"), Decimal(5)),
    ),
    bands=(
        Band(Level.EXCELLENT, Decimal(90)),
        Band(Level.GOOD, Decimal(70)),
        Band(Level.DONE, Decimal(50)),
        Band(Level.NOT_DONE, Decimal(0)),
    ),
    band_source=_("thang xếp loại của Hướng dẫn 1294/HD-TLĐ (theo hướng dẫn thực hiện của "
                  "công đoàn cấp trên)"),
    eligibility=_("Mục II.2 Hướng dẫn 1294/HD-TLĐ: công đoàn cơ sở đã hoạt động đủ 12 tháng "
                  "trở lên (sau chia tách, sáp nhập, hợp nhất: đủ 06 tháng trở lên)."),
)

GUIDES = (HD_1294,)


def guide_for_year(year: int) -> UnionRatingGuide | None:
    """The guidance in force for the year rated; None before the first one modelled."""
    return next((guide for guide in GUIDES if guide.covers(year)), None)


def guide_by_key(key: str) -> UnionRatingGuide:
    return next(guide for guide in GUIDES if guide.key == key)
