"""French dates: "3 juin 2025", "juin 2025", "3 juin"."""

DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
