"""decode_html: BOM, HTTP header vs <meta>, aliases, detection, gzip, corpus wrapper."""

from __future__ import annotations

import gzip

import pytest

from extractors.page.clean import clean_html, decode_html
from extractors.page.encoding import normalize_charset

ZH = "临江县与恒泰新材料签约锂电隔膜项目，总投资12亿元，新增就业岗位600个。"


def page(charset: str, body: str = ZH) -> str:
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>test</title></head><body><p>{body}</p></body></html>"
    )


@pytest.mark.parametrize(
    ("label", "codec"),
    [("GB2312", "gb18030"), ("gbk", "gb18030"), ("x-gbk", "gb18030"), ("Big5", "big5hkscs"),
     ("Shift_JIS", "cp932"), ("EUC-JP", "euc_jp"), ("UTF8", "utf-8"), ("bogus-charset", None)],
)
def test_normalize_charset(label: str, codec: str | None) -> None:
    assert normalize_charset(label) == codec


def test_gb2312_meta_decodes_as_gb18030() -> None:
    # 镕 and 喆 are outside GB2312 but common on GB2312-labelled pages.
    text = "朱镕基与张喆出席签约仪式，" + ZH
    html, codec = decode_html(page("gb2312", text).encode("gb18030"))
    assert codec == "gb18030" and text in html


def test_wrong_utf8_header_on_gbk_page() -> None:
    html, codec = decode_html(page("gbk").encode("gb18030"), http_charset="utf-8")
    assert codec == "gb18030" and ZH in html


def test_latin1_header_with_cjk_meta() -> None:
    html, codec = decode_html(page("GBK").encode("gb18030"), http_charset="ISO-8859-1")
    assert codec == "gb18030" and ZH in html


def test_utf8_page_with_wrong_gbk_labels() -> None:
    html, codec = decode_html(page("gbk").encode("utf-8"), http_charset="gbk")
    assert codec == "utf-8" and ZH in html


def test_undeclared_gbk_is_detected() -> None:
    raw = ("<html><body>" + "<p>" + ZH * 5 + "</p></body></html>").encode("gb18030")
    html, codec = decode_html(raw)
    assert codec == "gb18030" and ZH in html


def test_shift_jis_uses_cp932_extensions() -> None:
    text = "髙橋精機が①工場を建設する予定である。"
    html, codec = decode_html(page("Shift_JIS", text).encode("cp932"))
    assert codec == "cp932" and text in html


def test_big5_uses_hkscs() -> None:
    text = "呢個項目啱啱好配合園區嘅發展規劃。"
    html, codec = decode_html(page("big5", text).encode("big5hkscs"))
    assert codec == "big5hkscs" and text in html


def test_euc_jp_meta() -> None:
    text = "大連の工業団地に新たに5社の進出が決まった。"
    html, codec = decode_html(page("EUC-JP", text).encode("euc_jp"))
    assert codec == "euc_jp" and text in html


def test_utf8_bom_wins() -> None:
    html, codec = decode_html(b"\xef\xbb\xbf" + page("gbk").encode("utf-8"), http_charset="gbk")
    assert codec == "utf-8" and ZH in html


def test_utf16_bom() -> None:
    html, codec = decode_html(page("utf-16").encode("utf-16"))
    assert codec == "utf-16" and ZH in html


def test_gzip_input_is_decompressed() -> None:
    html, codec = decode_html(gzip.compress(page("utf-8").encode("utf-8")))
    assert codec == "utf-8" and ZH in html


def test_corpus_wrapper_encoding_and_clean() -> None:
    inner = page("gb2312").encode("gb18030")
    raw = b'<text id="http://example.cn/a.html" title="x" encoding="gb2312">\n' + inner + b"\n</text>"
    html, codec = decode_html(raw)
    assert codec == "gb18030" and ZH in html
    cleaned = clean_html(raw)
    assert ZH in cleaned.text and cleaned.encoding == "gb18030"


def test_ascii_page_keeps_declared_name() -> None:
    html, codec = decode_html(b"<html><body><p>plain</p></body></html>", http_charset="utf-8")
    assert codec == "utf-8" and "plain" in html


def test_short_undeclared_gbk_is_not_korean() -> None:
    html, codec = decode_html("<p>一段很短的文字。</p>".encode("gbk"))
    assert codec == "gb18030" and "一段很短的文字" in html


def test_wrong_gbk_header_on_big5_page() -> None:
    # GB18030 "decodes" Big5 bytes without errors but into the private use area.
    text = "香港宏昌集團昨日與灣區科技園管委會簽署協議，投資8億元人民幣建設智能倉儲物流中心。"
    html, codec = decode_html(page("big5", text).encode("big5hkscs"), http_charset="gbk")
    assert codec == "big5hkscs" and text in html


def test_wrong_euc_jp_meta_on_shift_jis_page() -> None:
    text = "大連市の日系企業向け工業団地に、新たに5社の進出が決まった。投資総額は約4億元となる見込み。"
    html, codec = decode_html(page("euc-jp", text).encode("cp932"))
    assert codec == "cp932" and text in html


def test_long_undeclared_gbk_page_is_detected() -> None:
    # Longer than the detection sample: the sample must not end inside a character.
    raw = ("<html><body>" + "<p>" + ZH * 4000 + "</p>" * 3 + "</body></html>").encode("gb18030")
    html, codec = decode_html(raw)
    assert codec == "gb18030" and ZH in html
