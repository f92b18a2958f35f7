import pytest

from ipm_lib import style, ui


def test_message_box_uses_the_palette_colour_of_its_kind():
    box = ui.message_box("Check the dose", "error")
    assert 'class="ipm-msg ipm-msg-error"' in box
    assert f".ipm-msg-error{{border-left-color:{style.OKABE_ITO['vermillion']}}}" in box


def test_unknown_message_kind_is_refused_by_name():
    with pytest.raises(ValueError, match="'warning'"):
        ui.message_box("x", "warning")


def test_escape_escapes_markup_and_quotes():
    assert ui.escape('<b a="1">') == "&lt;b a=&quot;1&quot;&gt;"
