// One way to run a review operation for the page's server actions and the API: the upload
// token's rule, the zod schema, Chinese messages for what a person can act on, nothing stored
// on failure.
import { getPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isDatabaseUnavailable, OUTAGE_MESSAGE } from "@/lib/db/outage";
import { TOKEN_MESSAGE, tokenAccepted } from "@/lib/ingest/guard";
import type { z } from "zod";
import { ReviewError } from "./correct";

export type ReviewResult<T> = { ok: true; value: T } | { ok: false; error: string; status: number; currentId?: number };

export async function runReview<S extends z.ZodType, T>(
  schema: S,
  raw: unknown,
  token: string | null | undefined,
  run: (prisma: PrismaClient, input: z.infer<S>) => Promise<T>,
): Promise<ReviewResult<T>> {
  if (!tokenAccepted(token)) return { ok: false, error: TOKEN_MESSAGE, status: 401 };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message, status: 400 };
  try {
    const value = await run(getPrisma(), parsed.data);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof ReviewError) return { ok: false, error: e.message, status: e.current ? 409 : 422, currentId: e.current };
    if (isDatabaseUnavailable(e)) return { ok: false, error: `未保存：${OUTAGE_MESSAGE}`, status: 503 };
    console.error("[review] unexpected error", e);
    return { ok: false, error: "服务器出错，未保存。请稍后再试。", status: 500 };
  }
}
