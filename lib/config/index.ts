import { CONFIG_VARIABLES, loadConfig, type Config, type Env } from './env.ts';
import { probeFilesystem } from './filesystem.ts';
import type { Problem } from './problem.ts';
import { configProblems, type FilesystemFacts } from './problems.ts';

export {
  DEFAULT_BUCKET,
  loadConfig,
  POOL_MAX_DEFAULT,
  POOL_MAX_DEFAULT_SERVERLESS,
  type Config,
  type Env,
  type MailConfig,
} from './env.ts';
export { configProblems, sslModeOf, type FilesystemFacts } from './problems.ts';
export { probeFilesystem } from './filesystem.ts';
export type { Problem } from './problem.ts';

let cached: { key: string; config: Config } | undefined;

/**
 * The deployment settings of this process. Parsed again only when one of the variables changed
 * (tests stub them), so calling it on every request costs a string join.
 */
export function getConfig(env: Env = process.env): Config {
  const key = CONFIG_VARIABLES.map((name) => env[name] ?? '').join('\0');
  if (cached?.key !== key) cached = { key, config: loadConfig(env) };
  return cached.config;
}

const facts = new Map<string, FilesystemFacts>();

/** The problems of this process's configuration (the data directory is probed once). */
export function currentProblems(config: Config = getConfig()): Problem[] {
  let known = facts.get(config.dataDir);
  if (!known) facts.set(config.dataDir, (known = probeFilesystem(config.dataDir)));
  return configProblems(config, known);
}

/** The secret the cron route checks (`Authorization: Bearer <CRON_SECRET>`); undefined when unset. */
export function cronSecret(): string | undefined {
  return getConfig().cronSecret;
}

/** The token that opens /api/health's details to a monitor; undefined when unset. */
export function healthToken(): string | undefined {
  return getConfig().healthToken;
}
