"use client";
// Reading and writing a page's query parameters with Next's own router, for the chart and year
// controls: their state is a few plain parameters (lib/url-codec.ts), and a URL-state library
// would add its weight to every chart page's first load. A shallow change (legend, counts/percent)
// only rewrites the address (Next keeps useSearchParams in step with history.replaceState); a
// deep one (years) asks the server for the page again, as a transition.
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

export type UrlPatch = Record<string, string | null>;

export function useUrlState() {
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const set = useCallback(
    (patch: UrlPatch, how: { history?: "push" | "replace"; shallow?: boolean } = {}) => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(patch)) {
        if (v === null || v === "") next.delete(k);
        else next.set(k, v);
      }
      const query = next.toString();
      const url = `${pathname}${query ? `?${query}` : ""}${window.location.hash}`;
      if (how.shallow ?? true) window.history[how.history === "push" ? "pushState" : "replaceState"](null, "", url);
      else if (how.history === "push") router.push(url, { scroll: false });
      else router.replace(url, { scroll: false });
    },
    [pathname, router],
  );
  return [params, set] as const;
}

type Nullable<T> = { [K in keyof T]?: T[K] | null };

/**
 * A page's URL state through the shared loader and serialiser of lib/filter-url.ts or
 * lib/compare-url.ts (the same parsers the server reads the page with): the state as parsed now,
 * and a setter that writes a patch to the URL — the other parameters kept, defaults left out —
 * with history push (Back undoes it) and the server's new page as a transition, unless shallow.
 */
export function useUrlStates<T>(load: (p: URLSearchParams) => T, serialize: (base: string, values: Nullable<T>) => string) {
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The query asked for but not yet on screen (the server is rendering it): shown at once, as the
  // controls' state, and the base of the next change — two quick changes (from, then to) both
  // land in the URL instead of the second writing over the first.
  const asked = useRef<string | null>(null);
  const [optimistic, setOptimistic] = useState<string | null>(null);
  const current = params.toString();
  useEffect(() => {
    if (asked.current === null || asked.current === current) {
      asked.current = null;
      setOptimistic(null);
    }
  }, [current]);
  const search = optimistic ?? current;
  const state = useMemo(() => load(new URLSearchParams(search)), [load, search]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const set = useCallback(
    (patch: Nullable<T>, how: { history?: "push" | "replace"; shallow?: boolean; debounceMs?: number } = {}) => {
      clearTimeout(timer.current);
      const go = () => {
        const base = asked.current ?? window.location.search.replace(/^\?/, "");
        const url = serialize(`${pathname}?${base}`, patch);
        const query = url.includes("?") ? url.slice(url.indexOf("?") + 1) : "";
        const href = `${pathname}${query ? `?${query}` : ""}${window.location.hash}`;
        if (how.shallow) {
          window.history[how.history === "replace" ? "replaceState" : "pushState"](null, "", href);
          return;
        }
        asked.current = query;
        setOptimistic(query);
        startTransition(() => (how.history === "replace" ? router.replace(href, { scroll: false }) : router.push(href, { scroll: false })));
      };
      if (how.debounceMs) timer.current = setTimeout(go, how.debounceMs);
      else go();
    },
    [pathname, router, serialize],
  );
  return [state, set, pending] as const;
}
