"""Reading news documents: plain text, HTML pages, JSON Lines and RSS/Atom feeds.

Every reader yields `Document` records and raises `InputError` with a message a user can act on.
"""

from eventwire.ingest.files import count_documents, distinct_ids, iter_documents, read_file
from eventwire.ingest.text import check_text

__all__ = ["check_text", "count_documents", "distinct_ids", "iter_documents", "read_file"]
