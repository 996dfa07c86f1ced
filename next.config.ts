import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files by URL; bundling rewrites those URLs and breaks it.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2'],
  outputFileTracingExcludes: { '*': ['.data/**/*'] },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
