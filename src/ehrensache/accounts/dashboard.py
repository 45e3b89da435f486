"""Sections of "Mein Konto" contributed by other apps: the account's own settings only (the
work itself, interests, engagements, courses, hours to verify, is on the workspaces'
dashboards, ``ehrensache.workspaces``).

Each entry is a template that receives ``user`` and ``roles`` (from ``roles_of``) and renders a
``<section>`` with an ``<h2>`` (or nothing, if it does not apply to the person). Add yours here.
"""

SECTIONS: list[str] = [
    "notifications/account_section.html",
    "mailings/account_section.html",
]
