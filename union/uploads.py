"""Uploaded files are what their names say, and zip archives are not bombs.

``matches_extension`` compares a file's first bytes (its signature) with its extension and,
for a zip-based document, looks for the parts of its kind in the archive's table of
contents. ``unpacked_problem`` reads the sizes that table of contents declares, before
anything is unpacked: Python's zipfile never unpacks a member past its declared size (a
member that lies fails its checksum), so refusing on the declared sizes bounds what a
reader such as openpyxl can ever unpack. Nothing here unpacks a member, except the few
bytes of an OpenDocument's ``mimetype``.
"""

import zipfile
from pathlib import Path

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word and Excel 97-2003 (.doc, .xls)
ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # an archive with members; an empty archive
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".doc": (OLE,),
    ".xls": (OLE,),
    ".docx": ZIP,
    ".xlsx": ZIP,
    ".odt": ZIP,
    ".ods": ZIP,
    ".zip": ZIP,
}
# The members an Office Open XML document of each kind cannot do without.
OOXML_PARTS = {
    ".docx": {"[Content_Types].xml", "word/document.xml"},
    ".xlsx": {"[Content_Types].xml", "xl/workbook.xml"},
}
# An OpenDocument names its kind in its first member, "mimetype".
OPENDOCUMENT = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
HEAD_BYTES = 1024  # a PDF may have a few bytes before "%PDF-"

# Zip archives we unpack: no member may grow more than this many times its packed size
# (XML packs 5 to 20 times; a bomb, a thousand), and not too many members.
MAX_RATIO = 100
MAX_MEMBERS = 1000


def extension(upload) -> str:
    return Path(upload.name or "").suffix.lower()


def head(upload, size: int = HEAD_BYTES) -> bytes:
    """The file's first bytes; the file is left at its start."""
    upload.seek(0)
    data = upload.read(size)
    upload.seek(0)
    return data


def matches_extension(upload) -> bool:
    """Whether the content is of the kind the extension names (one of ``SIGNATURES``)."""
    suffix = extension(upload)
    first = head(upload)
    if suffix == ".pdf":
        return b"%PDF-" in first
    if not first.startswith(SIGNATURES[suffix]):
        return False
    if suffix in OOXML_PARTS or suffix in OPENDOCUMENT:
        return _archive_is(upload, suffix)
    return True


def _archive_is(upload, suffix) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            if suffix in OOXML_PARTS:
                return OOXML_PARTS[suffix] <= set(archive.namelist())
            info = archive.getinfo("mimetype")
            return info.file_size < 100 and archive.read(info).strip() == OPENDOCUMENT[suffix]
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, NotImplementedError):
        return False
    finally:
        upload.seek(0)


def mismatch_message(upload) -> str:
    return _(
        "Tệp “%(name)s” không phải tệp %(kind)s như đuôi tên của nó: nội dung bên trong là "
        "loại khác. Xin chọn đúng tệp gốc, hoặc mở tệp bằng chương trình đã tạo ra nó và lưu "
        "lại đúng định dạng %(kind)s rồi tải lên."
    ) % {"name": upload.name, "kind": extension(upload).lstrip(".").upper()}


def unpacked_problem(upload, *, max_bytes: int) -> str | None:
    """Why a zip archive must not be unpacked (in Vietnamese), from its declared sizes
    alone: more than ``max_bytes`` in all (or in one member), a member packed more than
    ``MAX_RATIO`` times, or more than ``MAX_MEMBERS`` members. None if it may be."""
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError):
        return None  # not an archive at all: the reader says so in its own words
    finally:
        upload.seek(0)
    total = sum(member.file_size for member in members)
    packed_too_tightly = any(
        member.file_size > MAX_RATIO * max(member.compress_size, 1) for member in members)
    if len(members) > MAX_MEMBERS or total > max_bytes or packed_too_tightly:
        return _(
            "Tệp “%(name)s” khi giải nén lớn bất thường (%(size)s, tối đa %(limit)s) nên không "
            "được đọc, để bảo vệ máy chủ. Nếu đây đúng là danh sách của công đoàn, xin xóa các "
            "trang tính và định dạng thừa rồi lưu lại, hoặc lưu dạng CSV UTF-8."
        ) % {"name": upload.name, "size": filesizeformat(total),
             "limit": filesizeformat(max_bytes)}
    return None
