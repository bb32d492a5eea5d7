/**
 * A second thread for the boosting fit's histogram pass: the fit's memory is a shared
 * WebAssembly memory, the helper instantiates the same kernels on it, and the two threads
 * each sum half of a node's rows into their own histogram. They talk through a small control
 * block in that memory with Atomics, because a message per histogram (thousands per fit) would
 * cost more than the work it hands over.
 *
 * The engine stays free of platform code: how a thread is started (worker_threads in Node, a
 * module Worker in the browser) is registered once by the host with `setKernelThreadSpawner`,
 * and the helper's side is `serveKernelJobs`, which the host's thread entry calls. Without a
 * spawner, or before the helper has started, the fit computes both halves itself, so results
 * never depend on whether a helper ran.
 */
import { kernelsOf, type WasmKernels } from './gbdtWasmKernels';

/** What a helper thread needs: the fit's memory, the compiled kernels and the control block. */
export interface KernelThreadInit {
  memory: WebAssembly.Memory;
  module: WebAssembly.Module;
  engine: WasmKernels['engine'];
  /** Byte offset of the control block (CONTROL_BYTES) in `memory`. */
  control: number;
}

/** Starts a thread that calls serveKernelJobs(init); returns how to stop it. */
export type KernelThreadSpawner = (init: KernelThreadInit) => { terminate(): void };

export const CONTROL_BYTES = 64;

/** Control block slots (Int32 indices). */
const STATE = 0;
const READY = 1;
const FN = 2;
const ARGS = 3;
const ARG_COUNT = 8;

const IDLE = 0;
const BUSY = 1;
const QUIT = 2;

/** The kernels a helper may run, by number in the control block. */
const JOBS = ['histSums', 'histCounts'] as const;
export type KernelJob = (typeof JOBS)[number];

let spawner: KernelThreadSpawner | null = null;

/** Set by the host (the CLI, a bench, the training worker); null turns helpers off. */
export function setKernelThreadSpawner(spawn: KernelThreadSpawner | null): void {
  spawner = spawn;
}

export function kernelThreadsAvailable(): boolean {
  return spawner !== null && typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object';
}

/** The fit's side of one helper thread. */
export class KernelThread {
  private readonly control: Int32Array;
  private readonly thread: { terminate(): void };
  private busy = false;
  /** Jobs the helper has taken, so tests can tell that it really ran. */
  jobs = 0;

  constructor(init: KernelThreadInit) {
    if (!spawner) throw new Error('No kernel thread spawner is registered.');
    this.control = new Int32Array(init.memory.buffer, init.control, CONTROL_BYTES / 4);
    this.control.fill(0);
    this.thread = spawner(init);
  }

  /** Hands `job(...args)` to the helper; false when it has not started yet (then the caller runs it). */
  start(job: KernelJob, args: number[]): boolean {
    const c = this.control;
    if (this.busy || Atomics.load(c, READY) !== 1) return false;
    c[FN] = JOBS.indexOf(job);
    for (let i = 0; i < ARG_COUNT; i++) c[ARGS + i] = args[i] ?? 0;
    Atomics.store(c, STATE, BUSY);
    Atomics.notify(c, STATE);
    this.busy = true;
    this.jobs++;
    return true;
  }

  /** Blocks until the job handed over by `start` is done. */
  wait(): void {
    if (!this.busy) return;
    while (Atomics.load(this.control, STATE) === BUSY) Atomics.wait(this.control, STATE, BUSY);
    this.busy = false;
  }

  close(): void {
    this.wait();
    Atomics.store(this.control, STATE, QUIT);
    Atomics.notify(this.control, STATE);
    this.thread.terminate();
  }
}

/** The helper's loop: runs jobs until told to quit. Call it from the thread the spawner started. */
export function serveKernelJobs(init: KernelThreadInit): void {
  const kernels = kernelsOf(init.module, init.memory, init.engine);
  const c = new Int32Array(init.memory.buffer, init.control, CONTROL_BYTES / 4);
  Atomics.store(c, READY, 1);
  for (;;) {
    Atomics.wait(c, STATE, IDLE);
    const state = Atomics.load(c, STATE);
    if (state === QUIT) return;
    if (state !== BUSY) continue;
    const a = Array.from(c.subarray(ARGS, ARGS + ARG_COUNT));
    kernels[JOBS[c[FN]]](a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    Atomics.store(c, STATE, IDLE);
    Atomics.notify(c, STATE);
  }
}
