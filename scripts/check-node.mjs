// Before the app or its tests start: on an older Node.js they would fail later, with an error that
// says nothing about the cause. The minimum is package.json's engines.node (">=22").
import { readFileSync } from 'node:fs';

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const minimum = Number(/\d+/.exec(engines.node)[0]);
const major = Number(process.versions.node.split('.')[0]);
if (major < minimum) {
  console.error(
    `Hearth needs Node.js ${minimum} or newer (24 LTS recommended, see .nvmrc); this is Node.js ${process.versions.node}.`,
  );
  process.exit(1);
}
