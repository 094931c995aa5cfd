"""The JSON API, /api/v1/ (Django REST framework).

Authentication: ``Authorization: Token <key>`` (or the session, for the browsable API). Create a
user's token with ``manage.py drf_create_token <username>`` (``-r`` replaces it), in the admin under
"Auth Token", or by POSTing username and password to /api/v1/auth/token/ (throttled harder).
Reading needs a newsroom role (Editor or Fact-checker), submitting the Editor role: the same
permissions the web app checks. The OpenAPI schema is at /api/schema/.
"""
