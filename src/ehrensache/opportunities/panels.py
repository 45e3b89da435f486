"""Extension points of the opportunity page for other apps (e.g. brokering's "Ich habe
Interesse").

``DETAIL_PANELS`` lists template names; each is included in the page's side column with the
context ``opportunity``, ``user`` and ``request``, and renders a ``<section>`` with an
``<h2>`` (or nothing if it does not apply). Add yours with a one-line edit here.
"""

DETAIL_PANELS: list[str] = [
    "brokering/interest_button.html",
    "brokering/coordinator_panel.html",
]
