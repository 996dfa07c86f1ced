import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite, opusscript and onnxruntime-web load their WASM files by path or URL, which bundling
  // rewrites; werift is left as it ships too (lib/calls/media).
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'onnxruntime-web', 'opusscript', 'werift'],
  // What the migration runner reads at start (lib/db/migrate.ts), and nothing else of the project.
  outputFileTracingIncludes: {
    '*': ['supabase/migrations/*.sql', 'supabase/seed.sql'],
    // The server's voice detection model (lib/calls/media/voice-activity.ts), read by path.
    '/api/v1/calls/[id]/webrtc': ['node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx'],
  },
  outputFileTracingExcludes: {
    '*': [
      '.data/**/*',
      // Static assets the CDN serves; no function reads them.
      'public/**/*',
      // On Vercel the embedded database cannot run (the start refuses it): 19 MB less per function.
      ...(process.env.VERCEL ? ['node_modules/@electric-sql/pglite/**/*'] : []),
    ],
  },
  poweredByHeader: false,
  // A character card imported from the companion creator (app/(app)/companions/actions.ts) can be
  // up to 4 MB (lib/cards/card.ts); every other action sends far less than Next's default 1 MB.
  experimental: { serverActions: { bodySizeLimit: '5mb' } },
  // Static security headers on every response, API routes included; the CSP with its per-request
  // nonce is set in middleware.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'referrer-policy', value: 'strict-origin-when-cross-origin' },
          { key: 'x-content-type-options', value: 'nosniff' },
          { key: 'x-frame-options', value: 'DENY' },
          { key: 'permissions-policy', value: 'camera=(self), microphone=(self), geolocation=()' },
        ],
      },
    ];
  },
  reactStrictMode: true,
};

export default nextConfig;
