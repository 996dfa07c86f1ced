// The resolve hook registered by ts-paths.mjs.
const ROOT = new URL('../', import.meta.url);
const SUFFIXES = ['.ts', '.tsx', '.js', '/index.ts', '/index.js'];

export async function resolve(specifier, context, next) {
  // The guard on the server's modules (lib/db, secrets, providers, storage) is empty on the server
  // side: Next.js builds pick that side by the react-server condition, and so does plain Node here.
  if (specifier === 'server-only')
    return next(specifier, { ...context, conditions: [...context.conditions, 'react-server'] });
  const target = specifier.startsWith('@/') ? new URL(specifier.slice(2), ROOT).href : specifier;
  try {
    return await next(target, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' && error?.code !== 'ERR_UNSUPPORTED_DIR_IMPORT') throw error;
    for (const suffix of SUFFIXES) {
      try {
        return await next(target + suffix, context);
      } catch {
        // try the next suffix
      }
    }
    throw error;
  }
}
