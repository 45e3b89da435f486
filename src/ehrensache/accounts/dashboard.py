"""Sections of "Mein Konto" contributed by other apps.

Each entry is a template that receives ``user`` and ``roles`` (from ``roles_of``) and renders a
``<section>`` with an ``<h2>`` (or nothing, if it does not apply to the person). Add yours here.
"""

SECTIONS: list[str] = [
    "organizations/dashboard_section.html",
    "courses/dashboard_section.html",
    "brokering/dashboard_interests.html",
    "brokering/dashboard_inbox.html",
    "brokering/dashboard_counselling.html",
    "guide/dashboard_section.html",
    "engagements/dashboard_mine.html",
    "engagements/dashboard_coordination.html",
    "recognition/dashboard_section.html",
    "shifts/dashboard_section.html",
    "notifications/account_section.html",
    "mailings/account_section.html",
]
