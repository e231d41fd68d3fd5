"""Text hygiene in normalized bodies: hard-wrapped paragraphs joined, Markdown escaped."""

from __future__ import annotations

from pathlib import Path

from sitegen.model import RawDocument
from sitegen.normalize import normalize
from sitegen.site.render import markdown_html


def _body(text: str) -> list[str]:
    raw = RawDocument(Path("wrapped.txt"), "wrapped", text, {"title": "Bridge closes"})
    return normalize(raw).body.split("\n\n")


def test_a_hard_wrapped_paragraph_is_joined_back() -> None:
    body = _body(
        "Bridge closes\n"
        "The old swing bridge will close for six months from May while engineers replace\n"
        "its turning gear, the harbour board said on Thursday, and ferries will carry\n"
        "foot passengers across the river for free.\n"
        "Cyclists will have to use the ring road bridge, a detour of about 40 minutes.\n"
    )
    assert body == [
        "The old swing bridge will close for six months from May while engineers replace its "
        "turning gear, the harbour board said on Thursday, and ferries will carry foot "
        "passengers across the river for free.",
        "Cyclists will have to use the ring road bridge, a detour of about 40 minutes.",
    ]


def test_headings_capitalised_lines_and_separated_lines_stay_apart() -> None:
    body = _body(
        "Bridge closes\n"
        "The old swing bridge will close for six months from May, the harbour board said.\n"
        "What happens next\n"
        "Ferries will carry foot passengers across the river for free while it is shut\n"
        "\n"
        "and the board will publish a timetable next week.\n"
    )
    assert body == [
        "The old swing bridge will close for six months from May, the harbour board said.",
        "What happens next",
        "Ferries will carry foot passengers across the river for free while it is shut",
        "and the board will publish a timetable next week.",
    ]


def test_inline_markdown_characters_in_text_render_as_text() -> None:
    line = (
        "Shares of A*B Corp rose 5*3 points as traders (see [1]) cheered _quietly_; "
        "`ls` & <b>bold</b> &copy; 2024."
    )
    body = _body(f"Bridge closes\n{line}\n")
    assert len(body) == 1
    html = markdown_html(body[0])
    assert "<em>" not in html and "<code>" not in html and "<a " not in html
    assert "<b>" not in html and "©" not in html
    assert html == (
        "<p>Shares of A*B Corp rose 5*3 points as traders (see [1]) cheered _quietly_; "
        "`ls` &amp; &lt;b&gt;bold&lt;/b&gt; &amp;copy; 2024.</p>\n"
    )


def test_language_is_guessed_when_the_input_does_not_say() -> None:
    def language(text: str, **fields: object) -> object:
        raw = RawDocument(Path("x.txt"), "x", text, {"title": "Notícia", **fields})
        return normalize(raw).extra.get("language")

    portuguese = (
        "Notícia\nA prefeitura anunciou nesta segunda-feira que as obras da ponte não serão "
        "concluídas antes do fim do ano, segundo o secretário de obras, que culpou a chuva.\n"
    )
    english = (
        "Notícia\nThe council said on Monday that the work on the bridge was not going to be "
        "finished before the end of the year, and the engineer in charge of it blamed the rain.\n"
    )
    assert language(portuguese) == "pt"
    assert language(english) == "en"
    assert language(portuguese, language="pt-BR") == "pt-BR"
    assert language("Notícia\nOK 123\n") is None
    assert language("Notícia\nУряд оголосив, що міст відкриють у четвер після ремонту.\n") == "uk"


def test_a_text_dump_in_chinese_keeps_its_paragraphs() -> None:
    """Chinese is written without spaces: a paragraph is one or two "words" to a regular
    expression, and must still weigh as prose against the menus around it."""
    menu = ["首頁", "新聞", "體育", "娛樂", "財經", "登入", "訂閱電子報", "聯絡我們"]
    paragraphs = [
        "台北市政府今天宣布，捷運環狀線第二階段工程將於明年春季動工，預計五年後完工通車",
        "市府交通局表示，新路線將連接北部三個行政區，每日可服務約十五萬名乘客，減少尖峰時段塞車",
        "部分居民擔心施工期間的噪音與交通管制，市府承諾將舉辦說明會，並於夜間暫停重型機具作業",
    ]
    footer = ["熱門文章", "颱風假最新消息", "夜市美食排行", "版權所有 © 2024 城市日報"]
    text = "\n".join(["捷運環狀線二期明年動工", *menu, *paragraphs, *footer])
    body = normalize(RawDocument(Path("zh.txt"), "zh", text)).body.split("\n\n")
    assert body == paragraphs


def test_a_five_megabyte_hard_wrapped_dump_is_one_paragraph() -> None:
    """Joining is linear: each line is compared with the raw line before it, and a
    paragraph's pieces are joined once (rescanning the growing line made 1 MB take minutes
    and this input days)."""
    line = "the river flooded the lower town again this spring and residents said that"
    count = 5 * 2**20 // (len(line) + 1)
    text = "Flood report\n" + "\n".join([line] * count) + "\nthe water was gone.\n"
    body = normalize(RawDocument(Path("wrapped.txt"), "wrapped", text)).body
    assert "\n" not in body and body.count("residents said that") == count
    assert body.endswith("the water was gone.")
