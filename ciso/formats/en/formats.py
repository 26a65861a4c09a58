"""English dates, day before month as in Canadian and British usage: "3 June 2025",
"June 2025", "3 June"."""

DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
