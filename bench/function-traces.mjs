// `npm run bench:traces` (after `npm run build`): how big each serverless function would be. Vercel
// bundles every route with the files Next traced for it (`.next/server/app/**/*.nft.json`); the
// limit there is 250 MB unzipped. Prints the largest functions and the files that weigh most.
import { readFileSync, statSync } from 'node:fs';
import { globSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const traces = globSync('.next/server/app/**/*.nft.json', { cwd: ROOT });
if (!traces.length) throw new Error('No traces in .next/server/app: run `npm run build` first.');

const MB = 1024 * 1024;
const sizes = new Map();
const size = (file) => {
  if (!sizes.has(file)) {
    try {
      sizes.set(file, statSync(file).size);
    } catch {
      sizes.set(file, 0);
    }
  }
  return sizes.get(file);
};

const functions = traces.map((trace) => {
  const dir = path.dirname(path.join(ROOT, trace));
  const files = JSON.parse(readFileSync(path.join(ROOT, trace), 'utf8')).files.map((f) => path.resolve(dir, f));
  const own = path.join(ROOT, trace.replace(/\.nft\.json$/, ''));
  const all = [own, ...files];
  return {
    route: trace.replace(/^\.next\/server\/app/, '').replace(/\.js\.nft\.json$/, ''),
    bytes: all.reduce((sum, f) => sum + size(f), 0),
    files: all,
  };
});
functions.sort((a, b) => b.bytes - a.bytes);

console.log(`${functions.length} functions; the largest:`);
for (const f of functions.slice(0, 8)) console.log(`  ${(f.bytes / MB).toFixed(1).padStart(6)} MB  ${f.route}`);
const byPackage = new Map();
for (const file of functions[0].files) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path.relative(ROOT, file));
  const key = match ? match[1] : path.relative(ROOT, file).split('/').slice(0, 2).join('/');
  byPackage.set(key, (byPackage.get(key) ?? 0) + size(file));
}
console.log(`What ${functions[0].route} carries, by package:`);
for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 10))
  console.log(`  ${(bytes / MB).toFixed(1).padStart(6)} MB  ${name}`);
