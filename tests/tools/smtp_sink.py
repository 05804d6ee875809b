#!/usr/bin/python3
"""smtp_sink.py: a test SMTP server that stores what it receives.

Listens on 127.0.0.1:PORT (0 picks a free port) and writes each accepted
message to DIR as NNNNNN-PID.eml, written to a temporary name and renamed, so
a reader never sees half a file.  The envelope (MAIL FROM, RCPT TO, and the
client's address and port, which tell whether a connection was reused) goes
beside it as NNNNNN-PID.env.json.  Prints "ready PORT" on stdout, flushed,
once listening.

Failure injection for the tests of src/mail/smtp.c:
  --reject ADDR        answer 550 5.1.1 to RCPT TO:<ADDR> (repeatable)
  --tempfail-first N   answer 451 4.7.1 to the first N RCPT TO commands
  --drop-after-data    read the whole message, then close the connection
                       without answering (the client cannot know the outcome)
  --discard            count messages but do not write them (benchmarks)

Run with /usr/bin/python3 (Debian's python3-aiosmtpd).
"""
import argparse
import asyncio
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, args):
        self.dir = args.dir
        self.reject = {a.lower() for a in args.reject}
        self.tempfail_left = args.tempfail_first
        self.drop = args.drop_after_data
        self.discard = args.discard
        self.seq = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.tempfail_left > 0:
            self.tempfail_left -= 1
            return "451 4.7.1 try again later"
        if address.lower() in self.reject:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.seq += 1
        if self.drop:
            server.transport.abort()
            return "250 OK (never sent)"
        if self.discard:
            return "250 OK discarded"
        stem = os.path.join(self.dir, "%06d-%d" % (self.seq, os.getpid()))
        env = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
               "peer": list(session.peer)}
        self._write(stem + ".env.json", json.dumps(env).encode())
        self._write(stem + ".eml", envelope.original_content)
        return "250 OK queued as %06d" % self.seq

    @staticmethod
    def _write(path, data):
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.rename(tmp, path)


async def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", default=".")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--reject", action="append", default=[])
    p.add_argument("--tempfail-first", type=int, default=0)
    p.add_argument("--drop-after-data", action="store_true")
    p.add_argument("--discard", action="store_true")
    args = p.parse_args()
    if not args.discard:
        os.makedirs(args.dir, exist_ok=True)

    sink = Sink(args)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(sink, data_size_limit=64 << 20, hostname="sink.test"),
        args.host, args.port)
    port = server.sockets[0].getsockname()[1]
    print("ready %d" % port, flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
