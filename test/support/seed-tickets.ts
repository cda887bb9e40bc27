import { TicketCommandRunner, TicketNumberAllocator } from '@helpdesk/application';
import { EventStore } from '@helpdesk/event-store';
import { ManualClock } from '@helpdesk/shared';
import { Actor } from '@helpdesk/ticketing';

/**
 * Works `count` tickets through realistic lives (about six events each) with the real command
 * path, spreading them over agents, categories and time.
 */
export async function seedTickets(store: EventStore, count: number, clock = new ManualClock('2026-01-05T04:00:00.000Z')): Promise<void> {
  const runner = new TicketCommandRunner(store, new TicketNumberAllocator(store, 500), clock, { autoCloseAfterDays: 7 });
  const categories = ['emergency', 'alert', 'question', 'incident', 'feature_request', 'general'] as const;
  for (let i = 0; i < count; i++) {
    clock.advance(7 * 60_000);
    const email = `c${i % 50}@example.com`;
    const customer: Actor = { id: `cust-${i % 50}`, role: 'customer' };
    const env = (actor: Actor) => ({ actor, scope: { email }, correlationId: `seed-${i}` });
    const agent: Actor = { id: `agent-${i % 7}`, role: 'agent' };
    const channel = (['web', 'email', 'phone', 'api'] as const)[i % 4];
    // Customers write in by web or API; email and phone tickets are recorded by the helpdesk's side.
    const submitter: Actor = channel === 'email' ? { id: 'mail', role: 'system' } : channel === 'phone' ? agent : customer;
    const { id } = await runner.submit(
      {
        subject: `Seeded ticket ${i}`,
        description: 'Generated for a test',
        channel,
        category: categories[i % categories.length],
        customer: { name: `Customer ${i % 50}`, email, timezone: 'Asia/Karachi', language: i % 3 ? 'en' : 'ur' },
      },
      env(submitter),
    );
    if (i % 5 === 4) continue; // a fifth stay unassigned
    await runner.execute(id, { type: 'AssignTicket', data: { agentId: agent.id } }, env({ id: 'sup', role: 'supervisor' }));
    await runner.execute(id, { type: 'StartWork', data: {} }, env(agent));
    await runner.execute(id, { type: 'AddComment', data: { commentId: `c-${i}`, body: 'On it', visibility: 'public' } }, env(agent));
    if (i % 3 === 0) continue;
    await runner.execute(id, { type: 'ResolveTicket', data: { resolution: 'Fixed' } }, env(agent));
    if (i % 2) await runner.execute(id, { type: 'ConfirmResolution', data: {} }, env(customer));
  }
}
