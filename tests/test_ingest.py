"""Reading documents: bad input gets a clear message, good input is never lost."""

from __future__ import annotations

import json

import pytest

from eventwire.errors import InputError
from eventwire.ingest import iter_documents, read_file
from eventwire.ingest.text import check_text

ARTICLE = (
    "Police arrested twelve protesters in Nairobi on Monday, witnesses said, after a march on parliament."
)


def test_ingest_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("   \n")
    with pytest.raises(InputError, match="empty document"):
        read_file(path)


def test_ingest_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(InputError, match="binary"):
        read_file(path)


def test_ingest_non_english_text_is_skipped(tmp_path):
    path = tmp_path / "es.txt"
    path.write_text(
        "La policía detuvo a doce manifestantes en la capital el lunes, según testigos presenciales."
    )
    with pytest.raises(InputError, match="not English"):
        read_file(path)


def test_ingest_windows_1252_text_is_decoded(tmp_path):
    path = tmp_path / "cp.txt"
    path.write_bytes(ARTICLE.replace("witnesses", "\u201cwitnesses\u201d").encode("cp1252"))
    assert "\u201cwitnesses\u201d" in read_file(path).text


def test_ingest_html_article_body_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    body = "".join(f"<p>{ARTICLE} Paragraph {n} of the report.</p>" for n in range(4))
    path.write_text(
        "<html><head><title>Arrests in Nairobi</title>"
        '<meta property="article:published_time" content="2024-03-04T10:00:00Z"></head>'
        f"<body><nav>Home | World</nav><article>{body}</article></body></html>"
    )
    document = read_file(path)
    assert "arrested twelve protesters" in document.text and "Home | World" not in document.text
    assert str(document.published) == "2024-03-04"


def test_ingest_jsonl_bad_lines_are_reported_with_numbers_and_good_lines_kept(tmp_path):
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "a", "text": ARTICLE, "published": "2024-03-04"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": ARTICLE, "published": "someday"}),
        json.dumps({"id": "d", "text": ARTICLE}),
    ]
    path.write_text("\n".join(lines) + "\n")
    problems: list[str] = []
    documents = list(iter_documents([str(path)], on_error=problems.append))
    assert [d.id for d in documents] == ["a", "d"]
    assert [p.split(":")[0] for p in problems] == [f"{path} line {n}" for n in (2, 3, 4)]


def test_ingest_rss_feed_entries_become_documents(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>Arrests</title><link>https://example.org/a</link><description>{ARTICLE}</description>"
        "<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate></item></channel></rss>"
    )
    (document,) = iter_documents([str(path)])
    assert (document.url, document.source, str(document.published)) == (
        "https://example.org/a",
        "Wire",
        "2024-03-04",
    )


def test_ingest_a_one_line_english_snippet_without_function_words_is_kept():
    text = "Russian warplanes will strike Sarmada next Monday, killing 12 civilians"
    assert check_text(text, "snippet") == text


def test_ingest_a_short_spanish_snippet_is_not_english():
    with pytest.raises(InputError, match="not English"):
        check_text("La policía detuvo a los manifestantes en la capital", "snippet")
