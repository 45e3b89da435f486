import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_has_no_axe_violations(page, axe):
    page.goto(page.base_url + "/")

    axe(page)
    assert page.locator("h1").first.is_visible()
