"""The Arbeitsmarktzugang-Check in Debian's Chromium: the browser reaches the same outcome as
the Python evaluation (amm/legal/rules.py) for the same answers, in German and in Arabic."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import lang_prefix
from test_legal import RULES

pytestmark = pytest.mark.browser

PATHS = [
    {"activity": "job", "status": "gestattung", "safe": "no", "reception": "yes", "since": "m3to6"},
    {"activity": "training", "status": "duldung", "ban_entry": "no", "safe": "no", "identity": "yes",
     "since": "lt3"},
    {"activity": "internship", "status": "gestattung", "safe": "no", "reception": "no", "since": "gt6"},
    {"activity": "self_employment", "status": "ukraine"},
    {"activity": "job", "status": "duldung", "ban_entry": "no", "safe": "no", "identity": "no"},
    {"activity": "job", "status": "duldung", "ban_entry": "unknown", "safe": "yes", "safe_date_d": "after_2015",
     "geo_md": "yes", "identity": "yes", "since": "gt6"},
    {"activity": "job", "status": "duldung", "ban_entry": "no", "safe": "unknown"},
    {"activity": "job", "status": "fiktion", "fiktion": "abs4"},
    {"activity": "training", "status": "westbalkan"},
]


def _answer(page, question: str, option: str) -> None:
    fieldset = page.locator(f'fieldset[data-question="{question}"]')
    fieldset.wait_for(state="visible")
    fieldset.locator(f'label[for="check-{question}-{option}"]').click()
    fieldset.locator('button[type="submit"]').click()


def _walk(page, answers: dict[str, str]):
    """Answer in the order the check asks; return what the page shows as the outcome."""
    current = RULES.evaluate({})
    given: dict[str, str] = {}
    while isinstance(current, str):
        given[current] = answers[current]
        _answer(page, current, answers[current])
        current = RULES.evaluate(given)
    result = page.locator(".amm-check__result")
    result.wait_for(state="visible")
    return current, result.get_attribute("data-outcome"), result.get_attribute("data-cells")


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_browser_outcome_equals_python_outcome(context, server, lang):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for answers in PATHS:
        page.goto(server + lang_prefix(lang) + "recht/check/")
        expected, outcome, cells = _walk(page, answers)
        assert outcome == expected.id, answers
        assert (cells or "").split() == list(expected.cells), answers
        shown = page.locator(".amm-check__outcome")
        if expected.row:
            main = RULES.cell(expected.cells[0])
            value = RULES.values[main.value]["label"][lang]
            assert shown.locator(".amm-rule--main .amm-value").inner_text() == value
            assert shown.locator(".amm-check__row").inner_text() == RULES.rows[expected.row].name[lang]
        else:
            assert shown.locator(".amm-check__row").inner_text() == \
                RULES.check.specials[expected.special].title[lang]
        # every outcome names its section of law and leads to the regional mentor page
        assert shown.locator("a.amm-law").count() >= 1
        href = page.locator(".amm-check__mentor a").get_attribute("href")
        assert href.rstrip("/").endswith("mentor-finden")
    assert errors == []
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")


def test_no_answer_shows_an_error_and_answers_can_be_changed(context, server):
    page = context.new_page()
    page.goto(server + "recht/check/")
    first = page.locator('fieldset[data-question="activity"]')
    first.locator('button[type="submit"]').click()
    assert first.locator(".amm-check__error").is_visible()
    _walk(page, {"activity": "self_employment", "status": "schutz"})
    assert page.locator(".amm-check__result").get_attribute("data-outcome") == "schutz.self_employment"
    # change the status: the check asks again from there and ends somewhere else
    page.locator(".amm-check__change").nth(1).click()
    assert page.locator('fieldset[data-question="status"]').is_visible()
    assert page.locator(".amm-check__result").is_hidden()
    _answer(page, "status", "gestattung")
    _answer(page, "safe", "yes")
    _answer(page, "safe_date_g", "after_2015")
    _answer(page, "geo_md", "no")
    assert page.locator(".amm-check__result").get_attribute("data-outcome") == \
        "gestattung_safe.self_employment"
    page.locator(".amm-check__restart").click()
    assert page.locator('fieldset[data-question="activity"]').is_visible()
    assert page.locator(".amm-check__answers").is_hidden()


def test_check_works_with_the_keyboard_on_a_phone(phone, server):
    page = phone.new_page()
    page.goto(server + "ar/recht/check/")
    radio = page.locator("#check-activity-job")
    radio.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    status = page.locator('fieldset[data-question="status"]')
    status.wait_for(state="visible")
    # focus moves to the new question so a screen reader announces it
    assert page.evaluate("document.activeElement.tagName") == "LEGEND"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_address_keeps_the_answers_and_a_link_reproduces_the_result(context, server):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "recht/check/")
    answers = {"activity": "job", "status": "gestattung", "safe": "yes", "safe_date_g": "until_2015",
               "reception": "no", "since": "m3to6"}
    _walk(page, answers)
    link = page.url
    assert link.endswith("#activity=job&status=gestattung&safe=yes&safe_date_g=until_2015"
                         "&reception=no&since=m3to6")
    # a fresh visit to the link shows the same result straight away, with the answers listed
    other = context.new_page()
    other.goto(link)
    result = other.locator(".amm-check__result")
    expect(result).to_be_visible()
    assert result.get_attribute("data-outcome") == "gestattung.job"
    expect(other.locator(".amm-check__list dt")).to_have_count(6)
    # changing an answer shortens the address to the answers still valid
    other.locator(".amm-check__change").nth(2).click()
    expect(other.locator('fieldset[data-question="safe"]')).to_be_visible()
    assert other.url.endswith("#activity=job&status=gestattung")
    # an address with an answer that does not fit stops there and asks that question
    other.goto(server + "recht/check/#activity=job&status=nonsense")
    expect(other.locator('fieldset[data-question="status"]')).to_be_visible()
    assert errors == []


def test_copy_link_copies_or_shows_the_link_to_copy_by_hand(browser, server):
    ctx = browser.new_context()
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    page = ctx.new_page()
    page.goto(server + "recht/check/#activity=self_employment&status=ukraine")
    page.locator(".amm-check__copy").click()
    expect(page.locator(".amm-check__copy-status")).to_have_text(
        RULES.texts["check_copied"]["de"])
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    ctx.close()
    # without clipboard access the page does not fail: the link is shown, selected
    ctx = browser.new_context()
    ctx.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));")
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "recht/check/#activity=self_employment&status=ukraine")
    page.locator(".amm-check__copy").click()
    expect(page.locator(".amm-check__copy-status")).to_have_text(
        RULES.texts["check_copy_manual"]["de"])
    field = page.locator("#check-link")
    expect(field).to_be_focused()
    assert field.input_value() == page.url
    assert errors == []
    ctx.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_result_names_the_auslaenderbehoerde_of_the_district_the_person_gives(context, server, lang):
    """Issue 14: the finder's link brings the district (?kreis=), the result then says where to
    apply, and the district stays in the result link; another district can be chosen."""
    page = context.new_page()
    page.goto(server + lang_prefix(lang) + "mentor-finden/?ort=Plauen")
    card_link = page.locator(".amm-finder__result a[href*='recht/check/?kreis=14523']")
    expect(card_link).to_have_count(1)
    card_link.click()
    expect(page).to_have_url(re.compile(r"recht/check/\?kreis=14523$"))
    _walk(page, PATHS[0])
    apply = page.locator(".amm-check__abh")
    expect(apply).to_contain_text("Ausländerbehörde des Vogtlandkreises")
    expect(apply).to_contain_text("Postplatz 5")
    expect(page.locator("#check-district")).to_have_value("14523")
    assert "kreis=14523" in page.url.split("#", 1)[1]
    # the result link reproduces the district
    page.goto(server + lang_prefix(lang) + "recht/check/#" + page.url.split("#", 1)[1])
    expect(page.locator(".amm-check__abh")).to_contain_text("Postplatz 5")
    # choosing another district shows its authority and updates the address
    page.locator("#check-district").select_option("14511")
    expect(apply).to_contain_text("Düsseldorfer Platz 1")
    expect(apply).not_to_contain_text("Postplatz 5")
    assert "kreis=14511" in page.url
    # no district: no authority, nothing invented
    page.locator("#check-district").select_option("")
    expect(apply).to_have_text("")
