"""The one exception type the analysis package raises for bad input."""


class ReportError(Exception):
    """A file or request that cannot be processed, with a message a clerk can act on.

    Pages show it with ``st.error``; the CLI prints it as ``rejected: NAME: reason``.
    """
