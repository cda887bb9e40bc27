/** A rule's place: lower orders run first; equal orders run by id. */
export interface Placed {
  id: string;
  order: number;
}

const STEP = 10;

/**
 * The reorder commands that move the rule at `index` one place up (-1) or down (+1) in `rules`
 * (listed in the order they run): two rules swap their orders; rules that share an order are
 * numbered afresh, in steps, so the move is not lost in the tie.
 */
export function moveRule(rules: readonly Placed[], index: number, delta: -1 | 1): Placed[] {
  const target = index + delta;
  if (index < 0 || index >= rules.length || target < 0 || target >= rules.length) return [];
  const [a, b] = [rules[index], rules[target]];
  if (a.order !== b.order && new Set(rules.map((r) => r.order)).size === rules.length) return [{ id: a.id, order: b.order }, { id: b.id, order: a.order }];
  const moved = [...rules];
  [moved[index], moved[target]] = [b, a];
  return moved.map((r, i) => ({ id: r.id, order: (i + 1) * STEP })).filter((r, i) => r.order !== moved[i].order);
}
