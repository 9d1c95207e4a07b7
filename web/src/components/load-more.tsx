import { useTranslation } from 'react-i18next';

interface Pager {
  nextCursor: string | null;
  loading: boolean;
  loadMore: () => void;
}

/** "Load more" under a paged table, plus a loading note while a page is on its way. */
export function LoadMore({ list }: { list: Pager }) {
  const { t } = useTranslation();
  return (
    <div className="load-more">
      {list.loading && <p className="hint">{t('common.loading')}</p>}
      {list.nextCursor && !list.loading && (
        <button type="button" onClick={list.loadMore}>
          {t('common.loadMore')}
        </button>
      )}
    </div>
  );
}
