/** Shapes of the monitoring API as the web app reads them. */
export interface MonitoringDocument {
  id: string;
  url: string | null;
  title: string;
  publishedAt: string;
  source: string;
  kind: 'news' | 'social';
  lang: string;
  storyId: string | null;
  sentiment: 'positive' | 'negative' | 'neutral' | null;
  sentimentReasons: string[];
  topic: string | null;
  entityIds: string[];
  /** The legal documents the text cites, by name. */
  policies: string[];
  snippet: string;
}

export interface SavedQuery {
  id: string;
  organizationId: string;
  name: string;
  query: string;
  isAccentExact: boolean;
  isActive: boolean;
  linkType: 'policy' | 'plan' | 'incident' | null;
  linkId: string | null;
}

export interface QueryPreview {
  isValid: boolean;
  error?: { message: string; position: number; length: number };
  matches?: MonitoringDocument[];
}

/** A source with its health, as the API returns it (`sourceViewSchema`). */
export type { SourceView as MonitoringSource } from '../contracts';

/** A language model that learns from officers' corrections. */
export type ModelKind = 'sentiment' | 'topic';

/** A version learned from corrections (`GET /monitoring/models/{kind}`). */
export interface ModelVersion {
  kind: ModelKind;
  version: number;
  parentVersion: number;
  examples: number;
  agreedBefore: number;
  agreedAfter: number;
  isActive: boolean;
  createdAt: string;
  activatedAt: string | null;
  /** Of the latest stored documents no officer corrected, how many it read when trained and how many labels it would change. */
  preview: { documents: number; changed: number } | null;
}

/** The latest re-labelling of the documents stored before an activation. */
export interface RelabelRun {
  id: number;
  kind: ModelKind;
  version: number;
  status: 'running' | 'done' | 'superseded';
  total: number | null;
  examined: number;
  relabelled: number;
  keptCorrected: number;
  keptPurged: number;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface ModelList {
  kind: ModelKind;
  shippedVersion: number;
  activeVersion: number;
  corrections: number;
  versions: ModelVersion[];
  relabel: RelabelRun | null;
}

/** A JSONL/CSV export uploaded through the web and imported in the background (the API's own type). */
export type { FileImport } from '../file-imports';
