"""Reading text written all in capitals: recase it for the parser, then give events the original's
characters back (`recase` and `original`)."""

from eventwire.casing.original import in_original_text
from eventwire.casing.recase import read_table, recase_text

__all__ = ["in_original_text", "read_table", "recase_text"]
