import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsverify.articles.models import Article
from tests.factories import ArticleFactory

URL = reverse("article_upload")


def post_files(client, *files, **data):  # type: ignore[no-untyped-def]
    return client.post(URL, {"files": list(files), **data})


def test_it_requires_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_factchecker_cannot_upload(factchecker_client):
    assert factchecker_client.get(URL).status_code == 403
    assert factchecker_client.post(URL, {"text": "Some text."}).status_code == 403
    assert not Article.objects.exists()


def test_an_editor_pastes_an_article(editor_client, editor):
    response = editor_client.post(
        URL,
        {
            "text": "Officials said it rained.",
            "publisher": "Example Times",
            "url": "https://example.org/a",
            "published_on": "2024-06-02",
        },
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert (article.publisher, article.url, str(article.published_on)) == (
        "Example Times",
        "https://example.org/a",
        "2024-06-02",
    )
    assert article.submitted_by == editor


def test_empty_text_gets_a_clear_message(editor_client):
    response = editor_client.post(URL, {"text": "", "publisher": "X"})
    assert response.status_code == 400
    assert "Paste the article text or choose at least one file." in response.content.decode()
    assert not Article.objects.exists()


def test_whitespace_only_text_gets_a_clear_message_and_keeps_the_form(editor_client):
    response = editor_client.post(URL, {"text": "   \n\n  ", "publisher": "Kept Publisher"})
    assert response.status_code == 400
    assert "The pasted text is empty" in response.content.decode()
    assert 'value="Kept Publisher"' in response.content.decode()


def test_oversized_pasted_text_is_refused_and_kept(editor_client, settings):
    settings.NEWSVERIFY_MAX_ARTICLE_CHARS = 100
    text = "A long article. " * 20
    response = editor_client.post(URL, {"text": text})
    body = response.content.decode()
    assert response.status_code == 400
    assert "the limit is 100" in body
    assert "A long article. A long article." in body, "the editor's text is not lost"
    assert not Article.objects.exists()


def test_a_text_file_becomes_an_article(editor_client):
    upload = SimpleUploadedFile("story.txt", b"Moscow: Officials said it rained.\n\nSecond paragraph.")
    response = post_files(editor_client, upload, publisher="Example Times")
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.title == "Moscow: Officials said it rained."
    assert article.text.endswith("Second paragraph.")


def test_an_html_page_is_reduced_to_article_text(editor_client):
    html = (
        "<html><head><title>Drones over Moscow</title><script>alert('x')</script></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Drones over Moscow</h1>"
        + "<p>According to the ministry, three drones were intercepted on Sunday morning.</p>"
        * 3
        + "<p>CNN cited TASS report on the damage to the building in the west of the city.</p></article>"
        "<footer>Copyright</footer></body></html>"
    )
    response = post_files(editor_client, SimpleUploadedFile("page.html", html.encode()))
    assert response.status_code == 302
    article = Article.objects.get()
    assert "three drones were intercepted" in article.text
    assert "alert(" not in article.text and "<p>" not in article.text
    assert article.title == "Drones over Moscow"


def test_a_binary_file_is_refused(editor_client):
    response = post_files(
        editor_client, SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    )
    assert response.status_code == 400
    assert "photo.txt is a binary file" in response.content.decode()
    assert not Article.objects.exists()


def test_an_undecodable_file_is_refused_with_the_position(editor_client):
    # Not UTF-8 (0xC3 then 0x28 breaks the sequence), and bytes no legacy encoding reads as text.
    data = b"Officials said \xc3\x28 it " + bytes(range(1, 9)) * 40
    response = post_files(editor_client, SimpleUploadedFile("odd.txt", data))
    body = response.content.decode()
    assert response.status_code == 400
    assert "odd.txt" in body and "Not uploaded" in body
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("encoding", "text", "assumed"),
    [
        ("latin-1", "Caf\u00e9 owners in M\u00fcnster said it rained all day.", "Windows-1252"),
        (
            "cp1252",
            "The caf\u00e9 owner said that \u201cnothing\u201d was damaged \u2013 na\u00efvely.",
            "Windows-1252",
        ),
    ],
)
def test_a_legacy_encoded_file_is_decoded_and_the_encoding_named(editor_client, encoding, text, assumed):
    response = post_files(editor_client, SimpleUploadedFile("legacy.txt", text.encode(encoding)))
    assert response.status_code == 302
    assert Article.objects.get().text == text
    page = editor_client.get(response["Location"]).content.decode()
    assert f"legacy.txt is not UTF-8; it was read as {assumed}." in page


def test_a_batch_names_the_encoding_assumed_for_each_file(editor_client):
    files = [
        SimpleUploadedFile("plain.txt", b"Officials said it snowed in the north."),
        SimpleUploadedFile("old.txt", "The caf\u00e9 owner said it rained.".encode("cp1252")),
    ]
    body = post_files(editor_client, *files).content.decode()
    assert body.count("is not UTF-8") == 1
    assert "old.txt is not UTF-8; it was read as Windows-1252." in body
    assert Article.objects.count() == 2


def test_an_undefined_declared_charset_is_not_a_server_error(editor_client):
    page = (
        '<html><head><meta charset="undefined"><title>T</title></head><body><article>'
        + "<p>Officials said that three drones were intercepted over the city on Sunday.</p>" * 3
        + "</article></body></html>"
    )
    files = [
        SimpleUploadedFile("first.txt", b"Officials said it snowed in the north."),
        SimpleUploadedFile("undefined.html", page.encode()),
        SimpleUploadedFile("last.txt", b"Officials said it rained in the south."),
    ]
    response = post_files(editor_client, *files)
    body = response.content.decode()
    assert response.status_code == 200
    assert Article.objects.count() == 3
    assert all(name in body for name in ("first.txt", "undefined.html", "last.txt"))
    assert "three drones were intercepted" in Article.objects.get(title="T").text


def test_a_page_without_a_stated_date_gets_none_from_its_copyright_footer(editor_client):
    page = (
        "<html><head><title>T</title></head><body><article>"
        + "<p>Officials said that three drones were intercepted over the city on Sunday.</p>" * 3
        + "</article><footer>Copyright 2019 Example Times</footer></body></html>"
    )
    assert post_files(editor_client, SimpleUploadedFile("undated.html", page.encode())).status_code == 302
    assert Article.objects.get().published_on is None


def test_a_date_the_page_states_is_kept(editor_client):
    page = (
        '<html><head><title>T</title><meta property="article:published_time" content="2024-03-05T10:00:00Z">'
        "</head><body><article>"
        + "<p>Officials said that three drones were intercepted over the city on Sunday.</p>" * 3
        + "</article><footer>Copyright 2019 Example Times</footer></body></html>"
    )
    assert post_files(editor_client, SimpleUploadedFile("dated.html", page.encode())).status_code == 302
    assert str(Article.objects.get().published_on) == "2024-03-05"


def test_an_empty_file_is_refused(editor_client):
    response = post_files(editor_client, SimpleUploadedFile("empty.txt", b"  \n"))
    assert response.status_code == 400
    assert "empty.txt is empty." in response.content.decode()


def test_an_oversized_file_is_refused(editor_client, settings):
    settings.NEWSVERIFY_MAX_UPLOAD_BYTES = 1024
    response = post_files(editor_client, SimpleUploadedFile("big.txt", b"word " * 1000))
    assert response.status_code == 400
    assert "big.txt is 4.9 KB; the limit is 1.0 KB per file." in response.content.decode()
    assert not Article.objects.exists()


def test_an_unsupported_file_type_is_refused(editor_client):
    response = post_files(editor_client, SimpleUploadedFile("story.pdf", b"%PDF-1.4"))
    assert response.status_code == 400
    assert "only .txt, .md and .html files can be uploaded" in response.content.decode()


def test_too_many_files_are_refused(editor_client, settings):
    settings.NEWSVERIFY_MAX_UPLOAD_FILES = 2
    files = [SimpleUploadedFile(f"s{i}.txt", f"Story {i} said it rained.".encode()) for i in range(3)]
    response = post_files(editor_client, *files)
    assert response.status_code == 400
    assert "3 files were chosen; upload at most 2 at a time." in response.content.decode()
    assert not Article.objects.exists()


def test_a_duplicate_points_to_the_existing_article(editor_client):
    existing = ArticleFactory(text="Officials said it rained.")
    response = editor_client.post(URL, {"text": "Officials  said it rained.\n"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Already uploaded as" in body
    assert f'href="{existing.get_absolute_url()}"' in body
    assert Article.objects.count() == 1


def test_a_batch_reports_each_file_and_keeps_the_good_ones(editor_client):
    existing = ArticleFactory(text="Old story said it rained.")
    files = [
        SimpleUploadedFile("good.md", b"# Fresh story\n\nOfficials said it snowed."),
        SimpleUploadedFile("dupe.txt", b"Old story said it rained."),
        SimpleUploadedFile("bad.txt", b"\xff\xfe\x00\x00garbage" + bytes(50)),
    ]
    response = post_files(editor_client, *files, publisher="Batch Times")
    body = response.content.decode()
    assert response.status_code == 200
    fresh = Article.objects.exclude(pk=existing.pk).get()
    assert fresh.publisher == "Batch Times"
    assert f'href="{fresh.get_absolute_url()}"' in body
    assert f'href="{existing.get_absolute_url()}"' in body
    assert "bad.txt" in body and "Not uploaded" in body


def test_text_and_files_together_are_ambiguous(editor_client):
    response = post_files(editor_client, SimpleUploadedFile("a.txt", b"File text said."), text="Pasted text said.")
    assert response.status_code == 400
    assert "not both" in response.content.decode()


def test_a_declared_html_charset_is_honoured(editor_client):
    html = (
        '<html><head><meta charset="windows-1252"><title>Caf\u00e9 report</title></head><body><article>'
        + "<p>The caf\u00e9 owner said that \u201cnothing\u201d was damaged in the blast on Sunday night.</p>" * 3
        + "</article></body></html>"
    )
    response = post_files(editor_client, SimpleUploadedFile("cp1252.html", html.encode("cp1252")))
    assert response.status_code == 302
    assert "The caf\u00e9 owner said that \u201cnothing\u201d was damaged" in Article.objects.get().text


def test_a_hostile_page_url_is_not_kept(editor_client):
    html = (
        '<html><head><link rel="canonical" href="javascript:alert(1)"><title>T</title></head><body><article>'
        + "<p>Officials said that three drones were intercepted over the city on Sunday.</p>" * 3
        + "</article></body></html>"
    )
    response = post_files(editor_client, SimpleUploadedFile("hostile.html", html.encode()))
    assert response.status_code == 302
    assert Article.objects.get().url == ""


def test_a_request_beyond_the_form_data_ceiling_gets_a_readable_page(editor_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = editor_client.post(URL, {"text": "word " * 1000})
    assert response.status_code == 400
    assert "It was malformed or too large" in response.content.decode()
    assert not Article.objects.exists()


def test_the_url_must_be_a_web_address(editor_client):
    response = editor_client.post(URL, {"text": "Officials said it rained.", "url": "ftp://example.org/a"})
    assert response.status_code == 400
    assert "Enter an http or https address." in response.content.decode()
    assert "Officials said it rained." in response.content.decode()
    assert not Article.objects.exists()


def test_a_page_url_longer_than_the_column_is_not_kept(editor_client):
    """A page may claim any URL; one longer than the 2,000 the column holds is dropped, not a 500 on PostgreSQL."""
    long_url = "https://news.example.org/" + "a" * 2010  # over 2,000, within what URLValidator takes
    html = (
        f'<html><head><link rel="canonical" href="{long_url}"><title>T</title></head><body><article>'
        + "<p>Officials said that three drones were intercepted over the city on Sunday.</p>" * 3
        + "</article></body></html>"
    )
    response = post_files(editor_client, SimpleUploadedFile("long-url.html", html.encode()))
    assert response.status_code == 302
    assert Article.objects.get().url == ""


def test_a_url_longer_than_the_column_is_refused_by_the_service(editor):
    from newsverify.articles.services import ArticleRejected, article_submit

    with pytest.raises(ArticleRejected, match="2,000"):
        article_submit(text="Officials said it rained.", url="https://news.example.org/" + "a" * 2010, by=editor)
    assert not Article.objects.exists()


@pytest.mark.parametrize("name", ["\x8e", "\x1f\x7f"])
def test_a_file_whose_name_the_parser_drops_gets_the_missing_input_message(editor_client, name):
    """Django's parser drops a part whose file name is nothing printable; the form still says what is missing."""
    response = post_files(editor_client, SimpleUploadedFile(name, b"Officials said it rained."))
    assert response.status_code == 400
    assert "Paste the article text or choose at least one file." in response.content.decode()
    assert not Article.objects.exists()


def test_an_empty_post_says_what_is_missing(editor_client):
    response = editor_client.post(URL, {})
    assert response.status_code == 400
    assert "Paste the article text or choose at least one file." in response.content.decode()
