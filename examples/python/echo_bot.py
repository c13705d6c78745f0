#!/usr/bin/env python3
"""A ClusterChat bot over the TCP event-bus bridge, in plain Python (standard library only).

It logs in with its token, observes rooms and answers there: "!ping" with "pong", "!echo TEXT"
with TEXT. The node needs bridge.enabled and this bot in bridge.bots (docs/EVENTBUS.md, "The TCP
bridge"). The token comes from the environment, so it does not show in the process list:

    CLUSTERCHAT_BOT_TOKEN=... python3 examples/python/echo_bot.py --port 7500 --room lobby

Exits 2 when the login is refused, 1 when the connection is lost.
"""

import argparse
import itertools
import json
import os
import socket
import struct
import sys

LOGIN = "clusterchat.bridge.login"
API = "clusterchat.api"
GREETING = "is here: say !ping or !echo TEXT"


class Bridge:
    """One connection to the bridge. Every frame is a 4-byte big-endian length, then JSON."""

    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port))
        self.reply_ids = itertools.count(1)

    def send(self, frame):
        data = json.dumps(frame).encode("utf-8")
        self.sock.sendall(struct.pack(">I", len(data)) + data)

    def request(self, address, body):
        """Sends a request; its answer arrives later as a frame addressed to the returned reply address."""
        reply_address = "echo_bot.reply.%d" % next(self.reply_ids)
        self.send({"type": "send", "address": address, "replyAddress": reply_address, "body": body})
        return reply_address

    def register(self, address):
        self.send({"type": "register", "address": address})

    def read(self):
        (length,) = struct.unpack(">I", self._read_exactly(4))
        return json.loads(self._read_exactly(length).decode("utf-8"))

    def _read_exactly(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("the bridge closed the connection")
            data += chunk
        return data


def answer_to(text):
    """The bot's answer to a chat line, or None."""
    text = text.strip()
    if text == "!ping":
        return "pong"
    if text.startswith("!echo ") and text[len("!echo "):].strip():
        return text[len("!echo "):].strip()
    return None


def login(bridge, token):
    """Logs in and returns the bot name the node bound to this connection."""
    reply_address = bridge.request(LOGIN, {"token": token})
    frame = bridge.read()
    if frame.get("type") == "err" or frame.get("address") != reply_address:
        refused("%s %s" % (frame.get("error", ""), frame.get("message", "")))
    return frame["body"]["bot"]


def refused(why):
    print("login refused: " + why, file=sys.stderr)
    sys.exit(2)


def post(bridge, room, text):
    # The node puts the bot's own name on every post; a "bot" field here would be overwritten.
    return bridge.request(API, {"v": 1, "action": "post", "room": room, "text": text})


def run(bridge, bot, rooms):
    room_of = {"clusterchat.room." + room: room for room in rooms}
    for address in room_of:
        bridge.register(address)
    for room in rooms:
        post(bridge, room, "%s %s" % (bot, GREETING))
    print("%s listening in %s" % (bot, ", ".join(rooms)), flush=True)
    while True:
        frame = bridge.read()
        body = frame.get("body")
        if frame.get("type") == "err":
            print("refused: %s %s" % (frame.get("error", ""), frame.get("message", "")), file=sys.stderr, flush=True)
        elif frame.get("address") in room_of and body.get("kind") == "MSG":
            answer = answer_to(body.get("text", ""))
            if answer:
                post(bridge, room_of[frame["address"]], answer)
        elif isinstance(body, dict) and body.get("ok") is False:
            # e.g. NO_SUCH_ROOM for the greeting when nobody is in the room yet
            print("request failed: %s %s" % (body.get("error"), body.get("message")), file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description="ClusterChat echo bot over the TCP event-bus bridge")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7500)
    parser.add_argument("--room", action="append", help="room to answer in (repeatable; default lobby)")
    args = parser.parse_args()
    token = os.environ.get("CLUSTERCHAT_BOT_TOKEN")
    if not token:
        parser.error("set CLUSTERCHAT_BOT_TOKEN to the bot's token")
    rooms = [room.lstrip("#").lower() for room in (args.room or ["lobby"])]
    try:
        bridge = Bridge(args.host, args.port)
        try:
            bot = login(bridge, token)
        except ConnectionError:
            refused("the bridge closed the connection")
        run(bridge, bot, rooms)
    except (ConnectionError, OSError) as e:
        print("connection to %s:%d lost: %s" % (args.host, args.port, e), file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
