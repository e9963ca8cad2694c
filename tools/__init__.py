"""Tooling shared by the tests (tests/) and the scripts (scripts/links.py, scripts/benchmark.py):
the project's languages and paths (project.py), built HTML parsed once with CSS selectors (html.py),
the site crawler with page types and the link check (sitecrawl.py), Debian's nginx with the shipped
configuration (nginx_server.py), and generated finder queries (finder_inputs.py).
Installed with the project (pyproject.toml), so it imports without changes to sys.path."""
