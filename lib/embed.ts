// Embeds: /embed/… routes draw one chart alone and may be framed by any site (proxy.ts gives them
// frame-ancestors *, next.config.ts leaves X-Frame-Options off); everything else refuses framing.

export const isEmbedPath = (pathname: string) => pathname === "/embed" || pathname.startsWith("/embed/");

/** Request header proxy.ts sets on embed routes; the root layout then leaves out the navigation. */
export const EMBED_HEADER = "x-gongkai-embed";

export const SITE_NAME = "公开 gongkai";

/** Which of a page's charts an embed draws (?chart=…); the first when absent or unknown. */
export function pickChart<T extends string>(ids: readonly T[], raw: string | string[] | undefined): T {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return ids.includes(v as T) ? (v as T) : ids[0];
}
