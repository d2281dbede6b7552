#!/usr/bin/env python3
"""A loopback SMTP server for Lettershop's tests and benchmark (aiosmtpd).

Writes each accepted message to OUT/NNNNNN.eml and a line "recipient<TAB>message-id" to
OUT/received.log, a line per connection that sends MAIL to OUT/connections.log, and its port to OUT/port once it listens. Options:
  --security starttls|tls|none   STARTTLS required (default), implicit TLS, or plain
  --auth USER:PASSWORD           AUTH required (PLAIN/LOGIN)
  --faults FILE                  JSON: {"rcpt-4xx": [addr], "data-5xx": [addr], "drop-in-data": [addr],
                                  "lose-reply": [addr], "stall": [addr]} by recipient address
  --count-only                   keep no message files, only the log (benchmark)
  --smtputf8                     offer SMTPUTF8 (RFC 6531); OUT/mail-options.log gets "recipient<TAB>MAIL options"
With starttls or tls a self-signed certificate for 127.0.0.1/localhost is made in OUT (cert.pem).
"""
import argparse, asyncio, json, os, socket, ssl, subprocess, sys, threading, time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--out", required=True)
parser.add_argument("--security", default="starttls", choices=["starttls", "tls", "none"])
parser.add_argument("--auth")
parser.add_argument("--faults")
parser.add_argument("--count-only", action="store_true")
parser.add_argument("--smtputf8", action="store_true")
args = parser.parse_args()
os.makedirs(args.out, exist_ok=True)
faults = json.load(open(args.faults)) if args.faults else {}
lock = threading.Lock()
sequence = [0]


def fault(kind, envelope):
    return any(r.lower() in [a.lower() for a in faults.get(kind, [])] for r in envelope.rcpt_tos)


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.lower() in [a.lower() for a in faults.get("stall", [])]:
            await asyncio.sleep(3600)
        if address.lower() in [a.lower() for a in faults.get("rcpt-4xx", [])]:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if fault("data-5xx", envelope):
            return "554 5.7.1 Message rejected as spam"
        with lock:
            sequence[0] += 1
            number = sequence[0]
            if not args.count_only:
                with open(os.path.join(args.out, "%06d.eml" % number), "wb") as f:
                    f.write(envelope.original_content)
            message_id = ""
            for line in envelope.original_content.split(b"\r\n"):
                if line.lower().startswith(b"message-id:"):
                    message_id = line.split(b":", 1)[1].strip().decode()
                    break
                if line == b"":
                    break
            with open(os.path.join(args.out, "received.log"), "a", encoding="utf-8") as log:
                for rcpt in envelope.rcpt_tos:
                    log.write("%s\t%s\n" % (rcpt, message_id))
            with open(os.path.join(args.out, "mail-options.log"), "a", encoding="utf-8") as log:
                for rcpt in envelope.rcpt_tos:
                    log.write("%s\t%s\n" % (rcpt, " ".join(envelope.mail_options)))
        if fault("lose-reply", envelope):
            server.transport.abort()
            return "250 never seen"
        return "250 2.0.0 Ok: queued as Q%06d" % number


class FaultySMTP(SMTP):
    async def smtp_MAIL(self, arg):
        # One line per connection that starts a message (STARTTLS keeps this object).
        if not getattr(self, "counted", False):
            self.counted = True
            with lock:
                with open(os.path.join(args.out, "connections.log"), "a") as log:
                    log.write("connection\n")
        await super().smtp_MAIL(arg)

    async def smtp_DATA(self, arg):
        if self.envelope is not None and fault("drop-in-data", self.envelope):
            await self.push("354 End data with <CR><LF>.<CR><LF>")
            await self._reader.readuntil(b"\r\n")
            self.transport.abort()
            return
        await super().smtp_DATA(arg)


def authenticator(server, session, envelope, mechanism, auth_data):
    user, password = args.auth.split(":", 1)
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
    return AuthResult(success=ok, handled=False)


class LoopbackController(Controller):
    def factory(self):
        return FaultySMTP(self.handler, **self.SMTP_kwargs)


context = None
if args.security != "none":
    cert, key = os.path.join(args.out, "cert.pem"), os.path.join(args.out, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()

kwargs = dict(hostname="127.0.0.1", port=port, ready_timeout=10, enable_SMTPUTF8=args.smtputf8)
smtp_kwargs = dict(data_size_limit=50 * 1024 * 1024)
if args.auth:
    kwargs["authenticator"] = authenticator
    kwargs["auth_required"] = True
    kwargs["auth_require_tls"] = args.security != "none"
if args.security == "starttls":
    kwargs["tls_context"] = context
    kwargs["require_starttls"] = True
elif args.security == "tls":
    kwargs["ssl_context"] = context
controller = LoopbackController(Handler(), server_kwargs=smtp_kwargs, **kwargs)
controller.start()
with open(os.path.join(args.out, "port.tmp"), "w") as f:
    f.write(str(port))
os.rename(os.path.join(args.out, "port.tmp"), os.path.join(args.out, "port"))
try:
    while True:
        time.sleep(3600)
except KeyboardInterrupt:
    pass
finally:
    controller.stop()
