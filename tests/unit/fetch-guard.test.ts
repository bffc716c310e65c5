// The SSRF guard of import by URL and the crawler. Refusals of private and public addresses are
// tested with a stubbed resolver, under a socket hook that fails the test if a connection to
// anything but loopback is ever attempted: these tests send traffic to 127.0.0.1 only.
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addressRefusal, allowHostsFromEnv, checkUrl, FetchRefused, type GuardPolicy, type Resolver } from "@/lib/fetch/guard";
import { httpGet } from "@/lib/fetch/http";
import { startFixtureSite, type FixtureSite } from "../helpers/fixture-site";
import { loopbackOnly, type SocketGuard } from "../helpers/loopback-only";

const PUBLIC_IP = "93.184.216.34"; // never dialled: dialOverride sends it to the loopback fixture
const DNS: Record<string, string[]> = {
  "intranet.example.gov.cn": ["10.0.0.8"],
  "metadata.example.gov.cn": ["169.254.169.254"],
  "aliyun-meta.example.gov.cn": ["100.100.100.200"],
  "mixed.example.gov.cn": [PUBLIC_IP, "127.0.0.1"],
  "v6loop.example.gov.cn": ["::1"],
  "reports.example.gov.cn": [PUBLIC_IP],
};
const lookedUp: string[] = [];
const resolver: Resolver = async (host) => {
  lookedUp.push(host);
  const found = DNS[host];
  if (!found) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
  return found.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
};

let site: FixtureSite;
let sockets: SocketGuard;
beforeAll(async () => {
  sockets = loopbackOnly();
  site = await startFixtureSite();
});
afterAll(async () => {
  await site.close();
  sockets.restore();
});
afterEach(() => {
  expect(sockets.violations).toEqual([]);
});

const policy = (extra: Partial<GuardPolicy> = {}): GuardPolicy => ({
  resolver,
  dialOverride: (a) => (a === PUBLIC_IP ? "127.0.0.1" : a),
  ...extra,
});
const get = (url: string, p = policy()) => httpGet(url, { policy: p, timeoutMs: 5000 });

describe("the test's own socket guard", () => {
  it("throws before a socket to a non-loopback address is opened, and records it", () => {
    const before = sockets.violations.length;
    expect(() => net.connect(80, "10.255.255.1")).toThrow(/not loopback/);
    expect(() => net.connect({ port: 80, host: "example.com" })).toThrow(/not loopback/);
    expect(sockets.violations.slice(before)).toEqual(["10.255.255.1", "example.com (resolved by the system's DNS)"]);
    sockets.violations.splice(before); // provoked on purpose
  });
});

describe("checkUrl", () => {
  it.each([
    ["http://127.0.0.1/", "本机（回环）地址"],
    ["http://127.8.9.10:8080/x", "本机（回环）地址"],
    ["http://[::1]/", "本机（回环）地址"],
    ["http://[::ffff:127.0.0.1]/", "本机（回环）地址"],
    ["http://2130706433/", "本机（回环）地址"], // 127.0.0.1 written as one decimal number
    ["http://0x7f.1/", "本机（回环）地址"],
    ["http://017700000001/", "本机（回环）地址"],
    ["http://10.1.2.3/", "内网地址"],
    ["http://172.16.0.1/", "内网地址"],
    ["http://192.168.1.1/", "内网地址"],
    ["http://[fd12::1]/", "内网地址"],
    ["http://169.254.169.254/latest/meta-data/", "云服务器元数据地址"],
    ["http://100.100.100.200/latest/meta-data/", "云服务器元数据地址"],
    ["http://[fe80::1]/", "链路本地地址"],
    ["http://0.0.0.0/", "未指定地址"],
  ])("refuses %s (%s)", (url, why) => {
    expect(() => checkUrl(url)).toThrow(FetchRefused);
    expect(() => checkUrl(url)).toThrow(why);
  });

  it.each(["ftp://example.gov.cn/a.pdf", "file:///etc/passwd", "gopher://x/", "javascript:alert(1)", "data:text/html,hi"])("refuses the scheme of %s", (url) => {
    expect(() => checkUrl(url)).toThrow(/只能导入 http/);
  });

  it("refuses credentials and junk, accepts public addresses and names", () => {
    expect(() => checkUrl("http://user:pw@example.gov.cn/")).toThrow(/用户名或密码/);
    expect(() => checkUrl("not a url")).toThrow(/不是有效的网址/);
    expect(checkUrl("https://www.gov.cn/zhengce/").hostname).toBe("www.gov.cn");
    expect(checkUrl(`http://${PUBLIC_IP}/`).hostname).toBe(PUBLIC_IP);
  });

  it("allows private addresses only when told: --allow-private-hosts, or a host[:port] listed", () => {
    expect(checkUrl("http://127.0.0.1:4000/", { allowPrivate: true }).port).toBe("4000");
    expect(checkUrl("http://127.0.0.1:4000/", { allowHosts: ["127.0.0.1:4000"] }).port).toBe("4000");
    expect(() => checkUrl("http://127.0.0.1:4001/", { allowHosts: ["127.0.0.1:4000"] })).toThrow(FetchRefused);
    expect(checkUrl("http://[::1]:4000/", { allowHosts: ["::1:4000"] }).port).toBe("4000");
    expect(allowHostsFromEnv({ GONGKAI_FETCH_ALLOW_HOSTS: " 127.0.0.1:4000, Intranet.Example " })).toEqual(["127.0.0.1:4000", "intranet.example"]);
    expect(allowHostsFromEnv({})).toEqual([]);
  });
});

describe("addressRefusal", () => {
  it("lets only public unicast addresses through", () => {
    expect(addressRefusal(PUBLIC_IP)).toBeNull();
    expect(addressRefusal("2400:3200::1")).toBeNull();
    for (const a of ["203.0.113.7", "2001:db8::1", "64:ff9b::7f00:1", "2002:7f00:1::", "224.0.0.1", "255.255.255.255", "100.64.0.1", "::"]) {
      expect(addressRefusal(a), a).not.toBeNull();
    }
  });
});

describe("httpGet on the guard", () => {
  it.each([
    ["http://intranet.example.gov.cn/", "内网地址"],
    ["http://metadata.example.gov.cn/latest/meta-data/", "云服务器元数据地址"],
    ["http://aliyun-meta.example.gov.cn/", "云服务器元数据地址"],
    ["http://mixed.example.gov.cn/", "本机（回环）地址"], // one bad address is enough
    ["http://v6loop.example.gov.cn/", "本机（回环）地址"],
  ])("refuses %s after resolving it, with nothing fetched", async (url, why) => {
    const served = site.requests.length;
    const err = await get(url).catch((e) => e);
    expect(err).toBeInstanceOf(FetchRefused);
    expect(err.message).toContain(why);
    expect(err.message).toMatch(/^拒绝访问/);
    expect(lookedUp).toContain(new URL(url).hostname);
    expect(site.requests.length).toBe(served);
  });

  it("refuses IP literals without resolving or connecting", async () => {
    const before = lookedUp.length;
    for (const url of [`http://127.0.0.1:${site.port}/secret`, `http://[::1]:${site.port}/secret`, `http://2130706433:${site.port}/secret`, "http://10.0.0.1/", "http://169.254.169.254/"]) {
      await expect(get(url), url).rejects.toThrow(FetchRefused);
    }
    expect(lookedUp.length).toBe(before);
    expect(site.requests.filter((r) => r.path === "/secret")).toEqual([]);
  });

  it("a public name that redirects to 127.0.0.1 is refused at the redirect", async () => {
    const err = await get(`http://reports.example.gov.cn:${site.port}/redirect-to-loopback`).catch((e) => e);
    expect(err).toBeInstanceOf(FetchRefused);
    expect(err.message).toContain("本机（回环）地址");
    expect(site.requests.map((r) => r.path)).toContain("/redirect-to-loopback");
    expect(site.requests.filter((r) => r.path === "/secret")).toEqual([]);
  });

  it("a public name is fetched (the stub's public address dialled as loopback), redirects followed", async () => {
    const r = await get(`http://reports.example.gov.cn:${site.port}/nianbao/old/liaocheng.html`);
    expect(r.status).toBe(200);
    expect(r.url).toBe(`http://reports.example.gov.cn:${site.port}/nianbao/202201/liaocheng.html`);
    expect(r.headers.etag).toBeTruthy();
  });

  it("an unknown name is a clear error, not a crash", async () => {
    await expect(get("http://no-such-host.example.gov.cn/")).rejects.toThrow(/找不到主机/);
  });

  it("loopback is reachable with allowHosts for exactly that host:port", async () => {
    const ok = await httpGet(`${site.url}/robots.txt`, { policy: { allowHosts: [`127.0.0.1:${site.port}`] } });
    expect(ok.status).toBe(200);
    const other = await httpGet(`${site.url}/robots.txt`, { policy: { allowHosts: ["127.0.0.1:1"] } }).catch((e) => e);
    expect(other).toBeInstanceOf(FetchRefused);
  });
});
