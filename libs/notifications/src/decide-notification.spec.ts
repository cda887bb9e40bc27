import { foldNotification } from './evolve-notification';
import { NotificationEvent, NotificationRequestedData } from './notification-events';
import { nextAttemptAt, RetryPolicy } from './retry-schedule';
import { given } from './testing/notification-spec';

const requestedData: NotificationRequestedData = {
  notificationId: 'n-1',
  ticketId: 't-1',
  ticketNumber: 'HD-000001',
  kind: 'acknowledgement',
  audience: 'customer',
  channel: 'email',
  recipient: 'ayesha@example.pk',
  language: 'ur',
  timeZone: 'Asia/Karachi',
  triggeredBy: 'e-1',
  triggerType: 'TicketSubmitted',
  vars: { ticketSubject: 'Cannot sign in', recipientName: 'Ayesha', customerName: 'Ayesha' },
};
const requested: NotificationEvent = { type: 'NotificationRequested', data: requestedData };
const sent: NotificationEvent = { type: 'NotificationSent', data: { messageId: '<m@x>', attempt: 1, relayResponse: '250 OK' } };
const policy: RetryPolicy = { maxAttempts: 3, baseSeconds: 60, maxSeconds: 3600 };
const now = new Date('2026-01-05T07:00:00.000Z');
const failedOnce: NotificationEvent = { type: 'NotificationAttemptFailed', data: { attempt: 1, error: '451 try later', nextAttemptAt: '2026-01-05T07:01:00.000Z' } };
const failedTwice: NotificationEvent = { type: 'NotificationAttemptFailed', data: { attempt: 2, error: '451 try later', nextAttemptAt: '2026-01-05T07:03:00.000Z' } };
const gaveUp: NotificationEvent = { type: 'NotificationFailed', data: { reason: 'gave_up', detail: 'Gave up after 3 attempts; the last: 451 try later', attempt: 3 } };
const bounce = { mailId: 'mail-1', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 user unknown', recipient: 'ayesha@example.pk' };

describe('RequestNotification', () => {
  it('records the request once', () => given().when({ type: 'RequestNotification', data: requestedData }).then([requested]));
  it('changes nothing when it was already requested (a redelivered event)', () => given(requested).when({ type: 'RequestNotification', data: requestedData }).then([]));
  it('is pending and due at once', () => {
    expect(foldNotification([{ ...requested, occurredAt: '2026-01-05T06:00:00.000Z' }])).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: '2026-01-05T06:00:00.000Z' });
  });
});

describe('RecordSent', () => {
  it('records the first attempt as sent', () => given(requested).when({ type: 'RecordSent', data: { messageId: '<m@x>', relayResponse: '250 OK' } }).then([sent]));
  it('counts the attempts before it', () =>
    given(requested, failedOnce)
      .when({ type: 'RecordSent', data: { messageId: '<m@x>', relayResponse: '250 OK' } })
      .then([{ type: 'NotificationSent', data: { messageId: '<m@x>', attempt: 2, relayResponse: '250 OK' } }]));
  it('never records a second send', () => given(requested, sent).when({ type: 'RecordSent', data: { messageId: '<m@x>', relayResponse: '250 OK' } }).then([]));
  it('refuses a send of a failed notification', () => given(requested, gaveUp).when({ type: 'RecordSent', data: { messageId: '<m@x>', relayResponse: '250' } }).thenFails('illegal_transition'));
  it('refuses an unknown notification', () => given().when({ type: 'RecordSent', data: { messageId: '<m@x>', relayResponse: '250' } }).thenFails('notification_not_found'));
});

describe('RecordAttemptFailure', () => {
  it('schedules the next attempt with backoff', () =>
    given(requested)
      .when({ type: 'RecordAttemptFailure', data: { error: '451 try later', permanent: false } }, { now, retry: policy })
      .then([{ type: 'NotificationAttemptFailed', data: { attempt: 1, error: '451 try later', nextAttemptAt: nextAttemptAt(policy, 1, now, 'n-1').toISOString() } }]));
  it('gives up after the last attempt', () =>
    given(requested, failedOnce, failedTwice).when({ type: 'RecordAttemptFailure', data: { error: '451 try later', permanent: false } }, { now, retry: policy }).then([gaveUp]));
  it('fails at once on a permanent refusal', () =>
    given(requested)
      .when({ type: 'RecordAttemptFailure', data: { error: '550 no such user', permanent: true } }, { now, retry: policy })
      .then([{ type: 'NotificationFailed', data: { reason: 'rejected', detail: '550 no such user', attempt: 1 } }]));
  it('refuses an attempt on a sent notification', () =>
    given(requested, sent).when({ type: 'RecordAttemptFailure', data: { error: 'x', permanent: false } }).thenFails('illegal_transition'));
});

describe('RecordBounce', () => {
  const bounced: NotificationEvent = {
    type: 'NotificationFailed',
    data: { reason: 'bounced', detail: 'to ayesha@example.pk; status 5.1.1; smtp; 550 5.1.1 user unknown', mailId: 'mail-1' },
  };
  it('marks a sent notification failed', () => given(requested, sent).when({ type: 'RecordBounce', data: bounce }).then([bounced]));
  it('applies one bounce once', () => given(requested, sent, bounced).when({ type: 'RecordBounce', data: bounce }).then([]));
  it('is failed, bounced', () => expect(foldNotification([requested, sent, bounced].map((e) => ({ ...e, occurredAt: '2026-01-05T06:00:00.000Z' })))).toMatchObject({ status: 'failed', failure: { reason: 'bounced' } }));
});

describe('RetryNotification', () => {
  const retried: NotificationEvent = { type: 'NotificationRetryRequested', data: { previousReason: 'gave_up' } };
  it('puts a failed notification back in line', () => given(requested, failedOnce, failedTwice, gaveUp).when({ type: 'RetryNotification', data: {} }).then([retried]));
  it('gives it a fresh budget of attempts, counting on from the attempts made', () => {
    const state = foldNotification([requested, failedOnce, failedTwice, gaveUp, retried].map((e) => ({ ...e, occurredAt: '2026-01-05T08:00:00.000Z' })));
    expect(state).toMatchObject({ status: 'pending', attempts: 3, attemptsInRound: 0, nextAttemptAt: '2026-01-05T08:00:00.000Z', failure: null });
    given(requested, failedOnce, failedTwice, gaveUp, retried)
      .when({ type: 'RecordAttemptFailure', data: { error: '451', permanent: false } }, { now, retry: policy })
      .then([{ type: 'NotificationAttemptFailed', data: { attempt: 4, error: '451', nextAttemptAt: nextAttemptAt(policy, 1, now, 'n-1').toISOString() } }]);
  });
  it('refuses a pending or sent notification', () => {
    given(requested).when({ type: 'RetryNotification', data: {} }).thenFails('illegal_transition', /only a failed notification/);
    given(requested, sent).when({ type: 'RetryNotification', data: {} }).thenFails('illegal_transition');
  });
});

describe('WithdrawNotification', () => {
  const withdraw = { type: 'WithdrawNotification', data: { reason: 'recipient_erased' } } as const;
  const withdrawn: NotificationEvent = { type: 'NotificationWithdrawn', data: { reason: 'recipient_erased' } };
  it('withdraws a pending notification, waiting on a retry or not', () => {
    given(requested).when(withdraw).then([withdrawn]);
    given(requested, failedOnce).when(withdraw).then([withdrawn]);
  });
  it('withdraws a failed one, so no supervisor retry sends it', () => {
    given(requested, failedOnce, failedTwice, gaveUp).when(withdraw).then([withdrawn]);
    given(requested, failedOnce, failedTwice, gaveUp, withdrawn).when({ type: 'RetryNotification', data: {} }).thenFails('illegal_transition', /withdrawn/);
  });
  it('is withdrawn for good: nothing is due, and no attempt or sending is recorded after it', () => {
    expect(foldNotification([requested, withdrawn].map((e) => ({ ...e, occurredAt: '2026-01-05T08:00:00.000Z' })))).toMatchObject({
      status: 'withdrawn',
      nextAttemptAt: null,
      withdrawn: { reason: 'recipient_erased', at: '2026-01-05T08:00:00.000Z' },
    });
    given(requested, withdrawn).when({ type: 'RecordSent', data: { messageId: '<m@x>', relayResponse: '250 OK' } }).thenFails('illegal_transition', /withdrawn/);
    given(requested, withdrawn).when({ type: 'RecordAttemptFailure', data: { error: '451', permanent: false } }).thenFails('illegal_transition');
  });
  it('changes nothing when withdrawn again, or when a bounce names it', () => {
    given(requested, withdrawn).when(withdraw).then([]);
    given(requested, withdrawn).when({ type: 'RecordBounce', data: bounce }).then([]);
  });
  it('refuses a notification already sent: it cannot be unsent', () => given(requested, sent).when(withdraw).thenFails('illegal_transition', /already sent/));
});
