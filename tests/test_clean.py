import pytest

from framelens.clean import compile_line_patterns, normalize_text, strip_boilerplate
from framelens.errors import ConfigError


def test_normalize_whitespace_and_paragraphs():
    raw = "  Hello\u00a0\u00a0world \r\n\r\n\r\n\tSecond  para\x00graph\x07 \n"
    assert normalize_text(raw) == "Hello world\n\nSecond paragraph"


def test_normalize_unicode_forms():
    decomposed = "Jose\u0301"  # e + combining acute
    assert normalize_text(decomposed) == "Jos\u00e9"
    assert normalize_text("\ufb01ne", form="NFKC") == "fine"  # ligature fi
    assert normalize_text("\ufb01ne", form="NFC") == "\ufb01ne"
    with pytest.raises(ConfigError, match="unicode form"):
        normalize_text("x", form="NFX")


def test_strip_boilerplate_whole_lines_only():
    patterns = compile_line_patterns([r"Share · Tweet · Email", r"Related: .*"])
    text = "Body one.\n\nRelated: Something else\n\nBody two mentions Share · Tweet · Email inline.\nShare · Tweet · Email"
    cleaned, removed = strip_boilerplate(text, patterns)
    assert removed == 2
    assert cleaned == "Body one.\n\nBody two mentions Share · Tweet · Email inline."


def test_bad_pattern_is_a_clear_error():
    with pytest.raises(ConfigError, match=r"pattern #2 '\(unclosed'"):
        compile_line_patterns(["ok", "(unclosed"])
