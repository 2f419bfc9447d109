"""``aigov serve`` listens on 127.0.0.1 only unless told otherwise, and warns loudly when told."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from pathlib import Path

import pytest

from tests.endpoint.conftest import http, served


def _listening(port: int) -> set[str]:
    """The IPv4 addresses with a listening TCP socket on ``port``, from the kernel's own table."""
    addresses = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, state = fields[1], fields[3]
        address, port_hex = local.split(":")
        if state == "0A" and int(port_hex, 16) == port:
            addresses.add(str(ipaddress.IPv4Address(bytes.fromhex(address)[::-1])))
    return addresses


def _other_local_addresses() -> set[str]:
    """This machine's IPv4 addresses that are not loopback ones."""
    found = set()
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(info[4][0])
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.123", 9))  # no packet is sent: this only picks the outgoing interface
        found.add(probe.getsockname()[0])
    return {a for a in found if not ipaddress.ip_address(a).is_loopback and a != "0.0.0.0"}


def _connects(address: str, port: int) -> bool:
    try:
        with socket.create_connection((address, port), timeout=5):
            return True
    except OSError:
        return False


def test_by_default_only_127_0_0_1_is_listening(tmp_path, sample_store):
    with served(sample_store, log=tmp_path / "serve.log") as server:
        assert server.url == f"http://127.0.0.1:{server.port}/"
        assert _listening(server.port) == {"127.0.0.1"}
        assert "WARNING" not in server.output()
        assert http(server.url + "sparql?query=ASK%7B%7D").status == 200
        assert not _connects("127.0.0.2", server.port)
        for address in _other_local_addresses():
            assert not _connects(address, server.port), address


def test_a_non_loopback_address_is_served_with_a_warning(tmp_path, sample_store):
    others = _other_local_addresses()
    if not others:
        pytest.skip("this machine has no non-loopback IPv4 address")
    with served(sample_store, "--host", "0.0.0.0", log=tmp_path / "serve.log") as server:
        output = server.output()
        assert "WARNING: listening on 0.0.0.0, not a loopback address" in output
        assert output.index("WARNING") < output.index("aigov serve:")
        assert _listening(server.port) == {"0.0.0.0"}
        address = sorted(others)[0]
        assert http(f"http://{address}:{server.port}/sparql?query=ASK%7B%7D").status == 200


def test_a_port_in_use_is_a_one_line_error(tmp_path, sample_store):
    import subprocess

    from tests.endpoint.conftest import ROOT, serve_command

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(serve_command("--store", str(sample_store), "--port", str(port)), cwd=ROOT,
                                capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    expected = f"aigov: error: cannot listen on 127.0.0.1:{port} (Address already in use)"
    assert result.stderr.strip() == expected
