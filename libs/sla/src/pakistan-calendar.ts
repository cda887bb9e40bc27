import { BusinessCalendar, businessCalendar, Holiday } from './business-calendar';

/**
 * Pakistani public holidays of 2026, as named examples to copy and maintain each year.
 * The Eid dates follow the lunar calendar and are announced close to the day: adjust them
 * (and add Ashura, Eid Milad-un-Nabi, ...) once the government confirms them.
 */
export const PAKISTAN_HOLIDAYS_2026: readonly Holiday[] = [
  { name: 'Kashmir Solidarity Day', date: '2026-02-05' },
  { name: 'Eid ul-Fitr (approximate)', from: '2026-03-20', to: '2026-03-22' },
  { name: 'Pakistan Day', date: '2026-03-23' },
  { name: 'Labour Day', date: '2026-05-01' },
  { name: 'Eid ul-Adha (approximate)', from: '2026-05-27', to: '2026-05-29' },
  { name: 'Independence Day', date: '2026-08-14' },
  { name: 'Iqbal Day', date: '2026-11-09' },
  { name: 'Quaid-e-Azam Day', date: '2026-12-25' },
];

/** Karachi office hours: Monday to Friday, 09:00-13:00 and 14:00-18:00 PKT (an hour for lunch), 8 business hours a day. */
export const KARACHI_BUSINESS_HOURS: BusinessCalendar = businessCalendar({
  id: 'karachi-office',
  zone: 'Asia/Karachi',
  hours: [
    ['09:00', '13:00'],
    ['14:00', '18:00'],
  ],
  weekend: ['sat', 'sun'],
  holidays: PAKISTAN_HOLIDAYS_2026,
});
