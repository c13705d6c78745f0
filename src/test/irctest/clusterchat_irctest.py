"""irctest controller for ClusterChat: starts one node from target/clusterchat.jar per test.

scripts/irctest.sh puts this directory on PYTHONPATH and passes
--controller clusterchat_irctest to irctest (../shared/irctest).
"""

import functools
import json
import os
import shutil
import subprocess
from typing import Optional, Set, Type

from irctest import patma
from irctest.basecontrollers import BaseServerController, DirectoryBasedController
from irctest.runner import NotImplementedByController

JAR = os.environ.get("CLUSTERCHAT_JAR", "target/clusterchat.jar")


@functools.lru_cache(maxsize=None)
def operator_hash(password: str) -> str:
    """The hash `clusterchat passwd` makes; one JVM start per irctest process."""
    result = subprocess.run(
        ["java", "-jar", JAR, "passwd"],
        input=password + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


class ClusterChatController(BaseServerController, DirectoryBasedController):
    software_name = "ClusterChat"
    supported_sasl_mechanisms: Set[str] = set()
    supports_sts = False
    isupport = {
        "CASEMAPPING": "ascii",
        "CHANTYPES": "#",
        "PREFIX": "(ov)@+",
        "TARGMAX": patma.ANYSTR,
        "UTF8ONLY": None,
        "WHOX": None,
    }

    def run(
        self,
        hostname: str,
        port: int,
        *,
        password: Optional[str],
        ssl: bool,
        run_services: bool,
        faketime: Optional[str],
        websocket_hostname: Optional[str],
        websocket_port: Optional[int],
    ) -> None:
        if ssl:
            raise NotImplementedByController("TLS")
        if websocket_hostname is not None or websocket_port is not None:
            raise NotImplementedByController("Websocket")
        if run_services:
            raise NotImplementedByController("Services")
        assert self.proc is None
        self.port = port
        self.hostname = hostname
        self.create_config()
        assert self.directory
        config = {
            "node": {"name": "irctest"},
            "tcp": {"host": hostname, "port": 0, "instances": 1},
            "rooms": {"default": ""},
            "http": {"enabled": False},
            "admin": {"enabled": False},
            "irc": {
                "host": hostname,
                "port": port,
                "serverName": "My.Little.Server",
                "password": password or "",
                "operators": "operuser=" + operator_hash("operpassword"),
            },
            "limits": {"rateBurst": 1000, "rateLinesPerSecond": 1000},
        }
        with self.open_file("config.json", "w") as fd:
            json.dump(config, fd)
        java = ["java", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", JAR]
        if faketime and shutil.which("faketime"):
            java = ["faketime", "-f", faketime, *java]
            self.faketime_enabled = True
        self.proc = self.execute(
            [*java, "server", "--config", str(self.directory / "config.json")]
        )


def get_irctest_controller_class() -> Type[ClusterChatController]:
    return ClusterChatController
