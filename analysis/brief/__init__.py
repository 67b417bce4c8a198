"""The county brief. In: a connection and a county/year scope. Out: the brief as a .docx document
(its figures from insights and problems, the same the pages show)."""
