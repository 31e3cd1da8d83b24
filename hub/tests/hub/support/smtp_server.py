"""A real SMTP server for the hub's mail tests (Debian's python3-aiosmtpd).

Each accepted message is written to OUT/<n>.eml, and beside it <n>.json
with its envelope, decoded headers and decoded text and HTML parts, as
Python's own mail parser reads them (both written beside, then renamed, so
a test never reads half a mail). With --tls-cert/--tls-key it
offers STARTTLS and requires it before MAIL. While the file --hold exists,
the server stops at RCPT TO and waits (it writes --hold + ".reached" when a
client got there): a test can kill the client mid-conversation. Addresses
containing --reject text get a permanent 550.

Prints "listening on PORT" once ready.
"""

import argparse
import asyncio
import email
import email.policy
import json
import itertools
import os
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP


class Handler:
    def __init__(self, out, hold, reject):
        self.out = out
        self.hold = hold
        self.reject = reject
        self.numbers = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject and self.reject in address:
            return "550 5.1.1 mailbox unavailable"
        if self.hold:
            while os.path.exists(self.hold):
                open(self.hold + ".reached", "w").close()
                await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        number = next(self.numbers)
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = {}
        for part in message.walk():
            if part.get_content_maintype() == "text":
                parts[part.get_content_subtype()] = part.get_content()
        summary = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "subject": str(message["subject"]),
            "from": str(message["from"]),
            "to": str(message["to"]),
            "message_id": str(message["message-id"]),
            "text": parts.get("plain", ""),
            "html": parts.get("html", ""),
        }
        for name, content in ((f"{number:06}.json", json.dumps(summary).encode()), (f"{number:06}.eml", raw)):
            partial = os.path.join(self.out, f".{name}.partial")
            with open(partial, "wb") as file:
                file.write(content)
            os.rename(partial, os.path.join(self.out, name))
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--hold")
    parser.add_argument("--reject")
    args = parser.parse_args()

    context = None
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)

    handler = Handler(args.out, args.hold, args.reject)

    class Server(Controller):
        def factory(self):
            return SMTP(
                self.handler,
                tls_context=context,
                require_starttls=context is not None,
                hostname="localhost",
            )

    controller = Server(handler, hostname="127.0.0.1", port=args.port or find_port())
    controller.start()
    print(f"listening on {controller.port}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


def find_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
