import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';

interface Draft {
  text: string;
  language: string;
  sources: { articleId: string; language: string; title: string }[];
}

let drafting: Promise<boolean> | null = null;
/** Whether this server drafts replies (asked once per page load). */
const draftingOn = () => (drafting ??= api.get<{ drafting: boolean }>('/api/v1/kb-assist').then((r) => r.drafting, () => false));

/**
 * "Draft a reply" (Alt+D): a reply written by the server's model from the knowledge base, put in
 * the reply box for the agent to read and edit. Shown only when the server has it (DRAFT_AI_URL).
 */
export function DraftButton({ conversationId, disabled, onDraft, onError, onStatus }: { conversationId: string; disabled: boolean; onDraft: (text: string) => void; onError: (e: unknown) => void; onStatus: (s: string) => void }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    void draftingOn().then((v) => live && setOn(v));
    return () => {
      live = false;
    };
  }, []);

  async function draft() {
    if (busy || disabled) return;
    setBusy(true);
    onStatus(t('kbAssist.drafting'));
    try {
      const d = await api.post<Draft>(`/api/v1/conversations/${encodeURIComponent(conversationId)}/draft-answer`);
      onDraft(d.text);
      onStatus(d.sources.length ? t('kbAssist.draftedFrom', { titles: d.sources.map((s) => s.title).join(', ') }) : t('kbAssist.drafted'));
    } catch (e) {
      onStatus('');
      onError(e);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (!on) return;
    const key = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.key.toLowerCase() === 'd') {
        e.preventDefault();
        void draft();
      }
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  });

  if (!on) return null;
  return (
    <button type="button" onClick={() => void draft()} disabled={disabled || busy} aria-keyshortcuts="Alt+D" aria-busy={busy}>
      {t('kbAssist.draft')}
    </button>
  );
}
