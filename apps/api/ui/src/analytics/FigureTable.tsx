import { Figure } from './figure';

/** The figure's numbers as a table: a caption, one row per category, one column per series. */
export function FigureTable({ figure, none = '—' }: { figure: Figure; none?: string }) {
  return (
    // Focusable: a long table scrolls inside its box, and keyboard users must be able to scroll it.
    <div class="figure-table" tabIndex={0} role="region" aria-label={figure.caption}>
      <table class="figures" data-figure={figure.id}>
        <caption>{figure.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{figure.rowHeader}</th>
            {figure.columns.map((c) => (
              <th scope="col" key={c.key}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {figure.rows.map((row, i) => (
            <tr key={row.key} data-key={row.key}>
              <th scope="row">{row.label}</th>
              {figure.columns.map((c) => {
                const v = c.values[i];
                return (
                  <td key={c.key} data-column={c.key} data-value={v ?? ''}>
                    {v === null || v === undefined ? none : c.format(v)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
