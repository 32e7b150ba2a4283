/** UI-side shapes of the trends API (web code never imports server modules). */
export interface VolumePoint {
  bucket: string;
  positive: number;
  negative: number;
  neutral: number;
  unknown: number;
  total: number;
}
export interface Dashboard {
  from: string;
  to: string;
  interval: 'hour' | 'day';
  volume: VolumePoint[];
  sentimentTrend: { bucket: string; negativeShare: number | null }[];
  outlets: { sourceKey: string; kind: string; mentions: number; negative: number; share: number }[];
  kinds: { kind: string; mentions: number; share: number }[];
  topStories: {
    storyId: string;
    title: string;
    mentions: number;
    negative: number;
    reach: number;
    outlets: number;
    firstPublishedAt: string | null;
  }[];
  topEntities: { entityId: string; name: string; mentions: number; negative: number }[];
  topics: { topic: string; mentions: number; share: number }[];
  totals: { mentions: number; negative: number; negativeShare: number | null };
  previous: { mentions: number; negativeShare: number | null; mentionsChange: number | null; negativeShareChange: number | null };
  futureDatedDocuments: number;
}
export interface Mention {
  id: string;
  url: string | null;
  title: string;
  publishedAt: string;
  source: string;
  kind: string;
  storyId: string | null;
  sentiment: string | null;
}
export interface Forecast {
  history: { at: string; mentions: number }[];
  forecast: { at: string; mean: number; lower: number; upper: number }[];
  backtest: { mase: number | null; seasonalNaiveMase: number | null; folds: number; intervalCoverage: number | null };
  isInsufficientHistory: boolean;
}
export interface EmergingTerm {
  phrase: string;
  mentions: number;
  baseline: number;
  suggestedQuery: string;
}
export interface Alert {
  id: string;
  rule: string;
  query: string | null;
  kind: string;
  startedAt: string;
  detectedAt: string;
  score: number;
  mentions: number;
  status: 'open' | 'acknowledged' | 'resolved';
  assigneeUserId: string | null;
  incidentRequestedAt: string | null;
  incidentLink: string | null;
  queryId: string | null;
}
export interface Rule {
  id: string;
  name: string;
  kind: string;
  queryId: string | null;
  params: Record<string, unknown>;
  channels: { inApp: boolean; emails: string[]; webhookUrl: string | null };
  cooldownMinutes: number;
  isEnabled: boolean;
}
export interface SavedQuery {
  id: string;
  name: string;
  /** What the query is linked to (the API's saved query); a policy is usually a legal register id. */
  linkType: 'policy' | 'plan' | 'incident' | null;
  linkId: string | null;
}
