import { useEffect, useState } from 'preact/hooks';
import { Customer } from '../api/types';
import { useApp } from '../app-context';
import { safeZone } from '../format';

/** Who is asking, and what time it is where they are (when to call, when they will read a reply). */
export function CustomerCard({ customer }: { customer: Customer }) {
  const { t, fmt } = useApp();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const zone = safeZone(customer.timezone, 'UTC');
  return (
    <section aria-labelledby="customer-title" class="card">
      <h2 id="customer-title">{t('ticket.customer')}</h2>
      <dl>
        <dt>{t('ticket.customer.name')}</dt>
        <dd dir="auto">{customer.name}</dd>
        <dt>{t('ticket.customer.email')}</dt>
        <dd dir="ltr">{customer.email.includes('(masked)') ? customer.email : <a href={`mailto:${customer.email}`}>{customer.email}</a>}</dd>
        {customer.phone && (
          <>
            <dt>{t('ticket.customer.phone')}</dt>
            <dd dir="ltr">{customer.phone}</dd>
          </>
        )}
        <dt>{t('ticket.customer.language')}</dt>
        <dd>{t('language', { language: customer.language })}</dd>
        <dt>{t('ticket.customer.localTime')}</dt>
        <dd data-field="customer-time">{t('ticket.customer.localTimeValue', { time: fmt.time(now, zone), zone })}</dd>
      </dl>
    </section>
  );
}
