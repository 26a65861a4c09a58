"""The repository itself: what a clean checkout must hold, and must not."""

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The lines git writes around the two sides of a conflict (and the base, in diff3 style).
CONFLICT_MARKER = re.compile(rb"^(<{7}|\|{7}|>{7})( |$)", re.MULTILINE)
REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(==|>=|<=|~=|>|<|!=)?")


def tracked_files():
    result = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
    )
    return [ROOT / name for name in result.stdout.decode().split("\0") if name]


def test_no_tracked_file_holds_a_merge_conflict_marker():
    files = tracked_files()
    assert len(files) > 50  # the listing really is the repository's
    conflicted = [
        str(path.relative_to(ROOT))
        for path in files
        if path.is_file() and CONFLICT_MARKER.search(path.read_bytes())
    ]
    assert conflicted == []


def requirements(path):
    """(name, operator) of each requirement line of `path`, following `-r` includes."""
    found = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            found += requirements(path.parent / line[3:].strip())
            continue
        match = REQUIREMENT.match(line)
        assert match, f"{path.name}: cannot read {line!r}"
        found.append((match.group(1).lower().replace("_", "-"), match.group(3)))
    return found


def test_every_dependency_is_pinned_exactly_once():
    pins = requirements(ROOT / "requirements-test.txt")
    names = [name for name, _operator in pins]
    assert sorted({name for name in names if names.count(name) > 1}) == []
    assert [name for name, operator in pins if operator != "=="] == []


def test_make_test_installs_the_system_packages_first_and_ci_only_calls_it():
    # As a fresh shell runs it, not as a sub-make of `make test` (which would announce itself).
    environment = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL")}
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "test"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert dry_run.stdout.splitlines()[0] == "bash tests/system-packages.sh"
    ci = (ROOT / ".ci" / "run").read_text()
    assert "apt-get" not in ci
    assert ci.rstrip().endswith("exec make test")


def fake_system(tmp_path, present, apt_succeeds):
    """A PATH holding only `present` (as no-op programs), `id` and a fake `apt-get` that logs
    its arguments."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(parents=True)
    for name in present:
        (bin_dir / name).write_text("#!/bin/sh\nexit 0\n")
    (bin_dir / "id").write_text("#!/bin/sh\necho 0\n")
    (bin_dir / "env").write_text('#!/bin/sh\nshift\nexec "$@"\n')
    status = 0 if apt_succeeds else 100
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {tmp_path}/apt.log\nexit {status}\n')
    for path in bin_dir.iterdir():
        path.chmod(0o755)
    return str(bin_dir)


def run_system_packages(tmp_path, present, apt_succeeds, ci):
    path = fake_system(tmp_path, present, apt_succeeds)
    environment = {"PATH": path, "CI": "true" if ci else ""}
    result = subprocess.run(
        ["/bin/bash", str(ROOT / "tests" / "system-packages.sh")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    log = tmp_path / "apt.log"
    return result.returncode, log.read_text() if log.exists() else ""


def test_system_packages_installs_only_what_is_missing(tmp_path):
    # /usr/bin/chromium and /usr/sbin/nginx count as present when they exist on this machine.
    returncode, log = run_system_packages(
        tmp_path, ["java", "pg_dump", "chromium", "nginx", "valgrind"], apt_succeeds=True, ci=True
    )
    assert returncode == 0
    assert "install" in log
    assert log.split("install", 1)[1].split()[-1] == "npm"
    assert "default-jre-headless" not in log


def test_system_packages_installs_nothing_when_all_is_there(tmp_path):
    present = ["java", "pg_dump", "chromium", "nginx", "npm", "valgrind"]
    assert run_system_packages(tmp_path, present, apt_succeeds=True, ci=True) == (0, "")


def test_a_failed_install_fails_under_ci_and_only_warns_elsewhere(tmp_path):
    returncode, _log = run_system_packages(tmp_path / "ci", [], apt_succeeds=False, ci=True)
    assert returncode == 1
    returncode, _log = run_system_packages(tmp_path / "dev", [], apt_succeeds=False, ci=False)
    assert returncode == 0
