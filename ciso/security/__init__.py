"""The site's security measures beyond Django's and Wagtail's settings (README.md, Security):
headers, limits on guessing, uploads, rich text, the public views that need them."""
