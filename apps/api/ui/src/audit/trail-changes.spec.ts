import { translator } from '../i18n/i18n';
import { changeTexts } from './trail-changes';

describe('the changes of a trail entry', () => {
  const submission = [
    { field: 'status', before: null, after: 'new' },
    { field: 'assigneeId', before: null, after: null },
    { field: 'acknowledged', before: null, after: false },
  ];

  it('reads each change in the auditor’s language, and leaves out what reads the same both sides', () => {
    expect(changeTexts(translator('en'), submission)).toEqual(['Status: — → New', 'Acknowledged: — → no']);
    expect(changeTexts(translator('ur'), [{ field: 'assigneeId', before: null, after: 'agent-ali' }])).toEqual(['ذمہ دار: — ← agent-ali']);
  });
});
