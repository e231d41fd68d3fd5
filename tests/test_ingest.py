"""Readers: real files in a temporary folder, read through the registry."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from sitegen.ingest import READERS, read_file, read_sources, reader_for
from sitegen.model import RawDocument

STORY = (
    "Harbour fees rise\n\nThe harbour board voted on Monday to raise mooring fees by 8 percent.\n"
)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def read_one(path: Path) -> RawDocument:
    docs, errors = read_file(path)
    assert errors == []
    assert len(docs) == 1
    return docs[0]


def test_txt_is_read_with_its_stem_as_id_and_a_hash(tmp_path: Path) -> None:
    path = write(tmp_path / "harbour-fees.txt", STORY)
    doc = read_one(path)
    assert doc.id == "harbour-fees"
    assert doc.text == STORY
    assert doc.fmt == "text"
    assert doc.fields == {}
    assert doc.origin == path
    assert doc.input_hash == hashlib.sha256(STORY.encode()).hexdigest()


def test_txt_utf8_bom_is_dropped(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + STORY.encode()))
    assert doc.text == STORY
    assert not doc.text.startswith("\ufeff")


def test_txt_crlf_and_cr_become_lf(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path / "crlf.txt", b"Title\r\n\r\nFirst line.\rSecond line.\r\n"))
    assert doc.text == "Title\n\nFirst line.\nSecond line.\n"


def test_txt_cp1252_fallback(tmp_path: Path) -> None:
    raw = "Caf\u00e9 owners \u201cwelcome\u201d the \u20ac2 cut \u2014 mostly.\n".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    doc = read_one(write(tmp_path / "legacy.txt", raw))
    assert doc.text == "Café owners “welcome” the €2 cut — mostly.\n"


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_txt_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "empty.txt", content)
    docs, errors = read_file(path)
    assert docs == []
    assert [(e.origin, e.message) for e in errors] == [(path, "empty file")]


def test_binary_file_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    docs, errors = read_file(path)
    assert docs == []
    assert len(errors) == 1
    assert errors[0].origin == path
    assert "binary" in errors[0].message


def test_md_front_matter_gives_id_and_fields(tmp_path: Path) -> None:
    text = (
        "---\nid: custom-id\ntitle: Harbour fees rise\nsource: Coast Herald\n"
        "date: 2024-05-02\n---\n\nThe harbour board voted on Monday.\n"
    )
    doc = read_one(write(tmp_path / "file-name.md", text))
    assert doc.id == "custom-id"
    assert doc.fmt == "markdown"
    assert doc.text == "The harbour board voted on Monday.\n"
    assert doc.fields["title"] == "Harbour fees rise"
    assert doc.fields["source"] == "Coast Herald"
    assert "id" not in doc.fields


def test_md_without_id_uses_the_file_stem(tmp_path: Path) -> None:
    doc = read_one(write(tmp_path / "no-id.markdown", "---\ntitle: T\n---\nBody text.\n"))
    assert doc.id == "no-id"
    assert doc.fields == {"title": "T"}


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("---\ntitle: Only metadata\n---\n\n", "no article text"),
        ("---\ntitle: [unclosed\n---\nBody\n", "not valid YAML"),
        ("---\ntitle: never closed\nBody\n", "never ends"),
        ("---\n- a\n- b\n---\nBody\n", "mapping"),
    ],
)
def test_bad_md_is_an_error(tmp_path: Path, text: str, needle: str) -> None:
    path = write(tmp_path / "bad.md", text)
    docs, errors = read_file(path)
    assert docs == []
    assert len(errors) == 1
    assert errors[0].origin == path
    assert needle in errors[0].message


def test_jsonl_good_lines_read_and_bad_lines_named(tmp_path: Path) -> None:
    good1 = {"id": "a1", "title": "Ferry strike", "text": "Ferries stopped.", "source": "Wire"}
    good2 = {"id": 7, "text": "Untitled report.", "date": "2024-01-02", "extra": {"x": 1}}
    lines = [
        json.dumps(good1),
        "{not json",
        "",
        '["a", "list"]',
        json.dumps({"id": "no-text"}),
        json.dumps(good2, ensure_ascii=False),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    docs, errors = read_file(path)
    assert [d.id for d in docs] == ["a1", "7"]
    assert docs[0].text == "Ferry strike\n\nFerries stopped."
    assert docs[0].fields == {"title": "Ferry strike", "source": "Wire"}
    assert docs[1].text == "Untitled report."
    assert docs[1].fields == {"date": "2024-01-02"}
    assert docs[0].input_hash == hashlib.sha256(lines[0].encode()).hexdigest()
    assert docs[0].input_hash != docs[1].input_hash
    assert all(e.origin == path for e in errors)
    messages = [e.message for e in errors]
    assert len(messages) == 3
    assert messages[0].startswith("line 2: not valid JSON")
    assert messages[1] == "line 4: expected a JSON object"
    assert messages[2] == "line 5: missing text"


def test_jsonl_with_only_blank_lines_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "blank.ndjson", "\n\n  \n")
    docs, errors = read_file(path)
    assert docs == []
    assert [(e.origin, e.message) for e in errors] == [(path, "empty file")]


def test_unsupported_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "story.docx", b"PK\x03\x04")
    assert reader_for(path) is None
    docs, errors = read_file(path)
    assert docs == []
    assert errors[0].origin == path
    assert "unsupported file type" in errors[0].message
    assert ".txt" in errors[0].message


def test_suffix_lookup_ignores_case() -> None:
    assert reader_for(Path("A.TXT")) is READERS[".txt"]
    assert reader_for(Path("b.Md")) is READERS[".md"]


def test_folder_walk_reads_supported_files_in_order_and_skips_hidden(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw / "b.txt", STORY)
    write(raw / "sub" / "a.md", "---\ntitle: A\n---\nBody.\n")
    write(raw / "sub" / "deeper" / "c.jsonl", json.dumps({"id": "c", "text": "C."}) + "\n")
    write(raw / ".hidden.txt", STORY)
    write(raw / "notes.docx", b"PK")
    write(raw / "README", "not an article")
    docs, errors = read_sources([raw])
    assert errors == []
    assert sorted(d.id for d in docs) == ["a", "b", "c"]
    assert [d.origin.name for d in docs] == ["b.txt", "a.md", "c.jsonl"]


def test_folder_walk_skips_hidden_folders(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw / "visible.txt", STORY)
    write(raw / ".git" / "description.txt", "Unnamed repository; edit this file.\n")
    docs, errors = read_sources([raw])
    assert errors == []
    assert [d.id for d in docs] == ["visible"]


def test_missing_path_is_an_error_and_the_rest_still_read(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", STORY)
    missing = tmp_path / "nope.txt"
    docs, errors = read_sources([missing, good, tmp_path / "no-folder"])
    assert [d.id for d in docs] == ["good"]
    assert [(e.origin, e.message) for e in errors] == [
        (missing, "no such file or folder"),
        (tmp_path / "no-folder", "no such file or folder"),
    ]


def test_one_bad_file_never_stops_the_rest(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "b.txt", b"\x00\x01\x02")
    write(tmp_path / "c.txt", STORY)
    docs, errors = read_sources([tmp_path])
    assert [d.id for d in docs] == ["a", "c"]
    assert [e.origin.name for e in errors] == ["b.txt"]
