"""Bad configuration fails loudly and narrowly, and never prints a secret: a bad
subscriptions file stops the crawl before it starts, one bad source file disables only
that source, an unreachable database is named without its password."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from parkwatch.cli import main as cli
from store.session import Store, sqlite_url
from tests.sites import ChangingSite, source_yaml

APPRISE_SECRET = "hunter2-apprise-pass"
DB_SECRET = "S3cret-db-pass-41"


def _setup(tmp_path: Path, site: ChangingSite, *, subscriptions: str | None = None) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "good.yaml").write_text(source_yaml("good", site.base_url), encoding="utf-8")
    db = sqlite_url(tmp_path / "t.db")
    Store(db).close()
    toml = f"db_url = '{db}'\nsources_dir = '{sources}'\nworkers = 1\n"
    if subscriptions is not None:
        (tmp_path / "subs.yaml").write_text(subscriptions, encoding="utf-8")
        toml += f"subscriptions = '{tmp_path / 'subs.yaml'}'\n"
    (tmp_path / "parkwatch.toml").write_text(toml, encoding="utf-8")
    return tmp_path / "parkwatch.toml"


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_a_typo_in_subscriptions_stops_the_crawl_before_it_starts(tmp_path: Path) -> None:
    subs = ("subscribers:\n  - name: ops\n"
            f"    urls: ['json://bot:{APPRISE_SECRET}@127.0.0.1:9/hook']\n"
            "    rules: [{min_amout_yi: 5}]\n")
    with ChangingSite(articles=3) as site:
        toml = _setup(tmp_path, site, subscriptions=subs)
        result = _invoke("--config", str(toml), "crawl")
        assert sum(site.requests.values()) == 0  # nothing fetched under a broken configuration
    assert result.exit_code != 0
    assert "subscribers.0.rules.0.min_amout_yi" in result.output and "fix" in result.output
    assert "Traceback" not in result.output and APPRISE_SECRET not in result.output
    assert len(result.output.splitlines()) < 25


def test_a_yaml_error_in_subscriptions_does_not_echo_the_password(tmp_path: Path) -> None:
    subs = ("subscribers:\n  - name: ops\n"
            f"    urls: [mailto://bob:{APPRISE_SECRET}@smtp.example.com\n  - x: : y\n")
    with ChangingSite(articles=3) as site:
        toml = _setup(tmp_path, site, subscriptions=subs)
        result = _invoke("--config", str(toml), "crawl")
    assert result.exit_code != 0
    assert "line 4, column 6" in result.output
    assert APPRISE_SECRET not in result.output and "Traceback" not in result.output


def test_one_bad_source_file_disables_only_that_source(tmp_path: Path) -> None:
    with ChangingSite(articles=3) as site:
        toml = _setup(tmp_path, site)
        (tmp_path / "sources" / "broken.yaml").write_text(
            "id: broken\nname: x\nlanguage: zh-Hans\nstart_urls: ['https://a.example/']\n"
            "article_alow: ['/a/']\n", encoding="utf-8")
        every = _invoke("--config", str(toml), "crawl")
        assert site.article_requests() == 3  # the good source still ran
        named = _invoke("--config", str(toml), "crawl", "--source", "good")
        status = _invoke("--config", str(toml), "status")
        asked_bad = _invoke("--config", str(toml), "crawl", "--source", "broken")
    assert every.exit_code != 0
    assert "good: ok" in every.output
    assert "broken.yaml" in every.output and "article_alow" in every.output
    assert "seeds/sources/README.md" in every.output
    assert Path(__file__).resolve().parents[1].joinpath("seeds", "sources", "README.md").is_file()
    assert "Traceback" not in every.output and len(every.output.splitlines()) < 25
    assert named.exit_code == 0 and "good: ok" in named.output
    assert "broken" in status.output and "invalid" in status.output
    assert asked_bad.exit_code != 0 and "article_alow" in asked_bad.output


def test_an_unreachable_database_is_named_without_its_password(tmp_path: Path) -> None:
    toml = tmp_path / "parkwatch.toml"
    toml.write_text(f"db_url = 'postgresql+psycopg://parkwatch:{DB_SECRET}@127.0.0.1:1/nowhere'\n",
                    encoding="utf-8")
    for command in (["status"], ["crawl"], ["deals"]):
        result = _invoke("--config", str(toml), *command)
        assert result.exit_code != 0, command
        assert "cannot open the database" in result.output
        assert DB_SECRET not in result.output, result.output
        assert "127.0.0.1:1" in result.output
