"""Vietnamese personal names: normalisation, search folding and the sort key.

Official lists order people by given name (tên), then middle name (chữ đệm), then family
name (họ), with Vietnamese collation: ă â đ ê ô ơ ư are letters of their own, and tones
only break ties, in the order ngang < huyền < hỏi < ngã < sắc < nặng (CLDR/ICU ``vi``).

Neither SQLite nor a default PostgreSQL knows that collation, so we store a key that
sorts correctly under *any* collation: it uses only the characters 0-9 and a-z, whose
order is the same in C, glibc and ICU collations. The order therefore comes from the
database (pagination stays right) and is identical on SQLite and PostgreSQL.
"""

import unicodedata

# The alphabet in Vietnamese order; f j w z (foreign names) sit where Latin puts them.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Combining marks that make a letter of its own (after NFD decomposition).
LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
# Tone marks in their sort order; ngang (no mark) is 0.
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
DIGITS = "0123456789"


def normalize_name(value: str) -> str:
    """NFC, single spaces, each word starting with a capital.

    A word typed all in one case is capitalised ("NGUYỄN" → "Nguyễn"), including after an
    apostrophe as in Jrai and Bahnar names ("h'bia" → "H'Bia"); a word in mixed case is
    kept as typed, since its writer knew better.
    """
    words = unicodedata.normalize("NFC", value or "").split()
    return " ".join(_capitalise(word) for word in words)


def _capitalise(word: str) -> str:
    if word.isupper() or word.islower():
        return "'".join(part[:1].upper() + part[1:].lower() for part in word.split("'"))
    return word[:1].upper() + word[1:]


def fold(value: str) -> str:
    """Lower-case text without marks (đ → d), for accent-insensitive search."""
    decomposed = unicodedata.normalize("NFD", (value or "").lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _letters(word: str):
    """Yield (letter, tone) for each letter of a word, letters as in ALPHABET."""
    for cluster in _clusters(unicodedata.normalize("NFD", word.lower())):
        base, marks = cluster[0], cluster[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in LETTER_MARKS))
        tone = max((TONES.get(m, 0) for m in marks), default=0)
        yield letter, tone


def _clusters(text: str):
    cluster = ""
    for ch in text:
        if unicodedata.combining(ch) and cluster:
            cluster += ch
        else:
            if cluster:
                yield cluster
            cluster = ch
    if cluster:
        yield cluster


def _field_key(text: str) -> str:
    """Primary letters (two characters each, the first never "0"), "0", then tone digits.

    A shorter name whose letters are a prefix of a longer one sorts first, because "0"
    is below every letter code; names with equal letters have tone strings of equal
    length, so the next field always starts at the same position.
    """
    primary, tones = [], []
    for letter, tone in _letters(text):
        if letter in DIGITS:
            code = 36 + DIGITS.index(letter)
        elif letter in ALPHABET:
            code = 72 + ALPHABET.index(letter)
        else:
            continue  # spaces, hyphens and other punctuation do not sort
        primary.append(_base36(code))
        tones.append(str(tone))
    return "".join(primary) + "0" + "".join(tones)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    return digits[number // 36] + digits[number % 36]


def name_sort_key(*, family_name: str, middle_name: str, given_name: str) -> str:
    """The key that orders people by tên, then chữ đệm, then họ."""
    return "".join(_field_key(part) for part in (given_name, middle_name, family_name))


def full_name(family_name: str, middle_name: str, given_name: str) -> str:
    """"Nguyễn Văn An": the parts in Vietnamese order, a missing middle name left out."""
    return " ".join(part for part in (family_name, middle_name, given_name) if part)


def split_full_name(full_name: str) -> tuple[str, str, str]:
    """"Nguyễn Thị Minh Khai" → ("Nguyễn", "Thị Minh", "Khai")."""
    words = normalize_name(full_name).split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]
