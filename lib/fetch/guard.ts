// Which URLs gongkai may fetch (import by URL, npm run crawl). A URL typed into the web form
// must not make the server reach into its own network (SSRF): only http/https, and only hosts
// whose EVERY address is a public unicast address — checked on the addresses the socket will
// connect to (the lookup below is given to the socket, so a DNS answer cannot change between the
// check and the connection), and again on every redirect, since each hop connects anew.
import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";

export type ResolvedAddress = { address: string; family: number };
/** Every address of a host name (dns.lookup with all: true); stubbed in tests. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export interface GuardPolicy {
  /** Loopback and private addresses allowed (the CLIs' --allow-private-hosts). */
  allowPrivate?: boolean;
  /** host or host:port entries allowed whatever they resolve to (GONGKAI_FETCH_ALLOW_HOSTS). */
  allowHosts?: readonly string[];
  resolver?: Resolver;
  /**
   * Tests only: where a checked address is really dialled. Lets a test play a public host with a
   * loopback server, so the check runs on the public address while no packet leaves the machine.
   */
  dialOverride?: (address: string) => string;
}

export class FetchRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FetchRefused";
  }
}

/** GONGKAI_FETCH_ALLOW_HOSTS="127.0.0.1:4000,intranet.example": for tests and self-hosted intranets. */
export function allowHostsFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  return (env.GONGKAI_FETCH_ALLOW_HOSTS ?? "")
    .split(/[,\s]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

const bareHost = (hostname: string) => hostname.replace(/^\[|\]$/g, "").toLowerCase();
const effectivePort = (u: URL) => u.port || (u.protocol === "https:" ? "443" : "80");

function hostAllowed(u: URL, policy: GuardPolicy): boolean {
  const host = u.hostname.toLowerCase();
  const port = effectivePort(u);
  return (policy.allowHosts ?? []).some((e) => e === host || e === `${host}:${port}` || e === bareHost(host) || e === `${bareHost(host)}:${port}`);
}

/** Why an address may not be fetched from (a Chinese phrase), or null when it is public. */
export function addressRefusal(address: string): string | null {
  if (!ipaddr.isValid(address)) return "无法识别的地址";
  let ip = ipaddr.parse(address);
  // ::ffff:127.0.0.1 is 127.0.0.1.
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  if (range === "unicast") return null;
  // The metadata services of AWS/GCP/Azure, Alibaba Cloud and AWS over IPv6.
  if (["169.254.169.254", "100.100.100.200", "fd00:ec2::254"].includes(ip.toString())) return "云服务器元数据地址";
  switch (range) {
    case "loopback":
      return "本机（回环）地址";
    case "private":
    case "uniqueLocal":
    case "carrierGradeNat":
      return "内网地址";
    case "linkLocal":
      return "链路本地地址";
    case "unspecified":
      return "未指定地址";
    case "multicast":
    case "broadcast":
      return "组播或广播地址";
    default:
      // reserved, documentation, benchmarking, 6to4/NAT64 wrappers of other addresses, …
      return "保留或特殊用途地址";
  }
}

const refusal = (host: string, address: string, why: string) =>
  new FetchRefused(
    `拒绝访问 ${host}：它指向${why}（${address}）。只能从公网上的网站导入，不会访问本机或内网的地址。`,
  );

/**
 * The URL, parsed, when its form may be fetched: http/https, no user name or password, and —
 * when the host is an IP address — a public one. Names are checked when they are resolved
 * (guardedLookup). WHATWG URL parsing turns http://2130706433/ and http://0x7f.1/ into 127.0.0.1.
 */
export function checkUrl(raw: string | URL, policy: GuardPolicy = {}): URL {
  let u: URL;
  try {
    u = typeof raw === "string" ? new URL(raw.trim()) : raw;
  } catch {
    throw new FetchRefused(`不是有效的网址：${String(raw).slice(0, 200)}`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new FetchRefused(`只能导入 http:// 或 https:// 开头的网址（收到的是 ${u.protocol}）。`);
  }
  if (u.username || u.password) throw new FetchRefused("网址里不能带用户名或密码。");
  const host = bareHost(u.hostname);
  if (!host) throw new FetchRefused("网址缺少主机名。");
  if (net.isIP(host) && !policy.allowPrivate && !hostAllowed(u, policy)) {
    const why = addressRefusal(host);
    if (why) throw refusal(host, host, why);
  }
  return u;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | ResolvedAddress[], family?: number) => void;

/**
 * A `lookup` for http.request / net.connect that resolves the host and refuses it unless every
 * address is allowed. The socket connects to the addresses returned here, and only those.
 */
export function guardedLookup(u: URL, policy: GuardPolicy = {}) {
  const resolver = policy.resolver ?? systemResolver;
  const trusted = policy.allowPrivate || hostAllowed(u, policy);
  return (hostname: string, options: { all?: boolean; family?: number } | number, callback: LookupCallback) => {
    const all = typeof options === "object" && options?.all;
    resolver(hostname).then(
      (found) => {
        if (found.length === 0) return callback(new FetchRefused(`找不到主机 ${hostname}（域名解析没有结果）。`), "");
        if (!trusted) {
          for (const a of found) {
            const why = addressRefusal(a.address);
            if (why) return callback(refusal(hostname, a.address, why), "");
          }
        }
        const dial = found.map((a) => ({ address: policy.dialOverride ? policy.dialOverride(a.address) : a.address, family: a.family }));
        if (all) callback(null, dial);
        else callback(null, dial[0].address, dial[0].family);
      },
      (e: NodeJS.ErrnoException) => {
        const err = new FetchRefused(`找不到主机 ${hostname}（域名解析失败：${e.code ?? e.message}）。`) as FetchRefused & { code?: string };
        callback(err, "");
      },
    );
  };
}
