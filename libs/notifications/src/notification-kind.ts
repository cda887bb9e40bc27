/** What a notification tells its recipient. Each kind has one template per language. */
export const NOTIFICATION_KINDS = ['acknowledgement', 'agent_reply', 'waiting_on_customer', 'resolved', 'closed', 'assigned', 'sla_warning', 'email_verification', 'auto_close_reminder', 'rule_notice'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Customers hear about their requests; agents (staff) about work given to them and what automation rules tell them. */
export type Audience = 'customer' | 'agent';

export const AUDIENCE_OF: Record<NotificationKind, Audience> = {
  acknowledgement: 'customer',
  agent_reply: 'customer',
  waiting_on_customer: 'customer',
  resolved: 'customer',
  closed: 'customer',
  auto_close_reminder: 'customer',
  assigned: 'agent',
  sla_warning: 'agent',
  rule_notice: 'agent',
  email_verification: 'customer',
};

/** Only email today; the channel is part of a notification's identity so others can follow. */
export type NotificationChannel = 'email';

/** The languages templates exist in; a customer's 'other' is written to in English. */
export type TemplateLanguage = 'en' | 'ur';
