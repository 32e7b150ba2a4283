import { Title, type TitleOrder } from '@mantine/core';
import { useEffect } from 'react';

/** The page heading; also sets the document title so that tabs and screen readers name the page. */
export function PageTitle({ children, order = 1 }: { children: string; order?: TitleOrder }) {
  useEffect(() => {
    document.title = `${children} · Nhịp`;
  }, [children]);
  return (
    <Title order={order} mb="md">
      {children}
    </Title>
  );
}
