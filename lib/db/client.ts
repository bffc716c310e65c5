// One Prisma client per process (kept on globalThis so Next's dev reloads do not open new pools).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "./outage";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start gongkai with `npm start` (it starts a database).");
  return url;
}

export function getPrisma(): PrismaClient {
  if (!globalForPrisma.prisma) {
    // A connection that cannot be made in 5 s fails the request instead of hanging it; the pool
    // drops broken connections and opens new ones, so the app recovers when the database is back.
    const adapter = new PrismaPg({ connectionString: databaseUrl(), max: Number(process.env.DB_POOL_SIZE ?? 10), connectionTimeoutMillis: 5_000 });
    // Every query that fails because the database is unreachable throws DatabaseUnavailableError
    // (the extension changes no types, so the client keeps its own).
    globalForPrisma.prisma = new PrismaClient({ adapter }).$extends({
      query: {
        async $allOperations({ args, query }) {
          try {
            return await query(args);
          } catch (e) {
            throw isDatabaseUnavailable(e) ? new DatabaseUnavailableError(e) : e;
          }
        },
      },
    }) as unknown as PrismaClient;
  }
  return globalForPrisma.prisma;
}

export async function disconnectPrisma() {
  await globalForPrisma.prisma?.$disconnect();
  globalForPrisma.prisma = undefined;
}
