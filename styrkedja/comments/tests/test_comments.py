"""Commenting on a plan: a granskare comments on what the plan shows, the editors answer and
resolve, resolved comments stay readable, readers only read."""

import itertools
import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from styrkedja.comments.models import Comment, Reply, TargetKind
from styrkedja.comments.tests.world import comment_on
from styrkedja.plans.models import Plan, PlanExpectedResult


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def list_url(plan, status=None):
    url = reverse("comments:list", args=[plan.pk])
    return f"{url}?status={status}" if status else url


def create_url(plan, query=""):
    return reverse("comments:create", args=[plan.pk]) + query


def test_a_granskare_comments_on_a_goal_from_its_own_page(client, reviewed, granskare):
    client.force_login(granskare)
    url = create_url(reviewed.plan, f"?goal={reviewed.council_goal.pk}")
    page = client.get(url).content.decode()
    assert f'<option value="goal-{reviewed.council_goal.pk}" selected>' in page
    assert "Du kommenterar ”Nämndmål: 1.1.1 Barn och unga mår bra 0”." in page

    response = client.post(
        url, {"target": f"goal-{reviewed.council_goal.pk}", "text": "Hur mäts det?"}
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{list_url(reviewed.plan)}#comment-{comment.pk}"
    assert (comment.goal, comment.author, comment.text) == (
        reviewed.council_goal,
        granskare,
        "Hur mäts det?",
    )
    assert comment.target_text == "Nämndmål: 1.1.1 Barn och unga mår bra 0"
    assert not comment.is_resolved
    listing = text_of(client.get(list_url(reviewed.plan)))
    assert "Nämndmål: 1.1.1 Barn och unga mår bra 0</h3>" in listing
    assert "Hur mäts det?" in listing and "Greta Granskare kommenterade" in listing


def test_the_list_page_offers_everything_the_plan_shows_and_nothing_else(
    client, reviewed, granskare
):
    client.force_login(granskare)
    page = client.get(list_url(reviewed.plan)).content.decode()
    offered = set(re.findall(r'<option value="([a-z_]+-\d+)"', page))
    assert offered >= {
        f"section-{reviewed.opening.pk}",
        f"section-{reviewed.closing.pk}",
        f"goal-{reviewed.council_goal.pk}",
        f"goal-{reviewed.unit_goal.pk}",
        f"expected_result-{reviewed.included_result.pk}",
        f"expected_result-{reviewed.unit_result.pk}",
    }
    assert f"expected_result-{reviewed.left_out_result.pk}" not in offered
    assert f"goal-{reviewed.not_included_goal.pk}" not in offered
    assert f"section-{reviewed.other_plans_section.pk}" not in offered
    # The plan's own wording of an included expected result, in plan order.
    assert "Förväntat resultat: Fler barn i vår förskola 0" in page
    assert page.index("Enhetens uppdrag 0") < page.index("Barn och unga") < page.index("Övrigt 0")


@pytest.mark.parametrize(
    "query",
    [
        "?goal={reviewed.not_included_goal.pk}",
        "?expected_result={reviewed.left_out_result.pk}",
        "?section={reviewed.other_plans_section.pk}",
        "?goal=999999",
        "?section=abc",
    ],
)
def test_a_target_the_plan_does_not_show_gives_404(client, reviewed, granskare, query):
    client.force_login(granskare)
    url = create_url(reviewed.plan, query.format(reviewed=reviewed))
    assert client.get(url).status_code == 404
    assert client.post(url, {"target": "", "text": "x"}).status_code == 404
    assert not Comment.objects.exists()


def test_a_chosen_target_the_plan_does_not_show_is_refused(client, reviewed, granskare):
    client.force_login(granskare)
    response = client.post(
        create_url(reviewed.plan),
        {"target": f"goal-{reviewed.not_included_goal.pk}", "text": "Min kommentar"},
    )
    assert response.status_code == 422
    assert "Välj något som planen visar." in response.content.decode()
    assert "Min kommentar" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_comment_without_text_is_refused_and_keeps_the_chosen_target(client, reviewed, granskare):
    client.force_login(granskare)
    key = f"expected_result-{reviewed.included_result.pk}"
    response = client.post(create_url(reviewed.plan), {"target": key, "text": "   "})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Skriv din kommentar." in page
    assert f'<option value="{key}" selected>' in page
    assert 'aria-invalid="true"' in page
    assert not Comment.objects.exists()


def test_a_comment_without_target_is_refused_and_keeps_the_text(client, reviewed, granskare):
    client.force_login(granskare)
    response = client.post(create_url(reviewed.plan), {"target": "", "text": "Viktig synpunkt"})
    assert response.status_code == 422
    assert "Välj vad i planen du kommenterar." in response.content.decode()
    assert "Viktig synpunkt" in response.content.decode()


def test_commenting_with_htmx_returns_the_comment_area_with_a_fresh_form(
    client, reviewed, granskare
):
    client.force_login(granskare)
    key = f"section-{reviewed.opening.pk}"
    response = client.post(
        create_url(reviewed.plan), {"target": key, "text": "Saknar budget"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.strip().startswith('<div id="comment-area">')
    assert "Saknar budget" in page  # in the list ...
    assert "<textarea" in page and "Saknar budget</textarea>" not in page  # ... not the form
    invalid = client.post(
        create_url(reviewed.plan), {"target": key, "text": ""}, HTTP_HX_REQUEST="true"
    )
    assert invalid.status_code == 422
    assert invalid.content.decode().strip().startswith('<div id="comment-area">')
    assert "Skriv din kommentar." in invalid.content.decode()


def test_the_new_comment_form_alone_for_htmx(client, reviewed, granskare):
    client.force_login(granskare)
    response = client.get(
        create_url(reviewed.plan, f"?section={reviewed.closing.pk}"), HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert page.strip().startswith('<section id="new-comment"')
    assert f'<option value="section-{reviewed.closing.pk}" selected>' in page


def test_the_editor_and_the_granskare_answer_in_one_thread(client, reviewed, granskare, editor):
    comment = comment_on(reviewed.plan, reviewed.unit_goal, author=granskare, text="Vem?")
    url = reverse("comments:reply", args=[reviewed.plan.pk, comment.pk])
    client.force_login(editor)
    response = client.post(url, {"text": "Enhetschefen."})
    assert response["Location"] == f"{list_url(reviewed.plan)}#comment-{comment.pk}"
    client.force_login(granskare)
    row = client.post(url, {"text": "Tack, då förstår jag."}, HTTP_HX_REQUEST="true")
    assert row.status_code == 200
    page = text_of(row)
    assert page.strip().startswith(f'<article id="comment-{comment.pk}"')
    assert page.index("Vem?") < page.index("Enhetschefen.") < page.index("Tack, då förstår jag.")
    assert "Erik Redaktör svarade" in page and "Greta Granskare svarade" in page
    assert [reply.author for reply in comment.replies.all()] == [editor, granskare]


def test_an_empty_answer_is_refused_on_its_own_page_and_for_htmx(
    client, reviewed, granskare, editor
):
    comment = comment_on(reviewed.plan, reviewed.opening, author=granskare)
    url = reverse("comments:reply", args=[reviewed.plan.pk, comment.pk])
    client.force_login(editor)
    page = client.get(url).content.decode()
    assert "Svara på kommentaren" in page and f'id="id_reply-{comment.pk}-text"' in page
    response = client.post(url, {"text": "  "})
    assert response.status_code == 422
    assert "Skriv ditt svar." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    too_long = "svar " * 1001
    htmx = client.post(url, {"text": too_long}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 422
    assert htmx.content.decode().strip().startswith(f'<article id="comment-{comment.pk}"')
    assert too_long.strip() in htmx.content.decode()
    assert not Reply.objects.exists()


def test_the_editor_resolves_and_the_comment_stays_readable(client, reviewed, granskare, editor):
    comment = comment_on(reviewed.plan, reviewed.closing, author=granskare, text="Stavfel")
    client.force_login(editor)
    url = reverse("comments:resolve", args=[reviewed.plan.pk, comment.pk])
    response = client.post(url)
    assert response["Location"] == f"{list_url(reviewed.plan, 'resolved')}#comment-{comment.pk}"
    comment.refresh_from_db()
    assert comment.resolved_by == editor and comment.resolved_at is not None

    assert "Stavfel" not in text_of(client.get(list_url(reviewed.plan)))
    for status in ("resolved", "all"):
        page = text_of(client.get(list_url(reviewed.plan, status)))
        assert "Stavfel" in page
        assert f"Löst av Erik Redaktör {comment.resolved_at:%Y}" in page
        assert "Markera som löst" not in page
    # A second resolution changes nothing: the first stands.
    client.force_login(granskare)
    client.post(url)
    comment.refresh_from_db()
    assert comment.resolved_by == editor


def test_resolving_with_htmx_returns_the_comment_shown_as_resolved(client, reviewed, granskare):
    comment = comment_on(reviewed.plan, reviewed.unit_result, author=granskare)
    client.force_login(granskare)
    response = client.post(
        reverse("comments:resolve", args=[reviewed.plan.pk, comment.pk]), HTTP_HX_REQUEST="true"
    )
    page = text_of(response)
    assert page.strip().startswith(f'<article id="comment-{comment.pk}"')
    assert "Löst av Greta Granskare" in page


def test_the_filter_shows_open_resolved_or_all_with_counts(client, reviewed, granskare, editor):
    comment_on(reviewed.plan, reviewed.opening, author=granskare, text="Öppen ett")
    comment_on(reviewed.plan, reviewed.unit_goal, author=granskare, text="Öppen två")
    done = comment_on(reviewed.plan, reviewed.closing, author=granskare, text="Klar")
    client.force_login(editor)
    client.post(reverse("comments:resolve", args=[reviewed.plan.pk, done.pk]))
    page = text_of(client.get(list_url(reviewed.plan)))
    for count in ("Öppna kommentarer (2)", "Lösta kommentarer (1)", "Alla kommentarer (3)"):
        assert count in page
    assert "Öppen ett" in page and "Klar" not in page
    partial = client.get(list_url(reviewed.plan, "resolved"), HTTP_HX_REQUEST="true")
    assert partial.content.decode().strip().startswith('<section id="comment-list"')
    assert "Klar" in text_of(partial) and "Öppen ett" not in text_of(partial)
    assert "Öppen ett" in text_of(client.get(list_url(reviewed.plan, "nonsense")))


def test_a_granskare_comments_on_a_plan_marked_ready_and_the_editor_answers(
    client, reviewed, granskare, editor
):
    Plan.objects.filter(pk=reviewed.plan.pk).update(status=Plan.Status.READY)
    client.force_login(granskare)
    client.post(
        create_url(reviewed.plan),
        {"target": f"goal-{reviewed.unit_goal.pk}", "text": "Behöver en indikator"},
    )
    comment = Comment.objects.get()
    client.force_login(editor)
    reply_url = reverse("comments:reply", args=[reviewed.plan.pk, comment.pk])
    assert client.post(reply_url, {"text": "Vi lägger till en."}).status_code == 302
    assert (
        client.post(reverse("comments:resolve", args=[reviewed.plan.pk, comment.pk])).status_code
        == 302
    )
    # ... while the plan itself can no longer be edited.
    assert client.get(reverse("plans:edit", args=[reviewed.plan.pk])).status_code == 403


def test_a_reader_sees_the_comments_but_no_forms(client, reviewed, granskare, reader):
    comment_on(reviewed.plan, reviewed.opening, author=granskare, text="Synpunkt på uppdraget")
    client.force_login(reader)
    page = text_of(client.get(list_url(reviewed.plan)))
    assert "Synpunkt på uppdraget" in page
    assert '<form method="post"' not in page.split('id="main"')[1]
    assert "Ny kommentar" not in page


def test_an_editor_answers_but_does_not_comment(client, reviewed, granskare, editor):
    comment_on(reviewed.plan, reviewed.opening, author=granskare)
    client.force_login(editor)
    page = text_of(client.get(list_url(reviewed.plan)))
    assert "Skicka svaret" in page and "Markera som löst" in page
    assert "Ny kommentar" not in page
    assert client.get(create_url(reviewed.plan)).status_code == 403


def test_the_plan_page_shows_the_open_comments(client, city, reviewed, granskare, reader, editor):
    first = comment_on(
        reviewed.plan, reviewed.unit_goal, author=granskare, text="Första raden\nmer"
    )
    done = comment_on(reviewed.plan, reviewed.opening, author=granskare, text="Redan löst")
    client.force_login(editor)
    client.post(reverse("comments:resolve", args=[reviewed.plan.pk, done.pk]))
    plan_url = reverse("ui:plan", args=[city.unit.pk, 2026])

    client.force_login(reader)
    page = text_of(client.get(plan_url))
    box = page[page.index('id="plan-comments-heading"') :]
    assert "1 öppen kommentar." in box
    assert f'href="{list_url(reviewed.plan)}#comment-{first.pk}"' in box
    assert "Första raden" in box and "Redan löst" not in box
    assert "Alla kommentarer på planen" in box
    assert "Kommentera planen" not in box
    client.force_login(granskare)
    box = text_of(client.get(plan_url))
    assert f'href="{create_url(reviewed.plan)}">Kommentera planen' in box


def test_a_plan_without_comments_says_so(client, city, reviewed, reader):
    client.force_login(reader)
    page = text_of(client.get(reverse("ui:plan", args=[city.unit.pk, 2026])))
    assert "0 öppna kommentarer." in page
    assert "Planen har inga kommentarer ännu." in text_of(
        client.get(list_url(reviewed.plan, "all"))
    )


def test_a_comment_outlives_its_deleted_target_with_what_it_said(client, reviewed, granskare):
    on_section = comment_on(reviewed.plan, reviewed.opening, author=granskare, text="Om avsnittet")
    on_result = comment_on(
        reviewed.plan, reviewed.included_result, author=granskare, text="Om resultatet"
    )
    reviewed.opening.delete()
    PlanExpectedResult.objects.filter(expected_result=reviewed.included_result).delete()
    reviewed.included_result.delete()
    on_section.refresh_from_db()
    on_result.refresh_from_db()
    assert on_section.section is None and on_section.target_kind == TargetKind.SECTION
    assert on_result.target_text == "Fler barn i vår förskola 0"
    client.force_login(granskare)
    page = text_of(client.get(list_url(reviewed.plan)))
    assert "Avsnitt: Enhetens uppdrag 0" in page
    assert "Förväntat resultat: Fler barn i vår förskola 0" in page
    assert page.count("Visas inte längre i planen.") == 2


def test_an_expected_result_is_named_with_its_goal(client, reviewed, granskare):
    comment_on(reviewed.plan, reviewed.unit_result, author=granskare)
    client.force_login(granskare)
    page = text_of(client.get(list_url(reviewed.plan)))
    assert "Förväntat resultat: Kortare väntetid 0" in page
    assert "Under Enhetsmål: Familjer får stöd i tid 0" in page


def test_a_comment_has_exactly_one_kind_of_target(reviewed, granskare):
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(
            plan=reviewed.plan,
            target_kind=TargetKind.GOAL,
            goal=reviewed.unit_goal,
            section=reviewed.opening,
            target_text="x",
            author=granskare,
            text="x",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(
            plan=reviewed.plan,
            target_kind=TargetKind.SECTION,
            goal=reviewed.unit_goal,
            target_text="x",
            author=granskare,
            text="x",
        )


def test_a_comment_is_resolved_by_someone_or_not_at_all(reviewed, granskare):
    comment = comment_on(reviewed.plan, reviewed.opening, author=granskare)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(resolved_by=granskare)


def test_the_list_page_has_headings_in_order_and_labelled_fields(client, reviewed, granskare):
    comment_on(reviewed.plan, reviewed.opening, author=granskare)
    client.force_login(granskare)
    page = client.get(list_url(reviewed.plan)).content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", page)]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels))
    for field_id in re.findall(r'<(?:textarea|select)[^>]* id="([^"]+)"', page):
        assert f'for="{field_id}"' in page


def test_pages_need_a_login(client, reviewed, granskare):
    comment = comment_on(reviewed.plan, reviewed.opening, author=granskare)
    for url in (
        list_url(reviewed.plan),
        create_url(reviewed.plan),
        reverse("comments:reply", args=[reviewed.plan.pk, comment.pk]),
    ):
        assert client.get(url)["Location"].startswith(reverse("login"))


def test_a_comment_of_another_plan_gives_404(client, city, reviewed, granskare):
    other_plan = Plan.objects.get(org_unit=city.sibling)
    comment = comment_on(reviewed.plan, reviewed.opening, author=granskare)
    client.force_login(granskare)
    for name in ("reply", "resolve"):
        url = reverse(f"comments:{name}", args=[other_plan.pk, comment.pk])
        assert client.post(url, {"text": "x"}).status_code == 404


def test_the_plan_page_box_shows_the_first_five_and_says_how_many_more(
    client, city, reviewed, granskare
):
    for n in range(7):
        comment_on(reviewed.plan, reviewed.opening, author=granskare, text=f"Punkt {n}")
    client.force_login(granskare)
    page = text_of(client.get(reverse("ui:plan", args=[city.unit.pk, 2026])))
    box = page[page.index('id="plan-comments-heading"') :]
    assert "7 öppna kommentarer." in box
    assert "Punkt 4" in box and "Punkt 5" not in box
    assert "Alla kommentarer (ytterligare 2 öppna)" in box
