import type { ComponentChildren } from 'preact';
import { Figure, isBlank } from './figure';
import { FigureChart } from './FigureChart';
import { FigureTable } from './FigureTable';

/** A titled panel: the chart and, beside it, the table with the same numbers. */
export function FigurePanel({ figure, children, level = 2 }: { figure: Figure; children?: ComponentChildren; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const blank = isBlank(figure);
  return (
    <section class="card figure-panel" aria-labelledby={`${figure.id}-title`} data-panel={figure.id}>
      <Heading id={`${figure.id}-title`}>{figure.title}</Heading>
      {children}
      <div class="figure-body">
        {blank && figure.empty ? <p class="muted figure-empty">{figure.empty}</p> : <FigureChart figure={figure} />}
        <FigureTable figure={figure} />
      </div>
    </section>
  );
}
