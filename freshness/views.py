from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from freshness import links, services


@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, token, action):
    """A link of a reminder email. "Modifier" leads to the form; the two other
    answers change something, so their link shows a page with one button (a
    POST): the mail scanners that open every link of an email change nothing."""
    if action not in links.ACTIONS:
        raise Http404("Réponse inconnue")
    try:
        reminder = links.reminder_from_token(token)
    except links.LinkExpired:
        return render(request, "freshness/link_error.html", {"expired": True}, status=410)
    except links.LinkInvalid:
        return render(request, "freshness/link_error.html", {"expired": False}, status=400)
    if action == links.UPDATE:
        return redirect(services.update_url(reminder))
    ctx = {"reminder": reminder, "initiative": reminder.initiative, "action": action}
    if request.method == "POST":
        act = services.reminder_confirm if action == links.CONFIRM else services.reminder_stopped
        outcome, reminder = act(reminder=reminder)
        ctx.update(reminder=reminder, outcome=outcome)
        return render(request, "freshness/answered.html", ctx)
    if reminder.answer:
        ctx["outcome"] = services.ALREADY
        return render(request, "freshness/answered.html", ctx)
    return render(request, "freshness/answer.html", ctx)
