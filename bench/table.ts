/** One line of the results table, and how the table is printed. */

/** What a figure must reach: a share of its baseline, a floor, or a ceiling (same unit as the figure). */
export type Target = { ratioAtLeast: number } | { atLeast: number } | { below: number } | null;

export interface Measurement {
  benchmark: string;
  figure: number;
  unit: string;
  /** What the figure is compared with, measured in the same run. */
  baseline: string;
  baselineFigure: number;
  baselineUnit?: string;
  target: Target;
  /** Extra facts worth keeping (sizes, error counts, p50 beside a p99...). */
  notes?: string;
  /** Kept in latest.json only (per-case breakdowns and the like). */
  details?: unknown;
}

export interface Row extends Measurement {
  /** figure / baseline figure. */
  ratio: number;
  targetText: string;
  /** null when there is no target for this line, or the figure could not be measured. */
  met: boolean | null;
}

export function toRow(m: Measurement): Row {
  const ratio = m.baselineFigure ? m.figure / m.baselineFigure : NaN;
  return { ...m, ratio, targetText: describeTarget(m.target, m.unit), met: judge(m.target, m.figure, ratio) };
}

/** A line for a benchmark that could not run (the reason goes in the notes). */
export function skipped(benchmark: string, reason: string, target: Target = null, unit = ''): Row {
  return { ...toRow({ benchmark, figure: NaN, unit, baseline: '-', baselineFigure: NaN, target, notes: reason }), met: null };
}

function judge(target: Target, figure: number, ratio: number): boolean | null {
  if (!target || !Number.isFinite(figure)) return null;
  if ('ratioAtLeast' in target) return Number.isFinite(ratio) ? ratio >= target.ratioAtLeast : null;
  if ('atLeast' in target) return figure >= target.atLeast;
  return figure < target.below;
}

function describeTarget(target: Target, unit: string): string {
  if (!target) return '-';
  if ('ratioAtLeast' in target) return `>= ${Math.round(target.ratioAtLeast * 100)}% of baseline`;
  if ('atLeast' in target) return `>= ${formatNumber(target.atLeast)} ${unit}`;
  return `< ${formatNumber(target.below)} ${unit}`;
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  const abs = Math.abs(n);
  if (abs >= 1000) return Math.round(n).toLocaleString('en-US');
  if (abs >= 100) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

const withUnit = (n: number, unit: string) => (Number.isFinite(n) ? `${formatNumber(n)} ${unit}`.trim() : 'n/a');
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(rows: Row[]): string {
  const header = ['benchmark', 'figure', 'baseline', 'baseline figure', 'ratio', 'target', 'met?'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const met = r.met === null ? '-' : r.met ? 'yes' : 'NO';
    lines.push(
      `| ${[
        r.benchmark,
        withUnit(r.figure, r.unit),
        r.baseline,
        withUnit(r.baselineFigure, r.baselineUnit ?? r.unit),
        Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}x` : 'n/a',
        r.targetText,
        met,
      ]
        .map(cell)
        .join(' | ')} |`,
    );
  }
  const notes = rows.filter((r) => r.notes).map((r) => `- ${r.benchmark}: ${r.notes}`);
  return notes.length ? `${lines.join('\n')}\n\nNotes:\n${notes.join('\n')}` : lines.join('\n');
}
