import { SlaPolicyBook } from '@helpdesk/application';
import { BusinessCalendar, KARACHI_BUSINESS_HOURS } from '@helpdesk/sla';

/**
 * The business calendar rules are judged by (`business_hours` conditions and durations): that of
 * the SLA policy in force for ordinary tickets (its medium class; emergencies run around the
 * clock), else Karachi office hours.
 */
export async function ruleCalendar(policies: SlaPolicyBook): Promise<BusinessCalendar> {
  const policy = await policies.current();
  return policy.classes?.medium?.calendar ?? KARACHI_BUSINESS_HOURS;
}
