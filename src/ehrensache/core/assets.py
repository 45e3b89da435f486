"""Build what a browser downloads: Fira Sans cut to the characters the site needs, and KERN
UX's stylesheet cut to the rules the templates use.

KERN ships 32 Fira Sans files of about 130 KB each and a 332 KB stylesheet; a visitor's first
page would weigh more than half a megabyte. ``manage.py build_assets`` (run by ``make
install``) writes ``build/static/``, served as ``static/build/``:

- two faces (regular 400, semibold for 500–700: KERN's medium, semibold and bold), each as
  a Latin file (German, English and Western European names) and a Latin Extended file that a
  browser fetches only when a page contains such a character (``unicode-range``), woff2;
- ``kern.css``: the ``@font-face`` rules (``font-display: swap``) and KERN's CSS purged by
  PurgeCSS (``purgecss.config.cjs``) over templates, scripts and Python files.

Italics are synthesised by the browser; other scripts (Cyrillic, Arabic, …) fall back to
the system font. Everything comes from pinned packages (npm ``@kern-ux/native``,
``purgecss``; PyPI ``fonttools``, ``brotli``): nothing is downloaded.
"""

import logging
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from fontTools import subset

FONT_SOURCE = Path("@kern-ux") / "native" / "dist" / "fonts" / "fira-sans"

# Google Fonts' "latin" and "latin-ext" ranges (plus arrows, used in the interface).
LATIN = (
    "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,"
    "U+2000-206F,U+20AC,U+2122,U+2190-2193,U+2212,U+2215,U+FEFF,U+FFFD"
)
LATIN_EXT = (
    "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+1E00-1E9F,U+1EF2-1EFF,"
    "U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF"
)
SUBSETS = {"latin": LATIN, "latin-ext": LATIN_EXT}
FEATURES = ["kern", "liga", "calt", "ccmp", "locl"]


@dataclass(frozen=True)
class Face:
    source: str  # file name in FONT_SOURCE
    weight: str  # CSS font-weight (a range where one file serves several weights)
    name: str  # output file stem


FACES = [
    Face("FiraSans-Regular.woff2", "400", "fira-sans-400"),
    Face("FiraSans-SemiBold.woff2", "500 700", "fira-sans-600"),
]


def _ranges(spec: str) -> list[int]:
    codes: list[int] = []
    for part in spec.split(","):
        first, _, last = part.removeprefix("U+").partition("-")
        codes.extend(range(int(first, 16), int(last or first, 16) + 1))
    return codes


def subset_font(source: Path, target: Path, unicodes: str) -> None:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = FEATURES
    options.hinting = False  # screens today render without; hints are a third of the file
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the copyright and licence names (OFL)
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_ranges(unicodes))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def font_face_css() -> str:
    rules = []
    for face in FACES:
        for key, ranges in SUBSETS.items():
            rules.append(
                "@font-face{font-family:'Fira Sans';font-style:normal;"
                f"font-weight:{face.weight};font-display:swap;"
                f"src:url(fonts/{face.name}-{key}.woff2) format('woff2');"
                f"unicode-range:{ranges.replace(',', ', ')}}}"
            )
    return "\n".join(rules) + "\n"


def purge_css(base_dir: Path, out_dir: Path) -> str:
    """KERN's stylesheet with only the rules the project uses (PurgeCSS, npm)."""
    subprocess.run(
        [
            str(base_dir / "node_modules" / ".bin" / "purgecss"),
            "--config",
            str(base_dir / "purgecss.config.cjs"),
            "--output",
            str(out_dir),
        ],
        cwd=base_dir,
        check=True,
        capture_output=True,
    )
    purged = out_dir / "kern.min.css"
    css = purged.read_text(encoding="utf-8")
    purged.unlink()
    return css


def build(out_dir: Path | None = None) -> list[Path]:
    """Write fonts and ``kern.css`` into ``out_dir`` (default: the ``build`` static dir)."""
    base_dir = Path(settings.BASE_DIR)
    out_dir = out_dir or Path(settings.BUILD_STATIC_DIR)
    fonts_dir = out_dir / "fonts"
    fonts_dir.mkdir(parents=True, exist_ok=True)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    written = []
    for face in FACES:
        for key, ranges in SUBSETS.items():
            target = fonts_dir / f"{face.name}-{key}.woff2"
            subset_font(Path(settings.NODE_MODULES) / FONT_SOURCE / face.source, target, ranges)
            written.append(target)
    stylesheet = out_dir / "kern.css"
    stylesheet.write_text(font_face_css() + purge_css(base_dir, out_dir), encoding="utf-8")
    written.append(stylesheet)
    return written
