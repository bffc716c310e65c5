// Share cards' base URL: the documented setting first, the request's host otherwise.
import { describe, expect, it } from "vitest";
import { publicBaseUrl } from "@/lib/public-url";

const h = (o: Record<string, string>) => new Headers(o);

describe("publicBaseUrl", () => {
  it("uses GONGKAI_PUBLIC_URL when set", () => {
    expect(publicBaseUrl(h({ host: "10.0.0.5:3000" }), "https://gongkai.example.org").href).toBe("https://gongkai.example.org/");
  });
  it("falls back to the request's host, or the proxy's forwarded host and scheme", () => {
    expect(publicBaseUrl(h({ host: "127.0.0.1:3100" }), "").href).toBe("http://127.0.0.1:3100/");
    expect(publicBaseUrl(h({ host: "app:3000", "x-forwarded-host": "data.example.cn", "x-forwarded-proto": "https" }), undefined).href).toBe(
      "https://data.example.cn/",
    );
  });
  it("ignores a setting that is not an http(s) URL and a malformed host", () => {
    expect(publicBaseUrl(h({ host: "127.0.0.1:3100" }), "javascript:alert(1)").href).toBe("http://127.0.0.1:3100/");
    expect(publicBaseUrl(h({ host: "a b/c" }), "").origin).toMatch(/^http:\/\/localhost:\d+$/);
  });
});
