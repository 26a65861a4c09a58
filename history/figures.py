"""How an achievement figure is worded in each language.

A figure is a quantity (a qualifier and, for most qualifiers, a number) and a label, a plural
noun phrase such as "tournées avec des invité-e-s du Sud". The wording follows each language's
habits: "plus d’une cinquantaine de tournées", "more than fifty speaking tours".
"""

from django.utils.translation import get_language

EXACT = "exact"
ABOUT = "about"
MORE_THAN = "more_than"
SEVERAL = "several"
MANY = "many"
HUNDREDS = "hundreds"

# Qualifiers that need a number; the others stand for a quantity by themselves.
NEEDS_NUMBER = {EXACT, ABOUT, MORE_THAN}

# French speaks of approximate round numbers with collective nouns: une quarantaine, about 40.
FR_APPROXIMATE = {
    10: "dizaine",
    12: "douzaine",
    15: "quinzaine",
    20: "vingtaine",
    30: "trentaine",
    40: "quarantaine",
    50: "cinquantaine",
    60: "soixantaine",
    100: "centaine",
}
FR_SMALL = ["", "", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"]
EN_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

FR_VOWELS = tuple("aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÉÈÊËÎÏÔÖÙÛÜŒÆ")


def _fr_de(label):
    """The partitive "de" before a label, elided before a vowel: "de stages", "d’ateliers"."""
    return f"d’{label}" if label.startswith(FR_VOWELS) else f"de {label}"


def _fr_number(number):
    return f"{number:,}".replace(",", "\u202f")  # 1 200: French groups with a narrow space


def _en_number(number):
    """Numbers up to one hundred in words, as English prose writes them; larger in digits."""
    if number < 20:
        return EN_UNITS[number]
    if number < 100:
        tens, units = divmod(number, 10)
        return EN_TENS[tens] + (f"-{EN_UNITS[units]}" if units else "")
    if number == 100:
        return "one hundred"
    return f"{number:,}"


def _french(qualifier, number, label):
    if qualifier == EXACT:
        words = FR_SMALL[number] if 2 <= number <= 10 else _fr_number(number)
        return f"{words} {label}"
    if qualifier == ABOUT:
        if number in FR_APPROXIMATE:
            return f"une {FR_APPROXIMATE[number]} {_fr_de(label)}"
        return f"environ {_fr_number(number)} {label}"
    if qualifier == MORE_THAN:
        if number in FR_APPROXIMATE:
            return f"plus d’une {FR_APPROXIMATE[number]} {_fr_de(label)}"
        return f"plus de {_fr_number(number)} {label}"
    if qualifier == SEVERAL:
        return f"plusieurs {label}"
    if qualifier == MANY:
        return f"un grand nombre {_fr_de(label)}"
    if qualifier == HUNDREDS:
        return f"plusieurs centaines {_fr_de(label)}"
    raise ValueError(f"Unknown qualifier: {qualifier}")


def _english(qualifier, number, label):
    if qualifier == EXACT:
        words = _en_number(number) if 2 <= number <= 10 else f"{number:,}"
        return f"{words} {label}"
    if qualifier == ABOUT:
        return f"about {_en_number(number)} {label}"
    if qualifier == MORE_THAN:
        return f"more than {_en_number(number)} {label}"
    if qualifier == SEVERAL:
        return f"several {label}"
    if qualifier == MANY:
        return f"many {label}"
    if qualifier == HUNDREDS:
        return f"several hundred {label}"
    raise ValueError(f"Unknown qualifier: {qualifier}")


def phrase(qualifier, number, label, language=None):
    """The figure as a phrase, capitalised: "Plus d’une cinquantaine de tournées"."""
    language = (language or get_language() or "fr")[:2]
    wording = _english if language == "en" else _french
    text = wording(qualifier, number, label.strip())
    return text[:1].upper() + text[1:]


def headline(qualifier, number, language=None):
    """What the figure shows in large type: "50+", "12", or words for an approximate or
    missing number ("Une quarantaine", "About 40", "Plusieurs"): French writes approximations
    in words, never "~40". It repeats the phrase for the eye, so it is hidden from screen
    readers."""
    language = (language or get_language() or "fr")[:2]
    if qualifier == EXACT:
        return f"{number:,}".replace(",", "\u202f" if language == "fr" else ",")
    if qualifier == ABOUT:
        if language == "en":
            return f"About {number:,}"
        if number in FR_APPROXIMATE:
            return f"Une {FR_APPROXIMATE[number]}"
        return f"Environ {_fr_number(number)}"
    if qualifier == MORE_THAN:
        return f"{number}+"
    words = {
        SEVERAL: ("Plusieurs", "Several"),
        MANY: ("Beaucoup", "Many"),
        HUNDREDS: ("Des centaines", "Hundreds"),
    }
    french, english = words[qualifier]
    return english if language == "en" else french


def headline_is_word(qualifier, number):
    """Whether the headline is words (set smaller) rather than a number."""
    return number is None or qualifier == ABOUT
