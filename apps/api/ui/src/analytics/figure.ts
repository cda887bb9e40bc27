/**
 * One chart and the table beside it, from the same numbers: rows are the chart's categories (a
 * status, an agent, a day), columns its series. The table is what screen readers and the tests
 * read; the chart draws the columns named in `chart.columns` (all when absent).
 */
export interface Figure {
  /** Unique on the page: element ids and the tests' `data-figure`. */
  id: string;
  title: string;
  caption: string;
  /** The header of the first column, which names each row. */
  rowHeader: string;
  rows: Array<{ key: string; label: string }>;
  columns: FigureColumn[];
  chart: {
    kind: 'bar' | 'line';
    /** Bars along the inline axis (long category names: agents). */
    horizontal?: boolean;
    stacked?: boolean;
    columns?: string[];
    /** The value axis' title. */
    axis: string;
    /** A value as the value axis shows it. */
    tick(value: number): string;
    /** Whole numbers only on the value axis (counts, minutes). */
    integers?: boolean;
  };
  /** Shown instead of the chart and table when there is nothing to draw. */
  empty?: string;
}

export interface FigureColumn {
  key: string;
  label: string;
  /** One per row, in row order; null where there is no figure. */
  values: Array<number | null>;
  format(value: number): string;
}

/** The columns the chart draws. */
export const chartedColumns = (figure: Figure) => (figure.chart.columns ? figure.columns.filter((c) => figure.chart.columns!.includes(c.key)) : figure.columns);

/** True when every charted value is missing or zero: a chart of nothing. */
export const isBlank = (figure: Figure) => figure.rows.length === 0 || chartedColumns(figure).every((c) => c.values.every((v) => !v));

/** Distinguishable on white, and from each other for most colour vision (after Okabe and Ito). */
export const PALETTE = ['#0b5cad', '#d55e00', '#009e73', '#cc79a7', '#7a4a00', '#56b4e9', '#5a6270', '#a3141a'];
