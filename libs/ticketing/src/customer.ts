export const LANGUAGES = ['en', 'ur', 'other'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CHANNELS = ['web', 'email', 'phone', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Asia/Karachi: where the business is; customers elsewhere give their own IANA zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Karachi';

export interface Customer {
  name: string;
  email: string;
  phone?: string;
  /** IANA time zone name. */
  timezone: string;
  language: Language;
}
