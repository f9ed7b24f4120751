import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _normalize_line_by_line(text: str, form: str = "NFC") -> str:
    """The obviously-correct definition: every line's space runs collapsed and the line stripped."""
    import re
    import unicodedata

    text = unicodedata.normalize(form, text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]", "", text)
    lines = [re.sub(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \t\n\r\x00\x0c\x1c\x85\u00a0\u1680\u2003\u200b\u2028\u3000\ufeffe\u0301É")),
               max_size=40), st.sampled_from(["NFC", "NFKC"]))
def test_normalize_text_equals_the_line_by_line_definition(text, form):
    assert normalize_text(text, form=form) == _normalize_line_by_line(text, form)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\n\n\u1680é")), max_size=40), st.sampled_from(["NFC", "NFD"]))
def test_normalize_text_of_plain_text_equals_the_definition(text, form):
    # mostly single spaces and line ends: the shortcut for texts with nothing unusual
    assert normalize_text(text, form=form) == _normalize_line_by_line(text, form)
