"""Demo data: the CĐCS of Sở TT&TT Gia Lai, a neighbouring CĐCS and their upper-level union.

Idempotent: every row is looked up by its natural key (username, card number, union short
name, term or group name within its union) and only what is missing is created; existing
rows are never updated, so a second run writes nothing, not even history rows.

Each entry of UNIONS gives the union's fields, whether it hangs under the upper union, the
prefixes of card numbers and phones, the mail domain, terms, groups (key, name, department,
leader, deputy), members (full name, gender, born, employment, position, group key, login),
the people who left (status, date) and the board seats (term, full name, position).
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from union.models import BoardMembership, Member, Term, Union, UnionGroup
from union.names import fold, split_full_name
from union.services import board_membership_save, group_save, member_save

PASSWORD = "demo12345"
M, F = Member.Gender.MALE, Member.Gender.FEMALE
CC, VC, HD = (Member.EmploymentType.CIVIL_SERVANT, Member.EmploymentType.PUBLIC_EMPLOYEE,
              Member.EmploymentType.CONTRACT)
CHAIR, VICE, SEAT = (BoardMembership.Position.CHAIR, BoardMembership.Position.VICE_CHAIR,
                     BoardMembership.Position.MEMBER)
AGENCY_LEADERS = {"Giám đốc Sở", "Phó Giám đốc Sở"}
UPPER_NAME = "Công đoàn Viên chức tỉnh Gia Lai"

UNIONS = (
    {
        "fields": dict(name=UPPER_NAME, short_name="CĐVC tỉnh Gia Lai", agency="",
                       place_name="Gia Lai"),
        "child": False, "card": "GL-CDVC", "phone": "0935", "mail": "cdvc.gialai.org.vn",
        "terms": (), "groups": (), "left": {}, "board": (),
        "members": (
            ("Nguyễn Quang Hiếu", M, "1974-05-05", CC, "Phó Chủ tịch Công đoàn Viên chức tỉnh",
             None, "capten"),
        ),
    },
    {
        "fields": dict(
            name="Công đoàn cơ sở Sở Thông tin và Truyền thông tỉnh Gia Lai",
            short_name="CĐCS Sở TT&TT Gia Lai", agency="Sở Thông tin và Truyền thông tỉnh Gia Lai",
            upper_union_name=UPPER_NAME,
            letterhead_name="Công đoàn cơ sở Sở Thông tin và Truyền thông", place_name="Gia Lai",
            document_code="CĐCS", excellence_quota_percent=20,
        ),
        "child": True, "card": "GL-TTTT", "phone": "0905", "mail": "sotttt.gialai.gov.vn",
        "terms": (("Khóa IV", "2017-06-15", "2022-06-14"), ("Khóa V", "2022-06-15", "2027-06-14")),
        "groups": (
            ("VP", "Tổ Văn phòng", "Văn phòng Sở", "Bùi Thị Thu Hà", "Lê Thị Ánh"),
            ("TTr", "Tổ Thanh tra", "Thanh tra Sở", "Trần Văn Bình", "Hồ Thị Thanh Hà"),
            ("KHTC", "Tổ Kế hoạch - Tài chính", "Phòng Kế hoạch - Tài chính", "Phạm Thị Dung",
             "Cao Văn Ân"),
            ("BCVT", "Tổ Bưu chính, Viễn thông và Công nghệ thông tin",
             "Phòng Bưu chính, Viễn thông và Công nghệ thông tin", "Hoàng Văn Đức",
             "Lê Minh Tuấn"),
            ("TTBC", "Tổ Thông tin - Báo chí - Xuất bản", "Phòng Thông tin - Báo chí - Xuất bản",
             "Trần Thị Bích Ngọc", None),
            ("TT", "Tổ Trung tâm Công nghệ thông tin và Truyền thông",
             "Trung tâm Công nghệ thông tin và Truyền thông", "Huỳnh Tấn Phát",
             "Nguyễn Thị Hạnh"),
        ),
        "members": (
            ("Nguyễn Văn An", M, "1968-03-14", CC, "Giám đốc Sở", "VP", ""),
            ("Đặng Văn Hùng", M, "1972-09-02", CC, "Phó Giám đốc Sở", "VP", "chutich"),
            ("Mai Xuân Trường", M, "1970-10-10", CC, "Phó Giám đốc Sở", "VP", ""),
            ("Bùi Thị Thu Hà", F, "1980-05-21", CC, "Chánh Văn phòng", "VP", "totruong"),
            ("Lê Thị Ánh", F, "1986-07-19", CC, "Phó Chánh Văn phòng", "VP", ""),
            ("Phan Thị Ngọc", F, "1992-11-08", CC, "Chuyên viên", "VP", "doanvien"),
            ("Nguyễn Văn Anh", M, "1983-04-04", CC, "Chuyên viên", "VP", ""),
            ("Trương Thị Hạ", F, "1990-06-30", VC, "Kế toán", "VP", ""),
            ("Đỗ Thị Kim Oanh", F, "1994-02-11", HD, "Văn thư", "VP", ""),
            ("Lương Văn Thắng", M, "1975-12-01", HD, "Lái xe", "VP", ""),
            ("Trần Văn Bình", M, "1974-02-27", CC, "Chánh Thanh tra", "TTr", ""),
            ("Hồ Thị Thanh Hà", F, "1985-09-09", CC, "Phó Chánh Thanh tra", "TTr", ""),
            ("Ksor Phú", M, "1987-03-03", CC, "Thanh tra viên", "TTr", ""),
            ("Đinh Văn Đạt", M, "1991-12-12", CC, "Thanh tra viên", "TTr", ""),
            ("Lý Thị Mỹ Duyên", F, "1995-05-05", CC, "Chuyên viên", "TTr", ""),
            ("Phạm Thị Dung", F, "1977-06-16", CC, "Trưởng phòng", "KHTC", ""),
            ("Cao Văn Ân", M, "1982-10-20", CC, "Phó Trưởng phòng", "KHTC", ""),
            ("Vũ Thị Ương", F, "1993-01-28", CC, "Kế toán", "KHTC", ""),
            ("Tạ Quang Vinh", M, "1989-08-08", CC, "Chuyên viên", "KHTC", ""),
            ("Nguyễn Thị Hồng Nhung", F, "1996-04-17", CC, "Chuyên viên", "KHTC", ""),
            ("Hoàng Văn Đức", M, "1976-11-11", CC, "Trưởng phòng", "BCVT", ""),
            ("Lê Minh Tuấn", M, "1984-07-07", CC, "Phó Trưởng phòng", "BCVT", ""),
            ("Nguyễn Thị Lan Anh", F, "1990-03-22", CC, "Chuyên viên", "BCVT", ""),
            ("Trịnh Văn Khoa", M, "1992-09-30", CC, "Chuyên viên", "BCVT", ""),
            ("Dương Thị Thu Trang", F, "1994-12-24", CC, "Chuyên viên", "BCVT", ""),
            ("Phùng Văn Long", M, "1981-02-14", CC, "Chuyên viên chính", "BCVT", ""),
            ("Hà Văn Ngọc", M, "1986-05-30", CC, "Chuyên viên", "BCVT", ""),
            ("Trần Thị Bích Ngọc", F, "1979-10-03", CC, "Trưởng phòng", "TTBC", ""),
            ("Lưu Đức Thịnh", M, "1983-06-06", CC, "Phó Trưởng phòng", "TTBC", ""),
            ("Đoàn Thị Uyên", F, "1991-08-19", CC, "Chuyên viên", "TTBC", ""),
            ("Nguyễn Thị Hoàng Yến", F, "1997-02-02", CC, "Chuyên viên", "TTBC", ""),
            ("Châu Văn Lợi", M, "1978-04-29", CC, "Chuyên viên chính", "TTBC", ""),
            ("Kiều Thị Ngân", F, "1988-11-26", CC, "Chuyên viên", "TTBC", ""),
            ("Huỳnh Tấn Phát", M, "1978-01-09", VC, "Giám đốc Trung tâm", "TT", ""),
            ("Nguyễn Thị Hạnh", F, "1985-03-18", VC, "Phó Giám đốc Trung tâm", "TT", ""),
            ("Lê Văn Đạt", M, "1993-07-21", VC, "Kỹ sư", "TT", ""),
            ("Trần Quốc Bảo", M, "1995-10-05", VC, "Kỹ sư", "TT", ""),
            ("Phạm Thị Ngọc Ánh", F, "1998-06-12", VC, "Kỹ sư", "TT", ""),
            ("Võ Thị Kim Chi", F, "1990-09-14", VC, "Kế toán", "TT", ""),
            ("Đỗ Văn Hải", M, "1987-12-20", VC, "Kỹ sư", "TT", ""),
            ("Nguyễn Văn Bình", M, "1989-04-01", VC, "Kỹ thuật viên", "TT", ""),
            ("Mai Anh Tú", M, "1997-11-30", HD, "Nhân viên kỹ thuật", "TT", ""),
            ("Lâm Thị Diệu", F, "1996-08-08", HD, "Nhân viên", "TT", ""),
            ("Hồ Văn Tám", M, "1965-03-05", CC, "Chuyên viên chính", None, ""),
            ("Ngô Thị Hương", F, "1989-05-15", CC, "Chuyên viên", None, ""),
        ),
        "left": {
            "Hồ Văn Tám": (Member.Status.RETIRED, "2026-07-01"),
            "Ngô Thị Hương": (Member.Status.TRANSFERRED, "2025-03-01"),
        },
        "board": (
            ("Khóa IV", "Mai Xuân Trường", CHAIR), ("Khóa IV", "Trần Văn Bình", VICE),
            ("Khóa IV", "Phạm Thị Dung", SEAT), ("Khóa IV", "Hoàng Văn Đức", SEAT),
            ("Khóa IV", "Hồ Văn Tám", SEAT),
            ("Khóa V", "Đặng Văn Hùng", CHAIR), ("Khóa V", "Phạm Thị Dung", VICE),
            ("Khóa V", "Trần Văn Bình", SEAT), ("Khóa V", "Huỳnh Tấn Phát", SEAT),
            ("Khóa V", "Trần Thị Bích Ngọc", SEAT),
        ),
    },
    {
        "fields": dict(
            name="Công đoàn cơ sở Sở Tư pháp tỉnh Gia Lai", short_name="CĐCS Sở Tư pháp Gia Lai",
            agency="Sở Tư pháp tỉnh Gia Lai", upper_union_name=UPPER_NAME,
            letterhead_name="Công đoàn cơ sở Sở Tư pháp", place_name="Gia Lai",
        ),
        "child": True, "card": "GL-STP", "phone": "0914", "mail": "stp.gialai.gov.vn",
        "terms": (("Khóa V", "2023-03-01", "2028-02-28"),),
        "groups": (
            ("VP", "Tổ Văn phòng", "Văn phòng Sở", "Lê Văn Hòa", None),
            ("NV", "Tổ Nghiệp vụ", "Phòng Hành chính - Bổ trợ tư pháp", "Phạm Văn Sơn",
             "Đoàn Thị Hằng"),
        ),
        "members": (
            ("Nguyễn Thị Minh Thư", F, "1978-08-12", CC, "Phó Giám đốc Sở", "VP", "khac"),
            ("Lê Văn Hòa", M, "1981-03-03", CC, "Chánh Văn phòng", "VP", ""),
            ("Trần Thị Mai", F, "1992-10-10", CC, "Chuyên viên", "VP", ""),
            ("Võ Văn Nam", M, "1995-04-04", HD, "Lái xe", "VP", ""),
            ("Phạm Văn Sơn", M, "1976-06-25", CC, "Trưởng phòng", "NV", ""),
            ("Đoàn Thị Hằng", F, "1988-01-19", CC, "Chuyên viên", "NV", ""),
        ),
        "left": {},
        "board": (
            ("Khóa V", "Nguyễn Thị Minh Thư", CHAIR), ("Khóa V", "Phạm Văn Sơn", VICE),
            ("Khóa V", "Đoàn Thị Hằng", SEAT),
        ),
    },
)
ROLES = {
    "admin": "quản trị hệ thống", "capten": "cán bộ công đoàn cấp trên",
    "chutich": "Chủ tịch BCH Khóa V", "totruong": "Tổ trưởng Tổ Văn phòng",
    "doanvien": "đoàn viên Tổ Văn phòng", "khac": "Chủ tịch CĐCS khác (Sở Tư pháp)",
}
ADMIN = dict(username="admin", first_name="Quản trị", last_name="hệ thống",
             email="admin@sotttt.gialai.gov.vn", is_superuser=True, is_staff=True)


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (chạy lại nhiều lần không thay đổi gì)."

    @transaction.atomic
    def handle(self, *args, **options):
        self.users = {}
        self.user(**ADMIN)
        upper = None
        for data in UNIONS:
            union = self.union(data, upper if data["child"] else None)
            upper = upper or union
        self.stdout.write(self.style.SUCCESS("Đã có dữ liệu mẫu. Tài khoản (mật khẩu demo12345):"))
        for username, user in self.users.items():
            member = getattr(user, "member", None)
            who = f": {member.full_name}, {member.union}" if member else ""
            self.stdout.write(f"  {username:<9} {ROLES[username]}{who}")

    def user(self, username, **fields):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, password=PASSWORD, **fields)
        self.users[username] = user
        return user

    def union(self, data, parent):
        union = Union.objects.filter(short_name=data["fields"]["short_name"]).first()
        if union is None:
            union = Union(parent=parent, **data["fields"])
            union.full_clean()
            union.save()
        terms = {}
        for name, start, end in data["terms"]:
            terms[name] = Term.objects.filter(union=union, name=name).first()
            if terms[name] is None:
                terms[name] = Term(union=union, name=name, start_date=date.fromisoformat(start),
                                   end_date=date.fromisoformat(end))
                terms[name].full_clean()
                terms[name].save()
        groups, departments, new_groups = {}, {}, set()
        for key, name, department, _leader, _deputy in data["groups"]:
            departments[key] = department
            groups[key] = UnionGroup.objects.filter(union=union, name=name).first()
            if groups[key] is None:
                groups[key] = group_save(group=UnionGroup(union=union, name=name), by=None)
                new_groups.add(key)
        people, mailboxes = {}, set()
        for i, (full_name, gender, born, kind, position, group, login) in enumerate(
            data["members"], start=1
        ):
            family, middle, given = split_full_name(full_name)
            # The office convention ("an.nv"); namesakes would otherwise share a mailbox.
            stem = fold(given) + "." + "".join(w[0] for w in fold(f"{family} {middle}").split())
            mailbox, n = stem, 1
            while mailbox in mailboxes:
                n += 1
                mailbox = f"{stem}{n}"
            mailboxes.add(mailbox)
            email = f"{mailbox}@{data['mail']}"
            user = self.user(login, first_name=given, last_name=f"{family} {middle}".strip(),
                             email=email) if login else None
            card = f"{data['card']}-{i:04d}"
            people[full_name] = Member.objects.filter(card_number=card).first()
            if people[full_name] is not None:
                continue
            born = date.fromisoformat(born)
            status, left_on = data["left"].get(full_name, (Member.Status.ACTIVE, None))
            people[full_name] = member_save(by=None, member=Member(
                union=union, group=groups.get(group), family_name=family, middle_name=middle,
                given_name=given, gender=gender, date_of_birth=born, employment_type=kind,
                position=position, card_number=card, email=email, user=user,
                department="Lãnh đạo Sở" if position in AGENCY_LEADERS
                else departments.get(group, ""),
                joined_union_on=date(born.year + 23 + i % 4, 1 + i * 5 % 12, 1 + i * 11 % 28),
                phone=f"{data['phone']}{i * 104729 % 10**6:06d}",
                status=status, status_changed_on=left_on and date.fromisoformat(left_on),
            ))
        for key, _name, _department, leader, deputy in data["groups"]:
            if key in new_groups:
                groups[key].leader, groups[key].deputy = people[leader], people.get(deputy)
                group_save(group=groups[key], by=None)
        for term, full_name, position in data["board"]:
            seat = BoardMembership.objects.filter(term=terms[term], member=people[full_name])
            if not seat.exists():
                board_membership_save(by=None, membership=BoardMembership(
                    term=terms[term], member=people[full_name], position=position))
        return union
