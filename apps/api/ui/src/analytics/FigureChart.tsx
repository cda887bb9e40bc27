import type { ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../app-context';
import { DIRECTION, INTL_LOCALE } from '../i18n/i18n';
import { Chart } from './chart-js';
import { chartedColumns, Figure, PALETTE } from './figure';

/**
 * The chart of a figure, on a canvas. Screen readers skip it (aria-hidden): the table beside it
 * holds the same numbers. Right to left in Urdu: categories run from the right, horizontal bars
 * grow to the left, the value axis stands on the right, legend and tooltips read right to left,
 * and numbers are formatted for the agent's locale.
 */
export function FigureChart({ figure }: { figure: Figure }) {
  const { locale } = useApp();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const config = chartConfig(figure, locale);

  // A new chart when the kind of chart or the language changes; otherwise the data and options move.
  const shape = `${figure.chart.kind}|${figure.chart.horizontal ?? false}|${locale}`;
  useEffect(() => {
    Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
    chart.current = new Chart(canvas.current!, config);
    let live = true;
    // Urdu text is drawn in Noto Nastaliq once the font has loaded.
    void document.fonts?.ready.then(() => live && chart.current?.update());
    return () => {
      live = false;
      chart.current?.destroy();
      chart.current = null;
    };
  }, [shape]);

  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    current.data = config.data;
    current.options = config.options!;
    current.update();
  });

  return (
    <div class="chart-box">
      <canvas ref={canvas} aria-hidden="true" data-chart={figure.id} />
    </div>
  );
}

function chartConfig(figure: Figure, locale: keyof typeof INTL_LOCALE): ChartConfiguration<'bar' | 'line'> {
  const rtl = DIRECTION[locale] === 'rtl';
  const { kind, horizontal = false, stacked = false, axis, tick, integers = false } = figure.chart;
  const columns = chartedColumns(figure);
  const category = { stacked, reverse: rtl && !horizontal, position: horizontal ? (rtl ? 'right' : 'left') : 'bottom', grid: { display: false } } as const;
  const value = {
    stacked,
    beginAtZero: true,
    reverse: rtl && horizontal,
    position: horizontal ? 'bottom' : rtl ? 'right' : 'left',
    title: { display: true, text: axis },
    ticks: { callback: (v: number | string) => tick(Number(v)), ...(integers ? { precision: 0 } : {}) },
  } as const;
  return {
    type: kind,
    data: {
      labels: figure.rows.map((r) => r.label),
      datasets: columns.map((c, i) => ({
        label: c.label,
        data: c.values,
        backgroundColor: PALETTE[i % PALETTE.length],
        borderColor: PALETTE[i % PALETTE.length],
        borderWidth: kind === 'line' ? 2 : 0,
        spanGaps: false,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      locale: INTL_LOCALE[locale],
      indexAxis: horizontal ? 'y' : 'x',
      scales: horizontal ? { x: value, y: category } : { x: category, y: value },
      plugins: {
        legend: { display: columns.length > 1, position: 'bottom', rtl, textDirection: rtl ? 'rtl' : 'ltr' },
        tooltip: {
          rtl,
          textDirection: rtl ? 'rtl' : 'ltr',
          callbacks: {
            label: (item) => {
              const n = horizontal ? item.parsed.x : item.parsed.y;
              return `${item.dataset.label ?? ''}: ${n === null ? '—' : columns[item.datasetIndex].format(n)}`;
            },
          },
        },
      },
    },
  };
}
