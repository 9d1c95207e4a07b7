import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../src/contracts/attachments.ts';
import { uploadAttachment } from '../api/attachments.ts';

export const MAX_FILES = 10;

export interface PendingUpload {
  key: string;
  name: string;
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  error?: string;
  attachment?: Attachment;
  abort?: () => void;
}

/** Files being uploaded for one message: add, remove, and the ids of the finished ones. */
export function useAttachmentUploads() {
  const { t } = useTranslation();
  const [items, setItems] = useState<PendingUpload[]>([]);
  const [announce, setAnnounce] = useState('');
  const seq = useRef(0);
  const live = useRef(items);
  live.current = items;

  const patch = useCallback((key: string, change: Partial<PendingUpload>) => {
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));
  }, []);

  const add = useCallback(
    (files: Iterable<File>) => {
      const list = [...files];
      if (!list.length) return;
      if (live.current.length + list.length > MAX_FILES) {
        setAnnounce(t('attachments.tooMany', { max: MAX_FILES }));
        list.splice(Math.max(0, MAX_FILES - live.current.length));
      }
      for (const file of list) {
        const key = `u${++seq.current}`;
        const handle = uploadAttachment(file, (fraction) => patch(key, { progress: fraction }));
        setItems((cur) => [...cur, { key, name: file.name, progress: 0, state: 'uploading', abort: handle.abort }]);
        handle.done.then(
          (attachment) => {
            patch(key, { state: 'done', progress: 1, attachment, abort: undefined });
            setAnnounce(t('attachments.uploaded', { name: file.name }));
          },
          (err: unknown) => {
            const error = err instanceof Error ? err.message : String(err);
            patch(key, { state: 'failed', error, abort: undefined });
            setAnnounce(t('attachments.failed', { name: file.name, error }));
          },
        );
      }
    },
    [patch, t],
  );

  const remove = useCallback(
    (key: string) => {
      const item = live.current.find((i) => i.key === key);
      item?.abort?.();
      setItems((cur) => cur.filter((i) => i.key !== key));
      if (item) setAnnounce(t('attachments.removed', { name: item.name }));
    },
    [t],
  );

  const clear = useCallback(() => setItems([]), []);
  // Uploads still running when the composer goes away are cancelled.
  useEffect(() => () => live.current.forEach((i) => i.abort?.()), []);

  return {
    items,
    announce,
    add,
    remove,
    clear,
    ids: items.filter((i) => i.state === 'done').map((i) => i.attachment!.id),
    busy: items.some((i) => i.state === 'uploading'),
  };
}
export type AttachmentUploads = ReturnType<typeof useAttachmentUploads>;

/** The "Attach files" button and the removable chips of the files, with per-file progress. */
export function AttachmentPicker({ uploads, disabled }: { uploads: AttachmentUploads; disabled?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="attachments-picker">
      <input
        ref={input}
        id={`${id}-input`}
        type="file"
        multiple
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          uploads.add(e.target.files ?? []);
          e.target.value = '';
        }}
      />
      <button type="button" onClick={() => input.current?.click()} disabled={disabled} aria-describedby={`${id}-hint`}>
        {t('attachments.attach')}
      </button>{' '}
      <span id={`${id}-hint`} className="hint">
        {t('attachments.attachHint')}
      </span>
      {uploads.items.length > 0 && (
        <ul className="plain-list attachment-chips" aria-label={t('attachments.listLabel')}>
          {uploads.items.map((u) => {
            const percent = Math.round(u.progress * 100);
            const label = u.state === 'failed' ? t('attachments.failed', { name: u.name, error: u.error }) : u.state === 'done' ? t('attachments.uploaded', { name: u.name }) : t('attachments.uploading', { name: u.name, percent });
            return (
              <li key={u.key} className="badge" data-state={u.state} style={{ display: 'inline-flex', alignItems: 'center', gap: '0.5rem', margin: '0.25rem 0.5rem 0.25rem 0' }}>
                <span className={u.state === 'failed' ? 'field-error' : undefined}>{u.name}</span>
                {u.state !== 'failed' && <progress max={1} value={u.progress} aria-label={label} />}
                <span className="visually-hidden">{label}</span>
                <button type="button" onClick={() => uploads.remove(u.key)} aria-label={t('attachments.remove', { name: u.name })}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <span role="status" className="visually-hidden">
        {uploads.announce}
      </span>
    </div>
  );
}
