#!/bin/sh
# Stand-in for Prisma's native schema engine when it could not be downloaded.
echo "gongkai: Prisma's native schema engine is not installed; migrations run through lib/db/migrate.ts" >&2
exit 1
