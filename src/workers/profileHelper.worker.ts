/**
 * The column profile's helper thread (see core/profile/profileWithHelper): a module Worker nested
 * in the data worker, started for one profile and ended after it.
 */
import * as Comlink from 'comlink';
import { profileHelperJobs } from '../core/profile/profileWithHelper';
import type { Table } from '../core/data/table';

const api = {
  ...profileHelperJobs,
  /** Answers once the script has loaded. */
  ready(): true {
    return true;
  },
  profileColumns(table: Table, rank: boolean[], sharedRanks: boolean) {
    const result = profileHelperJobs.profileColumns(table, rank, sharedRanks);
    // Ranks not in shared memory go back by transfer, not by copy.
    const buffers = result.ranked.flatMap((r) => (r ? [r.ranks.buffer, r.absent?.buffer] : [])).filter((b) => b instanceof ArrayBuffer);
    return Comlink.transfer(result, buffers);
  },
};

export type ProfileHelperApi = typeof api;
Comlink.expose(api);
