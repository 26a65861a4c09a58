"""The site's date formats per language (FORMAT_MODULE_PATH), set here once for every page.

Both languages write the day before the month, as the organisation does in Quebec: "3 juin
2025", "3 June 2025" (Django's English default would be the American "June 3, 2025").
"""
