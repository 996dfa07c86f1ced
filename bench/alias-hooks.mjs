// Lets plain Node (with its TypeScript type stripping) import lib/ modules the way Next.js does:
// `@/x` is the repository root, and extensionless relative imports find their `.ts` file.
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');

registerHooks({
  resolve(specifier, context, nextResolve) {
    let base = null;
    if (specifier.startsWith('@/')) base = path.join(ROOT, specifier.slice(2));
    else if ((specifier.startsWith('./') || specifier.startsWith('../')) && context.parentURL?.startsWith('file:')) {
      base = path.resolve(path.dirname(fileURLToPath(context.parentURL)), specifier);
    }
    if (base && !path.extname(base)) {
      for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
        if (existsSync(candidate)) return nextResolve(pathToFileURL(candidate).href, context);
      }
    }
    if (base && specifier.startsWith('@/')) return nextResolve(pathToFileURL(base).href, context);
    return nextResolve(specifier, context);
  },
});
