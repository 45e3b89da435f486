"""Pages of conversations: the inbox, one thread, writing on a subject's page, and the
webhook for inbound mail."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from ehrensache.core.outcomes import domain_errors
from ehrensache.core.permissions import require

from . import inbound as inbound_mail
from . import queries, services
from .forms import MessageForm
from .registry import kind_for
from .rules import subject_of

PAGE_SIZE = 25
MESSAGES_PER_PAGE = 50


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    require(request.user, "messaging.view_inbox")
    page = Paginator(queries.inbox_for(request.user), PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(request, "messaging/inbox.html", {"page_obj": page})


@login_required
@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = services.thread_for_user(request.user, pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            message = services.post_message(conversation, author=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("Ihre Nachricht ist gesendet."))
            return redirect(f"{conversation.get_absolute_url()}#nachricht-{message.pk}")
    paginator = Paginator(queries.messages_of(conversation), MESSAGES_PER_PAGE)
    page = paginator.get_page(request.GET.get("seite") or paginator.num_pages)
    services.mark_read(conversation, user=request.user)
    kind = kind_for(conversation.subject_type)
    subject = subject_of(conversation)
    context = {
        "thread": conversation,
        "page_obj": page,
        "form": form,
        "subject_url": kind.url(subject) if kind and subject else None,
    }
    return render(request, "messaging/thread.html", context, status=422 if form.is_bound else 200)


@login_required
@require_POST
def write(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The form under a conversation on the subject's page (the thread may not exist yet)."""
    subject_kind = kind_for(kind)
    subject = subject_kind.objects().filter(pk=pk).first() if subject_kind else None
    if subject_kind is None or subject is None:
        raise Http404
    require(request.user, subject_kind.permission, subject)
    form = MessageForm(request.POST)
    if form.is_valid():
        with domain_errors(form) as outcome:
            text = services.clean_text(form.cleaned_data["text"])
            conversation = services.open_thread(subject)
            services.post_message(
                conversation,
                author=request.user,
                text=text,
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        if outcome.ok:
            messages.success(request, _("Ihre Nachricht ist gesendet."))
            return redirect(f"{subject_kind.url(subject)}#unterhaltung")
    context = {
        "form": form,
        "subject_url": subject_kind.url(subject),
        "title": subject_kind.title(subject),
    }
    return render(request, "messaging/write.html", context, status=422)


@csrf_exempt
@require_POST
def inbound(request: HttpRequest) -> HttpResponse:
    """Inbound mail from a provider's webhook: the raw RFC 822 message as the request body,
    the shared secret in ``Authorization: Bearer <secret>``. Off (404) without a secret."""
    secret = settings.EHRENSACHE.get("INBOUND_SECRET", "")
    if not secret:
        raise Http404
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not given or not constant_time_compare(given, secret):
        return JsonResponse({"status": "forbidden", "detail": "wrong secret"}, status=403)
    limit = settings.EHRENSACHE["INBOUND_MAX_BYTES"]
    length = request.headers.get("Content-Length") or "0"
    if not (length.isascii() and length.isdigit()):
        return JsonResponse({"status": "rejected", "detail": "bad Content-Length"}, status=400)
    if len(length) > 18 or int(length) > limit:
        return JsonResponse({"status": "rejected", "detail": inbound_mail.TOO_LARGE}, status=413)
    result = inbound_mail.receive(request.body)
    status = 200 if result.accepted else 422
    return HttpResponse(
        json.dumps(result.as_dict()), status=status, content_type="application/json"
    )
