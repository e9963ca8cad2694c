"""amm/texts/bidi.py: left-to-right runs inside right-to-left pages are isolated (hand-written cases)."""

from __future__ import annotations

from amm.texts.bidi import isolate

AR = '<!doctype html><html lang="ar" dir="rtl"><head><title>§ 61</title></head><body>{}</body></html>'


def body(html: str) -> str:
    out = isolate(AR.format(html))
    return out[out.index("<body>") + 6: out.index("</body>")]


def test_a_section_of_law_in_arabic_text_is_isolated():
    assert body("<p>انظر § 61 Abs. 2 AsylG للتفاصيل.</p>") == \
        '<p>انظر <bdi dir="ltr">§ 61 Abs. 2 AsylG</bdi> للتفاصيل.</p>'


def test_an_element_in_german_gets_its_direction():
    assert body('<a class="amm-law" href="#" lang="de">§ 60a Abs. 2 AufenthG</a>') == \
        '<a dir="ltr" class="amm-law" href="#" lang="de">§ 60a Abs. 2 AufenthG</a>'


def test_a_german_title_keeps_its_question_mark_and_sentence_punctuation_stays_outside():
    assert body("<span>Wer ist zuständig?</span>") == '<span><bdi dir="ltr">Wer ist zuständig?</bdi></span>'
    assert body("<p>الموقع: arbeitsmarktmentoren-sachsen.de.</p>") == \
        '<p>الموقع: <bdi dir="ltr">arbeitsmarktmentoren-sachsen.de</bdi>.</p>'


def test_brackets_of_the_surrounding_text_stay_outside_and_phones_are_isolated():
    assert body("<p>وضع (§ 25 AufenthG) و 0371 256201810</p>") == \
        '<p>وضع (<bdi dir="ltr">§ 25 AufenthG</bdi>) و <bdi dir="ltr">0371 256201810</bdi></p>'


def test_plain_words_year_ranges_and_protected_places_are_left_alone():
    untouched = ('<p>برنامج Arbeitsmarktmentoren Sachsen في 2025–2027</p>'
                 '<script>var a = "§ 1 AsylG";</script><code>§ 2 AsylG</code>'
                 '<span dir="ltr">§ 3 AsylG</span><select><option>§ 4 AsylG</option></select>')
    assert body(untouched) == untouched


def test_left_to_right_pages_are_not_changed():
    page = '<html lang="de"><body><p>§ 61 Abs. 2 AsylG</p><a lang="en">x</a></body></html>'
    assert isolate(page) == page
