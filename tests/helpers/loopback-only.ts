// A guard for the tests of the URL fetcher: no socket may be opened to anything but loopback
// (127.0.0.0/8, ::1). Hooks net.Socket.prototype.connect — which every TCP connection of http,
// https and net goes through — before the original runs: an IP address outside loopback throws
// there, and a host name's lookup is wrapped so that the addresses it yields are checked before
// the socket may dial them. A bug in lib/fetch/guard.ts thus fails the test instead of sending
// traffic anywhere.
import net from "node:net";

export const isLoopback = (address: string) =>
  net.isIPv4(address) ? address.startsWith("127.") : ["::1", "0:0:0:0:0:0:0:1"].includes(address) || /^::ffff:127\./i.test(address);

type Lookup = (host: string, opts: unknown, cb: (err: Error | null, address: unknown, family?: number) => void) => void;

export interface SocketGuard {
  /** Every attempt refused (host or address), in order. */
  violations: string[];
  restore(): void;
}

export function loopbackOnly(): SocketGuard {
  const violations: string[] = [];
  const original = net.Socket.prototype.connect;
  const refuse = (what: string) => {
    violations.push(what);
    return new Error(`test guard: a socket to ${what} (not loopback) was about to be opened`);
  };
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    // net.connect passes its normalized arguments as one array: [options, callback].
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    const options = (typeof first === "object" && first !== null ? first : { port: first, host: args[1] }) as {
      host?: string;
      path?: string;
      lookup?: Lookup;
    };
    if (!options.path) {
      const host = (options.host ?? "localhost").replace(/^\[|\]$/g, "");
      if (net.isIP(host)) {
        if (!isLoopback(host)) throw refuse(host);
      } else if (host !== "localhost") {
        if (!options.lookup) throw refuse(`${host} (resolved by the system's DNS)`);
        const lookup = options.lookup;
        options.lookup = (h, o, cb) =>
          lookup(h, o, (err, address, family) => {
            if (err) return cb(err, address, family);
            const list = Array.isArray(address) ? (address as { address: string }[]).map((a) => a.address) : [String(address)];
            const outside = list.filter((a) => !isLoopback(a));
            if (outside.length) return cb(refuse(`${h} → ${outside.join(", ")}`), address, family);
            cb(null, address, family);
          });
      }
    }
    return original.apply(this, args as Parameters<typeof original>);
  } as typeof original;
  return { violations, restore: () => void (net.Socket.prototype.connect = original) };
}
