import { describe, expect, it } from 'vitest';
import { formatBytes, formatNumber, formatShare } from './format';

describe('Vietnamese number formats', () => {
  it('groups thousands with dots and writes shares as percentages with a decimal comma', () => {
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatShare(1 / 139)).toBe('0,7 %');
    expect(formatShare(0.5)).toBe('50 %');
    expect(formatShare(null)).toBe('—');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536 * 1024)).toBe('1,5 MB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GB');
  });
});
