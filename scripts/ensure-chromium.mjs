#!/usr/bin/env node
/**
 * Makes sure a Chromium binary exists for the end-to-end tests (playwright-core drives the system browser,
 * it never downloads one). Uses $CHROMIUM_PATH when set, else /usr/bin/chromium. When it is missing and we
 * are root (CI containers), installs Debian's `chromium` package with apt-get; otherwise stops with a
 * sentence that says how to get one.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

if (isExecutable(chromiumPath)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && !process.env.CHROMIUM_PATH) {
  console.log(`Chromium not found at ${chromiumPath}; installing it with apt-get.`);
  try {
    run('apt-get', ['update']);
    run('apt-get', ['install', '-y', 'chromium']);
  } catch (error) {
    console.error(`Could not install Chromium with apt-get: ${error instanceof Error ? error.message : error}`);
  }
  if (isExecutable(chromiumPath)) process.exit(0);
}

console.error(
  `Chromium was not found at ${chromiumPath}: install it with \`sudo apt-get install -y chromium\`, ` +
    'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
);
process.exit(1);
