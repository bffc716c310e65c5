// The address the world reaches this site at, for absolute links in share cards (og:image,
// twitter:image). GONGKAI_PUBLIC_URL when set (behind a proxy or a CDN, the request's own host
// may be an internal one); otherwise the host the request came to, which is right for a direct
// deployment and for local use.

/** GONGKAI_PUBLIC_URL as an http(s) origin + path prefix, or null when unset or not a URL. */
export function configuredPublicUrl(value = process.env.GONGKAI_PUBLIC_URL): URL | null {
  if (!value?.trim()) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/** The base URL for metadata: the setting, else the request's Host (X-Forwarded-* when present). */
export function publicBaseUrl(headers: Pick<Headers, "get">, value = process.env.GONGKAI_PUBLIC_URL): URL {
  const configured = configuredPublicUrl(value);
  if (configured) return configured;
  const host = first(headers.get("x-forwarded-host")) ?? headers.get("host");
  const proto = first(headers.get("x-forwarded-proto")) === "https" ? "https" : "http";
  if (host && /^[a-z0-9.\-:[\]]+$/i.test(host)) return new URL(`${proto}://${host}`);
  return new URL(`http://localhost:${process.env.PORT ?? 3000}`);
}

const first = (v: string | null) => v?.split(",")[0]?.trim() || null;
