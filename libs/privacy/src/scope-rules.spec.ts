import { personalFieldsOf } from './personal-fields';
import { scopeOf, subjectNamedBy } from './scope-rules';

describe('whose data an event holds', () => {
  it('given a customer account registered: its email and name are the customer’s, under the account’s own scope', () => {
    const event = { streamId: 'user-cust-1', type: 'UserRegistered', data: { userId: 'cust-1', email: 'Farah@Example.PK', name: 'Farah', role: 'customer' } };
    expect([scopeOf(event), subjectNamedBy(event), personalFieldsOf(event.type, event.data).map((f) => f.path)]).toEqual(['user-cust-1', 'farah@example.pk', ['email', 'name']]);
  });

  it('given a staff account registered: no data subject, nothing sealed (staff names are who did what)', () => {
    const event = { streamId: 'user-agent-ali', type: 'UserRegistered', data: { userId: 'agent-ali', email: 'ali@helpdesk.pk', name: 'Ali', role: 'agent' } };
    expect([subjectNamedBy(event), personalFieldsOf(event.type, event.data)]).toEqual([null, []]);
  });

  it('given requests to prove an address: each is a scope of its own on the address’s stream, so a person erased and back gets new keys', () => {
    const request = (verificationId: string) => ({ streamId: 'verification-abc', type: 'EmailVerificationRequested', data: { verificationId, email: 'farah@example.pk', submission: null } });
    expect([scopeOf(request('v1')), scopeOf(request('v2'))]).toEqual(['verification-abc#v1', 'verification-abc#v2']);
    expect(subjectNamedBy(request('v1'))).toBe('farah@example.pk');
    expect(personalFieldsOf('EmailVerificationRequested', {}).map((f) => f.path)).toEqual(expect.arrayContaining(['email', 'name', 'submission.description', 'submission.attachments[].filename']));
  });
});
