/**
 * A column's verdict from its measurements, by the rules in driftThresholds.ts: the worst level any
 * rule reaches, with one sentence per rule that fired.
 */
import type { ColumnDrift, DriftThresholds, DriftVerdict } from './driftTypes';

export type Measured = Omit<ColumnDrift, 'verdict' | 'reasons'>;

export interface JudgeOptions {
  /** Unseen categories count only when the reference lists every training category. */
  unseenCounts: boolean;
}

const RANK: Record<DriftVerdict, number> = { stable: 0, warning: 1, drift: 2 };

export function worseVerdict(a: DriftVerdict, b: DriftVerdict): DriftVerdict {
  return RANK[b] > RANK[a] ? b : a;
}

export function verdictAtLeast(verdict: DriftVerdict, floor: DriftVerdict): boolean {
  return RANK[verdict] >= RANK[floor];
}

export function judgeColumn(m: Measured, t: DriftThresholds, options: JudgeOptions): ColumnDrift {
  let verdict: DriftVerdict = 'stable';
  const reasons: string[] = [];
  const flag = (level: DriftVerdict, reason: string) => {
    verdict = worseVerdict(verdict, level);
    reasons.push(reason);
  };
  if (m.absent) flag('drift', 'The new data has no column of this name.');
  const test = m.test;
  if (test && m.psi !== null && test.pValue < t.psiPValue) {
    const why = `(${testName(test.name)} ${formatP(test.pValue)})`;
    if (m.psi >= t.psiDrift) flag('drift', `PSI is ${formatNumber(m.psi)}, at least ${t.psiDrift} ${why}.`);
    else if (m.psi >= t.psiWarning) flag('warning', `PSI is ${formatNumber(m.psi)}, at least ${t.psiWarning} ${why}.`);
  }
  if (test && test.pValue < t.testPValue && test.effect >= t.effectDrift) {
    const effect = test.name === 'ks' ? 'KS D' : 'the total variation distance';
    flag('drift', `The ${testName(test.name)} gives ${formatP(test.pValue)} with ${effect} = ${formatNumber(test.effect)}, at least ${t.effectDrift}.`);
  }
  if (m.missingRateChange !== null) {
    const change = Math.abs(m.missingRateChange);
    const level = change >= t.missingRateDrift ? 'drift' : change >= t.missingRateWarning ? 'warning' : 'stable';
    if (level !== 'stable') flag(level, `The missing share went from ${percent(m.reference.missingRate)} to ${percent(m.current.missingRate)}.`);
  }
  if (m.unseen && options.unseenCounts && m.unseen.share >= t.unseenShareWarning) {
    const level = m.unseen.share >= t.unseenShareDrift ? 'drift' : 'warning';
    const shown = m.unseen.categories.slice(0, 5).map((c) => JSON.stringify(c.length > 40 ? c.slice(0, 39) + '…' : c));
    const more = m.unseen.categories.length > 5 ? ', …' : '';
    flag(level, `${percent(m.unseen.share)} of the values are categories the training data did not have (${shown.join(', ')}${more}).`);
  }
  if (m.unreadable) {
    flag('warning', `${m.unreadable} ${m.unreadable === 1 ? 'value is' : 'values are'} not readable as ${m.type} and ${m.unreadable === 1 ? 'counts' : 'count'} as missing.`);
  }
  const { name, kind, type, ...rest } = m;
  return { name, kind, type, verdict, reasons, ...rest };
}

function testName(name: 'ks' | 'chi-square'): string {
  return name === 'ks' ? 'KS test' : 'chi-square test';
}

export function formatNumber(x: number): string {
  return String(Number(x.toPrecision(3)));
}

/** "p = 0.03", "p = 2.1e-9", or "p < 1e-300" where the p-value underflows to 0. */
export function formatP(p: number): string {
  if (p < 1e-300) return 'p < 1e-300';
  return `p = ${p < 1e-3 ? p.toExponential(1) : String(Number(p.toPrecision(2)))}`;
}

export function percent(share: number): string {
  const x = share * 100;
  return `${x > 0 && x < 10 ? Number(x.toPrecision(2)) : Math.round(x)}%`;
}
