import os
import shutil
import subprocess
import sys
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


def test_every_text_in_the_code_is_in_the_english_catalogue(tmp_path):
    """The catalogue regenerated from today's code (makemessages on a copy of the project)
    has nothing untranslated: a text added without its English fails here, not in front of
    an English-speaking user."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs GNU gettext (xgettext) for this test")
        pytest.skip("GNU gettext is not installed")
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".venv", "var", "docs", "node_modules", "__pycache__", "*.sqlite3*"))
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete",
         "--ignore=.venv", "--ignore=var"],
        cwd=copy, check=True, capture_output=True)
    po = polib.pofile(str(copy / "locale/en/LC_MESSAGES/django.po"))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
