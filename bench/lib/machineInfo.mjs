/** What the numbers were measured on: CPU, cores, memory, OS and the versions of everything compared. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem, release, platform } from 'node:os';
import { PYTHON } from './children.mjs';

function firstLine(command, args) {
  const out = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  const text = `${out.stdout ?? ''}`.trim();
  return out.status === 0 && text ? text.split('\n')[0].trim() : null;
}

function cpuModel() {
  const fromOs = cpus()[0]?.model?.trim();
  if (fromOs && fromOs !== 'unknown') return fromOs;
  try {
    return /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function machineInfo({ python = true } = {}) {
  const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return {
    cpu: cpuModel(),
    cores: cpus().length,
    ramGiB: totalmem() / 2 ** 30,
    os: `${platform()} ${release()}`,
    node: process.version,
    python: python ? firstLine(PYTHON, ['--version']) : null,
    pandas: python ? firstLine(PYTHON, ['-c', 'import pandas; print(pandas.__version__)']) : null,
    numpy: python ? firstLine(PYTHON, ['-c', 'import numpy; print(numpy.__version__)']) : null,
    // The Debian wrapper script prints a shell warning on stderr; the version is on stdout.
    chromium: /(\d+\.\d+\.\d+\.\d+)/.exec(firstLine(chromiumPath, ['--version']) ?? '')?.[1] ?? null,
  };
}
