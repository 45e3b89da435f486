"""What browsers download: the fonts cut to the characters we need and the KERN stylesheet
cut to the rules the templates use (``core.assets``, built by ``make install``)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from fontTools.ttLib import TTFont

from ehrensache.core import assets

BUILT = Path(settings.BUILD_STATIC_DIR)
FULL_KERN = Path(settings.NODE_MODULES) / "@kern-ux" / "native" / "dist" / "kern.min.css"
SRC = Path(settings.BASE_DIR) / "src" / "ehrensache"
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


def _kern_classes_in_templates() -> set[str]:
    classes = set()
    for template in SRC.glob("**/templates/**/*.html"):
        for value in CLASS_ATTRIBUTE.findall(template.read_text(encoding="utf-8")):
            literal = re.sub(r"\{[%{].*?[%}]\}", " ", value)  # template tags make no class
            classes.update(c for c in literal.split() if c.startswith("kern-"))
    return classes


def test_the_built_files_are_there_and_small():
    fonts = sorted((BUILT / "fonts").glob("*.woff2"))

    assert [f.name for f in fonts] == [
        "fira-sans-400-latin-ext.woff2",
        "fira-sans-400-latin.woff2",
        "fira-sans-600-latin-ext.woff2",
        "fira-sans-600-latin.woff2",
    ]
    latin = [f for f in fonts if f.name.endswith("-latin.woff2")]
    assert all(f.stat().st_size < 16_000 for f in latin)  # KERN's originals: about 130 KB
    assert (BUILT / "kern.css").stat().st_size < FULL_KERN.stat().st_size / 3


@pytest.mark.parametrize("text", ["Schöne Grüße aus Gießen – 12,50 €", "Ein „Zitat“ … café"])
def test_the_latin_face_covers_german_and_english_text(text):
    cmap = TTFont(BUILT / "fonts" / "fira-sans-400-latin.woff2").getBestCmap()

    assert [c for c in text if ord(c) not in cmap] == []


def test_names_with_other_latin_letters_load_the_extended_face():
    extended = TTFont(BUILT / "fonts" / "fira-sans-400-latin-ext.woff2").getBestCmap()

    assert all(ord(c) in extended for c in "ŁŞĆłŐğı")


def test_every_face_swaps_and_is_limited_to_its_characters():
    css = (BUILT / "kern.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\{[^}]*\}", css)

    assert len(faces) == len(assets.FACES) * len(assets.SUBSETS)
    assert all("font-display:swap" in f and "unicode-range:" in f for f in faces)
    assert "font-weight:500 700" in css  # one semibold file serves medium to bold


def test_every_kern_class_a_template_uses_survives_the_purge():
    full = FULL_KERN.read_text(encoding="utf-8")
    built = (BUILT / "kern.css").read_text(encoding="utf-8")
    styled = {c for c in _kern_classes_in_templates() if f".{c}" in full}

    assert styled, "no KERN class found in the templates"
    assert sorted(c for c in styled if f".{c}" not in built) == []


def test_the_unicode_ranges_parse():
    codes = assets._ranges("U+0041-0043,U+00E4")

    assert codes == [0x41, 0x42, 0x43, 0xE4]
