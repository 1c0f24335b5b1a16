"""Demo emulation of the CĐCS of Sở TT&TT Gia Lai: 2019 complete and published, the current
year under way.

2019 follows the year the seed article describes: the movement "Lao động giỏi, Lao động sáng
tạo" and the campaign "Trung thành, trách nhiệm, liêm chính, sáng tạo"; every member of the
union in January registers for the movement (one registration returned, corrected and
approved), every group aims at "Tổ công đoàn vững mạnh"; six initiatives on CCHC, five
recognised; a reprimand, a maternity leave and a long sick leave; the cycle opened on
25/11/2019, decided by the board within every rule and published (like 2016's 39 LĐTT and 6
CSTĐCS of 43: most members LĐTT, a handful CSTĐCS); the year's awards with their decisions;
the year-end report issued on 20/12/2019 as 02/BC-CĐCS (01/BC being the mid-year report,
entered in the register by hand).
The two members who joined the union in mid-2019 missed the January registration: they sign up
for the campaign when they join, are rated, but are not LĐTT. The current year (the year of
the day of seeding, ``today``) stands on that day: every member registered in January (those
whose day has come when seeding in January), an initiative recognised on 20 October once that
day has passed and two before the council, the year-end cycle open (on 20 November, or the
day before seeding if that is earlier) with its deadlines ahead of ``today`` (4, 9 and 14
December, or later in December when seeding in December), most self-assessments in and the
proposals of one group. Nothing of it is dated on or after ``today``.

Idempotent like ``seed_union``: rows are looked up by their natural key (movement by union,
year and name; registration by movement and member or group; initiative by union, year and
title; discipline by member, date and level; absence by member and year; cycle by union and
year; award by type, recipient and year) and only the missing ones are created, always through
``emulation.services`` and with explicit dates. The steps of a cycle are taken only when this
run opened it; the current year's registrations and initiatives only when this run created its
movements, so that a run on a later day of the year writes nothing. Spreads of days come from
a checksum of the natural key, never from chance.
"""

import zlib
from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation

from demo.dates import on
from emulation.documents import report_recipients, report_subject
from emulation.models import (
    LEVEL_RANK,
    LEVEL_SHORT,
    Absence,
    Agency,
    AgencyLeader,
    Award,
    AwardType,
    Candidacy,
    Council,
    CouncilMeeting,
    CouncilSeat,
    DecidingBody,
    Decision,
    Discipline,
    EvaluationCycle,
    Initiative,
    Level,
    Movement,
    Registration,
)
from emulation.models.union_rating import UnionRating
from emulation.services import (
    absence_save,
    agency_leader_save,
    agency_save,
    award_save,
    award_types_ensure,
    ballots_record,
    council_meeting_save,
    council_save,
    cycle_open,
    cycle_set_status,
    decision_record,
    discipline_save,
    evaluation_board_propose,
    evaluation_propose,
    evaluation_self_assess,
    group_meeting_save,
    initiative_decide,
    initiative_submit,
    movement_save,
    proposal_submit,
    registration_decide,
    registration_submit,
    report_issue,
    report_text_save,
    suggested_level,
)
from emulation.services.decisions import ballot_candidacies
from emulation.services.evaluations import members_of_year
from emulation.services.union_rating import (
    union_rating_decide,
    union_rating_save,
    union_rating_submit,
)
from union.models import DocumentKind, Union
from union.register import document_issue, register_entry

UNION = "CĐCS Sở TT&TT Gia Lai"
LDTT, CSTDCS, DVCDXS, STRONG_GROUP = (AwardType.LDTT, AwardType.CSTDCS, AwardType.DVCDXS,
                                      AwardType.STRONG_GROUP)
EXCELLENT, GOOD, DONE, NOT_DONE = Level.EXCELLENT, Level.GOOD, Level.DONE, Level.NOT_DONE

MAIN_MOVEMENT = "Lao động giỏi, Lao động sáng tạo"
CAMPAIGN = "Cuộc vận động “Trung thành, trách nhiệm, liêm chính, sáng tạo”"
# Name: content, criteria, last day of registration ("MM-DD"). Whoever joins the union later
# in the year signs up for the campaign when they join.
MOVEMENTS = {
    MAIN_MOVEMENT: (
        "Thi đua hoàn thành xuất sắc nhiệm vụ chuyên môn, phát huy sáng kiến, cải tiến lề lối "
        "làm việc gắn với công tác cải cách hành chính của cơ quan.",
        "Hoàn thành nhiệm vụ được giao đúng hạn; có sáng kiến, giải pháp được công nhận; "
        "chấp hành tốt nội quy, quy chế cơ quan.", "01-31",
    ),
    CAMPAIGN: (
        "Cuộc vận động xây dựng người cán bộ, công chức, viên chức “Trung thành, trách nhiệm, "
        "liêm chính, sáng tạo” gắn với học tập và làm theo tư tưởng, đạo đức, phong cách Hồ "
        "Chí Minh.",
        "Không có đoàn viên vi phạm kỷ luật; không có phản ánh, kiến nghị về thái độ phục vụ "
        "người dân, doanh nghiệp.", "12-31",
    ),
}

# Titles aimed at in January beyond Lao động tiên tiến, which every registrant aims at; the
# current year's under "living".
AIMS = {
    2019: {
        CSTDCS: ("Bùi Thị Thu Hà", "Phan Thị Ngọc", "Nguyễn Văn Anh", "Hồ Thị Thanh Hà",
                 "Ksor Phú", "Vũ Thị Ương", "Tạ Quang Vinh", "Phùng Văn Long", "Trịnh Văn Khoa",
                 "Lê Văn Đạt", "Đỗ Văn Hải"),
        DVCDXS: ("Lê Thị Ánh", "Phan Thị Ngọc", "Đỗ Thị Kim Oanh", "Cao Văn Ân",
                 "Nguyễn Thị Lan Anh", "Đoàn Thị Uyên", "Kiều Thị Ngân", "Nguyễn Thị Hạnh",
                 "Lưu Đức Thịnh"),
    },
    "living": {
        CSTDCS: ("Bùi Thị Thu Hà", "Nguyễn Văn Anh", "Phùng Văn Long", "Trịnh Văn Khoa",
                 "Nguyễn Thị Lan Anh", "Lê Văn Đạt", "Trần Quốc Bảo"),
        DVCDXS: ("Lê Thị Ánh", "Phan Thị Ngọc", "Trương Thị Hạ", "Kiều Thị Ngân",
                 "Nguyễn Thị Hồng Nhung"),
    },
}
RETURNED = {2019: {"Nguyễn Văn Anh": "Đăng ký Chiến sĩ thi đua cơ sở nhưng chưa nêu chỉ tiêu "
                                     "sáng kiến; đề nghị bổ sung."}}
CAMPAIGN_TARGETS = ("Trung thành, trách nhiệm, liêm chính, sáng tạo trong thực thi nhiệm vụ; "
                    "không có phản ánh về thái độ phục vụ.")
GROUP_TARGETS = ("100% đoàn viên hoàn thành nhiệm vụ, trên 70% đạt Lao động tiên tiến; không có "
                 "đoàn viên vi phạm kỷ luật; tham gia đầy đủ các hoạt động công đoàn.")


class InitiativeSpec(NamedTuple):
    year: int | None  # None: the current year's, its decision's date given as "MM-DD"
    title: str
    authors: tuple[str, ...]
    value_vnd: int
    description: str
    effect: str
    decision: tuple[str, str] | None  # (number, ISO date) when the council recognised it
    note: str = ""  # why it was not recognised


INITIATIVES = (
    InitiativeSpec(
        2019, "Số hóa quy trình tiếp nhận hồ sơ một cửa",
        ("Bùi Thị Thu Hà", "Nguyễn Văn Anh", "Phan Thị Ngọc"), 42_000_000,
        "Quét, ký số và lưu hồ sơ tiếp nhận tại bộ phận một cửa trên Hệ thống thông tin giải "
        "quyết TTHC thay cho sổ theo dõi giấy.",
        "Thời gian tiếp nhận một hồ sơ giảm từ 20 xuống 8 phút; giảm chi phí in, lưu trữ.",
        ("01/QĐ-HĐSK", "2019-10-15")),
    InitiativeSpec(
        2019, "Phần mềm theo dõi văn bản đến", ("Phùng Văn Long", "Trịnh Văn Khoa"), 30_000_000,
        "Phần mềm trên nền hệ thống quản lý văn bản và điều hành, tự nhắc hạn xử lý văn bản "
        "đến cho chuyên viên và lãnh đạo phòng.",
        "Văn bản đến quá hạn xử lý giảm từ 6% xuống dưới 1%.", ("02/QĐ-HĐSK", "2019-10-15")),
    InitiativeSpec(
        2019, "Bộ tiêu chí rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền của Sở",
        ("Hồ Thị Thanh Hà", "Ksor Phú"), 15_000_000,
        "Bộ tiêu chí và biểu mẫu rà soát từng thành phần hồ sơ, thời hạn giải quyết TTHC.",
        "Đề xuất đơn giản hóa 12 TTHC, cắt giảm 30% thời gian giải quyết.",
        ("03/QĐ-HĐSK", "2019-10-15")),
    InitiativeSpec(
        2019, "Chuẩn hóa biểu mẫu điện tử cho dịch vụ công trực tuyến mức độ 3, 4",
        ("Lê Văn Đạt", "Đỗ Văn Hải", "Huỳnh Tấn Phát"), 60_000_000,
        "Thiết kế lại biểu mẫu điện tử, tự điền thông tin của tổ chức, cá nhân đã nộp trước.",
        "Tỷ lệ hồ sơ trực tuyến mức độ 3, 4 tăng từ 12% lên 35%.", ("04/QĐ-HĐSK", "2019-11-12")),
    InitiativeSpec(
        2019, "Bảng tính tự động lập báo cáo thực hiện dự toán", ("Vũ Thị Ương", "Tạ Quang Vinh"),
        8_000_000, "Bảng tính lấy số liệu từ phần mềm kế toán, tự lập báo cáo thực hiện dự toán.",
        "Thời gian lập báo cáo tháng giảm từ 2 ngày xuống nửa ngày.",
        ("05/QĐ-HĐSK", "2019-11-12")),
    InitiativeSpec(
        2019, "Ứng dụng nhóm Zalo trong trao đổi công việc của tổ", ("Đoàn Thị Uyên",),
        2_000_000, "Lập nhóm Zalo của tổ để giao việc và trao đổi văn bản.",
        "Trao đổi công việc nhanh hơn.", None,
        "Giải pháp đã áp dụng phổ biến, chưa có tính mới; chưa bảo đảm an toàn thông tin khi "
        "trao đổi văn bản."),
    InitiativeSpec(
        None, "Trợ lý ảo hỏi đáp thủ tục hành chính trên Trang thông tin điện tử của Sở",
        ("Lê Văn Đạt", "Trần Quốc Bảo"), 25_000_000,
        "Trả lời tự động các câu hỏi thường gặp về TTHC của Sở, chuyển câu hỏi khác cho "
        "chuyên viên.", "Giảm 40% cuộc gọi hỏi đáp đến bộ phận một cửa.",
        ("01/QĐ-HĐSK", "10-20")),
    InitiativeSpec(
        None, "Ký số văn bản trên thiết bị di động cho lãnh đạo phòng",
        ("Nguyễn Thị Lan Anh", "Trịnh Văn Khoa"), 18_000_000,
        "Dùng chữ ký số từ xa trên điện thoại để ký văn bản khi đi công tác.",
        "Văn bản không còn chờ lãnh đạo phòng đi công tác về ký.", None),
    InitiativeSpec(
        None, "Sổ tay điện tử hướng dẫn nộp hồ sơ trực tuyến", ("Phan Thị Ngọc",), 5_000_000,
        "Sổ tay có hình minh họa từng bước nộp hồ sơ trên Cổng dịch vụ công của tỉnh.",
        "Giảm hồ sơ trực tuyến phải trả lại để bổ sung.", None),
)

# Name: (months not worked, maternity, note); the reprimand: name, date, decision, reason.
ABSENCES_2019 = {
    "Dương Thị Thu Trang": (Decimal(5), True, "Nghỉ thai sản từ 04/3/2019 đến 03/8/2019."),
    "Châu Văn Lợi": (Decimal(4), False, "Nghỉ ốm dài ngày từ 02/5/2019 đến 01/9/2019."),
}
REPRIMAND_2019 = ("Hà Văn Ngọc", date(2019, 8, 12), "85/QĐ-STTTT",
                  "Tự ý nghỉ làm việc 03 ngày không có lý do chính đáng.")

# The board's 2019 decisions, guided by the initiatives and the monthly checks' scores;
# everyone else HTTNV, and LĐTT when registered in January.
CSTDCS_2019 = ("Nguyễn Văn Anh", "Vũ Thị Ương", "Tạ Quang Vinh", "Phùng Văn Long", "Lê Văn Đạt")
EXCELLENT_2019 = (*CSTDCS_2019, "Phan Thị Ngọc")
DVCDXS_2019 = ("Phan Thị Ngọc", "Đỗ Thị Kim Oanh", "Cao Văn Ân", "Nguyễn Thị Lan Anh",
               "Đoàn Thị Uyên", "Kiều Thị Ngân", "Nguyễn Thị Hạnh")
BELOW_2019 = {
    "Hà Văn Ngọc": (NOT_DONE, "Bị kỷ luật khiển trách trong năm (Quyết định số 85/QĐ-STTTT)."),
    "Châu Văn Lợi": (DONE, "Nghỉ ốm 4 tháng trong năm: tối đa Hoàn thành nhiệm vụ."),
    "Trương Thị Hạ": (DONE, "Còn để chậm một số nhiệm vụ được giao."),
}
NO_SELF_ASSESSMENT_2019 = ("Hà Văn Ngọc", "Lương Văn Thắng", "Ngô Thị Hương")
LATE_NOTE = ("Gia nhập công đoàn sau tháng 01, không đăng ký phong trào “Lao động giỏi, Lao động "
             "sáng tạo”: không xét Lao động tiên tiến.")
QUOTA_NOTE = ("Tổ đề xuất Hoàn thành xuất sắc nhiệm vụ; số Hoàn thành xuất sắc nhiệm vụ không quá "
              "20% số Hoàn thành tốt nhiệm vụ, BCH xét chọn theo kết quả kiểm tra hằng tháng.")
CAP_NOTE = ("Có sáng kiến được công nhận, nhưng số Chiến sĩ thi đua cơ sở không quá 15% số Lao "
            "động tiên tiến: BCH chọn 05 đồng chí.")
SELF_TEXT = {
    EXCELLENT: "Hoàn thành xuất sắc các nhiệm vụ được giao, chủ động tham mưu, có sáng kiến "
               "cải tiến lề lối làm việc; chấp hành tốt nội quy, quy chế cơ quan.",
    GOOD: "Hoàn thành tốt các nhiệm vụ được giao, đúng tiến độ; chấp hành tốt nội quy, quy chế "
          "cơ quan; tích cực tham gia các phong trào thi đua.",
}
PROPOSAL_TEXT = {
    EXCELLENT: "Tổ thống nhất đề nghị: hoàn thành xuất sắc nhiệm vụ, có sáng kiến được công nhận.",
    GOOD: "Tổ thống nhất đề nghị: hoàn thành tốt nhiệm vụ được giao.",
    DONE: "Tổ đề nghị: hoàn thành nhiệm vụ; còn hạn chế về tiến độ hoặc thời gian làm việc.",
    NOT_DONE: "Tổ đề nghị: không hoàn thành nhiệm vụ do bị kỷ luật trong năm.",
}


# The department whose head decides, and its 2019 council (chaired by the Giám đốc Sở; the
# union's chair, a Phó Giám đốc, is a vice-chair).
AGENCY = dict(name="Sở Thông tin và Truyền thông tỉnh Gia Lai",
              letterhead_name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
              superior_name="Ủy ban nhân dân tỉnh Gia Lai", document_code="STTTT",
              place_name="Gia Lai")
HEAD, DEPUTY = AgencyLeader.Role.HEAD, AgencyLeader.Role.DEPUTY
LEADERS = (("Nguyễn Văn An", HEAD, "Giám đốc", date(2016, 3, 1)),
           ("Mai Xuân Trường", DEPUTY, "Phó Giám đốc", date(2015, 7, 1)),
           ("Đặng Văn Hùng", DEPUTY, "Phó Giám đốc", date(2017, 1, 9)))
COUNCIL_2019 = "Quyết định số 05/QĐ-STTTT ngày 10/01/2019 của Giám đốc Sở"
COUNCIL_2019_DAY = date(2019, 1, 10)
CHAIR, VICE, SEAT, SECRETARY = (CouncilSeat.Role.CHAIR, CouncilSeat.Role.VICE_CHAIR,
                                CouncilSeat.Role.MEMBER, CouncilSeat.Role.SECRETARY)
SEATS_2019 = (
    (CHAIR, "Nguyễn Văn An", "Giám đốc Sở"),
    (VICE, "Mai Xuân Trường", "Phó Giám đốc Sở, Chủ tịch Công đoàn cơ sở"),
    (VICE, "Đặng Văn Hùng", "Phó Giám đốc Sở"),
    (SEAT, "Trần Văn Bình", "Chánh Thanh tra Sở"),
    (SEAT, "Phạm Thị Dung", "Trưởng phòng Kế hoạch - Tài chính"),
    (SEAT, "Hoàng Văn Đức", "Trưởng phòng Bưu chính, Viễn thông và Công nghệ thông tin"),
    (SEAT, "Trần Thị Bích Ngọc", "Trưởng phòng Thông tin - Báo chí - Xuất bản"),
    (SEAT, "Huỳnh Tấn Phát", "Giám đốc Trung tâm Công nghệ thông tin và Truyền thông"),
    (SECRETARY, "Bùi Thị Thu Hà", "Chánh Văn phòng Sở"),
)
ABSENT_2019 = "Hoàng Văn Đức"  # on a work trip: 8 of 9 voting members present
# Agreeing votes of the 8 cast (9 members; CSTĐCS needs 70 % of the members, i.e. 7).
VOTES_2019 = {"Vũ Thị Ương": 7, "Tạ Quang Vinh": 7}
COUNCIL_OPINIONS = ("Hội đồng nghe Chủ tịch Công đoàn cơ sở trình bày tờ trình của Ban Chấp hành; "
                    "các thành viên thống nhất với đề nghị xếp loại và danh hiệu, đề nghị các "
                    "phòng tiếp tục nhân rộng các sáng kiến được công nhận.")
COUNCIL_CONCLUSIONS = ("Đề nghị Giám đốc Sở công nhận kết quả xếp loại, danh hiệu Lao động tiên "
                       "tiến và danh hiệu Chiến sĩ thi đua cơ sở năm 2019 cho các cá nhân đạt "
                       "tỷ lệ phiếu theo quy chế.")
GROUP_NOTE = ("Tổ đã nghe từng đoàn viên tự nhận xét, góp ý và thống nhất đề xuất mức xếp loại "
              "như danh sách.")
HEAD_LEVEL_2019 = GOOD
# What each decision was: (whose, title code or None for the rating, number, date, signer,
# signer's title). The Giám đốc's own rating is the province's.
DECISIONS_2019 = (
    ("staff", None, "312/QĐ-STTTT", date(2019, 12, 20), "Nguyễn Văn An", "Giám đốc"),
    ("head", None, "2150/QĐ-UBND", date(2019, 12, 26), "Trần Văn Sơn",
     "Chủ tịch Ủy ban nhân dân tỉnh"),
    ("staff", LDTT, "315/QĐ-STTTT", date(2019, 12, 23), "Nguyễn Văn An", "Giám đốc"),
    ("staff", CSTDCS, "316/QĐ-STTTT", date(2019, 12, 23), "Nguyễn Văn An", "Giám đốc"),
    ("staff", DVCDXS, "", date(2019, 12, 27), "Mai Xuân Trường", "Chủ tịch"),
)


class AwardSpec(NamedTuple):
    type_name: str
    recipient: str  # a member's full name or a group's name
    achievement: str
    decision_number: str
    decision_date: date
    issuer: str  # "board", "upper" or "province": worded from the union's names


ACHIEVED_2019 = "thành tích xuất sắc trong phong trào thi đua “Lao động giỏi, Lao động sáng tạo”"
BOARD_PAPER = "Giấy khen của Ban Chấp hành công đoàn cơ sở"
AWARDS_2019 = (
    *(AwardSpec("Tổ công đoàn vững mạnh", group, "Đạt danh hiệu Tổ công đoàn vững mạnh năm 2019",
                "", date(2019, 12, 27), "board")
      for group in ("Tổ Văn phòng", "Tổ Trung tâm Công nghệ thông tin và Truyền thông")),
    *(AwardSpec(BOARD_PAPER, name, f"Đã có {ACHIEVED_2019} và hoạt động công đoàn năm 2019",
                "", date(2019, 12, 27), "board")
      for name in ("Đỗ Thị Kim Oanh", "Cao Văn Ân", "Đoàn Thị Uyên", "Kiều Thị Ngân")),
    AwardSpec("Giấy khen của công đoàn cấp trên", "Bùi Thị Thu Hà",
              "Đã có thành tích xuất sắc trong công tác công đoàn gắn với cải cách hành chính "
              "năm 2019", "52/QĐ-CĐVC", date(2020, 1, 8), "upper"),
    AwardSpec("Bằng khen của Liên đoàn Lao động tỉnh", "Mai Xuân Trường",
              f"Đã có {ACHIEVED_2019} và xây dựng tổ chức công đoàn vững mạnh năm 2019",
              "215/QĐ-LĐLĐ", date(2020, 1, 20), "province"),
)

# The register of outgoing documents in 2019: the mid-year report, signed on paper and
# entered by hand (01/BC), then the year-end report issued on the published results (02/BC).
MID_YEAR_REPORT_2019 = (
    "Sơ kết công tác công đoàn 6 tháng đầu năm, phương hướng, nhiệm vụ 6 tháng cuối năm 2019",
    date(2019, 7, 10),
)
YEAR_REPORT_2019_DAY = date(2019, 12, 31)
# The report's own words, from what the union wrote about its year (the seed article of
# 31/10/2019): the assessment, the union's part in the Sở's reform, what fell short and why,
# the five directions it set, and what it asks of the upper union.
REPORT_TEXT_2019 = {
    "assessment": (
        "Ban Chấp hành đã chỉ đạo các tổ công đoàn trực thuộc tuyên truyền, vận động đoàn "
        "viên, công chức, viên chức, người lao động tích cực thực hiện chương trình cải cách "
        "hành chính theo chức năng, nhiệm vụ được giao; phối hợp với Thủ trưởng cơ quan theo "
        "Quy chế phối hợp ký ngày 29/01/2018 xây dựng Kế hoạch năm, phân công trách nhiệm cụ "
        "thể và kiểm tra định kỳ hằng tháng.\n"
        "Phong trào thi đua “Lao động giỏi, Lao động sáng tạo” được gắn với công tác cải cách "
        "hành chính trong thực thi công vụ; việc thực hiện chỉ tiêu cải cách hành chính là căn "
        "cứ đánh giá, xếp loại đoàn viên cuối năm."),
    "reform": (
        "Đây là năm thứ ba liên tục (2016–2018) Sở dẫn đầu các sở, ngành của tỉnh về chỉ số "
        "cải cách hành chính. Công đoàn góp phần qua tuyên truyền, vận động đoàn viên, phát huy "
        "sáng kiến, cải tiến lề lối làm việc."),
    "shortcomings": (
        "Công tác cải cách hành chính của Sở vẫn còn hạn chế, chưa đáp ứng yêu cầu; hiệu quả "
        "hoạt động chưa cao."),
    "causes": (
        "Một bộ phận đoàn viên chưa nhận thức đầy đủ tầm quan trọng của cải cách hành chính; "
        "việc kiểm tra, đôn đốc ở một số tổ công đoàn chưa thường xuyên."),
    "direction": (
        "Thường xuyên tuyên truyền nâng cao nhận thức của đoàn viên về công tác cải cách hành "
        "chính; gắn cải cách hành chính với phong trào thi đua “Lao động giỏi, Lao động sáng "
        "tạo” và cuộc vận động “Trung thành, trách nhiệm, liêm chính, sáng tạo”.\n"
        "Tiếp tục thực hiện có hiệu quả Nghị quyết số 18-NQ/TW và Nghị quyết số 19-NQ/TW; nắm "
        "bắt tâm tư, nguyện vọng của đoàn viên khi sắp xếp tổ chức bộ máy.\n"
        "Tổ chức tốt các phong trào thi đua, phát huy sáng kiến; tổ chức tập huấn cho đoàn "
        "viên về công tác cải cách hành chính.\n"
        "Mỗi tổ công đoàn vận động đoàn viên thực hiện kế hoạch cải cách hành chính của cơ "
        "quan: cải cách thủ tục hành chính, cơ chế một cửa, một cửa liên thông, ứng dụng công "
        "nghệ thông tin, dịch vụ công trực tuyến.\n"
        "Thực hiện tốt công tác thi đua, khen thưởng; đánh giá, xếp loại đoàn viên, công chức, "
        "viên chức, người lao động, động viên, khen thưởng kịp thời."),
    "recommendations": (
        "Đề nghị Công đoàn Viên chức tỉnh tiếp tục mở lớp tập huấn nghiệp vụ công tác thi "
        "đua, khen thưởng cho cán bộ công đoàn cơ sở."),
}


@transaction.atomic
def seed_emulation(*, today: date, stdout=None):
    """Create what is missing of the demo emulation (and every union's award catalogue)."""
    for union in Union.objects.all():
        award_types_ensure(union=union)
    union = Union.objects.get(short_name=UNION)
    demo = _Demo(union)
    demo.movements(2019)
    demo.registrations(2019)
    demo.initiatives(2019)
    living = today.year > 2019
    if living and not Movement.objects.filter(union=union, year=today.year).exists():
        demo.movements(today.year)
        demo.registrations(today.year, before=today)
        demo.initiatives(today.year, before=today)
    demo.records()
    demo.agency()
    demo.cycle_2019()
    if living:
        demo.cycle_living(today)
    demo.awards(AWARDS_2019, year=2019)
    seed_union_rating_2019()
    demo.reports_2019()
    if stdout is not None:
        for year in (2019, today.year) if living else (2019,):
            stdout.write(_summary(union, year))


def _day(first: date, span: int, key: str) -> date:
    """A day among the ``span`` days from ``first``, the same for a key on every run."""
    return first + timedelta(days=zlib.crc32(key.encode()) % span)


class _Demo:
    def __init__(self, union: Union):
        self.union = union
        self.people = {m.full_name: m for m in union.members.select_related("user")}
        self.groups = {g.name: g for g in union.groups.select_related("leader__user")}
        types = AwardType.objects.filter(union=union)
        self.types = {key: t for t in types for key in (t.code, t.name) if key}  # code or name

    def movements(self, year: int):
        for name, (content, criteria, closes) in MOVEMENTS.items():
            if not Movement.objects.filter(union=self.union, year=year, name=name).exists():
                movement_save(movement=Movement(
                    union=self.union, year=year, name=name, content=content, criteria=criteria,
                    starts_on=date(year, 1, 1), ends_on=date(year, 12, 31),
                    registration_opens=date(year, 1, 2),
                    registration_closes=date.fromisoformat(f"{year}-{closes}")))

    def registrations(self, year: int, before: date | None = None):
        """Every member of the union in January and every group, approved; later joiners.
        Nobody registers on or after ``before``."""
        movement = Movement.objects.get(union=self.union, year=year, name=MAIN_MOVEMENT)
        have = set(movement.registrations.values_list("member_id", "group_id"))
        members = members_of_year(self.union.pk, year).order_by("pk")
        for member in members.filter(joined_union_on__lte=date(year, 1, 31)):
            if (member.pk, None) not in have:
                self.register(movement, member, before)
        for group in self.groups.values():
            day = _day(date(year, 1, 10), 15, group.name)
            if (None, group.pk) not in have and _before(day, before):
                registration = registration_submit(
                    movement=movement, group=group, titles=[self.types[STRONG_GROUP]],
                    targets=GROUP_TARGETS, today=day)
                registration_decide(registration=registration, approve=True)
                _dated(registration, day)
        # Workaround: the services refuse every step of the evaluation of a member without an
        # approved registration (Evaluation.registered_titles may not be blank); the board
        # still withholds LĐTT from them (LATE_NOTE).
        campaign = Movement.objects.get(union=self.union, year=year, name=CAMPAIGN)
        signed = set(campaign.registrations.values_list("member_id", flat=True))
        for member in members.filter(joined_union_on__gt=date(year, 1, 31)):
            day = member.joined_union_on + timedelta(days=7)
            if member.pk not in signed and _before(day, before):
                registration = registration_submit(
                    movement=campaign, member=member, titles=[self.types[LDTT]],
                    targets=CAMPAIGN_TARGETS, today=day)
                registration_decide(registration=registration, approve=True)
                _dated(registration, day)

    def register(self, movement: Movement, member, before: date | None = None):
        year, name = movement.year, member.full_name
        aims = AIMS.get(year, AIMS["living"])
        codes = [LDTT, *(code for code, names in aims.items() if name in names)]
        titles = [self.types[code] for code in codes]
        day = _day(date(year, 1, 3), 20, f"{year}|{name}")
        returned = RETURNED.get(year, {}).get(name)
        if not _before(day + timedelta(days=5 if returned else 0), before):
            return
        registration = registration_submit(
            movement=movement, member=member, titles=titles, today=day,
            targets=_targets(codes, with_initiative=not returned))
        if returned:
            registration_decide(registration=registration, approve=False, reason=returned)
            day += timedelta(days=5)
            registration = registration_submit(
                movement=movement, member=member, titles=titles, targets=_targets(codes),
                today=day)
        registration_decide(registration=registration, approve=True)
        _dated(registration, day)

    def initiatives(self, year: int, before: date | None = None):
        """The year's initiatives (the current year's when ``before`` is given), decided if
        their day has come before ``before``."""
        have = set(Initiative.objects.filter(union=self.union, year=year).values_list(
            "title", flat=True))
        for spec in INITIATIVES:
            if spec.year != (None if before else year) or spec.title in have:
                continue
            initiative = initiative_submit(initiative=Initiative(
                union=self.union, year=year, title=spec.title, description=spec.description,
                effect=spec.effect, value_vnd=spec.value_vnd,
            ), authors=[self.people[name] for name in spec.authors])
            number, day = spec.decision or ("", "")
            decided = day and date.fromisoformat(day if spec.year else f"{year}-{day}")
            if decided and _before(decided, before):
                initiative_decide(initiative=initiative, status=Initiative.Status.RECOGNISED,
                                  decision_number=number, decision_date=decided)
            elif spec.note:
                initiative_decide(initiative=initiative, note=spec.note,
                                  status=Initiative.Status.NOT_RECOGNISED)

    def records(self):
        name, decided_on, decision, reason = REPRIMAND_2019
        member, level = self.people[name], Discipline.Level.REPRIMAND
        if not Discipline.objects.filter(member=member, decided_on=decided_on,
                                         level=level).exists():
            discipline_save(discipline=Discipline(member=member, level=level, reason=reason,
                                                  decided_on=decided_on, decision=decision))
        for name, (months, maternity, note) in ABSENCES_2019.items():
            if not Absence.objects.filter(member=self.people[name], year=2019).exists():
                absence_save(absence=Absence(member=self.people[name], year=2019, months=months,
                                             maternity=maternity, note=note))

    @on(COUNCIL_2019_DAY)
    def agency(self):
        """The department, its head and deputies, and its 2019 council."""
        agency = Agency.objects.filter(union=self.union).first()
        if agency is None:
            agency = agency_save(agency=Agency(union=self.union, **AGENCY), by=None)
            for name, role, title, started in LEADERS:
                agency_leader_save(leader=AgencyLeader(
                    agency=agency, role=role, title=title, full_name=name,
                    member=self.people.get(name), started_on=started), by=None)
        if not Council.objects.filter(union=self.union, year=2019).exists():
            council_save(council=Council(agency=agency, year=2019, established_by=COUNCIL_2019),
                         seats=[CouncilSeat(role=role, full_name=name, position=position,
                                            member=self.people.get(name))
                                for role, name, position in SEATS_2019], by=None)

    def cycle_2019(self):
        """Opened 25/11/2019: the members assess themselves, the groups meet and propose, the
        board proposes to the Giám đốc Sở, the council votes, the Giám đốc decides (and the
        province rates him), the board decides the union's own title; published 30/12/2019."""
        if EvaluationCycle.objects.filter(union=self.union, year=2019).exists():
            return
        with on(date(2019, 11, 25)):
            cycle = cycle_open(union=self.union, year=2019, today=date(2019, 11, 25),
                               self_assessment_due=date(2019, 12, 5),
                               proposal_due=date(2019, 12, 10), decision_due=date(2019, 12, 13))
        evaluations = list(cycle.evaluations.select_related("member__user", "member__group"))
        for evaluation in evaluations:
            if evaluation.member.full_name not in NO_SELF_ASSESSMENT_2019:
                self.self_assess(evaluation, _aimed_level(evaluation), date(2019, 11, 26))
        self.group_meetings(cycle, date(2019, 12, 2))
        for evaluation in evaluations:
            if evaluation.member.group and not evaluation.rated_above:
                level, _titles, _note = _decision_2019(evaluation)
                level = _aimed_level(evaluation) if level == GOOD else level
                self.propose(evaluation, level, date(2019, 12, 9))
        for evaluation in evaluations:
            level, titles, note = _decision_2019(evaluation)
            if evaluation.rated_above:  # the province rates the Giám đốc Sở
                level, titles = "", titles - set(AwardType.STATE_TITLES)
            with on(date(2019, 12, 12)):
                evaluation_board_propose(evaluation=evaluation, level=level, titles=titles,
                                         note=note, reason=_reason_2019(evaluation, level),
                                         by=None)
        proposal_submit(cycle=cycle, by=None, issued_on=date(2019, 12, 13), at=_at(2019, 12, 13))
        with on(date(2019, 12, 18)):
            meeting = council_meeting_save(meeting=CouncilMeeting(
                cycle=cycle, council=Council.objects.get(union=self.union, year=2019),
                held_on=date(2019, 12, 18), place="Phòng họp Sở Thông tin và Truyền thông",
                opinions=COUNCIL_OPINIONS, conclusions=COUNCIL_CONCLUSIONS,
            ), present=list(Council.objects.get(union=self.union, year=2019).seats.exclude(
                full_name=ABSENT_2019)), by=None, today=date(2019, 12, 18))
            ballots_record(meeting=meeting, by=None, counts={
                candidacy: (VOTES_2019.get(candidacy.evaluation.member.full_name, 8), 8)
                for candidacy in ballot_candidacies(cycle)})
        for spec in DECISIONS_2019:
            with on(spec[3]):
                self.decide(cycle, meeting, spec)
        for status, day in ((EvaluationCycle.Status.DECIDED, 28),
                            (EvaluationCycle.Status.PUBLISHED, 30)):
            cycle_set_status(cycle=cycle, status=status, by=None, at=_at(2019, 12, day))

    def group_meetings(self, cycle, first: date):
        """Each group meets once; nearly everyone comes."""
        for group in self.groups.values():
            members = cycle.evaluations.filter(member__group=group).count()
            if members:
                day = _day(first, 5, f"{cycle.year}|{group.name}")
                group_meeting_save(cycle=cycle, group=group, held_on=day,
                                   present=members - (members > 6), note=GROUP_NOTE,
                                   by=group.leader and group.leader.user, today=day)

    def decide(self, cycle, meeting, spec):
        kind, code, number, day, signer, title = spec
        decision = Decision(cycle=cycle, number=number, decided_on=day, signer_name=signer,
                            signer_title=title, council_meeting=meeting)
        evaluations = cycle.evaluations.select_related("member")
        if code is None:
            decision.kind = Decision.Kind.RATING
            decision.body = DecidingBody.SUPERIOR if kind == "head" else DecidingBody.AGENCY_HEAD
            chosen = evaluations.filter(rated_above=kind == "head")
            levels = {e: HEAD_LEVEL_2019 if e.rated_above else e.board_level for e in chosen}
            decision_record(decision=decision, levels=levels, by=None, today=day)
            return
        award_type = self.types[code]
        decision.kind, decision.award_type = Decision.Kind.TITLE, award_type
        decision.body = award_type.decided_by
        candidacies = Candidacy.objects.filter(evaluation__cycle=cycle, award_type=award_type)
        decision_record(decision=decision, candidacies=list(candidacies.select_related(
            "evaluation__member", "award_type")), by=None, today=day)

    def cycle_living(self, today: date):
        """The current year's cycle, opened on 20 November (or the day before ``today`` if
        that is earlier) with its deadlines ahead of ``today``; most members have assessed
        themselves, and the leader of Tổ Văn phòng has proposed a level for those of her group
        who have, all before ``today``."""
        year = today.year
        if EvaluationCycle.objects.filter(union=self.union, year=year).exists():
            return
        yesterday, last = today - timedelta(days=1), date(year, 12, 31)
        opened = max(date(year, 1, 1), min(date(year, 11, 20), yesterday))
        self_due = min(max(date(year, 12, 4), today + timedelta(days=3)), last)
        with on(opened):
            cycle = cycle_open(union=self.union, year=year, today=opened,
                               self_assessment_due=self_due,
                               proposal_due=min(self_due + timedelta(days=5), last),
                               decision_due=min(self_due + timedelta(days=10), last))
        days = (yesterday - opened).days  # the days after opening, before today
        if days < 1:
            return
        office = self.groups["Tổ Văn phòng"]
        held_on = opened + timedelta(days=min(7, days))
        group_meeting_save(cycle=cycle, group=office, held_on=held_on,
                           present=cycle.evaluations.filter(member__group=office).count() - 1,
                           note=GROUP_NOTE, by=office.leader.user, today=held_on)
        for evaluation in cycle.evaluations.select_related("member__user", "member__group"):
            name = evaluation.member.full_name
            if zlib.crc32(f"{year}|{name}".encode()) % 5 < 2 and name != "Phan Thị Ngọc":
                continue
            level = _aimed_level(evaluation)
            self.self_assess(evaluation, level, opened + timedelta(days=1), span=min(8, days))
            if evaluation.member.group == office and not evaluation.rated_above:
                self.propose(evaluation, level, opened + timedelta(days=min(10, days)))

    def reports_2019(self):
        """The mid-year report entered by hand, then the year-end report issued."""
        cycle = EvaluationCycle.objects.get(union=self.union, year=2019)
        if register_entry(cycle, DocumentKind.REPORT):
            return
        with translation.override("vi"):
            recipients = report_recipients(self.union)
            subject, day = MID_YEAR_REPORT_2019
            document_issue(union=self.union, kind=DocumentKind.REPORT, subject=subject,
                           issued_on=day, recipients=recipients)
            report_text_save(union=self.union, year=2019, parts=REPORT_TEXT_2019, version=None,
                             at=_at(2019, 12, 30))
            report_issue(cycle=cycle, issued_on=YEAR_REPORT_2019_DAY,
                         subject=report_subject(2019), recipients=recipients)

    def self_assess(self, evaluation, level: str, first: date, span: int = 8):
        member = evaluation.member
        day = _day(first, span, f"{evaluation.cycle.year}|{member.full_name}")
        with on(day):
            evaluation_self_assess(evaluation=evaluation, text=SELF_TEXT[level], level=level,
                                   by=member.user, today=day)

    def propose(self, evaluation, level: str, day: date):
        leader = self.groups[evaluation.member.group.name].leader
        with on(day):
            evaluation_propose(evaluation=evaluation, level=level, comment=PROPOSAL_TEXT[level],
                               by=leader and leader.user, today=day)

    def awards(self, specs, *, year: int):
        """The year's awards; the board's awards of one type share one decision, which its
        first award takes from the union's register."""
        numbers = {}  # type name → the board's decision already issued for it
        for spec in specs:
            award_type = self.types[spec.type_name]
            member = self.people.get(spec.recipient)
            group = None if member else self.groups[spec.recipient]
            earlier = Award.objects.filter(award_type=award_type, member=member, group=group,
                                           year=year).first()
            if earlier is None:
                earlier = award_save(award=Award(
                    union=self.union, award_type=award_type, member=member, group=group,
                    year=year, achievement=spec.achievement, body=award_type.decided_by,
                    decision_number=spec.decision_number or numbers.get(spec.type_name, ""),
                    decision_date=spec.decision_date, issuer=self.issuer(spec.issuer)))
            numbers[spec.type_name] = earlier.decision_number

    def issuer(self, key: str) -> str:
        union = self.union
        return {
            "board": f"Ban Chấp hành {union.letterhead_name}",
            "upper": f"Ban Thường vụ {union.upper_union_name}",
            "province": f"Ban Thường vụ Liên đoàn Lao động tỉnh {union.place_name}",
        }[key]


def _before(day: date, before: date | None) -> bool:
    """Whether ``day`` is before ``before`` (the day of seeding), if one is given."""
    return before is None or day < before


def _dated(registration: Registration, day: date):
    """Sent on ``day``, not on the day of seeding (the model stamps the time of writing)."""
    at = _at(day.year, day.month, day.day)
    Registration.objects.filter(pk=registration.pk).update(submitted_at=at, updated_at=at)


def _at(year: int, month: int, day: int) -> datetime:
    return timezone.make_aware(datetime.combine(date(year, month, day), time(9)))


def _reason_2019(evaluation, level) -> str:
    """Why the board proposes more than the year's figures suggest, or HTXSNV with tasks
    late: the initiative, or what the figures leave out, in words that fit the figures."""
    e = evaluation
    suggestion = suggested_level(e, e.cycle.rules)
    late = e.tasks_total - e.tasks_on_time
    above = (level in LEVEL_RANK and suggestion in LEVEL_RANK
             and LEVEL_RANK[level] > LEVEL_RANK[suggestion])
    if not above and not (level == EXCELLENT and late):
        return ""
    titles = e.member.initiatives.recognised().filter(year=2019).values_list("title", flat=True)
    if titles:
        return ("Có sáng kiến được Hội đồng sáng kiến công nhận và áp dụng hiệu quả tại cơ quan: "
                + "; ".join(f"“{t}”" for t in titles) + ".")
    if e.months_checked < 6:
        return (f"Phiếu kiểm tra hằng tháng chỉ có {e.months_checked} tháng có nhiệm vụ được "
                "giao theo Kế hoạch; các nhiệm vụ chuyên môn thường xuyên còn lại trong năm "
                "hoàn thành theo yêu cầu, được tổ công đoàn ghi nhận khi họp xét.")
    return (f"{late}/{e.tasks_total} kỳ nhiệm vụ chậm so với hạn do chờ ý kiến của cơ quan "
            "phối hợp; tất cả đã hoàn thành trong năm, bảo đảm chất lượng.")


def _targets(codes, *, with_initiative=True) -> str:
    text = ("Hoàn thành tốt, đúng hạn 100% nhiệm vụ được giao; chấp hành tốt nội quy, quy chế "
            "cơ quan; tham gia đầy đủ các hoạt động công đoàn.")
    if CSTDCS in codes and with_initiative:
        text += " Có ít nhất 01 sáng kiến được Hội đồng sáng kiến công nhận."
    return text


def _aimed_level(evaluation) -> str:
    """What a member who aims at CSTĐCS claims (HTXSNV), and what the others claim (HTTNV)."""
    return EXCELLENT if CSTDCS in evaluation.registered_titles else GOOD


def _decision_2019(evaluation) -> tuple[str, set[str], str]:
    """The board's level, titles and note for a member in 2019."""
    name = evaluation.member.full_name
    if name in BELOW_2019:
        level, note = BELOW_2019[name]
        return level, set(), note
    level = EXCELLENT if name in EXCELLENT_2019 else GOOD
    if evaluation.member.joined_union_on > date(2019, 1, 31):
        return level, set(), LATE_NOTE
    titles = {LDTT}
    titles |= {CSTDCS} if name in CSTDCS_2019 else set()
    titles |= {DVCDXS} if name in DVCDXS_2019 else set()
    notes = []
    if CSTDCS in evaluation.registered_titles and name not in CSTDCS_2019:
        notes += [QUOTA_NOTE] if level == GOOD else []
        notes += [CAP_NOTE] if evaluation.initiatives else []
    return level, titles, " ".join(notes)


def _summary(union: Union, year: int) -> str:
    registrations = Registration.objects.filter(union=union, movement__year=year)
    initiatives = Initiative.objects.filter(union=union, year=year)
    cycle = EvaluationCycle.objects.get(union=union, year=year)
    evaluations = cycle.evaluations.all()
    line = (f"Thi đua năm {year}: {Movement.objects.filter(union=union, year=year).count()} "
            f"phong trào, {registrations.count()} bản đăng ký "
            f"({registrations.filter(group__isnull=True).count()} đoàn viên, "
            f"{registrations.filter(member__isnull=True).count()} tổ), {initiatives.count()} "
            f"sáng kiến ({initiatives.recognised().count()} được công nhận), "
            f"{Award.objects.filter(union=union, year=year).count()} khen thưởng; đánh giá "
            f"{evaluations.count()} đoàn viên ({cycle.get_status_display().lower()}): ")
    levels = Counter(evaluations.exclude(level="").values_list("level", flat=True))
    if not levels:
        return line + (f"{evaluations.exclude(self_level='').count()} đã tự đánh giá, "
                       f"{evaluations.exclude(proposed_level='').count()} đã có đề xuất của tổ.")
    titles = [f"{evaluations.filter(**{f'title_{code}': True}).count()} {short}"
              for code, short in ((LDTT, "LĐTT"), (CSTDCS, "CSTĐCS"), (DVCDXS, "ĐVCĐXS"))]
    counts = [f"{levels[level]} {LEVEL_SHORT[level]}" for level in LEVEL_RANK]
    entry = register_entry(cycle, DocumentKind.REPORT)
    issued = f" Báo cáo số {entry.code} ngày {entry.issued_on:%d/%m/%Y}." if entry else ""
    return f"{line}{', '.join(counts)}; {', '.join(titles)}.{issued}"


# ---------------------------------------------------------------- the CĐCS's own rating

# Per criterion of HD 1294 (emulation/rating_guides.py): points and the evidence noted.
RATING_2019 = {
    "1": ("37", "Phối hợp với Giám đốc Sở tổ chức Hội nghị cán bộ, công chức, viên chức đầu "
                "năm; tham gia xây dựng quy chế chi tiêu nội bộ và quy chế thi đua, khen "
                "thưởng của Sở; thăm hỏi đoàn viên ốm đau, gia đình có việc hiếu."),
    "2": ("36.5", "Ban Chấp hành họp thường kỳ; các tổ công đoàn sinh hoạt đều đặn; thu, nộp "
                  "đoàn phí đúng quy định; quản lý đoàn viên trên phần mềm."),
    "3": ("13.5", "Tuyên truyền, vận động đoàn viên tham gia phong trào “Lao động giỏi, Lao "
                  "động sáng tạo” và cuộc vận động “Trung thành, trách nhiệm, liêm chính, "
                  "sáng tạo”; văn nghệ, thể thao chào mừng các ngày lễ."),
    "bonus": ("4", "Sáng kiến về cải cách hành chính của đoàn viên được công nhận và áp dụng "
                   "trong toàn Sở."),
}
RATING_2019_NOTE = ("Công đoàn cơ sở hoàn thành tốt các nhiệm vụ năm 2019; phối hợp chặt chẽ "
                    "với lãnh đạo Sở trong tổ chức phong trào thi đua.")
# The upper union checks the file in December (HD 1294: upper unions score their CĐCS in the
# last quarter) and takes off half a point of group 2.
RATING_2019_DECISION = dict(
    total=Decimal("90.5"), level=EXCELLENT, decision_number="52/QĐ-CĐVC",
    decision_date=date(2019, 12, 16),
    note="Thẩm định: trừ 0,5 điểm nhóm tiêu chí 2 (biên bản sinh hoạt quý III của một tổ chưa "
         "đủ chữ ký). Đạt 90,5 điểm.",
)


def seed_union_rating_2019():
    """The demo CĐCS's 2019 quality rating: scored and sent by its board in November 2019,
    decided by Công đoàn Viên chức tỉnh Gia Lai (the login ``capten``) in December.

    Created once; a second run finds it and changes nothing. The board of 2019 (Khóa IV) has
    no login, so its steps are system writes; the upper union's decision names ``capten``.
    """
    union = Union.objects.get(short_name=UNION)
    if UnionRating.objects.filter(union=union, year=2019).exists():
        return
    officer = get_user_model().objects.get(username="capten")

    def at(day: date, hour: int):
        return timezone.make_aware(datetime.combine(day, time(hour)))

    scores = {code: (Decimal(points), note) for code, (points, note) in RATING_2019.items()}
    rating = union_rating_save(union=union, year=2019, scores=scores, self_level=EXCELLENT,
                               self_note=RATING_2019_NOTE, by=None, at=at(date(2019, 11, 12), 9))
    rating = union_rating_submit(rating=rating, by=None, at=at(date(2019, 11, 15), 10))
    union_rating_decide(rating=rating, by=officer, at=at(date(2019, 12, 16), 15),
                        **RATING_2019_DECISION)
