import { randomUUID } from 'node:crypto';
import { EventStore, WrongExpectedRevisionError } from '@helpdesk/event-store';
import { BusinessCalendar, DEFAULT_SLA_POLICY, PolicyError, SlaPolicy, validateCalendar, validatePolicy } from '@helpdesk/sla';
import { Actor } from '@helpdesk/ticketing';

export const SLA_POLICY_STREAM = 'sla-policies';
export const SLA_POLICY_PUBLISHED = 'SlaPolicyPublished';

export interface SlaPolicyRef {
  id: string;
  version: number;
}

/**
 * The SLA policies ever in force: the built-in default as version 1, then every version
 * published through `publish` (an event on `sla-policies`). Versions never change once
 * published, so lookups are cached; a ticket keeps the version in force when it was submitted.
 */
export class SlaPolicyBook {
  private readonly known = new Map<number, SlaPolicy>([[DEFAULT_SLA_POLICY.version, DEFAULT_SLA_POLICY]]);

  constructor(private readonly store: EventStore) {}

  async current(): Promise<SlaPolicy> {
    const [last] = await this.store.readStream(SLA_POLICY_STREAM, { direction: 'backwards', maxCount: 1 });
    return last ? this.remember(last.data.policy as SlaPolicy) : DEFAULT_SLA_POLICY;
  }

  /** The policy a ticket's clock runs on; the default when the ticket predates versioning. */
  async get(ref: SlaPolicyRef | null | undefined): Promise<SlaPolicy> {
    if (!ref || ref.id !== DEFAULT_SLA_POLICY.id) return DEFAULT_SLA_POLICY;
    const cached = this.known.get(ref.version);
    if (cached) return cached;
    for (const event of await this.store.readStream(SLA_POLICY_STREAM)) this.remember(event.data.policy as SlaPolicy);
    return this.known.get(ref.version) ?? DEFAULT_SLA_POLICY;
  }

  async history(): Promise<SlaPolicy[]> {
    const published = (await this.store.readStream(SLA_POLICY_STREAM)).map((e) => this.remember(e.data.policy as SlaPolicy));
    return [DEFAULT_SLA_POLICY, ...published];
  }

  /** Publishes the next version; refuses an invalid policy with every problem named. */
  async publish(change: Pick<SlaPolicy, 'warningFraction' | 'classes'>, actor: Actor, at: Date): Promise<SlaPolicy> {
    for (let attempt = 0; ; attempt++) {
      const events = await this.store.readStream(SLA_POLICY_STREAM);
      const previous = events.length ? (events[events.length - 1].data.policy as SlaPolicy) : DEFAULT_SLA_POLICY;
      const policy: SlaPolicy = { id: DEFAULT_SLA_POLICY.id, version: previous.version + 1, warningFraction: change.warningFraction, classes: change.classes };
      const calendars = new Map<string, BusinessCalendar>(Object.values(policy.classes ?? {}).map((c) => [c?.calendar?.id, c?.calendar] as [string, BusinessCalendar]));
      const errors = [...validatePolicy(policy), ...[...calendars.values()].flatMap((c) => (c ? validateCalendar(c).map((e) => `calendar ${c.id}: ${e}`) : []))];
      if (errors.length > 0) throw new PolicyError(errors);
      const id = randomUUID();
      try {
        await this.store.append(
          SLA_POLICY_STREAM,
          [{ id, type: SLA_POLICY_PUBLISHED, data: { policy: policy as unknown as Record<string, unknown> }, metadata: { eventId: id, correlationId: id, causationId: id, actor, occurredAt: at.toISOString(), schemaVersion: 1 } }],
          events.length ? events[events.length - 1].revision : 'no_stream',
        );
        return this.remember(policy);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= 5) throw error;
      }
    }
  }

  private remember(policy: SlaPolicy): SlaPolicy {
    this.known.set(policy.version, policy);
    return policy;
  }
}
