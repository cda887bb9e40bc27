import { EMPTY_TRAIL_FORM, trailParams, trailSearch } from './trail-filter';

describe('the trail filter', () => {
  it('turns the form into the query, reading times in the auditor’s zone', () => {
    const params = trailParams({ ...EMPTY_TRAIL_FORM, actor: ' agent-ali ', type: 'TicketAssigned', from: '2026-01-05T09:00', to: '2026-01-05T10:30' }, 'e3b0c442-98fc-4c14-9afb-f4c8996fb924', 'Asia/Karachi');
    expect(params).toEqual({ params: { ticket: 'e3b0c442-98fc-4c14-9afb-f4c8996fb924', actor: 'agent-ali', type: 'TicketAssigned', category: undefined, from: '2026-01-05T04:00:00.000Z', to: '2026-01-05T05:30:00.000Z' } });
    expect(trailSearch((params as { params: Record<string, string> }).params, 'csv')).toBe('ticket=e3b0c442-98fc-4c14-9afb-f4c8996fb924&actor=agent-ali&type=TicketAssigned&from=2026-01-05T04%3A00%3A00.000Z&to=2026-01-05T05%3A30%3A00.000Z&format=csv');
  });

  it('leaves out what was not given, and names a time that is no time', () => {
    expect(trailSearch((trailParams(EMPTY_TRAIL_FORM, undefined, 'UTC') as { params: Record<string, string> }).params, 'ndjson')).toBe('format=ndjson');
    expect(trailParams({ ...EMPTY_TRAIL_FORM, to: '5 pm' }, undefined, 'UTC')).toEqual({ badTime: 'to' });
  });
});
