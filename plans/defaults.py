"""Starting texts a new plan offers; every one is editable once the plan exists.

The five action points are the five numbered paragraphs at the end of the seed article
(CĐCS Sở Thông tin và Truyền thông tỉnh Gia Lai, 31/10/2019).
"""

import re

from django.utils.translation import gettext_lazy as _

FIVE_POINTS = [
    (
        _("Tuyên truyền, nâng cao nhận thức về CCHC"),
        _("Thường xuyên tuyên truyền nâng cao nhận thức cho đoàn viên, CCVC, NLĐ về tầm quan "
          "trọng và mục đích, ý nghĩa của công tác CCHC, tích cực tham gia cải cách thể chế, "
          "nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức trong thực thi công vụ; giảm "
          "thời gian giải quyết thủ tục hành chính; gắn CCHC với việc phát động thực hiện các "
          "phong trào thi đua “Lao động giỏi, Lao động sáng tạo”, cuộc vận động xây dựng người "
          "cán bộ, công chức, viên chức “Trung thành, trách nhiệm, liêm chính, sáng tạo” với "
          "việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."),
    ),
    (
        _("Thực hiện Nghị quyết 18, 19 về sắp xếp tổ chức bộ máy"),
        _("Tiếp tục thực hiện có hiệu quả Nghị quyết số 18-NQ/TW ngày 25/10/2017 và Nghị quyết "
          "số 19-NQ/TW của BCH Trung ương Đảng (khóa XII). BCH Công đoàn cơ sở phối hợp với "
          "chính quyền làm tốt công tác tuyên truyền, công tác chính trị, tư tưởng, nắm bắt tâm "
          "tư, tình cảm, nguyện vọng của đoàn viên, CCVC, NLĐ khi triển khai các Nghị quyết 18, "
          "19; kịp thời tham mưu các biện pháp giải quyết phù hợp, hiệu quả, đúng quy định."),
    ),
    (
        _("Phong trào thi đua, sáng kiến, nâng cao trình độ"),
        _("Tổ chức tốt các phong trào thi đua yêu nước, phát huy sáng kiến, cải tiến kỹ thuật, "
          "nâng cao chất lượng, hiệu quả công tác; tạo điều kiện để đoàn viên, CCVC, NLĐ học "
          "tập nâng cao trình độ chuyên môn nghiệp vụ; tổ chức các lớp tập huấn cho đoàn viên "
          "về công tác CCHC."),
    ),
    (
        _("Tổ công đoàn tham gia thực hiện kế hoạch CCHC của cơ quan"),
        _("Mỗi tổ công đoàn tiếp tục tham gia xây dựng và vận động đoàn viên, CCVC, NLĐ của tổ "
          "mình thực hiện kế hoạch công tác CCHC của cơ quan, tập trung vào: cải cách thủ tục "
          "hành chính; thực hiện có hiệu quả cơ chế một cửa, một cửa liên thông, đảm bảo minh "
          "bạch trong giải quyết thủ tục hành chính, nâng cao mức độ hài lòng của người dân, tổ "
          "chức và doanh nghiệp; đẩy mạnh ứng dụng công nghệ thông tin; nâng cao chất lượng "
          "cung cấp dịch vụ công trực tuyến."),
    ),
    (
        _("Thi đua khen thưởng, đánh giá xếp loại"),
        _("Thực hiện tốt công tác thi đua khen thưởng; đánh giá xếp loại đoàn viên, công chức, "
          "viên chức, người lao động. Có những hình thức động viên, khen thưởng kịp thời đối "
          "với những cá nhân có nhiều cố gắng, hoàn thành tốt nhiệm vụ được giao góp phần xây "
          "dựng tổ chức công đoàn ngày càng vững mạnh."),
    ),
]

PURPOSE = _(
    "Nâng cao nhận thức và trách nhiệm của đoàn viên, CCVC, NLĐ trong công tác cải cách hành "
    "chính; gắn nhiệm vụ CCHC với phong trào thi đua “Lao động giỏi, Lao động sáng tạo” và với "
    "việc đánh giá, xếp loại cuối năm. Các tổ công đoàn kiểm tra định kỳ hằng tháng việc thực "
    "hiện nhiệm vụ được giao."
)

def plan_grounds(union, year: int) -> str:
    """The "Căn cứ …" lines a new plan opens with, one a line, in the union's names.

    Customary in a kế hoạch, not required: Nghị định 30/2020/NĐ-CP Điều 8 khoản 2 does not
    list them among a document's parts (docs/rules.md). Legal wording, so always Vietnamese.
    """
    upper = union.upper_union_name or (union.parent.name if union.parent_id else "")
    lines = ["Căn cứ Điều lệ Công đoàn Việt Nam;"]
    if upper:
        lines.append(f"Căn cứ Chương trình công tác năm {year} của {upper};")
    lines.append(f"Căn cứ Kế hoạch cải cách hành chính năm {year} của "
                 f"{union.agency or 'cơ quan'},")
    return "\n".join(lines)


def grounds_moved(grounds: str, *, from_year: int, to_year: int) -> str:
    """An earlier plan's grounds for a later year: "năm 2019" becomes "năm 2026", but a
    full date ("ngày 15 tháng 6 năm 2019", the date of a law cited) stays as it is."""
    return re.sub(rf"(?<!tháng \d )(?<!tháng \d\d )\bnăm {from_year}\b", f"năm {to_year}", grounds)


RECIPIENTS = _("Công đoàn cấp trên (b/c);\nLãnh đạo cơ quan (p/h);\nCác tổ công đoàn (t/h);")

SUBJECT = _("Thực hiện công tác cải cách hành chính năm %(year)s")

# The seven domains of a department's CCHC index (the seed names them); points change yearly.
CCHC_DOMAINS = [
    _("Công tác chỉ đạo, điều hành CCHC"),
    _("Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật"),
    _("Cải cách thủ tục hành chính"),
    _("Cải cách tổ chức bộ máy hành chính nhà nước"),
    _("Xây dựng và nâng cao chất lượng đội ngũ CBCCVC"),
    _("Cải cách tài chính công"),
    _("Hiện đại hóa hành chính"),
]
