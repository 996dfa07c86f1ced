import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * Runs the server's start-up module (lib/db/startup.ts, what instrumentation.ts imports) in a
 * plain Node process with exactly the given environment, as a deployment would start it.
 */
export function runStartup(
  env: Record<string, string>,
  { prefix = [] as string[], timeoutMs = 20_000 } = {},
): Promise<{ status: number | null; output: string }> {
  const node = [
    process.execPath,
    '--conditions=react-server',
    '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON',
    path.join(process.cwd(), 'lib', 'db', 'startup.ts'),
  ];
  const [command, ...args] = [...prefix, ...node];
  return new Promise((resolve, reject) => {
    // Exactly these variables: nothing of the test run's own environment leaks into the start.
    const childEnv = { PATH: process.env.PATH ?? '', ...env } as Record<string, string> as NodeJS.ProcessEnv;
    const child = spawn(command!, args, { env: childEnv, cwd: process.cwd(), timeout: timeoutMs });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}
