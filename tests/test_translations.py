from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale" / "en" / "LC_MESSAGES"
# Django's strings the Vietnamese catalogues lack, kept by hand (docs/architecture.md).
CATALOGUES = [LOCALE / "django.po", ROOT / "locale/vi/LC_MESSAGES/django.po",
              ROOT / "locale/vi/LC_MESSAGES/djangojs.po"]


def test_the_english_catalogue_is_complete():
    po = polib.pofile(str(LOCALE / "django.po"))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("source", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_compiled_catalogue_matches_its_source(source):
    po = polib.pofile(str(source))
    mo = polib.mofile(str(source.with_suffix(".mo")))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in po.translated_entries() if not e.obsolete
    }
    assert compiled == source
