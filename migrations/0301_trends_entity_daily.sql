-- Daily entity rollup (Vietnam days) so long dashboard ranges read ~24x fewer rows than the hourly one.
-- Backfilled from trends_entity_hourly in this migration (one read of that table; runs at boot before the workers).
CREATE TABLE trends_entity_daily (
  scope text NOT NULL,
  day date NOT NULL,
  entity_id text NOT NULL,
  sentiment text NOT NULL,
  mentions integer NOT NULL,
  PRIMARY KEY (scope, day, entity_id, sentiment)
);
INSERT INTO trends_entity_daily (scope, day, entity_id, sentiment, mentions)
SELECT scope, (hour AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, entity_id, sentiment, sum(mentions)
FROM trends_entity_hourly GROUP BY 1, 2, 3, 4;

-- Top stories of a range are picked from each day's biggest stories: this index answers "top N of one day" directly.
-- Builds an index on trends_story_daily (locks writes to it while building; the table is small next to the documents).
CREATE INDEX trends_story_daily_top_idx ON trends_story_daily (scope, day, mentions DESC);
