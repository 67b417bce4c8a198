"""Bytes → text. In: a file's bytes and name (.txt .docx .doc .pdf .html .mhtml, any common encoding).
Out: the report's text, cleaned (web chrome, traditional script, line breaks), or a ReportError."""
