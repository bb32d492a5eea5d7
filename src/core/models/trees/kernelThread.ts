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
 * spawner, or while the helper has not started or is busy elsewhere, the fit computes both halves
 * itself, so results never depend on whether a helper ran.
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
/** Number of the newest job (the fit increments it to hand one over). */
const SEQ = 0;
/** Number of the newest job taken, by either thread: taking is a compare-and-swap from SEQ - 1. */
const TAKEN = 1;
/** Number of the newest job the helper finished. */
const DONE = 2;
const QUIT = 3;
const FN = 4;
const ARGS = 5;
const ARG_COUNT = 8;

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

/**
 * The fit's side of one helper thread. A job is offered, not assigned: whichever thread takes it
 * first runs it. The fit offers the second half of a histogram, sums the first, then takes the
 * second itself unless the helper already has. So a helper that is slow to wake (its core busy
 * with other work, or still starting) costs nothing but the offer, and each half always lands in
 * its own buffer, so the sums are the same bits whoever ran them.
 */
export class KernelThread {
  private readonly control: Int32Array;
  private readonly thread: { terminate(): void };
  private seq = 0;
  /** Jobs the helper has taken, so tests can tell that it really ran. */
  jobs = 0;

  constructor(init: KernelThreadInit) {
    if (!spawner) throw new Error('No kernel thread spawner is registered.');
    this.control = new Int32Array(init.memory.buffer, init.control, CONTROL_BYTES / 4);
    this.control.fill(0);
    this.thread = spawner(init);
  }

  /** Offers `job(...args)` to the helper. Settle it with `finish` before offering another. */
  offer(job: KernelJob, args: number[]): void {
    const c = this.control;
    c[FN] = JOBS.indexOf(job);
    for (let i = 0; i < ARG_COUNT; i++) c[ARGS + i] = args[i] ?? 0;
    this.seq++;
    Atomics.store(c, SEQ, this.seq);
    Atomics.notify(c, SEQ);
  }

  /**
   * Settles the job offered last: true when this thread took it (the caller runs it now), false
   * when the helper took it, after waiting for the helper to finish it.
   */
  finish(): boolean {
    const c = this.control;
    if (Atomics.compareExchange(c, TAKEN, this.seq - 1, this.seq) === this.seq - 1) return true;
    while (Atomics.load(c, DONE) !== this.seq) Atomics.wait(c, DONE, Atomics.load(c, DONE));
    this.jobs++;
    return false;
  }

  close(): void {
    Atomics.store(this.control, QUIT, 1);
    Atomics.add(this.control, SEQ, 1);
    Atomics.notify(this.control, SEQ);
    this.thread.terminate();
  }
}

/** The helper's loop: takes offered jobs until told to quit. Call it from the thread the spawner started. */
export function serveKernelJobs(init: KernelThreadInit): void {
  const kernels = kernelsOf(init.module, init.memory, init.engine);
  const c = new Int32Array(init.memory.buffer, init.control, CONTROL_BYTES / 4);
  let seen = 0;
  for (;;) {
    Atomics.wait(c, SEQ, seen);
    if (Atomics.load(c, QUIT) === 1) return;
    seen = Atomics.load(c, SEQ);
    // Too late when the fit (or nothing newer) already took it: wait for the next offer.
    if (Atomics.compareExchange(c, TAKEN, seen - 1, seen) !== seen - 1) continue;
    const a = Array.from(c.subarray(ARGS, ARGS + ARG_COUNT));
    kernels[JOBS[c[FN]]](a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    Atomics.store(c, DONE, seen);
    Atomics.notify(c, DONE);
  }
}
