"""Guide API: the published episodes (for portals and widgets), filterable like the index."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from ehrensache.core.errors import InvalidInput
from ehrensache.core.schemas import PageNumber

from .models import Audience, Episode, Situation, Topic
from .queries import episode_list, filter_episodes

router = Router(tags=["guide"])

MAX_PAGE_SIZE = 50


class NamedOut(Schema):
    slug: str
    name: str


class EpisodeOut(Schema):
    number: int
    title: str
    slug: str
    summary: str
    key_messages: list[str]
    discussion_questions: list[str]
    topics: list[NamedOut]
    situations: list[NamedOut]
    audiences: list[str]
    duration_minutes: int | None
    has_video: bool
    is_demo: bool
    url: str
    worksheet_pdf_url: str


class EpisodePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[EpisodeOut]


class EpisodeFilters(Schema):
    q: str = Field("", max_length=200)
    rolle: Audience | None = None
    situation: str = Field("", max_length=100)
    thema: str = Field("", max_length=100)
    page: PageNumber = 1
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


def _out(episode: Episode) -> dict:
    return {
        "number": episode.number,
        "title": episode.title,
        "slug": episode.slug,
        "summary": episode.summary,
        "key_messages": episode.key_message_list,
        "discussion_questions": episode.question_list,
        "topics": [{"slug": t.slug, "name": t.name} for t in episode.topics.all()],
        "situations": [{"slug": s.slug, "name": s.name} for s in episode.situations.all()],
        "audiences": [value for value, _l in Audience.choices if getattr(episode, f"for_{value}")],
        "duration_minutes": episode.duration_minutes,
        "has_video": bool(episode.video_url or episode.video_file),
        "is_demo": episode.is_demo,
        "url": episode.get_absolute_url(),
        "worksheet_pdf_url": episode.get_absolute_url() + "arbeitsblatt.pdf",
    }


@router.get("/episodes", response=EpisodePage, summary="Folgen des Leitfadens")
def episodes(request, filters: Query[EpisodeFilters]):
    situation = topic = None
    if filters.situation:
        situation = Situation.objects.filter(slug=filters.situation).first()
        if situation is None:
            raise InvalidInput(_("Unbekannte Situation."), field="situation")
    if filters.thema:
        topic = Topic.objects.filter(slug=filters.thema).first()
        if topic is None:
            raise InvalidInput(_("Unbekanntes Thema."), field="thema")
    queryset = filter_episodes(
        Episode.objects.filter(is_published=True),
        q=filters.q,
        audience=filters.rolle or "",
        situation=situation,
        topic=topic,
    )
    count = queryset.count()
    start = (filters.page - 1) * filters.page_size
    rows = episode_list(queryset)[start : start + filters.page_size]
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [_out(e) for e in rows],
    }


@router.get("/episodes/{number}", response=EpisodeOut, summary="Eine Folge")
def episode(request, number: PageNumber):
    queryset = episode_list(Episode.objects.filter(is_published=True))
    return _out(get_object_or_404(queryset, number=number))
