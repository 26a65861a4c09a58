"""What staff work with beside the pages: the editorial roles, the translation status and its
report, and the admin in the staff member's own language."""
