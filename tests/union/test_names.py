"""Vietnamese names: normalising, folding for search, splitting, and the order of official lists."""

import re
import unicodedata

import pytest
from django.urls import reverse

from tests.factories import MemberFactory
from union.models import Member
from union.names import fold, name_sort_key, normalize_name, split_full_name


def key(given, middle="", family=""):
    return name_sort_key(family_name=family, middle_name=middle, given_name=given)


def in_list_order(names):
    """Full names ("Họ Chữ đệm Tên") sorted the way the app sorts them."""
    return sorted(names, key=lambda name: key(*reversed(split_full_name(name))))


# normalize_name


def test_it_capitalises_each_word_typed_in_lower_case():
    assert normalize_name("nguyễn văn an") == "Nguyễn Văn An"


def test_it_capitalises_a_name_typed_all_in_capitals():
    assert normalize_name("NGUYỄN THỊ MINH KHAI") == "Nguyễn Thị Minh Khai"
    assert normalize_name("ĐỖ ĐỨC") == "Đỗ Đức"


def test_it_capitalises_after_an_apostrophe_in_jrai_and_bahnar_names():
    assert normalize_name("siu h'bia") == "Siu H'Bia"
    assert normalize_name("SIU H'BIA") == "Siu H'Bia"


def test_it_keeps_a_word_in_mixed_case_as_typed():
    assert normalize_name("McDonald") == "McDonald"
    assert normalize_name("h'Bia") == "H'Bia"


def test_it_collapses_spaces_and_trims():
    assert normalize_name("  nguyễn \t văn   an  ") == "Nguyễn Văn An"


def test_it_stores_names_in_nfc():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    result = normalize_name(decomposed)
    assert result == "Nguyễn Thị Ánh"
    assert unicodedata.is_normalized("NFC", result)


def test_it_turns_nothing_into_an_empty_string():
    assert normalize_name("") == ""
    assert normalize_name(None) == ""
    assert normalize_name("   ") == ""


# fold


def test_fold_drops_tones_and_letter_marks():
    assert fold("Nguyễn Thị Ánh") == "nguyen thi anh"
    assert fold("Trưởng Ơn Ăn Ân Êm Ôn") == "truong on an an em on"


def test_fold_turns_d_with_stroke_into_d_in_both_cases():
    assert fold("Hoàng Văn Đức") == "hoang van duc"
    assert fold("đinh") == "dinh"


def test_fold_gives_the_same_text_for_composed_and_decomposed_input():
    assert fold(unicodedata.normalize("NFD", "Đặng Thị Huệ")) == fold("Đặng Thị Huệ")


def test_fold_of_nothing_is_empty():
    assert fold(None) == ""


# split_full_name


def test_split_takes_the_first_word_as_family_and_the_last_as_given_name():
    assert split_full_name("Nguyễn Thị Minh Khai") == ("Nguyễn", "Thị Minh", "Khai")


def test_split_of_two_words_has_no_middle_name():
    assert split_full_name("Lê An") == ("Lê", "", "An")


def test_split_of_one_word_is_a_given_name_only():
    assert split_full_name("Khai") == ("", "", "Khai")


def test_split_of_nothing_is_three_empty_parts():
    assert split_full_name("   ") == ("", "", "")


def test_split_normalises_first():
    assert split_full_name("  siu   h'bia ") == ("Siu", "", "H'Bia")
    assert split_full_name("TRẦN VĂN BÌNH") == ("Trần", "Văn", "Bình")


# name_sort_key


def test_the_key_uses_only_digits_and_lower_case_ascii_letters():
    assert re.fullmatch(r"[0-9a-z]+", key("Ưng", "Thị Ánh", "Đặng Hoàng"))


@pytest.mark.parametrize("letters", [
    "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y",
    "e ê f g",  # foreign letters sit where the Latin alphabet puts them
    "i j k",
    "v w x y z",
])
def test_letters_follow_the_vietnamese_alphabet(letters):
    words = letters.split()
    assert sorted(words, key=key) == words


def test_tones_sort_ngang_huyen_hoi_nga_sac_nang():
    words = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(reversed(words), key=key) == words


def test_a_letter_with_a_mark_sorts_after_every_tone_of_the_plain_letter():
    # ă is a letter of its own, so "ạ" (a with a tone) still comes before "ă".
    assert sorted(["ă", "ạ", "a", "ắ", "â"], key=key) == ["a", "ạ", "ă", "ắ", "â"]


def test_tones_only_break_ties_between_the_same_letters():
    # "Ánh" has a tone but its letters a-n-h come before "Ba"; tones do not decide that.
    assert sorted(["Bà", "Ánh", "Ba", "Anh"], key=key) == ["Anh", "Ánh", "Ba", "Bà"]


def test_a_shorter_name_sorts_before_a_longer_one_it_begins():
    assert sorted(["Anh", "An"], key=key) == ["An", "Anh"]
    assert sorted(["Ánh", "An"], key=key) == ["An", "Ánh"]


def test_d_with_stroke_sorts_after_every_d():
    assert sorted(["Đức", "Dung", "Dũng", "Dương"], key=key) == ["Dung", "Dũng", "Dương", "Đức"]


def test_the_given_name_decides_first():
    assert in_list_order(["Trần Văn Bình", "Lê Thị Ánh", "Nguyễn Văn An"]) == [
        "Nguyễn Văn An", "Lê Thị Ánh", "Trần Văn Bình",
    ]


def test_the_middle_name_decides_when_given_names_are_equal():
    assert in_list_order(["Trần Văn Bình", "Trần Thị Bình", "Trần Bình"]) == [
        "Trần Bình", "Trần Thị Bình", "Trần Văn Bình",
    ]


def test_the_family_name_decides_last():
    assert in_list_order(["Trần Văn Bình", "Lê Văn Bình", "Đỗ Văn Bình", "Âu Văn Bình"]) == [
        "Âu Văn Bình", "Đỗ Văn Bình", "Lê Văn Bình", "Trần Văn Bình",
    ]


def test_a_family_name_never_outweighs_a_middle_name():
    assert in_list_order(["Âu Văn An", "Yên Thị An"]) == ["Yên Thị An", "Âu Văn An"]


def test_the_key_ignores_case_and_unicode_form():
    assert key("ÁNH", "THỊ", "LÊ") == key("Ánh", "Thị", "Lê")
    assert key(unicodedata.normalize("NFD", "Ánh")) == key("Ánh")


def test_apostrophes_and_hyphens_do_not_sort():
    assert key("H'Bia") == key("HBia")
    assert key("Hồng-Nhung") == key("Hồng Nhung")


# The order in the database and on the page: the key must sort the same on SQLite and
# PostgreSQL, whatever the database's collation.

PEOPLE_IN_ORDER = [
    "Nguyễn Văn An",
    "Vũ Thị Anh",
    "Lê Thị Ánh",
    "Lê Văn Ân",
    "Trần Thị Bình",
    "Lê Văn Bình",
    "Trần Văn Bình",
    "Nguyễn Văn Chủ",  # the world's chair
    "Phạm Thị Dung",
    "Ngô Văn Dũng",
    "Hoàng Văn Đức",
    "Nguyễn Văn Khác",  # the world's other member of A
    "Nguyễn Văn Trưởng",  # the world's group leader
    "Nguyễn Văn Viên",  # the world's plain member
]
ADDED = [name for name in PEOPLE_IN_ORDER if name.rsplit(" ", 1)[1] not in
         {"Chủ", "Khác", "Trưởng", "Viên"}]


@pytest.fixture
def named_people(world):
    # Created in reverse order, so that insertion order cannot pass for name order.
    for name in reversed(ADDED):
        family, middle, given = split_full_name(name)
        MemberFactory(union=world.union_a, family_name=family, middle_name=middle,
                      given_name=given)
    return world


def test_the_database_lists_members_in_vietnamese_order(named_people):
    members = Member.objects.filter(union=named_people.union_a).in_name_order()
    assert [m.full_name for m in members] == PEOPLE_IN_ORDER


def test_the_required_pairs_are_in_order_in_the_database(named_people):
    names = [m.full_name for m in Member.objects.in_name_order()]
    assert names.index("Nguyễn Văn An") < names.index("Lê Thị Ánh") < names.index("Trần Văn Bình")
    assert names.index("Phạm Thị Dung") < names.index("Hoàng Văn Đức")


def test_the_member_list_page_shows_members_in_vietnamese_order(client, named_people):
    client.force_login(named_people.chair.user)
    response = client.get(reverse("union:member-list", args=[named_people.union_a.pk]))
    assert response.status_code == 200
    table = response.context["table"]
    assert [row.record.full_name for row in table.page.object_list] == PEOPLE_IN_ORDER
    html = response.content.decode()
    body = html[html.index("<table"):]
    positions = [body.index(f">{name}<") for name in PEOPLE_IN_ORDER]
    assert positions == sorted(positions)


def test_the_member_list_page_keeps_the_order_when_sorted_by_name_descending(
    client, named_people,
):
    client.force_login(named_people.chair.user)
    url = reverse("union:member-list", args=[named_people.union_a.pk])
    response = client.get(url, {"sort": "-full_name"})
    table = response.context["table"]
    assert [row.record.full_name for row in table.page.object_list] == PEOPLE_IN_ORDER[::-1]
