/** Types of machineInfo.mjs, for the TypeScript benchmarks (bench/*.bench.ts). */
export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  python: string | null;
  pandas: string | null;
  numpy: string | null;
  chromium: string | null;
}

export function machineInfo(options?: { python?: boolean }): MachineInfo;
