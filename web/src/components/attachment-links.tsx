import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../src/contracts/attachments.ts';
import { isPreviewable } from '../api/attachments.ts';

export function formatSize(bytes: number, locale?: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[u], unitDisplay: 'short', maximumFractionDigits: u ? 1 : 0 }).format(n);
}

/** A message's files as download links; PNG, JPEG, GIF and WebP images with a thumbnail. */
export function AttachmentLinks({ attachments }: { attachments: AttachmentRef[] }) {
  const { t, i18n } = useTranslation();
  if (!attachments.length) return null;
  return (
    <ul className="plain-list message-attachments" aria-label={t('attachments.filesOnMessage')}>
      {attachments.map((a) => {
        const size = formatSize(a.size, i18n.language);
        return (
          <li key={a.id}>
            <a href={a.url} download={a.filename} aria-label={t('attachments.download', { name: a.filename, size })}>
              {isPreviewable(a.contentType) && (
                <img src={`${a.url}?disposition=inline`} alt={t('attachments.preview', { name: a.filename })} loading="lazy" style={{ maxWidth: '12rem', maxHeight: '8rem', display: 'block' }} />
              )}
              {a.filename}
            </a>{' '}
            <span className="hint">({size})</span>
          </li>
        );
      })}
    </ul>
  );
}
