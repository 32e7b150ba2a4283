import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A light badge for a status in words: it keeps its case and wraps onto a second line in a narrow column instead of
 * being cut off (Mantine's badge truncates with an ellipsis; a cut-off status says nothing).
 */
export function StatusBadge({ color, title, children }: { color: BadgeProps['color']; title?: string; children: ReactNode }) {
  return (
    <Badge
      color={color}
      variant="light"
      title={title}
      styles={{
        root: { textTransform: 'none', height: 'auto', paddingBlock: 2 },
        label: { whiteSpace: 'normal', overflow: 'visible', lineHeight: 1.3 },
      }}
    >
      {children}
    </Badge>
  );
}
