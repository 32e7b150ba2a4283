import type { ReactElement } from 'react';
import type { UserRole } from './types';
import { UnreadAnnouncementsCard } from '../modules/network/web/unread-card';

/** A card of the home page contributed by a module (e.g. unread announcements), one entry each. */
export interface HomeCard {
  id: string;
  /** Roles that see it; everyone signed in when omitted. */
  roles?: readonly UserRole[];
  render: () => ReactElement;
}

export const homeCards: HomeCard[] = [{ id: 'unread-announcements', render: () => <UnreadAnnouncementsCard /> }];
