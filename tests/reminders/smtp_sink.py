"""A tiny SMTP server for tests: it accepts every message and remembers it.

It runs in the test process (a thread per connection) on 127.0.0.1 and a free port, so a
worker in another process can send to ``smtp://127.0.0.1:<port>``. Each accepted message is
kept as a ``Delivery``: its Message-ID, the notification ids of its ``X-Notification-Ids``
header, its recipients and the time it arrived.

``hold(at=n)`` makes the sink keep the n-th message (counted from the start) — recorded as
received, since the server has it — without answering the final "250" until ``release()``:
the sender is then frozen between "the mail server has it" and "I know it was sent", the
moment where a crash makes a sender send the same message again.
"""

import email
import email.parser
import email.policy
import socketserver
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Delivery:
    message_id: str
    notification_ids: tuple[int, ...]
    recipients: tuple[str, ...]
    received_at: float


class _Handler(socketserver.StreamRequestHandler):
    timeout = 60

    def reply(self, text: str):
        self.wfile.write(text.encode("ascii") + b"\r\n")
        self.wfile.flush()

    def handle(self):
        sink: SmtpSink = self.server.sink
        try:
            self.reply("220 sink ESMTP ready")
            recipients = []
            while True:
                line = self.rfile.readline(65536)
                if not line:
                    return
                command = line.decode("ascii", "replace").strip()
                verb = command[:4].upper()
                if verb == "EHLO":
                    self.reply("250-sink\r\n250-8BITMIME\r\n250 SIZE 33554432")
                elif verb == "HELO":
                    self.reply("250 sink")
                elif verb == "MAIL":
                    recipients = []
                    self.reply("250 OK")
                elif verb == "RCPT":
                    recipients.append(command.split(":", 1)[-1].strip().strip("<>"))
                    self.reply("250 OK")
                elif verb == "DATA":
                    self.reply("354 End data with <CR><LF>.<CR><LF>")
                    data = self._read_data()
                    if data is None:  # the sender went away in the middle of the message
                        sink._aborted()
                        return
                    number = sink._record(data, recipients)
                    sink._maybe_hold(number)
                    self.reply("250 OK queued")
                    recipients = []
                elif verb in ("RSET", "NOOP"):
                    recipients = [] if verb == "RSET" else recipients
                    self.reply("250 OK")
                elif verb == "QUIT":
                    self.reply("221 Bye")
                    return
                else:
                    self.reply("502 Command not implemented")
        except OSError:  # the sender was killed: nothing to answer
            return

    def _read_data(self) -> bytes | None:
        lines = []
        while True:
            line = self.rfile.readline(1 << 20)
            if not line:
                return None
            if line in (b".\r\n", b".\n"):
                return b"".join(lines)
            lines.append(line[1:] if line.startswith(b"..") else line)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpSink:
    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self._lock = threading.Lock()
        self._deliveries: list[Delivery] = []
        self.aborted = 0  # messages whose sender vanished before the final "."
        self._hold_at = None
        self.held = threading.Event()
        self._release = threading.Event()
        self._server = _Server((host, port), _Handler)
        self._server.sink = self
        self.host, self.port = self._server.server_address[:2]
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.1}, daemon=True)

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    def start(self) -> "SmtpSink":
        self._thread.start()
        return self

    def stop(self):
        self.release()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def deliveries(self) -> list[Delivery]:
        with self._lock:
            return list(self._deliveries)

    def count(self) -> int:
        with self._lock:
            return len(self._deliveries)

    def hold(self, *, at: int):
        """Keep the ``at``-th message (1-based, counted since the start) unanswered."""
        with self._lock:
            self._hold_at = at
            self.held.clear()
            self._release.clear()

    def release(self):
        self._release.set()

    def _record(self, data: bytes, recipients: list[str]) -> int:
        # Headers only (the benchmark sends 100,000 messages; parsing bodies costs 10× more).
        message = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(data)
        ids = "".join(str(message.get("X-Notification-Ids", "")).split())
        delivery = Delivery(
            message_id=str(message.get("Message-ID", "")).strip(),
            notification_ids=tuple(int(i) for i in ids.split(",") if i),
            recipients=tuple(recipients),
            received_at=time.monotonic(),
        )
        with self._lock:
            self._deliveries.append(delivery)
            return len(self._deliveries)

    def _maybe_hold(self, number: int):
        with self._lock:
            hold = self._hold_at == number
            if hold:
                self._hold_at = None
                self.held.set()
        if hold:
            self._release.wait(timeout=120)

    def _aborted(self):
        with self._lock:
            self.aborted += 1
