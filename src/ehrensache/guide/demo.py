"""Demo content of the guide: the project's 17-episode curriculum (marked as demo) and one
demo team of the demo coordinator. Idempotent."""

from django.db import transaction
from django.utils.text import slugify

from .content import ensure_reference_data
from .demo_episodes import EPISODES
from .models import Episode, Situation, Team, TeamMember, Topic
from .services import refresh_search_fields


def load_episodes():
    ensure_reference_data()
    topics = {t.slug: t for t in Topic.objects.all()}
    situations = {s.slug: s for s in Situation.objects.all()}
    episodes = {}
    with transaction.atomic():
        for (
            number,
            title,
            topic_slugs,
            situation_slugs,
            audiences,
            minutes,
            summary,
            messages,
            questions,
            tasks,
            _related,
        ) in EPISODES:
            existing = Episode.objects.filter(number=number).first()
            if existing and not existing.is_demo:
                episodes[number] = existing  # an editor replaced it: leave it alone
                continue
            episode, _created = Episode.objects.update_or_create(
                number=number,
                defaults={
                    "title": title,
                    "slug": slugify(title),
                    "summary": summary,
                    "key_messages": "\n".join(messages),
                    "discussion_questions": "\n".join(questions),
                    "worksheet": "\n".join(tasks),
                    "duration_minutes": minutes,
                    "is_demo": True,
                    "is_published": True,
                    **{
                        f"for_{role}": role in audiences
                        for role in ("hauptamt", "ehrenamt", "leitung", "agentur")
                    },
                },
            )
            episode.topics.set([topics[slug] for slug in topic_slugs])
            episode.situations.set([situations[slug] for slug in situation_slugs])
            episodes[number] = episode
        for number, *_rest, related in EPISODES:
            if episodes[number].is_demo:
                episodes[number].related.add(*[episodes[n] for n in related])
        for episode in episodes.values():
            refresh_search_fields(episode)
    return episodes


def load(*, out=print):
    episodes = load_episodes()
    out(f"Leitfaden: {len(episodes)} Folgen (Demo)")
    from ehrensache.accounts.models import User
    from ehrensache.organizations.models import OrganizationMembership

    coordinator = User.objects.filter(email="koordination@demo.ehrensache.invalid").first()
    membership = (
        OrganizationMembership.objects.filter(user=coordinator)
        .select_related("organization")
        .first()
        if coordinator
        else None
    )
    if membership is None:
        return
    organization = membership.organization
    team, created = Team.objects.get_or_create(
        name="Lernhilfe-Team (Demo)",
        organization=organization,
        defaults={
            "created_by": coordinator,
            "is_demo": True,
            "state_id": organization.district.state_id if organization.district_id else None,
        },
    )
    TeamMember.objects.get_or_create(
        team=team, user=coordinator, defaults={"group": "hauptamt", "is_manager": True}
    )
    out("Kooperations-Check: Demo-Team " + ("angelegt" if created else "vorhanden"))
