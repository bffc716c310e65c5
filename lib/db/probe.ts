// Is the database accepting connections? What `pg_isready` asks: a startup packet, and the server's
// first answer. An open port is not enough — a Postgres recovering after a crash listens, and
// answers every connection "the database system is starting up" (57P03) for as long as recovery
// takes, so a page let through would fail (500) instead of saying the database is coming back (503).
// No password is sent: the socket is closed as soon as the server asks for one.
import net from "node:net";

/** SQLSTATEs that mean "not now": starting up (57P03), shutting down (57P01), crash shutdown (57P02). */
const NOT_NOW = /^57P0[123]$/;

export function databaseAccepting(url: string, timeoutMs = 1_000): Promise<boolean> {
  let host = "127.0.0.1";
  let port = 5432;
  let user = "postgres";
  let database = "";
  try {
    const u = new URL(url);
    host = u.hostname.replace(/^\[|\]$/g, "") || host;
    port = Number(u.port || 5432);
    user = decodeURIComponent(u.username) || user;
    database = decodeURIComponent(u.pathname.slice(1)) || user;
  } catch {
    return Promise.resolve(true); // a URL we cannot read: let the page say what is wrong
  }
  return new Promise<boolean>((resolve) => {
    const socket = net.connect({ host, port });
    let connected = false;
    let answer = Buffer.alloc(0);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    // Connected but silent: a busy server, not a dead one (a server that is down refuses at once).
    socket.setTimeout(timeoutMs, () => done(connected));
    socket.once("error", () => done(false));
    socket.once("close", () => done(false));
    socket.once("connect", () => {
      connected = true;
      socket.write(startupPacket(user, database));
    });
    socket.on("data", (chunk) => {
      answer = Buffer.concat([answer, chunk]);
      const kind = String.fromCharCode(answer[0]);
      if (kind !== "E") return done(true); // R: authentication asked, so connections are accepted
      if (answer.length < 5 || answer.length < 1 + answer.readInt32BE(1)) return; // the rest of the error
      done(!NOT_NOW.test(errorCode(answer) ?? ""));
    });
  });
}

/** Protocol 3.0 StartupMessage: length, version 196608, then name/value pairs, then a 0. */
function startupPacket(user: string, database: string): Buffer {
  const body = Buffer.from(`user\0${user}\0database\0${database}\0\0`, "utf8");
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length, 0);
  head.writeInt32BE(196608, 4);
  return Buffer.concat([head, body]);
}

/** The C (SQLSTATE) field of an ErrorResponse. */
function errorCode(message: Buffer): string | null {
  let i = 5;
  const end = 1 + message.readInt32BE(1);
  while (i < end && message[i] !== 0) {
    const field = String.fromCharCode(message[i]);
    const stop = message.indexOf(0, i + 1);
    if (stop < 0) return null;
    if (field === "C") return message.toString("utf8", i + 1, stop);
    i = stop + 1;
  }
  return null;
}
