import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // A file past 400 lines holds more than one job; split it where the jobs part.
    files: ['**/*.{ts,tsx,mjs,mts}'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  globalIgnores([
    '.next/**',
    '.data/**',
    'node_modules/**',
    'next-env.d.ts',
    'bench/results/**',
    'test-results/**',
    'playwright-report/**',
    'public/vad/**',
  ]),
]);
