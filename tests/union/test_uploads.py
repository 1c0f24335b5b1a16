"""Files are what their names say (signatures against extensions), and a zip archive's
declared sizes are read before anything is unpacked."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import Workbook

from union.uploads import (
    MAX_MEMBERS,
    MAX_RATIO,
    SIGNATURES,
    matches_extension,
    mismatch_message,
    unpacked_problem,
)


def zip_of(files, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx():
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def xlsx():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def opendocument(kind):
    return zip_of({"mimetype": f"application/vnd.oasis.opendocument.{kind}",
                   "content.xml": "<office:document-content/>"}, zipfile.ZIP_STORED)


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
GENUINE = {
    ".pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    ".jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    ".jpeg": b"\xff\xd8\xff\xe1\x00\x10Exif\x00",
    ".png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ".doc": OLE,
    ".xls": OLE,
    ".docx": docx(),
    ".xlsx": xlsx(),
    ".odt": opendocument("text"),
    ".ods": opendocument("spreadsheet"),
    ".zip": zip_of({"bien-ban.pdf": b"%PDF-1.4"}),
}


def test_every_allowed_type_has_a_genuine_sample_here():
    assert set(GENUINE) == set(SIGNATURES)


@pytest.mark.parametrize("suffix", sorted(GENUINE))
def test_a_genuine_file_matches_its_extension(suffix):
    upload = SimpleUploadedFile(f"minh-chung{suffix}", GENUINE[suffix])
    assert matches_extension(upload)
    assert upload.read() == GENUINE[suffix]  # left at its start, whole


@pytest.mark.parametrize(("name", "content"), [
    ("bien-ban.pdf", b"MZ\x90\x00\x03\x00"),  # a Windows program
    ("bien-ban.pdf", b"<html><script>alert(1)</script>"),
    ("anh.jpg", GENUINE[".png"]),
    ("anh.png", b"GIF89a"),
    ("bao-cao.doc", GENUINE[".docx"]),
    ("bao-cao.docx", GENUINE[".xlsx"]),  # a zip, but the parts of another kind
    ("bao-cao.docx", zip_of({"word/document.xml": "<w:document/>"})),  # no content types
    ("bang.xlsx", GENUINE[".docx"]),
    ("bang.xlsx", OLE),
    ("bang.ods", GENUINE[".odt"]),
    ("van-ban.odt", zip_of({"content.xml": "<x/>"})),  # no mimetype
    ("ho-so.zip", GENUINE[".pdf"]),
    ("bang.xlsx", b"PK\x03\x04 cut off"),  # a zip's signature, no archive behind it
    ("trong.pdf", b""),
])
def test_a_disguised_file_does_not_match_its_extension(name, content):
    assert not matches_extension(SimpleUploadedFile(name, content))


def test_the_mismatch_message_names_the_file_and_its_claimed_kind():
    message = mismatch_message(SimpleUploadedFile("bien-ban.pdf", b"MZ"))
    assert message.startswith("Tệp “bien-ban.pdf” không phải tệp PDF như đuôi tên của nó")


def test_a_real_workbook_may_be_unpacked():
    assert unpacked_problem(SimpleUploadedFile("ds.xlsx", xlsx()), max_bytes=2**20) is None


def test_an_archive_larger_than_the_limit_once_unpacked_is_refused():
    # Random-looking text packs poorly: only the total gives it away.
    member = "".join(f"{n * 7919 % 104729:x}" for n in range(40_000))
    archive = SimpleUploadedFile("ds.xlsx", zip_of({"a.xml": member, "b.xml": member}))
    assert unpacked_problem(archive, max_bytes=len(member) * 2) is None
    problem = unpacked_problem(archive, max_bytes=len(member) * 2 - 1)
    assert problem.startswith("Tệp “ds.xlsx” khi giải nén lớn bất thường")


def test_a_member_packed_too_tightly_is_refused_whatever_the_total():
    tight = zip_of({"sheet.xml": b" " * (MAX_RATIO * 2000)})
    assert unpacked_problem(SimpleUploadedFile("ds.xlsx", tight), max_bytes=2**30)


def test_an_archive_of_too_many_members_is_refused():
    many = zip_of({f"{n}.xml": "<x/>" for n in range(MAX_MEMBERS + 1)})
    assert unpacked_problem(SimpleUploadedFile("ds.xlsx", many), max_bytes=2**30)


def test_a_file_that_is_not_an_archive_is_left_to_its_reader():
    assert unpacked_problem(SimpleUploadedFile("ds.xlsx", b"Ho va ten"), max_bytes=10) is None
