"""The dates a page's text shows, to check that each language writes them one way."""

import re

MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "January February March April May June July August September October November December",
}


def dates_in(text, language):
    """Every date with a month name in `text`, in the language's or the other's month names,
    with whether it is written in the language's format: "3 juin 2025", "3 June 2025", "juin
    2025"; never "June 3, 2025" nor a month of the other language."""
    found = []
    for code, months in MONTHS.items():
        names = "|".join(months.split())
        pattern = rf"(?:\b\d{{1,2}}(?:er)?\s+)?\b(?:{names})(?:\s+\d{{1,2}},)?\s+\d{{4}}\b"
        for match in re.finditer(pattern, text):
            date = re.sub(r"\s+", " ", match.group())
            american = re.search(r"\d,", date) is not None
            found.append((date, code == language and not american))
    return found
