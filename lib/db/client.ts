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
    // Queries run without parallel workers (DB_PARALLEL_WORKERS, default 0): pages are served to
    // several people at once on few cores, so a query's workers only queue behind the other
    // requests' queries — at 1e6 reports on 2 busy cores, a directory search took 410–690 ms with
    // two workers and 210–300 ms alone, reading half the buffers.
    const workers = Number(process.env.DB_PARALLEL_WORKERS ?? 0);
    const adapter = new PrismaPg({
      connectionString: databaseUrl(),
      max: Number(process.env.DB_POOL_SIZE ?? 10),
      connectionTimeoutMillis: 5_000,
      options: `-c max_parallel_workers_per_gather=${Number.isInteger(workers) && workers >= 0 ? workers : 0}`,
    });
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
