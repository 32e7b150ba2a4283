import { describe, expect, it } from 'vitest';
import { referenceOrganizations as orgs } from './reference-data';
import {
  currentSuccessors,
  findOrganizationMentions,
  findOrganizationsByName,
  organizationMatchKey,
  organizationNameOn,
  orgsInForce,
  resolveGroupPhrase,
} from './resolve';

const ids = (list: readonly { id: string }[]) => list.map((organization) => organization.id);
const firstId = (text: string, date?: string) => findOrganizationsByName(orgs, text, date)[0]?.organization.id;

describe('organizationMatchKey', () => {
  it('folds diacritics, case and abbreviations of head words', () => {
    expect(organizationMatchKey('UBND tỉnh Hà Giang')).toBe('uy ban nhan dan tinh ha giang');
    expect(organizationMatchKey('Uỷ ban nhân dân TP. Hồ Chí Minh')).toBe('uy ban nhan dan thanh pho ho chi minh');
    expect(organizationMatchKey('Bộ TT & TT')).toBe(organizationMatchKey('Bộ TT&TT'));
  });
});

describe('findOrganizationsByName', () => {
  it('matches with and without diacritics, in any case', () => {
    expect(firstId('Bộ Y tế')).toBe('bo-y-te');
    expect(firstId('bo y te')).toBe('bo-y-te');
    expect(firstId('BỘ Y TẾ')).toBe('bo-y-te');
    expect(firstId('bo thong tin va truyen thong')).toBe('bo-thong-tin-va-truyen-thong');
    expect(firstId('Bo Van hoa, The thao va Du lich')).toBe('bo-van-hoa-the-thao-va-du-lich');
  });

  it('matches abbreviations and names without "Bộ"', () => {
    expect(firstId('BTTTT')).toBe('bo-thong-tin-va-truyen-thong');
    expect(firstId('Bộ TT&TT')).toBe('bo-thong-tin-va-truyen-thong');
    expect(firstId('VPCP')).toBe('van-phong-chinh-phu');
    expect(firstId('TTXVN')).toBe('thong-tan-xa-viet-nam');
    expect(firstId('Tư pháp')).toBe('bo-tu-phap');
    expect(firstId('UBND tỉnh Hà Giang')).toBe('tinh-ha-giang');
    expect(firstId('uy ban nhan dan thanh pho ho chi minh')).toBe('thanh-pho-ho-chi-minh');
    expect(firstId('TP.HCM')).toBe('thanh-pho-ho-chi-minh');
  });

  it('prefers the body in force on the date when two share a name', () => {
    expect(firstId('Cục Báo chí', '2022-03-09')).toBe('cuc-bao-chi-bo-tttt');
    expect(firstId('Cục Báo chí', '2026-11-25')).toBe('cuc-bao-chi');
  });

  it('still finds a body that has ceased, flagged as not in force', () => {
    const [match] = findOrganizationsByName(orgs, 'Bộ Thông tin và Truyền thông', '2026-11-25');
    expect(match).toMatchObject({ score: 1, isInForce: false });
    expect(match!.organization.id).toBe('bo-thong-tin-va-truyen-thong');
  });

  it('ranks prefix matches below exact ones', () => {
    const matches = findOrganizationsByName(orgs, 'bo noi', '2026-11-25');
    expect(matches[0]!.organization.id).toBe('bo-noi-vu');
    expect(matches[0]!.score).toBe(0.7);
    expect(findOrganizationsByName(orgs, 'x')).toEqual([]);
  });
});

describe('findOrganizationMentions', () => {
  it('finds bodies in running text, longest first, ignoring document symbols', () => {
    const text =
      'Số: 837/BTTTT-CBC. Chính phủ đã giao Bộ Thông tin và Truyền thông chủ trì; gửi về BTTTT (qua Cục Báo chí) và UBND tỉnh Hà Giang.';
    const mentions = findOrganizationMentions(orgs, text, '2022-03-09');
    expect(mentions.map((mention) => mention.text)).toEqual([
      'Chính phủ',
      'Bộ Thông tin và Truyền thông',
      'BTTTT',
      'Cục Báo chí',
      'UBND tỉnh Hà Giang',
    ]);
    expect(ids(mentions[3]!.organizations)).toEqual(['cuc-bao-chi-bo-tttt']);
    expect(text.slice(mentions[1]!.start, mentions[1]!.end)).toBe('Bộ Thông tin và Truyền thông');
  });

  it('does not take common words for bodies', () => {
    const mentions = findOrganizationMentions(orgs, 'Ngành y tế và các cơ quan nhân dân ở Hà Nội, ngày 9 tháng 3.', '2022-03-09');
    expect(mentions).toEqual([]);
  });

  it('flags a former body named in a later text', () => {
    const [mention] = findOrganizationMentions(orgs, 'Bộ TT&TT cũ', '2026-01-01');
    expect(mention).toMatchObject({ isInForce: false });
    expect(ids(mention!.organizations)).toEqual(['bo-thong-tin-va-truyen-thong']);
  });
});

describe('resolveGroupPhrase', () => {
  const full = 'Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ và Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương';

  it('expands the full address of Chỉ thị 07/CT-TTg on its date', () => {
    const resolution = resolveGroupPhrase(orgs, full, '2023-03-21');
    expect(resolution.groups.map((group) => group.group).sort()).toEqual([
      'government-agencies',
      'ministerial-agencies',
      'ministries',
      'provinces',
    ]);
    expect(resolution.organizations).toHaveLength(18 + 4 + 9 + 63);
    expect(ids(resolution.organizations)).toContain('bo-thong-tin-va-truyen-thong');
    expect(ids(resolution.organizations)).not.toContain('bao-tuoi-tre');
  });

  it('expands the same address to the 2026 state', () => {
    expect(resolveGroupPhrase(orgs, full, '2026-11-25').organizations).toHaveLength(14 + 3 + 5 + 34);
  });

  it('resolves each group on its own', () => {
    const on = '2026-11-25';
    expect(resolveGroupPhrase(orgs, 'các bộ, cơ quan ngang bộ', on).organizations).toHaveLength(17);
    expect(resolveGroupPhrase(orgs, 'cơ quan thuộc Chính phủ', on).organizations).toHaveLength(5);
    expect(resolveGroupPhrase(orgs, 'UBND các tỉnh, thành phố', '2022-03-09').organizations).toHaveLength(63);
    expect(resolveGroupPhrase(orgs, 'UBND các tỉnh, TP', on).organizations).toHaveLength(34);
    expect(resolveGroupPhrase(orgs, 'các địa phương', on).organizations).toHaveLength(34);
    expect(resolveGroupPhrase(orgs, 'cac bo, co quan ngang bo', on).organizations).toHaveLength(17);
  });

  it('resolves the forms of the "responsible for implementation" clause of decrees', () => {
    const on = '2022-03-09';
    const heads =
      'các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương chịu trách nhiệm thi hành Nghị định này';
    expect(resolveGroupPhrase(orgs, heads, on).organizations).toHaveLength(18 + 4 + 9 + 63);
    const singular =
      'Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương chịu trách nhiệm';
    expect(
      resolveGroupPhrase(orgs, singular, on)
        .groups.map((group) => group.group)
        .sort(),
    ).toEqual(['ministerial-agencies', 'ministries', 'provinces']);
    expect(resolveGroupPhrase(orgs, 'Bộ, cơ quan ngang Bộ có trách nhiệm nghiên cứu', on).organizations).toHaveLength(22);
    expect(resolveGroupPhrase(orgs, 'Ủy ban nhân dân cấp tỉnh', on).organizations).toHaveLength(63);
    expect(resolveGroupPhrase(orgs, '63 tỉnh, thành phố', on).organizations).toHaveLength(63);
    expect(
      resolveGroupPhrase(orgs, 'các bộ, ngành, địa phương', on)
        .groups.map((group) => group.group)
        .sort(),
    ).toEqual(['government-agencies', 'ministerial-agencies', 'ministries', 'provinces']);
    expect(resolveGroupPhrase(orgs, 'Chủ tịch Ủy ban nhân dân tỉnh Lai Châu', on).organizations).toEqual([]);
    expect(resolveGroupPhrase(orgs, 'các Bộ: Y tế, Tư pháp', on).organizations).toEqual([]);
  });

  it('resolves the press to press agencies plus VTV, VOV and TTXVN', () => {
    const press = resolveGroupPhrase(orgs, 'các cơ quan báo chí', '2023-03-21').organizations;
    expect(ids(press)).toEqual(
      expect.arrayContaining(['bao-nhan-dan', 'bao-tuoi-tre', 'dai-truyen-hinh-viet-nam', 'thong-tan-xa-viet-nam']),
    );
    expect(press.every((organization) => organization.kind === 'press-agency' || organization.isPress)).toBe(true);
  });

  it('gives the span of each group phrase and nothing for a single body', () => {
    const resolution = resolveGroupPhrase(
      orgs,
      'Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.',
      '2022-03-09',
    );
    expect(resolution.groups[0]).toMatchObject({ group: 'provinces', text: 'Ủy ban nhân dân các tỉnh, thành phố' });
    expect(resolveGroupPhrase(orgs, 'Bộ Tư pháp', '2022-03-09').organizations).toEqual([]);
    expect(resolveGroupPhrase(orgs, 'Ủy ban nhân dân tỉnh Hà Giang', '2022-03-09').organizations).toEqual([]);
  });
});

describe('currentSuccessors', () => {
  it('returns the body itself while in force', () => {
    expect(ids(currentSuccessors(orgs, 'bo-thong-tin-va-truyen-thong', '2023-03-21'))).toEqual(['bo-thong-tin-va-truyen-thong']);
  });

  it('hands the work of the Ministry of Information and Communications on', () => {
    const successors = ids(currentSuccessors(orgs, 'bo-thong-tin-va-truyen-thong', '2026-11-25'));
    expect(successors).toEqual(['bo-van-hoa-the-thao-va-du-lich', 'bo-khoa-hoc-va-cong-nghe', 'bo-cong-an']);
  });

  it('follows chains through bodies that ceased', () => {
    expect(ids(currentSuccessors(orgs, 'tinh-thua-thien-hue', '2026-11-25'))).toEqual(['thanh-pho-hue']);
    expect(ids(currentSuccessors(orgs, 'tinh-ha-giang', '2026-11-25'))).toEqual(['tinh-tuyen-quang']);
    expect(ids(currentSuccessors(orgs, 'tinh-ha-giang', '2025-06-30'))).toEqual(['tinh-ha-giang']);
    expect(ids(currentSuccessors(orgs, 'cuc-thong-tin-co-so', '2026-11-25'))).toEqual([
      'cuc-thong-tin-co-so-va-thong-tin-doi-ngoai',
    ]);
    expect(currentSuccessors(orgs, 'bo-nong-nghiep-va-moi-truong', '2024-01-01')).toEqual([]);
    expect(currentSuccessors(orgs, 'no-such-body', '2024-01-01')).toEqual([]);
  });

  it('leaves every body that ceased with a successor in force today, except those documented as leaving the state structure', () => {
    const today = '2026-11-25';
    const orphans = orgs
      .filter((organization) => organization.validTo !== null && organization.validTo < today)
      .filter((organization) => currentSuccessors(orgs, organization.id, today).length === 0)
      .map((organization) => organization.id);
    expect(orphans).toEqual(['hoc-vien-chinh-tri-quoc-gia-ho-chi-minh']);
  });
});

describe('dated names', () => {
  it('names Đồng Nai a province before 2026-04-30 and a city after', () => {
    const dongNai = orgs.find((organization) => organization.id === 'tinh-dong-nai')!;
    expect(organizationNameOn(dongNai, '2026-04-29')).toBe('Tỉnh Đồng Nai');
    expect(organizationNameOn(dongNai, '2026-04-30')).toBe('Thành phố Đồng Nai');
    expect(
      orgsInForce(orgs, '2026-11-25', ['province']).filter((organization) =>
        organization.cityStatus?.some((period) => period.status === 'centrally-run-city' && period.to === null),
      ),
    ).toHaveLength(9);
  });
});
