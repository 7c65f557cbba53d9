import { Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The page's one h1; the document title follows it, so the browser tab and screen readers name the page. */
export function PageTitle({ children }: { children: string }) {
  const { t } = useTranslation();
  const appTitle = t('app.title');
  useEffect(() => {
    document.title = `${children} — ${appTitle}`;
    return () => {
      document.title = appTitle;
    };
  }, [children, appTitle]);
  return <Title order={1}>{children}</Title>;
}
