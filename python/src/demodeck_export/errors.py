"""The helper's one error type: a refusal whose message names the fix (the CLI prints it and exits 2)."""


class ExportError(ValueError):
    """A problem with the model or its inputs; the message names the fix."""
