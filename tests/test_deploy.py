"""deploy/: the compose file wires the services it promises, the image runs unprivileged."""

from __future__ import annotations

from pathlib import Path

import configparser

import yaml

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def test_compose_has_its_services_with_healthchecks_and_the_database_url() -> None:
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert set(services) == {"postgres", "scheduler", "scrapyd-1", "scrapyd-2", "review"}
    for name, service in services.items():
        assert service["healthcheck"]["test"], f"{name} has no healthcheck"
        assert service.get("restart") == "unless-stopped"
    for name in ("scheduler", "scrapyd-1", "scrapyd-2", "review"):
        assert services[name]["environment"]["PARKWATCH_DB_URL"].startswith("postgresql+psycopg://")
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert (DEPLOY / services[name]["env_file"][0].split(":-")[-1].rstrip("}")).is_file()
    assert services["scheduler"]["command"] == ["run"]
    assert "--locale=C.UTF-8" in services["postgres"]["environment"]["POSTGRES_INITDB_ARGS"]
    assert all(port.startswith("127.0.0.1:") for port in services["review"]["ports"])


def test_image_and_units_run_as_an_unprivileged_user() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    users = [line.split()[1] for line in dockerfile.splitlines() if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    for unit in ("parkwatch-run.service", "parkwatch-review.service"):
        text = (DEPLOY / "systemd" / unit).read_text(encoding="utf-8")
        assert "User=parkwatch" in text and "EnvironmentFile=/etc/parkwatch/parkwatch.env" in text
        assert "ExecStart=/opt/parkwatch/.venv/bin/parkwatch " in text


def test_scheduler_dispatches_to_both_scrapyd_nodes_with_their_slots() -> None:
    services = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))["services"]
    scheduler = services["scheduler"]["environment"]
    nodes = [f"http://{name}:6800" for name in ("scrapyd-1", "scrapyd-2")]
    assert scheduler["PARKWATCH_SCRAPYD_URLS"].split() == nodes
    conf = configparser.ConfigParser()
    conf.read(DEPLOY / "scrapyd.conf", encoding="utf-8")
    assert conf["settings"]["parkwatch"] == "crawler.settings"
    slots = int(conf["scrapyd"]["max_proc"])
    assert int(scheduler["PARKWATCH_SCRAPYD_SLOTS"]) == slots
    assert int(scheduler["PARKWATCH_MAX_PARALLEL_CRAWLS"]) >= slots * len(nodes)
    for name in ("scrapyd-1", "scrapyd-2"):
        node = services[name]
        assert node["entrypoint"][0] == "scrapyd" and "ports" not in node  # never published
        assert services["scheduler"]["depends_on"][name]["condition"] == "service_healthy"
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "COPY deploy/scrapyd.conf /etc/scrapyd/scrapyd.conf" in dockerfile
    assert "SCRAPY_SETTINGS_MODULE=crawler.settings" in dockerfile
