"""Changes made while answering a request are the signed-in user's."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from styrkedja.history.recording import acting


class ActorMiddleware:
    """Name the request's user as the actor of the changes the view makes.

    The user is read only when a change is recorded, so pages that write nothing
    do not load it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting(user=request.user):
            return self.get_response(request)
