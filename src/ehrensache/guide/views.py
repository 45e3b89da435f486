from urllib.parse import urlparse

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ehrensache.accounts.queries import open_invitations
from ehrensache.core.errors import DomainError
from ehrensache.core.outcomes import domain_errors
from ehrensache.core.pdf import pdf_response, render_pdf
from ehrensache.core.permissions import can, require

from . import queries, results, services
from .forms import (
    AnswerForm,
    EpisodeFilterForm,
    EpisodeForm,
    LinksForm,
    MailLinksForm,
    MeasureForm,
    MeasureStatusForm,
    MemberForm,
    QuestionnaireForm,
    StatementForm,
    TeamForm,
    TeamSettingsForm,
)
from .models import Episode, Measure, Questionnaire, Statement, TeamMember

PAGE_SIZE = 20


# --- Guide ----------------------------------------------------------------------------------


def index(request):
    form = EpisodeFilterForm(request.GET or None)
    episodes = queries.episodes_visible_to(request.user)
    filters = {}
    if form.is_valid():
        filters = {
            "q": form.cleaned_data["q"],
            "audience": form.cleaned_data["rolle"],
            "situation": form.cleaned_data["situation"],
            "topic": form.cleaned_data["thema"],
        }
    episodes = queries.filter_episodes(episodes, **filters)
    page = Paginator(queries.episode_list(episodes), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "guide/index.html",
        {
            "form": form,
            "page_obj": page,
            "filtered": any(filters.values()),
            "has_demo": any(e.is_demo for e in page),
        },
    )


def episode(request, number, slug):
    episode = queries.episode_detail(user=request.user, number=number)
    if episode is None:
        raise Http404
    if slug != episode.slug:
        return redirect(episode, permanent=True)
    consented = request.GET.get("video") == "laden" and bool(episode.video_url)
    host = urlparse(episode.video_url).hostname if episode.video_url else ""
    response = render(
        request,
        "guide/episode.html",
        {"episode": episode, "video_consented": consented, "video_host": host},
    )
    if consented:
        # The visitor asked for the external video: its provider may be framed on this
        # response only (django-csp adds it to the policy's frame-src).
        video = urlparse(episode.video_url)
        response._csp_update = {"frame-src": [f"{video.scheme}://{video.netloc}"]}  # type: ignore[attr-defined]
    return response


def _episode_or_404(request, number, slug):
    episode = queries.episode_detail(user=request.user, number=number)
    if episode is None or episode.slug != slug:
        raise Http404
    return episode


def worksheet(request, number, slug):
    episode = _episode_or_404(request, number, slug)
    return render(request, "guide/worksheet.html", {"episode": episode})


def worksheet_pdf(request, number, slug):
    episode = _episode_or_404(request, number, slug)
    pdf = render_pdf("guide/pdf/worksheet.html", {"episode": episode})
    return pdf_response(pdf, f"arbeitsblatt-{episode.number}-{episode.slug}.pdf")


# --- Editors --------------------------------------------------------------------------------


@login_required
def editor_index(request):
    require(request.user, "guide.edit_episodes")
    episodes = Episode.objects.order_by("number")
    return render(request, "guide/editor/index.html", {"episodes": episodes})


@login_required
def episode_edit(request, pk=None):
    require(request.user, "guide.edit_episodes")
    instance = get_object_or_404(Episode, pk=pk) if pk else None
    form = EpisodeForm(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        episode = services.save_episode(form, actor=request.user)
        messages.success(request, _("Die Folge wurde gespeichert."))
        return redirect(episode)
    return render(request, "guide/editor/episode_form.html", {"form": form, "episode": instance})


@login_required
def questionnaire_index(request):
    require(request.user, "guide.edit_questionnaire")
    if request.method == "POST":
        with domain_errors(request) as outcome:
            draft = services.draft_new_version(actor=request.user)
        if not outcome.ok:
            return redirect("guide:questionnaires")
        return redirect("guide:questionnaire", pk=draft.pk)
    versions = Questionnaire.objects.annotate(
        statement_count=Count("dimensions__statements", distinct=True),
        round_count=Count("rounds", distinct=True),
    ).order_by("-version")
    return render(request, "guide/editor/questionnaires.html", {"versions": versions})


@login_required
def questionnaire_detail(request, pk):
    require(request.user, "guide.edit_questionnaire")
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    is_draft = questionnaire.status == Questionnaire.Status.DRAFT
    meta_form = QuestionnaireForm(instance=questionnaire)
    statement_form = StatementForm(questionnaire=questionnaire)
    if request.method == "POST" and is_draft:
        if "publish" in request.POST:
            with domain_errors(request) as outcome:
                services.publish_questionnaire(questionnaire, actor=request.user)
            if outcome.ok:
                messages.success(request, _("Die neue Version ist veröffentlicht."))
            return redirect("guide:questionnaire", pk=pk)
        if "meta" in request.POST:
            meta_form = QuestionnaireForm(request.POST, instance=questionnaire)
            if meta_form.is_valid():
                services.save_questionnaire_form(meta_form, actor=request.user)
                messages.success(request, _("Gespeichert."))
                return redirect("guide:questionnaire", pk=pk)
        else:
            statement_form = StatementForm(request.POST, questionnaire=questionnaire)
            if statement_form.is_valid():
                services.save_questionnaire_form(statement_form, actor=request.user)
                messages.success(request, _("Die Aussage wurde hinzugefügt."))
                return redirect("guide:questionnaire", pk=pk)
    return render(
        request,
        "guide/editor/questionnaire.html",
        {
            "questionnaire": questionnaire,
            "is_draft": is_draft,
            "dimensions": queries.questionnaire_dimensions(questionnaire),
            "meta_form": meta_form,
            "statement_form": statement_form,
        },
    )


@login_required
def statement_edit(request, pk):
    require(request.user, "guide.edit_questionnaire")
    statement = get_object_or_404(
        Statement.objects.select_related("dimension__questionnaire"), pk=pk
    )
    questionnaire = statement.dimension.questionnaire
    if questionnaire.status != Questionnaire.Status.DRAFT:
        raise Http404
    form = StatementForm(request.POST or None, instance=statement, questionnaire=questionnaire)
    if request.method == "POST":
        if "delete" in request.POST:
            services.delete_statement(statement, actor=request.user)
            messages.success(request, _("Die Aussage wurde entfernt."))
            return redirect("guide:questionnaire", pk=questionnaire.pk)
        if form.is_valid():
            services.save_questionnaire_form(form, actor=request.user)
            messages.success(request, _("Gespeichert."))
            return redirect("guide:questionnaire", pk=questionnaire.pk)
    return render(
        request, "guide/editor/statement_form.html", {"form": form, "statement": statement}
    )


# --- Kooperations-Check ---------------------------------------------------------------------


def check_index(request):
    teams = queries.teams_visible_to(request.user)
    return render(
        request,
        "guide/check/index.html",
        {"teams": teams, "threshold": services.min_group_size()},
    )


@login_required
def team_create(request):
    require(request.user, "guide.create_team")
    form = TeamForm(
        request.POST or None,
        organizations=queries.organizations_for_new_team(request.user),
        agencies=queries.agencies_for_new_team(request.user),
    )
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            team = services.create_team(
                name=form.cleaned_data["name"],
                group=form.cleaned_data["group"],
                actor=request.user,
                **form.cleaned_data["place"],
            )
        if outcome.ok:
            messages.success(request, _("Das Team ist angelegt."))
            return redirect(team)
    return render(request, "guide/check/team_form.html", {"form": form})


def _team(request, pk, perm="guide.view_team"):
    """The team if the person has ``perm`` on it: 404 if they may not see it, else 403."""
    team = queries.team_detail(pk)
    if team is None:
        raise Http404
    require(request.user, perm, team)
    return team


@login_required
def team(request, pk, member_form=None, settings_form=None):
    team = _team(request, pk)
    manages = can(request.user, "guide.manage_team", team)
    is_member = can(request.user, "guide.view_members", team)
    return render(
        request,
        "guide/check/team.html",
        {
            "team": team,
            "manages": manages,
            "is_member": is_member,
            "members": queries.team_members(team) if is_member else [],
            "invitations": open_invitations(team, kind="guide.team") if manages else [],
            "rounds": queries.team_rounds(team),
            "member_form": member_form or MemberForm(),
            "settings_form": settings_form
            or TeamSettingsForm(
                initial={
                    "facilitating_agency": team.facilitating_agency,
                    "agency_may_view": team.agency_may_view,
                }
            ),
        },
    )


@login_required
@require_POST
def team_member_add(request, pk):
    team_obj = _team(request, pk, "guide.manage_team")
    form = MemberForm(request.POST)
    if form.is_valid():
        with domain_errors(form) as outcome:
            services.invite_team_member(team_obj, actor=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(
                request,
                _(
                    "Die Einladung an %(email)s ist verschickt. Die Person gehört zum Team, "
                    "sobald sie die Einladung annimmt."
                )
                % {"email": form.cleaned_data["email"]},
            )
            return redirect(team_obj)
    return team(request, pk, member_form=form)


@login_required
@require_POST
def team_member_remove(request, pk):
    member = get_object_or_404(TeamMember.objects.select_related("team"), pk=pk)
    _team(request, member.team_id, "guide.manage_team")
    with domain_errors(request) as outcome:
        services.remove_team_member(member, actor=request.user)
    if outcome.ok:
        messages.success(request, _("Die Person gehört nicht mehr zum Team."))
    return redirect(member.team)


@login_required
@require_POST
def team_settings(request, pk):
    team_obj = _team(request, pk, "guide.manage_team")
    form = TeamSettingsForm(request.POST)
    if form.is_valid():
        services.update_team_settings(team_obj, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Die Einstellungen sind gespeichert."))
        return redirect(team_obj)
    return team(request, pk, settings_form=form)


@login_required
@require_POST
def round_start(request, pk):
    team_obj = _team(request, pk, "guide.manage_team")
    with domain_errors(request) as outcome:
        check_round = services.start_round(team_obj, actor=request.user)
    if not outcome.ok:
        return redirect(team_obj)
    messages.success(request, _("Die Runde hat begonnen. Erzeugen Sie jetzt die Antwortlinks."))
    return redirect(check_round)


def _round(request, pk, perm="guide.view_team"):
    """The round if the person has ``perm`` on its team: 404 if they may not see it, else 403."""
    check_round = queries.round_detail(pk)
    if check_round is None:
        raise Http404
    require(request.user, perm, check_round.team)
    return check_round


@never_cache
@login_required
def round_detail(request, pk, links_form=None, tokens=None, token_group=None, mail_form=None):
    check_round = _round(request, pk)
    team_obj = check_round.team
    manages = can(request.user, "guide.manage_team", team_obj)
    profile = results.round_profile(check_round)
    invitations = check_round.invitations.all()
    return render(
        request,
        "guide/check/round.html",
        {
            "round": check_round,
            "team": team_obj,
            "manages": manages,
            "is_member": can(request.user, "guide.answer_round", team_obj),
            "profile": profile,
            "links_form": links_form or LinksForm(),
            "mail_form": mail_form or MailLinksForm(prefix="mail"),
            "links": [
                request.build_absolute_uri(reverse("guide:answer", args=[t])) for t in tokens or []
            ],
            "token_group": token_group,
            "open_links": sum(1 for i in invitations if i.used_at is None),
            "used_links": sum(1 for i in invitations if i.used_at is not None),
        },
    )


@never_cache
@login_required
@require_POST
def round_links(request, pk):
    check_round = _round(request, pk, "guide.manage_team")
    form = LinksForm(request.POST)
    if form.is_valid():
        with domain_errors(form) as outcome:
            tokens = services.create_answer_links(
                check_round, actor=request.user, **form.cleaned_data
            )
        if outcome.ok:
            group = dict(form.fields["group"].choices)[form.cleaned_data["group"]]
            return round_detail(request, pk, tokens=tokens, token_group=group)
    return round_detail(request, pk, links_form=form)


@never_cache
@login_required
@require_POST
def round_mail_links(request, pk):
    check_round = _round(request, pk, "guide.manage_team")
    form = MailLinksForm(request.POST, prefix="mail")
    if form.is_valid():
        with domain_errors(form) as outcome:
            sent = services.mail_answer_links(check_round, actor=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(
                request,
                ngettext(
                    "%(n)s Einladung mit eigenem Antwortlink ist verschickt.",
                    "%(n)s Einladungen mit eigenem Antwortlink sind verschickt.",
                    sent,
                )
                % {"n": sent},
            )
            return redirect(check_round)
    return round_detail(request, pk, mail_form=form)


@login_required
@require_POST
def round_close(request, pk):
    check_round = _round(request, pk, "guide.manage_team")
    services.close_round(check_round, actor=request.user)
    messages.success(request, _("Die Runde ist abgeschlossen."))
    return redirect(check_round)


def _results_context(check_round):
    profile = results.round_profile(check_round)
    previous, changes = results.compare_with_previous(profile)
    measures = check_round.team.measures.order_by("due_date", "pk")
    return {
        "round": check_round,
        "team": check_round.team,
        "profile": profile,
        "chart": results.chart(profile) if profile.visible else None,
        "recommendations": results.recommended_episodes(profile) if profile.visible else [],
        "previous": previous,
        "changes": changes,
        "measures": measures,
    }


@login_required
def round_results(request, pk):
    check_round = _round(request, pk, "guide.view_results")
    context = _results_context(check_round)
    context["manages"] = can(request.user, "guide.manage_team", check_round.team)
    return render(request, "guide/check/results.html", context)


@login_required
def round_results_pdf(request, pk):
    check_round = _round(request, pk, "guide.view_results")
    pdf = render_pdf("guide/pdf/results.html", _results_context(check_round))
    return pdf_response(pdf, f"kooperations-check-runde-{check_round.number}.pdf")


# --- Answering ------------------------------------------------------------------------------


def _answer(request, response, *, template_context):
    check_round = response.check_round
    dimensions = queries.questionnaire_dimensions(check_round.questionnaire)
    initial = {a.statement_id: a.value for a in response.answers.all()} if response.pk else {}
    form = AnswerForm(request.POST or None, dimensions=dimensions, initial_values=initial)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        with domain_errors(form) as outcome:
            services.save_answers(response, values=form.values(), submit=submit)
        if isinstance(outcome.error, services.LinkUnusable):
            return render(
                request,
                "guide/check/link_unusable.html",
                {"message": str(outcome.error)},
                status=410,
            )
        if outcome.ok:
            if submit:
                return redirect("guide:answer_thanks")
            messages.success(
                request,
                _("Ihre Antworten sind zwischengespeichert. Sie können später weitermachen."),
            )
            return redirect(request.path)
    answered = len(initial) if request.method == "GET" else None
    return render(
        request,
        "guide/check/answer.html",
        {
            "form": form,
            "round": check_round,
            "questionnaire": check_round.questionnaire,
            "answered": answered,
            "total": sum(len(fields) for _d, fields in form.sections),
            **template_context,
        },
    )


@never_cache
def answer(request, token):
    try:
        invitation = services.invitation_for_token(token)
    except services.LinkUnusable as exc:
        return render(
            request,
            "guide/check/link_unusable.html",
            {"message": str(exc), "reason": exc.reason},
            status=410 if exc.reason != "unknown" else 404,
        )
    response = services.response_for_invitation(invitation)
    return _answer(request, response, template_context={"group": invitation.get_group_display()})


@never_cache
@login_required
def answer_member(request, pk):
    check_round = _round(request, pk)
    require(request.user, "guide.answer_round", check_round.team)
    try:
        response = services.response_for_member(check_round, user=request.user)
    except DomainError as exc:  # closed or already answered: its own page, not a form error
        return render(request, "guide/check/link_unusable.html", {"message": str(exc)}, status=410)
    return _answer(request, response, template_context={"group": response.get_group_display()})


def answer_thanks(request):
    return render(request, "guide/check/thanks.html")


# --- Action plan ----------------------------------------------------------------------------


@login_required
def plan(request, pk):
    team_obj = _team(request, pk, "guide.view_results")
    manages = can(request.user, "guide.manage_team", team_obj)
    latest = team_obj.rounds.select_related("questionnaire").order_by("-number").first()
    dimensions = list(latest.questionnaire.dimensions.all()) if latest else []
    form = MeasureForm(request.POST or None, dimensions=dimensions)
    if request.method == "POST":
        require(request.user, "guide.manage_team", team_obj)
        if form.is_valid():
            with domain_errors(form) as outcome:
                services.add_measure(
                    team_obj, check_round=latest, actor=request.user, **form.cleaned_data
                )
            if outcome.ok:
                messages.success(request, _("Die Maßnahme steht im Plan."))
                return redirect("guide:plan", pk=pk)
    names = {d.key: d.name for d in dimensions}
    measures = team_obj.measures.order_by("due_date", "pk")
    return render(
        request,
        "guide/check/plan.html",
        {
            "team": team_obj,
            "manages": manages,
            "form": form,
            "measures": [
                (
                    m,
                    names.get(m.dimension_key, ""),
                    MeasureStatusForm(initial={"status": m.status}, prefix=f"m{m.pk}"),
                )
                for m in measures
            ],
            "latest": latest,
        },
    )


@login_required
@require_POST
def measure_status(request, pk):
    measure = get_object_or_404(Measure.objects.select_related("team"), pk=pk)
    _team(request, measure.team_id, "guide.manage_team")
    form = MeasureStatusForm(request.POST, prefix=f"m{measure.pk}")
    if form.is_valid():
        services.set_measure_status(measure, status=form.cleaned_data["status"], actor=request.user)
        messages.success(request, _("Der Status ist gespeichert."))
    else:
        messages.error(request, _("Bitte wählen Sie einen gültigen Status."))
    return redirect("guide:plan", pk=measure.team_id)


@login_required
@require_POST
def measure_delete(request, pk):
    measure = get_object_or_404(Measure.objects.select_related("team"), pk=pk)
    _team(request, measure.team_id, "guide.manage_team")
    services.delete_measure(measure, actor=request.user)
    messages.success(request, _("Die Maßnahme wurde entfernt."))
    return redirect("guide:plan", pk=measure.team_id)


# --- Network --------------------------------------------------------------------------------


@login_required
def aggregates(request):
    require(request.user, "guide.view_aggregates")
    rows = queries.statewide_aggregates_for(request.user)
    return render(
        request,
        "guide/check/aggregates.html",
        {"rows": rows, "min_teams": results.MIN_TEAMS},
    )
