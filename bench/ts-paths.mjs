// Lets a benchmark import the app's TypeScript from lib/ under plain Node (which strips the
// types itself): `@/x` means the project root, and imports without an extension find their
// .ts (or .js, for packages such as next/server that have no exports map).
import { register } from 'node:module';

register('./ts-resolve.mjs', import.meta.url);
