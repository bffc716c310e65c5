// For command-line tools: the app's database (DATABASE_URL or the embedded one) for the length of
// one job, closed and stopped afterwards whatever happens.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { bootDatabase } from "./bootstrap";
import { disconnectPrisma, getPrisma } from "./client";

export async function withDatabase<T>(job: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const db = await bootDatabase();
  try {
    return await job(getPrisma());
  } finally {
    await disconnectPrisma();
    await db.stop();
  }
}
