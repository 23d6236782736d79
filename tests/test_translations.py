"""The interface exists in French and English: every string a template shows is
marked for translation, and every marked string has its English translation."""

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
CATALOGUES = ["django", "djangojs"]

# Attributes a person reads or hears.
READ_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description", "label"}
# Words that are the same in every language: names and formats.
NAMES = {
    *("Carrefour", "OpenStreetMap", "Leaflet", "CSV", "JSON", "JSON-LD", "GeoJSON", "API"),
    # The networks a page is shared on.
    *("LinkedIn", "Facebook", "Bluesky", "Mastodon"),
}
# Scripts, styles and code samples (addresses, HTML to copy) are not prose.
CODE = {"script", "style", "code", "pre", "textarea"}
HOLE = "\x00"
WORD = re.compile(r"[^\W\d_]{2,}")


def templates():
    for folder in TEMPLATE_DIRS:
        yield from sorted(p for p in folder.rglob("*") if p.suffix in {".html", ".txt"})


def visible_source(source):
    """The template with what a variable outputs replaced by a hole, and tags,
    what is already translated (blocktranslate) and comments left out."""
    parts, hidden_until = [], None
    for token in Lexer(source).tokenize():
        if token.token_type is TokenType.BLOCK:
            name = token.contents.split(" ", 1)[0]
            if hidden_until and name == hidden_until:
                hidden_until = None
            elif not hidden_until and name in {"blocktranslate", "blocktrans"}:
                hidden_until = "end" + name
            elif not hidden_until and name == "comment":
                hidden_until = "endcomment"
        elif token.token_type is TokenType.VAR and not hidden_until:
            parts.append(HOLE)
        elif token.token_type is TokenType.TEXT and not hidden_until:
            parts.append(token.contents)
    return "".join(parts)


def untranslated_words(text):
    words = WORD.findall(text.replace(HOLE, " "))
    return [word for word in words if word not in NAMES]


class UnmarkedText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.in_code = 0

    def handle_starttag(self, tag, attrs):
        if tag in CODE:
            self.in_code += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value and untranslated_words(value):
                self.found.append(f"{tag}[{name}]={value!r}")

    def handle_endtag(self, tag):
        if tag in CODE:
            self.in_code -= 1

    def handle_data(self, data):
        if not self.in_code and untranslated_words(data):
            self.found.append(" ".join(data.replace(HOLE, "…").split()))


def unmarked_strings(path):
    source = visible_source(path.read_text())
    if path.suffix == ".txt":
        return [" ".join(source.replace(HOLE, "…").split())] if untranslated_words(source) else []
    parser = UnmarkedText()
    parser.feed(source)
    parser.close()
    return parser.found


def test_every_template_string_is_marked_for_translation():
    unmarked = {
        str(path.relative_to(ROOT)): found
        for path in templates()
        if (found := unmarked_strings(path))
    }
    assert unmarked == {}


def test_the_scanner_finds_text_outside_translation_tags(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '{% load i18n %}<p>{% translate "Bonjour" %}</p><p>Au revoir {{ name }}</p>'
        '<img alt="Une carte" src="x.png"><input placeholder="{% translate "Nom" %}">'
        "{% blocktranslate %}Déjà traduit {{ name }}{% endblocktranslate %}"
        "{% comment %}Une note{% endcomment %}<script>var a = 'texte';</script>"
    )
    assert unmarked_strings(page) == ["Au revoir …", "img[alt]='Une carte'"]


def catalogue(domain):
    return polib.pofile(str(ROOT / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"))


@pytest.mark.parametrize("domain", CATALOGUES)
def test_every_marked_string_has_an_english_translation(domain):
    missing = [
        entry.msgid
        for entry in catalogue(domain)
        if entry.obsolete is False
        and ("fuzzy" in entry.flags or not (entry.msgstr or all(entry.msgstr_plural.values())))
    ]
    assert missing == []


def test_the_english_catalogues_hold_every_string_the_code_marks(tmp_path):
    # makemessages on a copy of the sources: what it finds that the catalogues
    # lack was marked without being translated (run `make messages`).
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "node_modules", "var", "vendor", "tests", "__pycache__", "*.mo"
        ),
    )
    for domain in CATALOGUES:
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "--locale=en",
                "--no-location",
                f"--domain={domain}",
                "--ignore=static/vendor",
            ],
            cwd=copy,
            check=True,
            capture_output=True,
        )
    for domain in CATALOGUES:
        extracted = polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"))
        known = {(entry.msgctxt, entry.msgid) for entry in catalogue(domain)}
        assert [
            entry.msgid for entry in extracted if (entry.msgctxt, entry.msgid) not in known
        ] == [], domain
