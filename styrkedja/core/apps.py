from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created


def register_sqlite_collation(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        from styrkedja.core.collation import SWEDISH_COLLATION, compare_swedish

        connection.connection.create_collation(SWEDISH_COLLATION, compare_swedish)


class CoreConfig(AppConfig):
    name = "styrkedja.core"
    label = "core"

    def ready(self) -> None:
        connection_created.connect(register_sqlite_collation, dispatch_uid="styrkedja-sv-collation")
