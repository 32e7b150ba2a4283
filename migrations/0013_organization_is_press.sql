-- Whether an organization is a press body. VTV, VOV and the Vietnam News Agency are agencies under the
-- Government (kind government-agency) and also press: the press group includes them through this column
-- instead of a list of ids in code. Editable by admins like every other reference fact.
ALTER TABLE organizations ADD COLUMN is_press boolean NOT NULL DEFAULT false;
UPDATE organizations SET is_press = true WHERE kind = 'press-agency';
UPDATE organizations SET is_press = true
  WHERE is_reference AND id IN ('dai-truyen-hinh-viet-nam', 'dai-tieng-noi-viet-nam', 'thong-tan-xa-viet-nam');
