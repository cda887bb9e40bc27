import { evolveSlaClock, foldSlaClock, slaClockState } from './sla-clock';
import { DEFAULT_SLA_POLICY, DEFAULT_SLA_TARGETS, slaPolicy } from './sla-policy';
import { fact, given, pk, reprioritized, submitted } from './testing/sla-clock-spec';

// Default policy: Karachi office hours (Mon-Fri 09:00-13:00, 14:00-18:00 PKT); emergencies 24/7.
// medium: first response 240, resolution 1440; high: 60, 480; emergency: 30, 240 (business minutes).
const monday = '2026-01-05';

describe('a new ticket', () => {
  it('runs both clocks in business time, with due and warning instants ahead', () => {
    given(submitted(`${monday} 09:00`, 'medium'))
      .when(`${monday} 10:00`)
      .then({
        state: { slaClass: 'medium', calendarId: 'karachi-office', phase: 'open', policy: { id: 'default', version: 1 } },
        first_response: { status: 'running', elapsedMinutes: 60, targetMinutes: 240, remainingMinutes: 180, dueAt: pk(`${monday} 13:00`), warningAt: pk(`${monday} 12:12`) },
        resolution: { status: 'running', elapsedMinutes: 60, targetMinutes: 1440, remainingMinutes: 1380, dueAt: pk('2026-01-07 18:00'), warningAt: pk('2026-01-07 12:12') },
        nextDeadline: pk(`${monday} 12:12`),
      });
  });
  it('counts nothing before the office opens', () => {
    given(submitted('2026-01-03 10:00', 'medium'))
      .when(`${monday} 09:30`)
      .then({ first_response: { status: 'running', elapsedMinutes: 30, dueAt: pk(`${monday} 13:00`) } });
  });
  it('is nothing before submission, and ignores facts that came before it', () => {
    expect(foldSlaClock(DEFAULT_SLA_POLICY, [fact('first_public_agent_reply', `${monday} 08:00`)])).toBeNull();
    given(fact('first_public_agent_reply', `${monday} 08:00`), submitted(`${monday} 09:00`, 'high'))
      .when(`${monday} 09:30`)
      .then({ first_response: { status: 'running', metAt: null } });
  });
});

describe('first response', () => {
  it('is met by the first public agent reply, and stays met', () => {
    given(submitted(`${monday} 09:00`, 'medium'), fact('first_public_agent_reply', `${monday} 11:00`), fact('first_public_agent_reply', `${monday} 12:00`))
      .when('2026-01-08 12:00')
      .then({ first_response: { status: 'met', metAt: pk(`${monday} 11:00`), elapsedMinutes: 120, remainingMinutes: 120, dueAt: null, warningAt: null } });
  });
  it('is met at its due instant in time, but a clock observed at that instant is breached', () => {
    const opened = submitted(`${monday} 09:00`, 'medium');
    given(opened, fact('first_public_agent_reply', `${monday} 13:00`)).when(`${monday} 13:00`).then({ first_response: { status: 'met', breachedAt: null } });
    given(opened).when(`${monday} 13:00`).then({ first_response: { status: 'breached', breachedAt: pk(`${monday} 13:00`) } });
  });
  it('breaches at its due instant, and a late reply does not undo the breach', () => {
    const opened = submitted(`${monday} 09:00`, 'medium');
    given(opened)
      .when(`${monday} 14:30`)
      .then({ first_response: { status: 'breached', elapsedMinutes: 270, remainingMinutes: -30, dueAt: pk(`${monday} 13:00`), breachedAt: pk(`${monday} 13:00`) } });
    given(opened, fact('first_public_agent_reply', `${monday} 15:00`))
      .when(`${monday} 16:00`)
      .then({ first_response: { status: 'breached', metAt: pk(`${monday} 15:00`), remainingMinutes: -60 } });
  });
  it('keeps running while the ticket waits on the customer', () => {
    given(submitted(`${monday} 09:00`, 'medium'), fact('waiting_on_customer', `${monday} 10:00`))
      .when(`${monday} 12:00`)
      .then({ first_response: { status: 'running', elapsedMinutes: 180 }, resolution: { status: 'paused', elapsedMinutes: 60 } });
  });
  it('is met by a resolution without a reply', () => {
    given(submitted(`${monday} 09:00`, 'medium'), fact('resolved', `${monday} 10:00`))
      .when(`${monday} 11:00`)
      .then({ first_response: { status: 'met', metAt: pk(`${monday} 10:00`) } });
  });
});

describe('waiting on the customer', () => {
  const waiting = [submitted(`${monday} 09:00`, 'medium'), fact('first_public_agent_reply', `${monday} 10:00`), fact('waiting_on_customer', `${monday} 11:00`)];

  it('pauses resolution: no due or warning instant, nothing to wake up for', () => {
    given(...waiting)
      .when('2026-01-06 12:00')
      .then({ resolution: { status: 'paused', elapsedMinutes: 120, remainingMinutes: 1320, dueAt: null, warningAt: null }, nextDeadline: null });
  });
  it.each(['customer_replied', 'work_resumed'] as const)('resumes where it stopped on %s', (type) => {
    given(...waiting, fact(type, '2026-01-07 10:00'))
      .when('2026-01-07 11:00')
      .then({ state: { phase: 'open' }, resolution: { status: 'running', elapsedMinutes: 180, dueAt: pk('2026-01-09 17:00') } });
  });
  it('takes a fact dated before the previous one as happening with it', () => {
    given(...waiting, fact('customer_replied', `${monday} 10:30`))
      .when(`${monday} 12:00`)
      .then({ resolution: { status: 'running', elapsedMinutes: 180 } });
  });
});

describe('resolution and reopening', () => {
  const resolvedInTime = [submitted(`${monday} 09:00`, 'medium'), fact('first_public_agent_reply', `${monday} 09:30`), fact('resolved', '2026-01-07 17:00')];

  it('stops at resolution', () => {
    given(...resolvedInTime)
      .when('2026-01-12 10:00')
      .then({
        state: { phase: 'resolved' },
        resolution: { status: 'met', elapsedMinutes: 1380, metAt: pk('2026-01-07 17:00'), warningAt: pk('2026-01-07 12:12'), dueAt: null },
        nextDeadline: null,
      });
  });
  it('a reopened ticket continues where it stopped instead of breaching at once', () => {
    given(...resolvedInTime, fact('reopened', '2026-01-12 10:00'))
      .when('2026-01-12 10:00')
      .then({ state: { phase: 'open' }, resolution: { status: 'running', elapsedMinutes: 1380, remainingMinutes: 60, metAt: null, dueAt: pk('2026-01-12 11:00') }, nextDeadline: pk('2026-01-12 11:00') });
    given(...resolvedInTime, fact('reopened', '2026-01-12 10:00'))
      .when('2026-01-12 11:30')
      .then({ resolution: { status: 'breached', breachedAt: pk('2026-01-12 11:00'), remainingMinutes: -30 } });
  });
  it('closing stops every clock and ignores what follows, except a reopen', () => {
    const closed = [submitted(`${monday} 09:00`, 'medium'), fact('resolved', `${monday} 12:00`), fact('closed', '2026-01-06 10:00')];
    given(...closed, fact('work_resumed', '2026-01-06 11:00'))
      .when('2026-01-08 10:00')
      .then({ state: { phase: 'closed' }, first_response: { status: 'met' }, resolution: { status: 'met', elapsedMinutes: 180 } });
    given(...closed, fact('reopened', '2026-01-07 09:00'))
      .when('2026-01-07 10:00')
      .then({ state: { phase: 'open' }, first_response: { status: 'met' }, resolution: { status: 'running', elapsedMinutes: 240 } });
  });
});

describe('re-targeting on a priority or category change', () => {
  it('keeps the time used: past the tighter target, the breach happens at the change', () => {
    given(submitted(`${monday} 09:00`, 'medium'), reprioritized(`${monday} 11:00`, 'high'))
      .when(`${monday} 11:00`)
      .then({
        state: { slaClass: 'high' },
        first_response: { status: 'breached', targetMinutes: 60, elapsedMinutes: 120, breachedAt: pk(`${monday} 11:00`), warningAt: pk(`${monday} 11:00`) },
        resolution: { status: 'running', targetMinutes: 480, elapsedMinutes: 120, dueAt: pk(`${monday} 18:00`), warningAt: pk(`${monday} 16:24`) },
        nextDeadline: pk(`${monday} 16:24`),
      });
  });
  it('within the tighter target, moves the due instant earlier', () => {
    given(submitted(`${monday} 09:00`, 'low'), reprioritized(`${monday} 09:30`, 'high'))
      .when(`${monday} 09:30`)
      .then({ first_response: { status: 'running', targetMinutes: 60, remainingMinutes: 30, dueAt: pk(`${monday} 10:00`), warningAt: pk(`${monday} 09:48`) } });
  });
  it('a lower priority gives more time but does not undo a breach', () => {
    given(submitted(`${monday} 09:00`, 'high'), reprioritized(`${monday} 09:30`, 'low'))
      .when(`${monday} 10:00`)
      .then({ first_response: { status: 'running', targetMinutes: 480, remainingMinutes: 420, warningAt: pk(`${monday} 16:24`) } });
    given(submitted(`${monday} 09:00`, 'high'), reprioritized(`${monday} 11:00`, 'low'))
      .when(`${monday} 11:00`)
      .then({ first_response: { status: 'breached', targetMinutes: 480, breachedAt: pk(`${monday} 10:00`) } });
  });
  it('does not touch a target already met', () => {
    given(submitted(`${monday} 09:00`, 'low'), fact('first_public_agent_reply', `${monday} 11:00`), reprioritized(`${monday} 12:00`, 'high'))
      .when(`${monday} 12:00`)
      .then({ first_response: { status: 'met', targetMinutes: 480, breachedAt: null } });
  });
  it('a reopened ticket is held to the resolution target of its class at the time', () => {
    given(submitted(`${monday} 09:00`, 'medium'), fact('resolved', `${monday} 10:00`), reprioritized(`${monday} 11:00`, 'high'), fact('reopened', `${monday} 12:00`))
      .when(`${monday} 12:00`)
      .then({ resolution: { status: 'running', targetMinutes: 480, elapsedMinutes: 60 } });
  });
  it('a class tightened while resolved holds the reopened ticket to the new target from the reopen', () => {
    given(submitted(`${monday} 09:00`, 'medium'), fact('resolved', '2026-01-06 12:00'), reprioritized('2026-01-06 15:00', 'high'), fact('reopened', '2026-01-07 10:00'))
      .when('2026-01-07 10:00')
      .then({ resolution: { status: 'breached', targetMinutes: 480, elapsedMinutes: 660, breachedAt: pk('2026-01-07 10:00') } });
  });
  it('a change of category within the same class only records it', () => {
    const clock = foldSlaClock(DEFAULT_SLA_POLICY, [submitted(`${monday} 09:00`, 'medium'), reprioritized(`${monday} 10:00`, 'medium', 'question')]);
    expect(clock).toMatchObject({ category: 'question', slaClass: 'medium', targets: { first_response: { targetMs: 240 * 60_000 } } });
  });
});

describe('emergencies', () => {
  it('run on the 24/7 calendar, weekends included', () => {
    given(submitted('2026-01-10 10:00', 'high', 'emergency'))
      .when('2026-01-10 10:20')
      .then({
        state: { slaClass: 'emergency', calendarId: '24x7' },
        first_response: { status: 'running', targetMinutes: 30, elapsedMinutes: 20, dueAt: pk('2026-01-10 10:30'), warningAt: pk('2026-01-10 10:24') },
        resolution: { status: 'running', targetMinutes: 240, dueAt: pk('2026-01-10 14:00'), warningAt: pk('2026-01-10 13:12') },
        nextDeadline: pk('2026-01-10 10:24'),
      });
  });
  it('a ticket re-categorized as an emergency after hours switches to the 24/7 calendar at the change', () => {
    given(submitted('2026-01-09 17:00', 'medium'), reprioritized('2026-01-09 17:20', 'high', 'emergency'))
      .when('2026-01-09 17:25')
      .then({
        state: { slaClass: 'emergency' },
        first_response: { status: 'running', elapsedMinutes: 25, warningAt: pk('2026-01-09 17:24'), dueAt: pk('2026-01-09 17:30') },
        resolution: { status: 'running', elapsedMinutes: 25, dueAt: pk('2026-01-09 21:00') },
        nextDeadline: pk('2026-01-09 17:30'),
      });
  });
  it('an emergency downgraded on a Saturday waits for the office to open', () => {
    given(submitted('2026-01-10 10:00', 'high', 'emergency'), fact('first_public_agent_reply', '2026-01-10 10:10'), reprioritized('2026-01-10 11:00', 'high', 'incident'))
      .when('2026-01-12 10:00')
      .then({ state: { slaClass: 'high', calendarId: 'karachi-office' }, resolution: { status: 'running', targetMinutes: 480, elapsedMinutes: 120 } });
  });
});

describe('warnings', () => {
  it('fall at 80% of a target and then leave the breach as the next deadline', () => {
    given(submitted(`${monday} 09:00`, 'high'))
      .when(`${monday} 09:50`)
      .then({ first_response: { status: 'running', warningAt: pk(`${monday} 09:48`), dueAt: pk(`${monday} 10:00`) }, nextDeadline: pk(`${monday} 10:00`) });
  });
  it('follow the fraction of the policy', () => {
    const halfway = slaPolicy({ id: 'halfway', version: 3, targets: DEFAULT_SLA_TARGETS, warningFraction: 0.5 });
    given(submitted(`${monday} 09:00`, 'high'))
      .under(halfway)
      .when(`${monday} 09:10`)
      .then({ state: { policy: { id: 'halfway', version: 3 } }, first_response: { warningAt: pk(`${monday} 09:30`) }, nextDeadline: pk(`${monday} 09:30`) });
  });
});

describe('the fold', () => {
  const facts = [submitted(`${monday} 09:00`, 'medium'), fact('first_public_agent_reply', `${monday} 10:00`), fact('waiting_on_customer', `${monday} 11:00`), fact('customer_replied', '2026-01-06 09:00')];

  it('gives the same state one fact at a time as all at once, at any instant', () => {
    const stepwise = facts.reduce((clock, f) => evolveSlaClock(DEFAULT_SLA_POLICY, clock, f), null as ReturnType<typeof foldSlaClock>);
    expect(stepwise).toEqual(foldSlaClock(DEFAULT_SLA_POLICY, facts));
    expect(slaClockState(DEFAULT_SLA_POLICY, stepwise!, pk('2026-01-06 12:00')).targets.resolution.elapsedMinutes).toBe(120 + 180);
  });
  it('observes no earlier than its last fact', () => {
    const clock = foldSlaClock(DEFAULT_SLA_POLICY, facts)!;
    expect(slaClockState(DEFAULT_SLA_POLICY, clock, pk('2026-01-01 00:00')).now).toEqual(pk('2026-01-06 09:00'));
  });
  it('refuses to continue under another policy than the one it started with', () => {
    const clock = foldSlaClock(DEFAULT_SLA_POLICY, facts)!;
    const v2 = slaPolicy({ id: 'default', version: 2, targets: DEFAULT_SLA_TARGETS });
    expect(() => slaClockState(v2, clock, pk('2026-01-06 12:00'))).toThrow('This SLA clock runs under policy default v1, not default v2.');
  });
});
