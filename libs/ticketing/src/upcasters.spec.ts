import { UpcasterRegistry } from './upcasters';

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry()
    .register('TicketSubmitted', 1, (d) => ({ ...d, errorMessages: d.errorMessage ? [d.errorMessage] : [], errorMessage: undefined }))
    .register('TicketSubmitted', 2, (d) => ({ ...d, impact: d.impact ?? null }));

  it('reads an old version as the current one, step by step', () => {
    expect(registry.currentVersion('TicketSubmitted')).toBe(3);
    expect(registry.upcast('TicketSubmitted', { errorMessage: 'E1' }, 1)).toEqual({ errorMessages: ['E1'], errorMessage: undefined, impact: null });
  });
  it('leaves current versions alone', () => {
    const data = { impact: 'x', errorMessages: [] };
    expect(registry.upcast('TicketSubmitted', data, 3)).toBe(data);
    expect(registry.upcast('TicketClosed', data, 1)).toBe(data);
  });
  it('fails loudly on a gap', () => {
    const gappy = new UpcasterRegistry().register('X', 2, (d) => d);
    expect(() => gappy.upcast('X', {}, 1)).toThrow(/No upcaster for X from schema version 1/);
  });
});
