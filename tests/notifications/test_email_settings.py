"""E-mail goes to the console unless the environment names an SMTP server."""

from tests.test_settings import manage

SHOW = "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)"


def test_the_console_by_default():
    result = manage("shell", "--no-imports", "-c", SHOW, env={"DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "django.core.mail.backends.console.EmailBackend"


def test_smtp_when_email_host_is_set():
    env = {"DEBUG": "1", "EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "2525"}
    result = manage("shell", "--no-imports", "-c", SHOW, env=env)
    assert result.stdout.split() == ["django.core.mail.backends.smtp.EmailBackend", "smtp.example.org", "2525", "True"]


def test_tls_and_ssl_together_fail_loudly():
    result = manage("shell", "--no-imports", "-c", SHOW, env={"DEBUG": "1", "EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"})
    assert result.returncode != 0 and "EMAIL_USE_TLS and EMAIL_USE_SSL are exclusive" in result.stderr
