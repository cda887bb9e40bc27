import { moveRule, Placed } from './rule-order';

/** The rules after the commands, in the order they would run. */
const after = (rules: Placed[], commands: Placed[]) => {
  const orders = new Map(rules.map((r) => [r.id, r.order]));
  for (const c of commands) orders.set(c.id, c.order);
  return [...orders].sort(([a, x], [b, y]) => x - y || (a < b ? -1 : 1)).map(([id]) => id);
};

describe('moving a rule up or down', () => {
  const rules = [
    { id: 'a', order: 10 },
    { id: 'b', order: 20 },
    { id: 'c', order: 35 },
  ];

  it('swaps the orders of two neighbours', () => {
    expect(moveRule(rules, 2, -1)).toEqual([
      { id: 'c', order: 20 },
      { id: 'b', order: 35 },
    ]);
    expect(after(rules, moveRule(rules, 0, 1))).toEqual(['b', 'a', 'c']);
  });

  it('numbers the rules afresh when orders are shared, changing only those that move', () => {
    const tied = [
      { id: 'a', order: 0 },
      { id: 'b', order: 0 },
      { id: 'c', order: 30 },
    ];
    const commands = moveRule(tied, 1, -1);
    expect(after(tied, commands)).toEqual(['b', 'a', 'c']);
    expect(commands.map((c) => c.id)).toEqual(['b', 'a']);
  });

  it('does nothing past either end', () => {
    expect(moveRule(rules, 0, -1)).toEqual([]);
    expect(moveRule(rules, 2, 1)).toEqual([]);
  });
});
