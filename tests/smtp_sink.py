#!/usr/bin/env python3
"""SMTP sink for the mail tests (tests/integration/support.rs starts it): accepts every message and stores it as one file.

    smtp_sink.py --host 127.0.0.1 --port 2525 --maildir DIR [--pidfile FILE]

Each message is written to DIR/tmp/ and renamed into DIR/new/ *before* the
server answers 250 to DATA, so once the client's send returned, the file is
there. File name: <ns-since-epoch>.<pid>_<seq>.eml (sorts by arrival). The
file holds the message exactly as received (CRLF line ends, after dot
unstuffing), preceded by three added headers, as aiosmtpd's own handlers do:
    X-Peer: 127.0.0.1:54321
    X-MailFrom: sender@example.org
    X-RcptTo: a@example.org, b@example.org
Recipients whose local part starts with "reject" get 550, "tempfail" 451
(to test error handling). A message to a local part starting with "hold" is
stored, then the answer to DATA waits SMTP_SINK_HOLD seconds (default 60): the
client cannot know the message arrived (to test a sender dying mid-hand-off). With SMTP_SINK_USER/SMTP_SINK_PASSWORD set in the
environment, AUTH PLAIN/LOGIN is offered (without TLS) and required.
"""
import argparse
import asyncio
import os
import signal
import sys
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class MaildirHandler:
    def __init__(self, maildir):
        self.maildir = maildir
        self.seq = 0
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(maildir, sub), exist_ok=True)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.rsplit("@", 1)[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 <%s>: Recipient address rejected (test sink)" % address
        if local.startswith("tempfail"):
            return "451 4.3.0 <%s>: Temporary failure (test sink)" % address
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.seq += 1
        name = "%d.%d_%d.eml" % (time.time_ns(), os.getpid(), self.seq)
        peer = session.peer
        peer = "%s:%s" % (peer[0], peer[1]) if isinstance(peer, tuple) else str(peer)
        head = "X-Peer: %s\r\nX-MailFrom: %s\r\nX-RcptTo: %s\r\n" % (
            peer, envelope.mail_from, ", ".join(envelope.rcpt_tos))
        body = envelope.original_content
        if body is None:
            body = envelope.content
        if isinstance(body, str):
            body = body.encode("utf-8", "surrogateescape")
        tmp = os.path.join(self.maildir, "tmp", name)
        with open(tmp, "wb") as fh:
            fh.write(head.encode("utf-8") + body)
        os.rename(tmp, os.path.join(self.maildir, "new", name))
        if any(r.rsplit("@", 1)[0].lower().startswith("hold") for r in envelope.rcpt_tos):
            await asyncio.sleep(float(os.environ.get("SMTP_SINK_HOLD", "60")))
        print("stored new/%s from=<%s> to=%s size=%d" % (
            name, envelope.mail_from, envelope.rcpt_tos, len(body)), file=sys.stderr, flush=True)
        return "250 2.0.0 OK stored as %s" % name


def make_authenticator(user, password):
    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode("utf-8", "replace") == user
              and auth_data.password.decode("utf-8", "replace") == password)
        return AuthResult(success=ok, handled=False)
    return authenticator


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=2525)
    ap.add_argument("--maildir", required=True)
    ap.add_argument("--pidfile")
    args = ap.parse_args()

    handler = MaildirHandler(args.maildir)
    kwargs = dict(enable_SMTPUTF8=True, decode_data=False, hostname="smtp-sink.test",
                  ident="smtp-sink (aiosmtpd)")
    user = os.environ.get("SMTP_SINK_USER")
    if user:
        kwargs.update(authenticator=make_authenticator(user, os.environ.get("SMTP_SINK_PASSWORD", "")),
                      auth_required=True, auth_require_tls=False)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(lambda: SMTP(handler, loop=loop, **kwargs), args.host, args.port))
    if args.pidfile:  # written only once the port is bound
        with open(args.pidfile + ".tmp", "w") as fh:
            fh.write("%d\n" % os.getpid())
        os.rename(args.pidfile + ".tmp", args.pidfile)
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, loop.stop)
    print("listening on %s:%d, maildir %s%s" % (args.host, args.port, args.maildir,
          ", AUTH required" if user else ""), file=sys.stderr, flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()
        if args.pidfile:
            try:
                os.unlink(args.pidfile)
            except FileNotFoundError:
                pass


if __name__ == "__main__":
    main()
