import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createTestOrganization, createTestUser, signInAs, testApp } from '../../../test/factories';
import { neutralizeFormula, splitCsvRecords } from './directory-csv';

interface Report {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; field: string | null; reason: string }[];
}
const header =
  'organization_id,unit_name,unit_is_dedicated,staff_dedicated,staff_part_time,contact_role,contact_full_name,contact_position,contact_phone,contact_email';

async function importCsv(client: Awaited<ReturnType<typeof signInAs>>, csv: string, as: 'text' | 'multipart' = 'text') {
  if (as === 'multipart') {
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'danh-ba.csv');
    return testApp().request('/api/directory/import', { method: 'POST', headers: client.headers, body: form });
  }
  return testApp().request('/api/directory/import', {
    method: 'POST',
    headers: { ...client.headers, 'content-type': 'text/csv; charset=utf-8' },
    body: csv,
  });
}

describe('directory CSV', () => {
  it('imports good rows and reports each bad row with its line and field; nothing of a bad row is saved', async () => {
    const coordinator = await signInAs(await createTestUser({ role: 'coordinator' }));
    const a = await createTestOrganization();
    const b = await createTestOrganization({ kind: 'ministry', name: 'Bộ Thử nghiệm CSV' });
    const csv = [
      '\uFEFF' + header,
      `${a.id},Phòng Truyền thông,có,2,3,đầu mối,Nguyễn Văn An,Trưởng phòng,0243 826 1234,an.nv@example.gov.vn`,
      `${a.id},,,,,người phát ngôn,"Trần Thị Bình","Phó Giám đốc Sở, người phát ngôn",0912345678,`,
      `${b.id},Vụ Truyền thông,yes,ba,1,,,,,`,
      `khong-ton-tai,Phòng X,no,1,1,,,,,`,
      `${b.id},"Vụ có ""ngoặc"" và
xuống dòng",no,1,0,spokesperson,Lê Văn Cường,,abc,`,
      `${b.id},Vụ,no,1`,
      `${b.id},"mở ngoặc không đóng,no,1,0,,,,,`,
      `${b.id},${'V'.repeat(301)},no,1,0,,,,,`,
      `${b.id},Vụ Báo chí,không,4,0,spokesperson,Phạm Thu Dung,Vụ trưởng,,dung@example`,
      `${b.id},Vụ Báo chí,không,4,0,spokesperson,Phạm Thu Dung,Vụ trưởng,+84 24 3943 0000,dung.pt@example.gov.vn`,
      '',
    ].join('\r\n');
    const response = await importCsv(coordinator, csv);
    expect(response.status).toBe(200);
    const report = (await response.json()) as Report;
    expect(report.rejected).toEqual([
      { line: 4, field: 'staff_dedicated', reason: '"ba" is not a whole number from 0 to 100000' },
      { line: 5, field: 'organization_id', reason: 'unknown organization "khong-ton-tai"' },
      { line: 6, field: 'contact_phone', reason: expect.stringContaining('"abc"') as string },
      { line: 8, field: null, reason: 'expected 10 fields as in the header, found 4' },
      { line: 9, field: null, reason: 'a quoted field is never closed' },
      { line: 10, field: 'unit_name', reason: 'longer than 300 characters' },
      { line: 11, field: 'contact_email', reason: '"dung@example" is not a valid email address' },
    ]);
    expect(report).toMatchObject({ imported: 3, updated: 0, unchanged: 0 });

    const profileA = (await (await coordinator.request(`/api/organizations/${a.id}/network`)).json()) as {
      unit: { name: string; isDedicated: boolean; staffDedicated: number; staffPartTime: number };
      focalPoints: { fullName: string; phone: string }[];
      spokespersons: { fullName: string; position: string }[];
    };
    expect(profileA.unit).toMatchObject({ name: 'Phòng Truyền thông', isDedicated: true, staffDedicated: 2, staffPartTime: 3 });
    expect(profileA.focalPoints.map((c) => c.fullName)).toEqual(['Nguyễn Văn An']);
    expect(profileA.spokespersons[0]).toMatchObject({ fullName: 'Trần Thị Bình', position: 'Phó Giám đốc Sở, người phát ngôn' });
    // Line 4 (a bad staff count) saved nothing, not even its valid unit name; line 12 saved the unit and contact.
    const profileB = (await (await coordinator.request(`/api/organizations/${b.id}/network`)).json()) as {
      unit: { name: string; staffDedicated: number };
      spokespersons: { fullName: string }[];
    };
    expect(profileB.unit).toMatchObject({ name: 'Vụ Báo chí', staffDedicated: 4 });
    expect(profileB.spokespersons.map((c) => c.fullName)).toEqual(['Phạm Thu Dung']);

    // Importing the same rows again matches the same people and changes nothing.
    const again = (await (await importCsv(coordinator, csv, 'multipart')).json()) as Report;
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 3 });
  });

  it('round-trips an export: contacts matched by contact_id are updated, not duplicated', async () => {
    const officer = await createTestUser({ role: 'officer' });
    const client = await signInAs(officer);
    await client.request(`/api/organizations/${officer.organizationId}/network`, {
      method: 'PUT',
      body: { unitName: 'Văn phòng UBND', staffDedicated: 1 },
    });
    await client.request(`/api/organizations/${officer.organizationId}/contacts`, {
      method: 'POST',
      body: { role: 'focal-point', fullName: 'Đỗ Minh Khoa', email: 'khoa@example.gov.vn' },
    });

    const exported = await client.request(`/api/directory/export.csv?kind=province`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await exported.arrayBuffer());
    // UTF-8 byte-order mark, for Excel.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString('utf8'), { columns: true }) as Record<string, string>[];
    const own = rows.filter((row) => row.organization_id === officer.organizationId);
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({
      unit_name: 'Văn phòng UBND',
      unit_is_dedicated: 'no',
      staff_dedicated: '1',
      contact_role: 'focal-point',
      contact_full_name: 'Đỗ Minh Khoa',
      contact_email: 'khoa@example.gov.vn',
    });

    const columns = Object.keys(own[0]!);
    const edited: Record<string, string> = {
      ...own[0]!,
      contact_full_name: 'Đỗ Minh Khoa (đã đổi)',
      contact_email: 'khoa.dm@example.gov.vn',
    };
    const csv = [columns.join(','), columns.map((c) => `"${String(edited[c] ?? '').replace(/"/g, '""')}"`).join(',')].join('\n');
    const report = (await (await importCsv(client, csv)).json()) as Report;
    expect(report).toMatchObject({ imported: 0, updated: 1, rejected: [] });
    const contacts = (await (await client.request(`/api/organizations/${officer.organizationId}/contacts`)).json()) as {
      fullName: string;
      email: string;
    }[];
    expect(contacts).toEqual([expect.objectContaining({ fullName: 'Đỗ Minh Khoa (đã đổi)', email: 'khoa.dm@example.gov.vn' })]);
  });

  it('rolls back the whole row when a later part of it fails in the database (savepoint per row)', async () => {
    const officer = await createTestUser({ role: 'officer' });
    const client = await signInAs(officer);
    await client.request(`/api/organizations/${officer.organizationId}/network`, { method: 'PUT', body: { unitName: 'Tên cũ' } });
    const coordinator = await signInAs(await createTestUser({ role: 'coordinator' }));
    const other = await createTestOrganization();
    const foreign = (await (
      await coordinator.request(`/api/organizations/${other.id}/contacts`, {
        method: 'POST',
        body: { role: 'spokesperson', fullName: 'Người Tỉnh Khác' },
      })
    ).json()) as { id: string };
    // The unit name is written first, then the contact id turns out to belong to another organization.
    const csv = `organization_id,unit_name,contact_id,contact_role,contact_full_name\n${officer.organizationId},Tên mới,${foreign.id},spokesperson,Người Tỉnh Khác (sửa)\n${officer.organizationId},Tên mới hơn,,,\n`;
    const report = (await (await importCsv(client, csv)).json()) as Report;
    expect(report.rejected).toEqual([
      { line: 2, field: 'contact_id', reason: `contact ${foreign.id} does not belong to ${officer.organizationId}` },
    ]);
    expect(report).toMatchObject({ imported: 0, updated: 1 });
    const profile = (await (await client.request(`/api/organizations/${officer.organizationId}/network`)).json()) as {
      unit: { name: string };
    };
    expect(profile.unit.name).toBe('Tên mới hơn');
    const admin = await signInAs(await createTestUser({ role: 'administrator' }));
    const audit = (await (
      await admin.request(`/api/audit?entityType=network-profile&entityId=${officer.organizationId}`)
    ).json()) as { items: { after: { unitName: string } }[] };
    // No audit entry survives from the rolled-back row.
    expect(audit.items.map((e) => e.after.unitName)).toEqual(['Tên mới hơn', 'Tên cũ']);
    const foreignNow = (await (await coordinator.request(`/api/organizations/${other.id}/contacts`)).json()) as {
      fullName: string;
    }[];
    expect(foreignNow.map((c) => c.fullName)).toEqual(['Người Tỉnh Khác']);
  });

  it('exports public fields only to signed-out visitors', async () => {
    const officer = await createTestUser({ role: 'officer' });
    const client = await signInAs(officer);
    await client.request(`/api/organizations/${officer.organizationId}/contacts`, {
      method: 'POST',
      body: { role: 'spokesperson', fullName: 'Hoàng Bí Mật', phone: '0900000000' },
    });
    const text = await (await testApp().request('/api/directory/export.csv')).text();
    const [columns] = parse(text, { bom: true, to: 1 }) as string[][];
    expect(columns).toEqual([
      'organization_id',
      'organization_name',
      'kind',
      'unit_name',
      'unit_is_dedicated',
      'staff_dedicated',
      'staff_part_time',
    ]);
    expect(text).toContain(officer.organizationId);
    expect(text).not.toContain('Hoàng Bí Mật');
  });

  it('limits officers to their own organization and refuses viewers, signed-out uploads and bad headers', async () => {
    const officer = await createTestUser({ role: 'officer' });
    const other = await createTestOrganization();
    const client = await signInAs(officer);
    const report = (await (
      await importCsv(client, `organization_id,unit_name\n${officer.organizationId},Phòng A\n${other.id},Phòng B\n`)
    ).json()) as Report;
    expect(report).toMatchObject({
      imported: 1,
      rejected: [{ line: 3, field: 'organization_id', reason: `you may not edit ${other.id}` }],
    });

    const viewer = await signInAs(await createTestUser({ role: 'viewer' }));
    expect((await importCsv(viewer, `organization_id,unit_name\n${other.id},X\n`)).status).toBe(403);
    expect(
      (
        await testApp().request('/api/directory/import', {
          method: 'POST',
          headers: { 'content-type': 'text/csv' },
          body: 'organization_id\n',
        })
      ).status,
    ).toBe(401);

    const badHeader = await importCsv(client, 'organization_id,unit_name,salary\nx,y,z\n');
    expect(badHeader.status).toBe(400);
    expect(((await badHeader.json()) as { invalidFields: { path: string }[] }).invalidFields[0]!.path).toBe('line 1: column 3');
    expect((await importCsv(client, '')).status).toBe(400);
    const wrongType = await testApp().request('/api/directory/import', {
      method: 'POST',
      headers: { ...client.headers, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(wrongType.status).toBe(400);
  });

  it('splits records on unquoted newlines and keeps the line each starts on', () => {
    expect(splitCsvRecords('a,b\n"x\ny",1\n\n2,3\r\n"open,4\n5,6').map((r) => [r.line, r.isUnclosed ?? false])).toEqual([
      [1, false],
      [2, false],
      [5, false],
      [6, true],
      [7, false],
    ]);
  });

  it('neutralizes spreadsheet formulas in exported cells but leaves phone numbers alone', () => {
    expect(neutralizeFormula('=HYPERLINK("http://evil","x")')).toBe('\'=HYPERLINK("http://evil","x")');
    expect(neutralizeFormula("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(neutralizeFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralizeFormula('+84 24 3825 1234')).toBe('+84 24 3825 1234');
    expect(neutralizeFormula('Nguyễn Văn An')).toBe('Nguyễn Văn An');
  });

  it('round-trips a formula-like value through export and import unchanged', async () => {
    const officer = await createTestUser({ role: 'officer' });
    const client = await signInAs(officer);
    await client.request(`/api/organizations/${officer.organizationId}/network`, {
      method: 'PUT',
      body: { unitName: '=Phòng (thử)' },
    });
    const text = Buffer.from(await (await client.request('/api/directory/export.csv?kind=province')).arrayBuffer()).toString(
      'utf8',
    );
    const line = text.split('\r\n').find((row) => row.startsWith(officer.organizationId))!;
    expect(line).toContain(",'=Phòng (thử),");
    const header = text.split('\r\n')[0]!;
    const report = (await (await importCsv(client, `${header}\r\n${line}\r\n`)).json()) as Report;
    expect(report).toMatchObject({ imported: 0, updated: 0, unchanged: 1, rejected: [] });
  });
});
