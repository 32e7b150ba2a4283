import { describe, expect, it } from 'vitest';
import { NOT_CACHED, TokenIdCache } from './token-id-cache';
import { canonicalizeUrl } from './canonical-url';
import { detectLanguage } from './language';
import { hammingDistance, isNearDuplicate, simhash, simhashBands } from './simhash';
import {
  foldedTokens,
  tokenizeForMatching,
  buildTsvector,
  buildSearchVector,
  cleanText,
  compareLexemes,
  foldedUtf8,
  summarizeTokens,
} from './text-features';
import { getDatabase } from '../../platform/db';
import { buildEntityMatcher } from './entities';
import { pseudonymizeAuthor } from './pseudonym';
import { formatLegalDocumentId } from '../legal/identity';
import { findPolicyReferences } from './policy-references';
import { tsvectorTextToBinary } from './tsvector-binary';
import { analyzeStoredText, createProcessingContext, processDocument } from './process';

describe('canonical URL', () => {
  it('normalises host, tracking parameters, fragments, trailing slashes and default ports', () => {
    expect(canonicalizeUrl('HTTPS://WWW.VnExpress.NET:443/thoi-su/a-1.html/?utm_source=fb&utm_medium=x&b=2&a=1#comments')).toBe(
      'https://vnexpress.net/thoi-su/a-1.html?a=1&b=2',
    );
    expect(canonicalizeUrl('http://tuoitre.vn/')).toBe('http://tuoitre.vn');
    expect(canonicalizeUrl('https://tuoitre.vn/a?fbclid=abc')).toBe('https://tuoitre.vn/a');
    expect(canonicalizeUrl('ftp://x.vn/a')).toBeNull();
    expect(canonicalizeUrl('not a url')).toBeNull();
  });

  it('returns URLs already in canonical form as they are, and parses the look-alikes', () => {
    expect(canonicalizeUrl('https://vnexpress.net/thoi-su/a-1.html')).toBe('https://vnexpress.net/thoi-su/a-1.html');
    expect(canonicalizeUrl('https://bench.vn/p/12')).toBe('https://bench.vn/p/12');
    expect(canonicalizeUrl('https://vnexpress.net/a/../b')).toBe('https://vnexpress.net/b');
    expect(canonicalizeUrl('http://0x7f.1/a')).toBe('http://127.0.0.1/a');
    expect(canonicalizeUrl('https://www.tuoitre.vn/a')).toBe('https://tuoitre.vn/a');
  });
});

describe('language detection', () => {
  const detect = (text: string) => {
    const tokens = tokenizeForMatching(text);
    return detectLanguage(tokens.exact, tokens.folded);
  };
  it('recognises accented and unaccented Vietnamese, English and others', () => {
    expect(detect('Chính phủ ban hành nghị định mới về học phí')).toBe('vi');
    expect(detect('chinh phu ban hanh nghi dinh moi ve hoc phi cho sinh vien')).toBe('vi');
    expect(detect('The government issued a new decree on tuition fees for students')).toBe('en');
    expect(detect('Die Regierung hat heute ein neues Gesetz beschlossen')).toBe('und');
  });
});

describe('near-duplicate fingerprints', () => {
  const base = Array.from(
    { length: 10 },
    (_, i) => `Bộ Y tế yêu cầu các bệnh viện bảo đảm đủ thuốc và vật tư y tế phục vụ người bệnh trong đợt ${i} của năm.`,
  ).join(' ');
  it('keeps copies with a changed line within distance 3 and different articles far apart', () => {
    const a = simhash(foldedTokens(base));
    const b = simhash(foldedTokens(base + ' Theo Báo Tin tức.'));
    const c = simhash(
      foldedTokens(
        'Đội tuyển bóng đá Việt Nam thắng 3-0 trên sân Mỹ Đình trong trận đấu tối qua trước hàng vạn khán giả cổ vũ nhiệt tình.',
      ),
    );
    expect(isNearDuplicate(a, b)).toBe(true);
    expect(hammingDistance(a, c)).toBeGreaterThan(10);
    // pigeonhole: near-duplicates share a band
    const bandsA = simhashBands(a);
    const bandsB = simhashBands(b);
    expect(bandsA.some((band, index) => band === bandsB[index])).toBe(true);
  });
});

describe('text features', () => {
  it('cleans HTML and entities and builds a tsvector with title weights', () => {
    expect(cleanText('<p>Học&nbsp;phí <b>tăng</b></p><script>x()</script>')).toBe('Học phí tăng');
    expect(buildTsvector(['hoc', 'phi'], ['hoc'])).toBe("'hoc':1A,4 'phi':2A");
    // only the steps that can change the text run: the result is the full chain's
    expect(cleanText('“Học phí”\u00a0–  tăng…\r\n \n\n\n\tx`')).toBe('"Học phí" - tăng...\n\nx\'');
    expect(cleanText('a \r b')).toBe('a  b');
  });

  it('writes lexemes in PostgreSQL order, the same text from the token facts as from the strings', async () => {
    const title = tokenizeForMatching('Học phí Đại học 2024 tăng: Ω và Жизнь, 東京 học');
    const body = tokenizeForMatching(
      'hoc hóc HỌC hoca hoc0 Hoc zz z9 a aa ab abcdefg abcdefgh abcdefga năm nam 2024 20 ωmega éz ña 東 京 ' + 'x '.repeat(300),
    );
    const vector = buildSearchVector(title, body);
    expect(vector).toBe(buildTsvector(title.folded, body.folded));
    const lexemes = [...vector.matchAll(/'([^']*)'/g)].map((match) => match[1]!);
    for (let i = 1; i < lexemes.length; i++) expect(compareLexemes(lexemes[i - 1]!, lexemes[i]!)).toBeLessThan(0);
    expect(vector).toContain("'hoc':1A,4A,11A,13,14,15,18 ");
    expect(lexemes.filter((lexeme) => lexeme === 'x')).toHaveLength(1);
    expect(vector).toMatch(/'x':(\d+,){255}\d+ /);
    // PostgreSQL prints a tsvector sorted: it prints ours unchanged
    const { pool } = await getDatabase();
    const { rows } = await pool.query<{ text: string }>('SELECT $1::tsvector::text AS text', [vector]);
    expect(rows[0]!.text).toBe(vector);
    expect(Buffer.from(foldedUtf8(title, body)).toString()).toBe(title.folded.concat(body.folded).join(' '));
  });

  it('writes the search vector in the binary form of PostgreSQL, byte for byte what tsvectorsend gives', async () => {
    const { pool } = await getDatabase();
    const cases = [
      [
        tokenizeForMatching('Học phí Đại học 2024 tăng: Ω và Жизнь, 東京 học'),
        tokenizeForMatching('hoc hóc HỌC ωmega ña 東 京 x x'),
      ],
      // past position 16,383 positions are clamped: written once, as PostgreSQL keeps them
      [tokenizeForMatching('Tựa đề'), tokenizeForMatching(`${'mot hai ba '.repeat(5600)}cuoi cuoi`)],
      [tokenizeForMatching(''), tokenizeForMatching('')],
    ] as const;
    for (const [title, body] of cases) {
      const binary = summarizeTokens(title, body)!.searchVector;
      const text = buildTsvector(title.folded, body.folded);
      const { rows } = await pool.query<{ sent: Buffer }>('SELECT tsvectorsend($1::tsvector) AS sent', [text]);
      expect(Buffer.from(binary).equals(rows[0]!.sent)).toBe(true);
      // the fallback for texts without token facts writes the same bytes
      expect(Buffer.from(tsvectorTextToBinary(text)).equals(rows[0]!.sent)).toBe(true);
    }
  });

  it('orders lexemes as UTF-8 bytes, shorter first', () => {
    expect(['b', 'ab', 'a', 'é', 'z', '\uffff', '\u{10000}', 'A', '0'].sort(compareLexemes)).toEqual([
      '0',
      'A',
      'a',
      'ab',
      'b',
      'z',
      'é',
      '\uffff',
      '\u{10000}',
    ]);
  });

  it('cleans text as the full chain of steps would', () => {
    // new-style tones re-placed only when a new-style syllable is there; carriage returns can join letters
    expect(cleanText('Hoà bình, thuý, quà')).toBe('Hòa bình, thúy, quà');
    expect(cleanText('quà và hoàn')).toBe('quà và hoàn');
    expect(cleanText('khoẻ\r\nmạnh  ')).toBe('khỏe\nmạnh');
    expect(cleanText('ho\u0300a')).toBe('hòa');
    expect(cleanText(' a \n\n \n b ')).toBe('a\n\nb');
    // each run alone: spaces, space before or after a newline, three newlines
    expect(['a  b', 'a \nb', 'a\n b', 'a\n\n\nb', 'a\n\nb'].map(cleanText)).toEqual(['a b', 'a\nb', 'a\nb', 'a\n\nb', 'a\n\nb']);
  });

  it('finds directory bodies and provinces without accents', () => {
    const matcher = buildEntityMatcher([
      { id: 'bo-y-te', kind: 'ministry', names: ['Bộ Y tế', 'BYT'] },
      { id: 'tinh-ha-giang', kind: 'province', names: ['Tỉnh Hà Giang'] },
    ]);
    expect(matcher.find(foldedTokens('bo y te va UBND ha giang'))).toEqual(['bo-y-te', 'tinh-ha-giang']);
    // across the title and the body, as one sequence
    expect(matcher.findInStreams(tokenizeForMatching('Tin từ Bộ'), tokenizeForMatching('Y tế và tỉnh Hà Giang'))).toEqual([
      'bo-y-te',
      'tinh-ha-giang',
    ]);
    expect(matcher.findInStreams(tokenizeForMatching('Bộ Y'), tokenizeForMatching('tế'))).toEqual(
      matcher.find(['bo', 'y', 'te']),
    );
  });

  it('finds the policies a text cites: one entity per document, however it is written', () => {
    const text =
      'Theo Nghị định số 9/2017/NĐ-CP, nay là nghi dinh 09 / 2017 / ND-CP; Chỉ thị 07/CT-TTg ngày 21/3/2023, Luật số ' +
      '91/2025/QH15, Công văn 837/BTTTT-CBC và Nghị định liên tịch số 01/2008/NĐLT-BCA. Giá 5.000 đồng/kg, ngày 30/3/2022, ' +
      'tỷ lệ 1/3, km 12/CT (không phải văn bản).';
    expect(findPolicyReferences(text)).toEqual([
      'policy:nghi-dinh:09/2017/nd-cp',
      'policy:chi-thi:07/ct-ttg',
      'policy:luat:91/2025/qh15',
      'policy:cong-van:837/btttt-cbc',
      'policy:nghi-dinh:01/2008/ndlt-bca',
    ]);
    expect(findPolicyReferences(text).map(formatLegalDocumentId)).toEqual([
      'Nghị định 09/2017/NĐ-CP',
      'Chỉ thị 07/CT-TTg',
      'Luật 91/2025/QH15',
      'Công văn 837/BTTTT-CBC',
      'Nghị định 01/2008/NĐLT-BCA',
    ]);
    expect(findPolicyReferences('Không có văn bản nào, chỉ ngày 21/3/2023 và 5 USD/tấn.')).toEqual([]);
    // a processed document lists them after the directory's entities, title and text together
    const context = createProcessingContext({
      secret: 'k',
      entities: buildEntityMatcher([{ id: 'bo-y-te', kind: 'ministry', names: ['Bộ Y tế'] }]),
    });
    const result = processDocument(
      {
        title: 'Thực hiện Quyết định 407/QĐ-TTg',
        text: 'Bộ Y tế triển khai Quyết định số 407/QĐ-TTg và Nghị định 244/2026/NĐ-CP.',
        publishedAt: '2026-11-01T00:00:00Z',
        kind: 'news',
      },
      context,
    );
    expect(result.ok && result.document.entityIds).toEqual([
      'bo-y-te',
      'policy:quyet-dinh:407/qd-ttg',
      'policy:nghi-dinh:244/2026/nd-cp',
    ]);
  });

  it('reads a name several dated entries go by as the one in force on the publication date (Vietnam time)', () => {
    const matcher = buildEntityMatcher([
      { id: 'policy:luat:103/2016/qh13', kind: 'luat', names: ['Luật Báo chí'], validFrom: '2017-01-01', validTo: '2026-06-30' },
      { id: 'policy:luat:126/2025/qh15', kind: 'luat', names: ['Luật Báo chí'], validFrom: '2026-07-01' },
      { id: 'cuc-bao-chi-bo-tttt', kind: 'department', names: ['Cục Báo chí'], validTo: '2025-02-28' },
      { id: 'cuc-bao-chi', kind: 'department', names: ['Cục Báo chí'], validFrom: '2025-03-01' },
      // an undated name shared by two bodies stays ambiguous: both
      { id: 'thu-tuong-chinh-phu', kind: 'government', names: ['TTCP xx'] },
      { id: 'thanh-tra-chinh-phu', kind: 'government', names: ['TTCP xx'] },
    ]);
    const tokens = foldedTokens('Cục Báo chí góp ý dự thảo sửa Luật Báo chí; TTCP xx');
    expect(matcher.find(tokens, new Date('2025-05-01T00:00:00Z'))).toEqual([
      'cuc-bao-chi',
      'policy:luat:103/2016/qh13',
      'thu-tuong-chinh-phu',
      'thanh-tra-chinh-phu',
    ]);
    expect(matcher.find(tokens, new Date('2024-12-01T00:00:00Z')).slice(0, 2)).toEqual([
      'cuc-bao-chi-bo-tttt',
      'policy:luat:103/2016/qh13',
    ]);
    // 30/6/2026 20:00 UTC is already 1/7/2026 in Vietnam
    expect(matcher.find(tokens, new Date('2026-06-30T20:00:00Z')).slice(0, 2)).toEqual([
      'cuc-bao-chi',
      'policy:luat:126/2025/qh15',
    ]);
    expect(matcher.find(tokens, new Date('2026-06-30T16:00:00Z'))[1]).toBe('policy:luat:103/2016/qh13');
    // before any of them: the first to begin; without a date: every entry of the name
    expect(matcher.find(foldedTokens('Luật Báo chí'), new Date('2010-01-01T00:00:00Z'))).toEqual(['policy:luat:103/2016/qh13']);
    expect(matcher.find(foldedTokens('Luật Báo chí'))).toEqual(['policy:luat:103/2016/qh13', 'policy:luat:126/2025/qh15']);
    // processing passes the document's publication time, with the token facts as with the strings
    const context = createProcessingContext({ secret: 'k', entities: matcher });
    const processed = (publishedAt: string) => {
      const result = processDocument(
        { title: 'Luật Báo chí', text: 'Cục Báo chí hướng dẫn.', publishedAt, kind: 'news' },
        context,
      );
      return result.ok ? result.document.entityIds : [];
    };
    expect(processed('2026-08-01T00:00:00Z')).toEqual(['policy:luat:126/2025/qh15', 'cuc-bao-chi']);
    expect(processed('2024-08-01T00:00:00Z')).toEqual(['policy:luat:103/2016/qh13', 'cuc-bao-chi-bo-tttt']);
  });

  it('pseudonymises authors with a key, case- and @-insensitively', () => {
    expect(pseudonymizeAuthor('k1', '@NguyenVanA')).toBe(pseudonymizeAuthor('k1', 'nguyenvana'));
    expect(pseudonymizeAuthor('k1', 'a')).not.toBe(pseudonymizeAuthor('k2', 'a'));
  });
});

describe('language-core analysis with the token streams', () => {
  it('gives the result of the text alone, reasons spelled as written', async () => {
    const { createTextCoreAnalyzer } = await import('./analysis');
    const analyze = createTextCoreAnalyzer();
    const cases = [
      {
        title: 'Người dân Bức Xúc vì thủ tục',
        text: 'Cán bộ phường làm việc QUÁ CHẬM, dân rất bức xúc. Giá 1.234.000 đồng, COVID19 và F0 tăng; không hài lòng!',
      },
      { title: 'Thành công', text: 'Dự án hoàn thành vượt kế hoạch, người dân rất hài lòng và ủng hộ. '.repeat(200) },
      // the analysis reads 6,000 characters of the text: here the cut falls inside "khoẻmạnh19"
      { title: 'Bóng đá', text: `${'Đội tuyển thắng trận, cầu thủ ghi bàn. '.repeat(153)}${'bàn '.repeat(7)}khoẻmạnh19 thắng` },
      // a combining mark outside U+0300–U+036F splits a token here, not a word of the language core
      { title: 'Cầu thủ', text: 'Đội tuy\u0483ển th\u0483ắng trận chung kết, cầu th\u0483ủ ghi bàn' },
    ];
    for (const { title, text } of cases) {
      const withStreams = analyze({
        title,
        text,
        foldedTokens: [],
        titleTokens: tokenizeForMatching(title),
        textTokens: tokenizeForMatching(text),
      });
      expect(withStreams).toEqual(analyze({ title, text, foldedTokens: [] }));
    }
    expect(
      analyze({
        title: 'Bức Xúc',
        text: 'Dân Bức Xúc',
        foldedTokens: [],
        titleTokens: tokenizeForMatching('Bức Xúc'),
        textTokens: tokenizeForMatching('Dân Bức Xúc'),
      }).reasons,
    ).toContain('Bức Xúc');
  });
  it('re-reads a stored document for one kind of label as processing read it for both', async () => {
    const { createTextCoreAnalyzer } = await import('./analysis');
    const analyze = createTextCoreAnalyzer();
    const cases = [
      { title: 'Người dân bức xúc', text: 'Cán bộ phường làm việc quá chậm, dân rất bức xúc và không hài lòng.' },
      // long enough that only the lead is tokenised: the cut at 6,000 characters falls inside "khoẻmạnh19", and
      // a surrogate pair far past it would send the whole text down the tokenizer's slow path
      {
        title: 'Bóng đá',
        text: `${'Đội tuyển thắng trận, cầu thủ ghi bàn. '.repeat(153)}${'bàn '.repeat(7)}khoẻmạnh19 thắng ${'vi phạm '.repeat(900)}😀`,
      },
      {
        title: 'Thành công',
        text: `${'Dự án hoàn thành vượt kế hoạch, người dân hài lòng. '.repeat(115)}x${'y'.repeat(300)} tốt`,
      },
    ];
    for (const { title, text } of cases) {
      const both = processDocument(
        { title, text, url: 'https://bao.vn/a', publishedAt: '2026-11-01T00:00:00Z', source: 'Báo' },
        { ...createProcessingContext({ secret: 'k', entities: buildEntityMatcher([]) }), analyze },
      );
      if (!both.ok) throw new Error(both.reason);
      const { topic, topicScore, sentiment, sentimentScore, sentimentReasons } = both.document;
      const onlyTopic = analyzeStoredText(analyze, title, text, 'topic');
      expect({ topic: onlyTopic.topic, topicScore: onlyTopic.topicScore }).toEqual({ topic, topicScore });
      const onlySentiment = analyzeStoredText(analyze, title, text, 'sentiment');
      expect({
        sentiment: onlySentiment.sentiment,
        sentimentScore: onlySentiment.sentimentScore,
        sentimentReasons: onlySentiment.reasons,
      }).toEqual({ sentiment, sentimentScore, sentimentReasons });
      // what the one-kind analyses skip is empty, not a stale or guessed label
      expect(onlySentiment.topic).toBeNull();
      expect(onlyTopic.reasons).toEqual([]);
    }
  });
  it('reads the words of the analysed text from the token streams as the tokenizer reads them', async () => {
    // (a namespace, not destructured: `textWords` and `wordCount` are reassigned by every read)
    const words = await import('../../text/sentiment-text-words');
    const { knownWordsOf } = await import('./sentiment-known-words');
    // what `readWords` read: words and numbers as their spans, BOUNDARY (-1) and COMMA (-2) as numbers, and how
    // many words are of letters
    const read = (text: string, known?: ReturnType<typeof knownWordsOf>) => {
      words.readWords(text, known);
      const read = Array.from(words.textWords.slice(0, words.wordCount), (id, k) =>
        id < 0 ? id : text.slice(words.wordStarts[k], words.wordEnds[k]),
      );
      return { read, letterWords: words.letterWords, markedWords: words.markedWords };
    };
    const cases: [string, string][] = [
      ['Giá tăng 1.234.000 đồng', 'ngày 31/3/2022, lãi 2,5%; COVID19 và F0, 20h30 tối… Rất tốt?! Thế "ổn", (không).'],
      ['Bộ trưởng: "Hài lòng"', 'Số 1.5kg, 3G/4G, H5N1; ...và 10.000.000 người—tăng – giảm — ổn!!! Tạm ổn ,, được.'],
      ['Liên hệ', 'Gửi thư tới ban@bo.gov.vn, rất tốt.'],
      ['Nguồn', 'Xem https://bo.gov.vn/tin-tuc?id=1.5, rất tốt.'],
      ['Nguồn', 'Xem www.bo.gov.vn/tin, rất tốt.'],
      ['Dấu lẻ', 'Tố\u0483t lắm, chữ ΣΟΦΙΑ và İstanbul; 😀 vui'],
      ['Tiêu đề', 'Câu dài bị cắt ở giữa một từ'],
    ];
    for (const [title, text] of cases) {
      const titleTokens = tokenizeForMatching(title);
      const textTokens = tokenizeForMatching(text);
      // the last case cuts the text inside a word, as the analysis does past its character limit
      const textEnd = text.endsWith('một từ') ? text.length - 2 : text.length;
      const analysed = `${title}\n${text.slice(0, textEnd)}`;
      const known = knownWordsOf(titleTokens, textTokens, title.length, textEnd);
      expect(read(analysed, known), analysed).toEqual(read(analysed));
    }
    expect(read('Tốt, rất tốt 20h.')).toEqual({ read: ['Tốt', -2, 'rất', 'tốt', '20', 'h', -1], letterWords: 4, markedWords: 3 });
  });
});

describe('token id cache', () => {
  it('returns a value only for the token and generation it was stored under', () => {
    const cache = new TokenIdCache();
    expect(cache.get(7)).toBe(NOT_CACHED);
    expect(cache.set(7, 42)).toBe(42);
    expect(cache.get(7)).toBe(42);
    expect(cache.get(7 + (1 << 16))).toBe(NOT_CACHED); // same slot, another token
    expect(cache.get(7, 1)).toBe(NOT_CACHED); // a newer generation drops it
  });
});
