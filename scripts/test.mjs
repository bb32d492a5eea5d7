#!/usr/bin/env node
/**
 * `npm test`: unit tests, then the end-to-end tests against the production build in Chromium.
 *
 * Stages run in sequence with their output streamed; the first failing stage stops the run with its exit
 * code. The last line printed is always `tests: <passed> passed, <failed> failed` (summed over both Vitest
 * runs; CI reads it), and the exit code is non-zero when a stage failed or when no test ran at all.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const isWindows = process.platform === 'win32';

const stages = [
  { name: 'unit tests', command: 'npx', args: ['vitest', 'run', '--project', 'unit'], vitest: true },
  { name: 'chromium', command: process.execPath, args: ['scripts/ensure-chromium.mjs'] },
  { name: 'build', command: 'npx', args: ['vite', 'build'] },
  { name: 'end-to-end tests', command: 'npx', args: ['vitest', 'run', '--project', 'e2e'], vitest: true },
];

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

/** Reads `Tests  1 failed | 5 passed (6)` from a Vitest run's output. */
export function parseVitestSummary(output) {
  let passed = 0;
  let failed = 0;
  let found = false;
  for (const rawLine of output.replace(ANSI, '').split(/\r?\n/)) {
    const match = /^\s*Tests\s+(.*\(\d+\).*)$/.exec(rawLine);
    if (!match) continue;
    found = true;
    passed = Number(/(\d+) passed/.exec(match[1])?.[1] ?? 0);
    failed = Number(/(\d+) failed/.exec(match[1])?.[1] ?? 0);
  }
  return { found, passed, failed };
}

const env = { ...process.env };
let stdoutEndsWithNewline = true;

function runStage(stage) {
  return new Promise((resolve) => {
    console.log(`\n▶ ${stage.name}: ${[stage.command === process.execPath ? 'node' : stage.command, ...stage.args].join(' ')}`);
    const child = spawn(stage.command, stage.args, {
      cwd: repoRoot,
      env,
      stdio: ['inherit', 'pipe', 'pipe'],
      shell: isWindows && stage.command === 'npx',
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      stdoutEndsWithNewline = chunk.at(-1) === 0x0a;
      if (stage.vitest) output += chunk.toString();
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      if (stage.vitest) output += chunk.toString();
    });
    child.on('error', (error) => {
      console.error(`Could not start ${stage.command}: ${error.message}`);
      resolve({ code: 127, output });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? 128 + (constants.signals[signal] ?? 0), output }));
  });
}

async function main() {
  if (process.stdout.isTTY && env.FORCE_COLOR === undefined && env.NO_COLOR === undefined) env.FORCE_COLOR = '1';

  let passed = 0;
  let failed = 0;
  let exitCode = 0;
  for (const stage of stages) {
    const { code, output } = await runStage(stage);
    if (stage.vitest) {
      const summary = parseVitestSummary(output);
      passed += summary.passed;
      failed += summary.failed;
    }
    if (code !== 0) {
      console.error(`\n✗ ${stage.name} failed (exit code ${code}).`);
      exitCode = code;
      break;
    }
  }
  if (exitCode === 0 && failed > 0) exitCode = 1;
  if (exitCode === 0 && passed + failed === 0) {
    console.error('\n✗ No tests ran.');
    exitCode = 1;
  }
  // The very last line, alone on its line: CI parses it.
  if (!stdoutEndsWithNewline) process.stdout.write('\n');
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exitCode = exitCode;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) await main();
