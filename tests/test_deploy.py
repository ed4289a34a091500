"""deploy/: the compose file wires the services it promises, the image runs unprivileged."""

from __future__ import annotations

from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def test_compose_has_its_services_with_healthchecks_and_the_database_url() -> None:
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert set(services) == {"postgres", "scheduler", "review"}
    for name, service in services.items():
        assert service["healthcheck"]["test"], f"{name} has no healthcheck"
        assert service.get("restart") == "unless-stopped"
    for name in ("scheduler", "review"):
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
