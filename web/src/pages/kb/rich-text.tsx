import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadAttachment } from '../../api/attachments.ts';

interface Props {
  /** The HTML to show when `resetKey` changes (a loaded article, another language). */
  html: string;
  resetKey: string;
  onChange: (html: string) => void;
  labelId: string;
  lang?: string;
  /** An image upload failed. */
  onError?: (e: unknown) => void;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The article body: a contenteditable with a small toolbar (bold, italic, heading, lists, link,
 * code). What it produces is only a draft: the server sanitizes every save.
 */
export function RichText({ html, resetKey, onChange, labelId, lang, onError }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.innerHTML = html;
    // Only a new article or language replaces what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resetKey]);

  const run = (command: string, value?: string) => {
    ref.current?.focus();
    document.execCommand(command, false, value);
    if (ref.current) onChange(ref.current.innerHTML);
  };
  const link = () => {
    const url = window.prompt(t('kb.editor.linkPrompt'), 'https://');
    if (url && /^(https?:|mailto:)/i.test(url.trim())) run('createLink', url.trim());
  };
  const fileRef = useRef<HTMLInputElement>(null);
  /** Uploads an image through the attachments service and shows it from there. */
  const image = async (file: File) => {
    try {
      const a = await uploadAttachment(file, () => undefined).done;
      run('insertHTML', `<img src="/api/v1/attachments/${a.id}?disposition=inline" alt="${escapeHtml(file.name)}">`);
    } catch (e) {
      onError?.(e);
    }
  };
  const code = () => {
    const text = window.getSelection()?.toString() ?? '';
    run('insertHTML', `<code>${escapeHtml(text || 'code')}</code>`);
  };

  return (
    <div className="rich-text">
      <div role="toolbar" aria-label={t('kb.editor.toolbar')} className="actions">
        <ToolButton label={t('kb.editor.bold')} keys="Control+B" onClick={() => run('bold')}><b>B</b></ToolButton>
        <ToolButton label={t('kb.editor.italic')} keys="Control+I" onClick={() => run('italic')}><i>I</i></ToolButton>
        <ToolButton label={t('kb.editor.heading')} onClick={() => run('formatBlock', 'h2')}>H2</ToolButton>
        <ToolButton label={t('kb.editor.bullets')} onClick={() => run('insertUnorderedList')}>•</ToolButton>
        <ToolButton label={t('kb.editor.numbers')} onClick={() => run('insertOrderedList')}>1.</ToolButton>
        <ToolButton label={t('kb.editor.link')} onClick={link}>URL</ToolButton>
        <ToolButton label={t('kb.editor.code')} onClick={code}>{'</>'}</ToolButton>
        <ToolButton label={t('kb.editor.image')} onClick={() => fileRef.current?.click()}>IMG</ToolButton>
        <input ref={fileRef} type="file" accept="image/png,image/jpeg,image/gif,image/webp" hidden onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void image(f); }} />
      </div>
      <div
        ref={ref}
        className="rich-text-body"
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-labelledby={labelId}
        lang={lang}
        tabIndex={0}
        onInput={(e) => onChange((e.target as HTMLDivElement).innerHTML)}
        style={{ minHeight: '12rem', border: '1px solid #c9ced6', borderRadius: '0.375rem', padding: '0.5rem 0.75rem', background: '#fff' }}
      />
    </div>
  );
}

/** A toolbar button: the glyph is shown, the words are its name (and its tooltip). Keeps the editor's selection. */
function ToolButton({ label, keys, onClick, children }: { label: string; keys?: string; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" title={label} aria-keyshortcuts={keys} onMouseDown={(e) => e.preventDefault()} onClick={onClick}>
      <span aria-hidden="true">{children}</span>
      <span className="visually-hidden">{label}</span>
    </button>
  );
}
