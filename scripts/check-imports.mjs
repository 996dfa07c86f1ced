// Part of npm test: no import cycle among the app's modules, type-only imports included (a cycle
// makes two modules one: neither can be read, tested or moved without the other, and a runtime
// one can leave a binding undefined at load); and no test helper (a testing/ folder) in what the
// app itself imports.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const files = execFileSync(
  'git',
  [
    'ls-files',
    '--cached',
    '--others',
    '--exclude-standard',
    'app',
    'components',
    'lib',
    'middleware.ts',
    'instrumentation.ts',
  ],
  { encoding: 'utf8' },
)
  .split('\n')
  .filter((file) => /\.(ts|tsx)$/.test(file) && !/\.test\.tsx?$/.test(file));
const known = new Set(files);
const SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"\n]+)['"]/g;
// Comments may show an import as an example; they are not imports.
const COMMENTS = /\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm;

function resolve(from, specifier) {
  const base = specifier.startsWith('@/')
    ? specifier.slice(2)
    : specifier.startsWith('.')
      ? path.posix.join(path.posix.dirname(from), specifier)
      : null;
  if (base === null) return null;
  const stem = base.replace(/\.(ts|tsx)$/, '');
  return (
    [stem + '.ts', stem + '.tsx', stem + '/index.ts', stem + '/index.tsx'].find((candidate) => known.has(candidate)) ??
    null
  );
}

const imports = new Map(
  files.map((file) => [
    file,
    [...readFileSync(file, 'utf8').replace(COMMENTS, '').matchAll(SPECIFIER)]
      .map((match) => resolve(file, match[1]))
      .filter((target) => target !== null),
  ]),
);

// Tarjan's strongly connected components: every group of two or more modules is a cycle.
let index = 0;
const order = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function visit(file) {
  order.set(file, index);
  low.set(file, index++);
  stack.push(file);
  onStack.add(file);
  for (const target of imports.get(file)) {
    if (!order.has(target)) {
      visit(target);
      low.set(file, Math.min(low.get(file), low.get(target)));
    } else if (onStack.has(target)) low.set(file, Math.min(low.get(file), order.get(target)));
  }
  if (low.get(file) !== order.get(file)) return;
  const group = [];
  let member;
  do {
    member = stack.pop();
    onStack.delete(member);
    group.push(member);
  } while (member !== file);
  if (group.length > 1 || imports.get(file).includes(file)) cycles.push(group.sort());
}
for (const file of files) if (!order.has(file)) visit(file);

const isTestHelper = (file) => /(^|\/)testing\//.test(file);
const helpersInApp = [...imports].flatMap(([file, targets]) =>
  isTestHelper(file) ? [] : targets.filter(isTestHelper).map((target) => `  ${file} -> ${target}`),
);
if (helpersInApp.length > 0) {
  console.error(`Test helpers imported by the app:\n${helpersInApp.join('\n')}`);
  process.exit(1);
}

if (cycles.length > 0) {
  console.error(
    `Import cycles (type-only imports count too):\n${cycles.map((group) => `  ${group.join(' <-> ')}`).join('\n')}`,
  );
  process.exit(1);
}
console.log(`No import cycles and no test helper in the app, among ${files.length} modules.`);
