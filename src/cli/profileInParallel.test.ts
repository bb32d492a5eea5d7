/**
 * The CLI's two-thread profile: a real worker_threads helper does its share, and the profile is
 * profileTable's, bit for bit; a helper that cannot start costs only time.
 */
import { describe, expect, it, vi } from 'vitest';
import { profileTable } from '../core/profile/profileTable';
import { timingTable } from '../core/profile/timingTable';
import { profileInParallel, startProfileHelperThread, type ProfileHelperThread } from './profileInParallel';

/** 120,000 rows (above HELPER_MIN_ROWS), 16 numeric columns, four with gaps. */
const table = timingTable(120_000, 3, [0, 3, 13, 16]);

describe('profileInParallel', () => {
  it('gives profileTable’s profile, with the helper thread doing its share', async () => {
    const thread = startProfileHelperThread();
    expect(thread).not.toBeNull();
    const calls: string[] = [];
    const helper = thread!.helper;
    const profileColumns = helper.profileColumns;
    const spearmanPairsShared = helper.spearmanPairsShared!;
    helper.profileColumns = (...args) => (calls.push(`profileColumns ${args[0].columns.length}`), profileColumns(...args));
    helper.spearmanPairsShared = async (...args) => {
      const taken = await spearmanPairsShared(...args);
      calls.push(`spearmanPairsShared ${taken > 0 ? 'took some' : 'took none'}`);
      return taken;
    };
    const close = vi.spyOn(thread!, 'close');
    expect(await profileInParallel(table, thread)).toEqual(profileTable(table));
    expect(calls[0]).toBe('profileColumns 8');
    expect(calls[1]).toMatch(/^spearmanPairsShared /);
    expect(close).toHaveBeenCalledOnce();
  }, 60_000);

  it('profiles on one thread when the helper cannot start, and says so', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const close = vi.fn();
    const broken: ProfileHelperThread = {
      ready: Promise.reject(new Error('no thread')),
      close,
      helper: { sharedMemory: true, profileColumns: vi.fn(), spearmanPairs: vi.fn() },
    };
    broken.ready.catch(() => undefined);
    expect(await profileInParallel(table, broken)).toEqual(profileTable(table));
    expect(broken.helper.profileColumns).not.toHaveBeenCalled();
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/helper thread failed \(no thread\); profiling on one thread/);
    expect(close).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('keeps small tables on this thread', async () => {
    const small = timingTable(5_000, 3, [0]);
    const thread = startProfileHelperThread()!;
    const profileColumns = vi.spyOn(thread.helper, 'profileColumns');
    expect(await profileInParallel(small, thread)).toEqual(profileTable(small));
    expect(profileColumns).not.toHaveBeenCalled();
  });
});

describe('closing the helper thread', () => {
  it('leaves no unhandled rejection when the thread is closed before it answered', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      for (let i = 0; i < 3; i++) startProfileHelperThread()!.close();
      // Let the threads exit and their pending calls reject.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
