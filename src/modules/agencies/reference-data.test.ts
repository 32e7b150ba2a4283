import { describe, expect, it } from 'vitest';
import { referenceOrganizationLinks, referenceOrganizations } from './reference-data';
import { orgsInForce } from './resolve';

const byId = new Map(referenceOrganizations.map((organization) => [organization.id, organization]));

describe('reference organizations', () => {
  it('has unique ids, NFC names and well-formed dates', () => {
    expect(byId.size).toBe(referenceOrganizations.length);
    for (const organization of referenceOrganizations) {
      expect(organization.name).toBe(organization.name.normalize('NFC'));
      for (const alias of organization.aliases) expect(alias).toBe(alias.normalize('NFC'));
      for (const date of [organization.validFrom, organization.validTo]) {
        if (date !== null) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      if (organization.validFrom && organization.validTo) expect(organization.validFrom <= organization.validTo).toBe(true);
      expect(organization.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('links only to ids that exist, symmetrically, and only after the predecessor ended', () => {
    for (const organization of referenceOrganizations) {
      for (const successorId of organization.successors) {
        const successor = byId.get(successorId);
        expect(successor, `${organization.id} → ${successorId}`).toBeDefined();
        expect(successor!.predecessors, `${successorId} lists ${organization.id}`).toContain(organization.id);
        expect(organization.validTo, `${organization.id} has successors so it must end`).not.toBeNull();
      }
      for (const predecessorId of organization.predecessors) {
        const predecessor = byId.get(predecessorId);
        expect(predecessor, `${organization.id} ← ${predecessorId}`).toBeDefined();
        expect(predecessor!.successors, `${predecessorId} lists ${organization.id}`).toContain(organization.id);
      }
      for (const noteKey of Object.keys(organization.successorNotes ?? {})) expect(organization.successors).toContain(noteKey);
      if (organization.parentId) expect(byId.has(organization.parentId), `parent of ${organization.id}`).toBe(true);
    }
  });

  it('gives link rows an effective date the day after the predecessor ended', () => {
    const mic = referenceOrganizationLinks.filter((link) => link.predecessorId === 'bo-thong-tin-va-truyen-thong');
    expect(mic.map((link) => link.successorId).sort()).toEqual([
      'bo-cong-an',
      'bo-khoa-hoc-va-cong-nghe',
      'bo-van-hoa-the-thao-va-du-lich',
    ]);
    expect(mic.every((link) => link.effectiveOn === '2025-03-01')).toBe(true);
    const haGiang = referenceOrganizationLinks.find((link) => link.predecessorId === 'tinh-ha-giang');
    expect(haGiang).toMatchObject({ successorId: 'tinh-tuyen-quang', effectiveOn: '2025-07-01' });
  });

  it('counts the state as it was on 2023-03-21 (Chỉ thị 07/CT-TTg)', () => {
    const date = '2023-03-21';
    expect(orgsInForce(referenceOrganizations, date, ['province'])).toHaveLength(63);
    expect(orgsInForce(referenceOrganizations, date, ['ministry'])).toHaveLength(18);
    expect(orgsInForce(referenceOrganizations, date, ['ministerial-agency'])).toHaveLength(4);
    expect(orgsInForce(referenceOrganizations, date, ['government-agency'])).toHaveLength(9);
    expect(orgsInForce(referenceOrganizations, date).map((organization) => organization.id)).toContain(
      'bo-thong-tin-va-truyen-thong',
    );
  });

  it('counts the state as it is on 2026-11-25', () => {
    const date = '2026-11-25';
    expect(orgsInForce(referenceOrganizations, date, ['province'])).toHaveLength(34);
    expect(orgsInForce(referenceOrganizations, date, ['ministry'])).toHaveLength(14);
    expect(
      orgsInForce(referenceOrganizations, date, ['ministerial-agency'])
        .map((organization) => organization.id)
        .sort(),
    ).toEqual(['ngan-hang-nha-nuoc-viet-nam', 'thanh-tra-chinh-phu', 'van-phong-chinh-phu']);
    expect(
      orgsInForce(referenceOrganizations, date, ['government-agency'])
        .map((organization) => organization.shortName ?? organization.id)
        .sort(),
    ).toEqual(['TTXVN', 'VOV', 'VTV', 'vien-han-lam-khoa-hoc-va-cong-nghe-viet-nam', 'vien-han-lam-khoa-hoc-xa-hoi-viet-nam']);
    const inForceIds = orgsInForce(referenceOrganizations, date).map((organization) => organization.id);
    expect(inForceIds).not.toContain('bo-thong-tin-va-truyen-thong');
    expect(byId.get('bo-thong-tin-va-truyen-thong')!.successors).toEqual(
      expect.arrayContaining(['bo-van-hoa-the-thao-va-du-lich', 'bo-khoa-hoc-va-cong-nghe']),
    );
  });

  it('switches provinces on 2025-07-01 and ministries on 2025-03-01', () => {
    expect(orgsInForce(referenceOrganizations, '2025-06-30', ['province'])).toHaveLength(63);
    expect(orgsInForce(referenceOrganizations, '2025-07-01', ['province'])).toHaveLength(34);
    expect(orgsInForce(referenceOrganizations, '2025-02-28', ['ministry'])).toHaveLength(18);
    expect(orgsInForce(referenceOrganizations, '2025-03-01', ['ministry'])).toHaveLength(14);
    // Thừa Thiên Huế became Thành phố Huế on 2025-01-01 without changing the count.
    const late2024 = orgsInForce(referenceOrganizations, '2024-12-31', ['province']).map((organization) => organization.id);
    const early2025 = orgsInForce(referenceOrganizations, '2025-01-01', ['province']).map((organization) => organization.id);
    expect(late2024).toContain('tinh-thua-thien-hue');
    expect(early2025).toContain('thanh-pho-hue');
    expect(early2025).toHaveLength(63);
  });

  it('makes each absorbed province point at exactly one province in force from 2025-07-01', () => {
    const current = new Set(
      orgsInForce(referenceOrganizations, '2025-07-01', ['province']).map((organization) => organization.id),
    );
    const ended = referenceOrganizations.filter(
      (organization) => organization.kind === 'province' && organization.validTo === '2025-06-30',
    );
    expect(ended).toHaveLength(29);
    for (const organization of ended) {
      expect(organization.successors).toHaveLength(1);
      expect(current.has(organization.successors[0]!)).toBe(true);
    }
  });
});
