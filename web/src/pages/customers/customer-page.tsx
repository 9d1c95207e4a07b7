import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Customer } from '../../../../src/contracts/customers.ts';
import { customersApi, type CustomerPatch } from '../../api/endpoints.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { TextField } from '../../components/fields.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { SubmitRow } from '../../components/submit-row.tsx';
import { rememberCustomer } from '../../lib/lookups.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { CustomerMerge } from './customer-merge.tsx';
import { CustomerOpenTickets } from './customer-open-tickets.tsx';
import { CustomerPrivacy } from './customer-privacy.tsx';
import { CustomerTimeline } from './customer-timeline.tsx';
import { CustomerHealthPanel } from './customer-health.tsx';
import { CustomerOrders } from './customer-orders.tsx';
import { CustomerJourney } from '../journeys/customer-journey.tsx';

/** /customers/:id */
export function CustomerPage() {
  const { id = '' } = useParams();
  return <CustomerView key={id} id={id} />;
}

function CustomerView({ id }: { id: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState('');
  const name = customer ? customer.name || t('customers.unnamed') : '';
  useDocumentTitle(customer ? `${name} – ${t('customers.title')}` : t('customers.title'));

  const [version, setVersion] = useState(0);
  useEffect(() => {
    let active = true;
    customersApi.get(id).then(
      (c) => {
        if (!active) return;
        rememberCustomer(c);
        setCustomer(c);
      },
      (err: unknown) => active && setError(err),
    );
    return () => {
      active = false;
    };
  }, [id, version]);
  const reload = () => setVersion((v) => v + 1);

  if (!customer) {
    return (
      <section className="panel" aria-labelledby="customer-title">
        <h1 id="customer-title">{t('customers.title')}</h1>
        <ErrorAlert error={error} />
        {!error && <p className="hint">{t('common.loading')}</p>}
        <Link to="/customers">{t('customers.title')}</Link>
      </section>
    );
  }

  return (
    <div className="customer">
      <p className="back-link">
        <Link to="/customers">{t('customers.title')}</Link>
      </p>
      <section className="panel" aria-labelledby="customer-title">
        <div className="subpanel-head">
          <h1 id="customer-title">{name}</h1>
          {can('customers.manage') && !editing && (
            <button type="button" onClick={() => setEditing(true)}>
              {t('customers.edit')}
            </button>
          )}
        </div>
        <StatusMessage>{status || null}</StatusMessage>
        {editing ? (
          <CustomerForm
            customer={customer}
            onSaved={(c) => {
              rememberCustomer(c);
              setCustomer(c);
              setEditing(false);
              setStatus(t('customers.saved'));
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <CustomerDetails customer={customer} />
        )}
      </section>
      <section className="panel" aria-labelledby="identities-title">
        <h2 id="identities-title">{t('customers.identities')}</h2>
        {customer.identities.length ? (
          <ul className="identity-list">
            {customer.identities.map((i) => (
              <li key={i.id}>
                <span className="identity-kind">{t(`customers.kinds.${i.kind}`)}</span>
                <span className="identity-value">{i.value}</span>
                {i.verified && <span className="badge badge-ok">{t('customers.verified')}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">—</p>
        )}
      </section>
      {customer.mergedInto && (
        <p className="notice" role="status">
          {t('customer360.merge.mergedAway')} <Link to={`/customers/${customer.mergedInto}`}>{t('customer360.merge.openSurvivor')}</Link>
        </p>
      )}
      {!customer.mergedInto && <CustomerHealthPanel customerId={customer.id} />}
      {can('tickets.read') && !customer.mergedInto && <CustomerOpenTickets customerId={customer.id} />}
      {!customer.mergedInto && <CustomerOrders customerId={customer.id} />}
      <CustomerJourney customerId={customer.id} />
      <CustomerTimeline key={version} customerId={customer.id} readOnly={!!customer.erasedAt || !!customer.mergedInto} />
      {!customer.mergedInto && !customer.erasedAt && <CustomerMerge customer={customer} onChanged={reload} />}
      {can('customers.privacy') && <CustomerPrivacy customer={customer} onErased={reload} />}
    </div>
  );
}

function CustomerDetails({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation();
  const notSet = <span className="muted">{t('customers.notSet')}</span>;
  const flag = (v: boolean | undefined) => (v === undefined ? notSet : v ? t('customers.yes') : t('customers.no'));
  return (
    <dl className="details">
      <dt>{t('customers.name')}</dt>
      <dd>{c.name || notSet}</dd>
      <dt>{t('customers.language')}</dt>
      <dd>{c.language ?? notSet}</dd>
      <dt>{t('customers.timeZone')}</dt>
      <dd>{c.timeZone ?? notSet}</dd>
      <dt>{t('customers.company')}</dt>
      <dd>{c.company ?? notSet}</dd>
      <dt>{t('customers.tags')}</dt>
      <dd>
        {c.tags.length
          ? c.tags.map((tag) => (
              <span key={tag} className="badge badge-muted">
                {tag}
              </span>
            ))
          : notSet}
      </dd>
      <dt>{t('customers.consent')}</dt>
      <dd>
        <ul className="plain-list">
          <li>
            {t('customers.marketingEmail')}: {flag(c.consent.marketingEmail)}
          </li>
          <li>
            {t('customers.sms')}: {flag(c.consent.sms)}
          </li>
          <li>
            {t('customers.calls')}: {flag(c.consent.calls)}
          </li>
        </ul>
      </dd>
    </dl>
  );
}

const FIELDS = ['name', 'company', 'tags', 'language'] as const;

function CustomerForm({ customer, onSaved, onCancel }: { customer: Customer; onSaved: (c: Customer) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(customer.name);
  const [company, setCompany] = useState(customer.company ?? '');
  const [tags, setTags] = useState(customer.tags.join(', '));
  const [language, setLanguage] = useState(customer.language ?? '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const body: CustomerPatch = {
      name: name.trim(),
      company: company.trim() || null,
      language: language.trim() || null,
      tags: tags
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    };
    try {
      onSaved(await customersApi.update(customer.id, body));
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('customers.edit')} className="customer-form">
      <ErrorAlert error={error} fields={FIELDS} />
      <div className="form-row">
        <TextField label={t('customers.name')} name="name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(error, 'name')} />
        <TextField
          label={t('customers.company')}
          name="company"
          maxLength={200}
          value={company}
          onChange={(e) => setCompany(e.target.value)}
          error={fieldError(error, 'company')}
        />
      </div>
      <div className="form-row">
        <TextField
          label={t('customers.tags')}
          name="tags"
          hint={t('customers.tagsHint')}
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          error={fieldError(error, 'tags')}
        />
        <TextField
          label={t('customers.language')}
          name="language"
          hint={t('customers.languageHint')}
          maxLength={35}
          value={language}
          onChange={(e) => setLanguage(e.target.value)}
          error={fieldError(error, 'language')}
        />
      </div>
      <div className="actions">
        <SubmitRow label={t('customers.save')} pendingLabel={t('common.saving')} pending={pending} />
        <button type="button" onClick={onCancel} disabled={pending}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
