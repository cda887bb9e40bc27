import { useApp } from '../app-context';
import { useTitle } from '../route';
import { canAudit } from './audit-roles';
import { AuditTrail } from './AuditTrail';
import { CheckpointsSection } from './CheckpointsSection';
import { VerifyLookup } from './VerifyLookup';
import './audit.css';

/** The auditor's overview: the trail with its filters and exports, a ticket's chain verified, the signed checkpoints. */
export function AuditPage() {
  const { t, user, fmt } = useApp();
  useTitle(`${t('audit.title')} · ${t('app.title')}`);
  if (!canAudit(user.role)) {
    return (
      <p class="error" role="alert">
        {t('error.forbidden')}
      </p>
    );
  }
  return (
    <div class="audit">
      <h1>{t('audit.title')}</h1>
      <p class="muted">
        {t('audit.intro')} {t('audit.zone', { zone: fmt.timeZone })}
      </p>
      <AuditTrail />
      <div class="audit-grid">
        <VerifyLookup />
        <CheckpointsSection />
      </div>
    </div>
  );
}
