"""`make lighthouse`: Lighthouse's four scores, largest contentful paint and cumulative layout
shift of every public page type in French and in English, with a phone's emulation (Lighthouse's
default), on Debian's chromium. Prints a table and keeps each report in var/lighthouse/.

Lighthouse comes from npm, pinned in tools/lighthouse/package.json (installed there on first
use, with no install scripts). The site is the one `make screenshots` serves (tools/site_server.py).
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tools.screenshots import addresses  # noqa: E402
from tools.site_server import command_line, running_site  # noqa: E402

PACKAGE = ROOT / "tools" / "lighthouse"
LIGHTHOUSE = PACKAGE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def install():
    if not LIGHTHOUSE.exists():
        subprocess.run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel", "error"],
            cwd=PACKAGE,
            check=True,
        )


def audit(url, report):
    """Lighthouse's report of `url` (also written to `report`), as a dictionary."""
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            f"--chrome-path={CHROMIUM}",
            "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS]),
            "--output=json",
            f"--output-path={report}",
            "--quiet",
        ],
        check=True,
    )
    return json.loads(report.read_text())


def summary(result):
    scores = {name: result["categories"][name]["score"] for name in CATEGORIES}
    audits = result["audits"]
    lcp = audits["largest-contentful-paint"]["numericValue"] / 1000
    cls = audits["cumulative-layout-shift"]["numericValue"]
    # The audits that count in a score and lost points there.
    weighed = {
        ref["id"]
        for name in CATEGORIES
        for ref in result["categories"][name]["auditRefs"]
        if ref.get("weight")
    }
    failed = sorted(
        id_
        for id_ in weighed
        if (audits[id_].get("score") is not None and audits[id_]["score"] < 1)
    )
    return scores, lcp, cls, failed


def main():
    options = command_line(__doc__.splitlines()[0], "lighthouse")
    out = options.out
    install()
    # Lighthouse reports an error instead of scores for a page answered with a 404.
    pages = [
        (name, paths)
        for name, paths in addresses()
        if name != "404" and (not options.only or options.only in name)
    ]
    print(
        "| page | language | performance | accessibility | best practices | SEO | LCP s | CLS "
        "| audits that lost points |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    with running_site() as base:
        for name, paths in pages:
            for language, path in paths.items():
                result = audit(base + path, out / f"{name}-{language}.json")
                scores, lcp, cls, failed = summary(result)
                cells = " | ".join(f"{scores[c]:.2f}" for c in CATEGORIES)
                print(
                    f"| {name} | {language} | {cells} | {lcp:.1f} | {cls:.3f} | "
                    f"{', '.join(failed) or '—'} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
