"""Language for command-line tools, which have no language switch."""

import os

from django.conf import settings


def command_line_language() -> str:
    """English when the shell's locale asks for it (LANG=en_GB.UTF-8 and the like), else Swedish."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    return settings.LANGUAGE_CODE
