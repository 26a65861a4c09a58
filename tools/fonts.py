"""Copy the site's fonts from their npm packages (tools/fonts/package.json) into static/fonts/.

The fonts are committed, so that `make run` needs no npm: run this only to change a font or its
version (`npm ci --prefix tools/fonts && python tools/fonts.py`), then commit static/fonts/.

Only the Latin subset (French diacritics included) of the weights that site.css declares:
Source Sans 3 for text (regular, italic, bold), Archivo extra-bold for headings. Together about
62 KB; a page downloads only the ones it uses. Both under the SIL Open Font License 1.1, whose
text is copied beside them.
"""

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ROOT / "tools" / "fonts" / "node_modules" / "@fontsource"
TARGET = ROOT / "static" / "fonts"

FILES = {
    "source-sans-3": [
        "source-sans-3-latin-400-normal.woff2",
        "source-sans-3-latin-400-italic.woff2",
        "source-sans-3-latin-700-normal.woff2",
    ],
    "archivo": ["archivo-latin-800-normal.woff2"],
}


def main():
    TARGET.mkdir(parents=True, exist_ok=True)
    for package, names in FILES.items():
        for name in names:
            shutil.copyfile(PACKAGES / package / "files" / name, TARGET / name)
        shutil.copyfile(PACKAGES / package / "LICENSE", TARGET / f"{package}-LICENSE.txt")
    total = sum(path.stat().st_size for path in TARGET.glob("*.woff2"))
    print(f"{len(list(TARGET.glob('*.woff2')))} font files, {total / 1024:.1f} KiB, in {TARGET}")


if __name__ == "__main__":
    main()
