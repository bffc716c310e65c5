// The proxy's readiness probe (lib/db/probe.ts) reads the server's first answer to a startup
// packet: a Postgres recovering after a crash listens but refuses, and pages must then get the 503
// page, not a 500. Small servers on loopback speak the first message of the protocol.
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { databaseAccepting } from "@/lib/db/probe";

const servers: net.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A server that answers the first packet it reads with `reply` (and checks it is a startup packet). */
function fakePostgres(reply: Buffer | null, seen: Buffer[] = []): Promise<number> {
  const server = net.createServer((socket) => {
    socket.once("data", (packet) => {
      seen.push(packet);
      if (reply) socket.end(reply);
    });
    socket.on("error", () => {});
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
}

function errorResponse(code: string): Buffer {
  const fields = Buffer.from(`SFATAL\0C${code}\0Mthe database system is starting up\0\0`, "utf8");
  const head = Buffer.alloc(5);
  head.write("E", 0);
  head.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([head, fields]);
}

const authRequest = () => Buffer.from([0x52, 0, 0, 0, 12, 0, 0, 0, 5, 1, 2, 3, 4]); // R, md5 with salt

const url = (port: number) => `postgresql://postgres:secret@127.0.0.1:${port}/gongkai`;

describe("databaseAccepting", () => {
  it("is true when the server asks for authentication, and sends no password", async () => {
    const seen: Buffer[] = [];
    const port = await fakePostgres(authRequest(), seen);
    expect(await databaseAccepting(url(port))).toBe(true);
    const packet = seen[0];
    expect(packet.readInt32BE(0)).toBe(packet.length);
    expect(packet.readInt32BE(4)).toBe(196608);
    expect(packet.toString("utf8", 8)).toBe("user\0postgres\0database\0gongkai\0\0");
    expect(packet.includes(Buffer.from("secret"))).toBe(false);
  });

  it("is false while the server is starting up, shutting down or crash-stopping (57P01-3)", async () => {
    for (const code of ["57P03", "57P01", "57P02"]) expect(await databaseAccepting(url(await fakePostgres(errorResponse(code))))).toBe(false);
  });

  it("is true for other refusals (the server is up; the page says what is wrong)", async () => {
    expect(await databaseAccepting(url(await fakePostgres(errorResponse("53300"))))).toBe(true); // too many connections
    expect(await databaseAccepting(url(await fakePostgres(errorResponse("3D000"))))).toBe(true); // no such database
  });

  it("is false when nothing listens, or the server hangs up without a word", async () => {
    const closed = await fakePostgres(null);
    servers.pop()!.close();
    expect(await databaseAccepting(url(closed))).toBe(false);
    const server = net.createServer((socket) => socket.destroy());
    servers.push(server);
    const port = await new Promise<number>((r) => server.listen(0, "127.0.0.1", () => r((server.address() as net.AddressInfo).port)));
    expect(await databaseAccepting(url(port))).toBe(false);
  });

  it("takes a server that accepted the connection but stays silent as busy, not down", async () => {
    const port = await fakePostgres(null);
    expect(await databaseAccepting(url(port), 200)).toBe(true);
  });

  it("reads an error split over several packets", async () => {
    const whole = errorResponse("57P03");
    const server = net.createServer((socket) => {
      socket.once("data", () => {
        socket.write(whole.subarray(0, 3));
        setTimeout(() => socket.end(whole.subarray(3)), 50);
      });
    });
    servers.push(server);
    const port = await new Promise<number>((r) => server.listen(0, "127.0.0.1", () => r((server.address() as net.AddressInfo).port)));
    expect(await databaseAccepting(url(port))).toBe(false);
  });
});
