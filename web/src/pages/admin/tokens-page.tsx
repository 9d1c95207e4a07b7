import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken, TokenScope } from '../../../../src/contracts/auth.ts';
import { tokensApi } from '../../api/endpoints.ts';
import { CopyField } from '../../components/copy-field.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError } from '../../components/errors.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { LoadMore } from '../../components/load-more.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useFormatDate } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';

const scopeList: readonly TokenScope[] = ['read', 'write', 'admin'];
const FIELDS = ['name', 'scope'] as const;

export function TokensPage() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const list = usePagedList((cursor) => tokensApi.list({ cursor }), 'tokens');
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('read');
  const [pending, setPending] = useState(false);
  const [createError, setCreateError] = useState<unknown>(null);
  const [rowError, setRowError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [status, setStatus] = useState('');
  useDocumentTitle(`${t('admin.tokens')} – ${t('admin.title')}`);

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setCreateError(null);
    setSecret(null);
    try {
      const res = await tokensApi.create({ name: name.trim(), scope });
      setSecret({ name: res.token.name, value: res.secret });
      setStatus(t('tokens.created', { name: res.token.name }));
      list.setItems((items) => [res.token, ...items.filter((x) => x.id !== res.token.id)]);
      setName('');
      setScope('read');
    } catch (err) {
      setCreateError(err);
    } finally {
      setPending(false);
    }
  }

  async function revoke(token: ApiToken) {
    setBusyId(token.id);
    setRowError(null);
    try {
      await tokensApi.revoke(token.id);
      const revokedAt = new Date().toISOString();
      list.setItems((items) => items.map((x) => (x.id === token.id ? { ...x, revokedAt: x.revokedAt ?? revokedAt } : x)));
      setStatus(t('tokens.revokedMessage', { name: token.name }));
    } catch (err) {
      setRowError(err);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('admin.tokens')}</h2>
      <p>{t('tokens.intro')}</p>
      <section className="subpanel" aria-labelledby="create-token-title">
        <h3 id="create-token-title">{t('tokens.createTitle')}</h3>
        <form className="inline-form" onSubmit={(e) => void create(e)} noValidate aria-labelledby="create-token-title">
          <ErrorAlert error={createError} fields={FIELDS} />
          <div className="form-row">
            <TextField
              label={t('tokens.name')}
              name="name"
              required
              maxLength={120}
              autoComplete="off"
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={fieldError(createError, 'name')}
            />
            <SelectField
              label={t('tokens.scope')}
              name="scope"
              value={scope}
              onChange={(e) => setScope(e.target.value as TokenScope)}
              options={scopeList.map((s) => [s, t(`scopes.${s}`)] as const)}
              error={fieldError(createError, 'scope')}
            />
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={pending}>
              {t('tokens.create')}
            </button>
          </div>
        </form>
        {secret && (
          <div className="created-box">
            <p className="warning">
              <strong>{t('tokens.secretWarning')}</strong>
            </p>
            <CopyField label={t('tokens.secret')} value={secret.value} />
          </div>
        )}
      </section>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={rowError ?? list.error} />
      <div className="table-wrap">
        <table aria-busy={list.loading}>
          <caption className="visually-hidden">{t('tokens.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tokens.name')}</th>
              <th scope="col">{t('tokens.scope')}</th>
              <th scope="col">{t('tokens.createdAt')}</th>
              <th scope="col">{t('tokens.lastUsed')}</th>
              <th scope="col">{t('tokens.status')}</th>
              <th scope="col">{t('tokens.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((token) => (
              <tr key={token.id} className={token.revokedAt ? 'inactive' : undefined}>
                <th scope="row">{token.name}</th>
                <td>{t(`scopes.${token.scope}`)}</td>
                <td>{formatDate(token.createdAt)}</td>
                <td>{token.lastUsedAt ? formatDate(token.lastUsedAt) : t('common.never')}</td>
                <td>
                  <span className={`badge ${token.revokedAt ? 'badge-muted' : 'badge-ok'}`}>
                    {token.revokedAt ? t('tokens.revoked') : t('tokens.active')}
                  </span>
                </td>
                <td>
                  {!token.revokedAt && (
                    <button
                      type="button"
                      className="danger"
                      disabled={busyId === token.id}
                      aria-label={t('tokens.revokeToken', { name: token.name })}
                      onClick={() => void revoke(token)}
                    >
                      {t('tokens.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.items.length === 0 && <p className="empty">{t('tokens.empty')}</p>}
      <LoadMore list={list} />
    </section>
  );
}
